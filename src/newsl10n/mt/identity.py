"""The identity engine: copies the source, for same-language runs, dry runs and tests."""

from __future__ import annotations

from typing import ClassVar

from .base import Engine, EngineOutput


class IdentityEngine(Engine):
    """Returns every sentence unchanged."""

    name: ClassVar[str] = "identity"

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        return "copy", ""

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        return [EngineOutput(t) for t in texts]
