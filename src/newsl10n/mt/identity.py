"""The identity engine: copies the source, for same-language runs, dry runs and tests."""

from __future__ import annotations

from typing import ClassVar

from .base import Engine, EngineOutput


class IdentityEngine(Engine):
    """Returns every sentence unchanged."""

    name: ClassVar[str] = "identity"
    capabilities: ClassVar[frozenset[str]] = frozenset({"copy"})
    """``copy``: the output is the source, so translations are recorded with origin ``copy``."""

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        return "copy", ""

    def _guard(
        self, outputs: dict[str, EngineOutput], *, source_lang: str, target_lang: str
    ) -> dict[str, EngineOutput]:
        # A copy is not a machine translation: "wrong script" and the like would only be noise.
        return outputs

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        return [EngineOutput(t) for t in texts]
