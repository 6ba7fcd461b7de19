"""The PivotEngine wrapper: translate through a pivot language (zh→kk as zh→en→kk) with two engines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from ..langs import language
from .base import Engine, EngineOutput, ProgressCallback


class PivotEngine(Engine):
    """Two engines chained through ``pivot``: ``first`` translates into it, ``second`` out of it.

    :meth:`describe` names both models and the pivot (``opus-mt-zh-en+opus-mt-en-kk (pivot en)``),
    so provenance shows the output was pivoted. Issues of both legs are kept on the output.
    """

    name: ClassVar[str] = "pivot"

    def __init__(self, first: Engine, second: Engine, pivot: str = "en") -> None:
        super().__init__(second.options)
        self.first = first
        self.second = second
        self.pivot = pivot
        vars(self)["name"] = first.name if first.name == second.name else f"{first.name}+{second.name}"
        vars(self)["capabilities"] = first.capabilities & second.capabilities

    def supports(self, source_lang: str, target_lang: str) -> bool:
        if language(source_lang) == language(self.pivot) or language(target_lang) == language(self.pivot):
            return False
        return self.first.supports(source_lang, self.pivot) and self.second.supports(self.pivot, target_lang)

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        m1, r1 = self.first.describe(source_lang, self.pivot)
        m2, r2 = self.second.describe(self.pivot, target_lang)
        revision = f"{r1}+{r2}" if r1 or r2 else ""
        return f"{m1}+{m2} (pivot {self.pivot})", revision

    def output_lang(self, source_lang: str, target_lang: str) -> str:
        return self.second.output_lang(self.pivot, target_lang)

    def cache_identity(self, source_lang: str, target_lang: str) -> dict[str, Any]:
        return {
            "pivot": self.pivot,
            "first": self.first.cache_identity(source_lang, self.pivot),
            "second": self.second.cache_identity(self.pivot, target_lang),
            "engine": self.name,
            "model": self.describe(source_lang, target_lang)[0],
        }

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        return self.translate(texts, source_lang=source_lang, target_lang=target_lang)

    def translate(
        self,
        texts: Sequence[str],
        *,
        source_lang: str,
        target_lang: str,
        progress: ProgressCallback | None = None,
    ) -> list[EngineOutput]:
        """Translate into the pivot, then out of it; progress counts the second leg."""
        middle = self.first.translate(texts, source_lang=source_lang, target_lang=self.pivot)
        final = self.second.translate(
            [m.text for m in middle], source_lang=self.pivot, target_lang=target_lang, progress=progress
        )
        return [
            EngineOutput(f.text, (*m.issues, *f.issues), cached=m.cached and f.cached, score=f.score)
            for m, f in zip(middle, final, strict=True)
        ]
