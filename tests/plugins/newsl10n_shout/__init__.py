"""A third-party newsl10n plugin, as a newsroom would write one: an engine, a writer and a check.

It is registered through entry points only (see ``tests/plugins/test_plugins.py``), exactly the
way newsl10n registers its own built-ins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from newsl10n.formats.base import BaseWriter
from newsl10n.model import Issue, LocalisedDocument, Segment, Translation
from newsl10n.mt.base import Engine, EngineOutput
from newsl10n.qa.base import CheckContext


class ShoutEngine(Engine):
    """Translates by upper-casing: enough to see which engine did the work."""

    name: ClassVar[str] = "shout"

    @classmethod
    def claims(cls, model: str) -> bool:
        return model == "shout:v1"

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        return "shout-v1", "r1"

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        return [EngineOutput(t.upper()) for t in texts]


class WordCountWriter(BaseWriter):
    """One line per segment: its id and the word counts of source and target."""

    kind: ClassVar[str] = "wordcount"
    suffix: ClassVar[str] = ".words.tsv"
    media_type: ClassVar[str] = "text/tab-separated-values"

    def write(self, result: LocalisedDocument) -> bytes:
        rows = ["segment\tkind\tsource_words\ttarget_words"]
        for block in result.document.blocks:
            for seg in block.segments:
                tr = result.translation(seg.id)
                words = len(tr.text.split()) if tr else 0
                rows.append(f"{seg.id}\t{block.kind}\t{len(seg.content.split())}\t{words}")
        return ("\n".join(rows) + "\n").encode("utf-8")


def check_long_target(segment: Segment, translation: Translation, context: CheckContext) -> Iterator[Issue]:
    """Targets much longer than their source."""
    if len(translation.text) > 1.5 * max(len(segment.content), 1) + 10:
        yield Issue(
            code="target-too-long",
            severity="warning",
            message=f"the target has {len(translation.text)} characters "
            f"for {len(segment.content)} in the source",
            segment_id=segment.id,
        )
