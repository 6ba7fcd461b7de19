"""The check interface: a registered function ``(segment, translation, context) -> Iterable[Issue]``.

Checks read the spans that earlier stages attached (term hits, numbers, dates) to the source
segment and to its translation, and never import the stage that made them. A target span with the
same ``id`` as a source span is its counterpart. The first line of a check's docstring is the title
reviewers see; its ``kinds`` attribute (optional) maps each issue code it raises to a title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ..model import Issue, Segment, Translation


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckContext:
    """Where a (segment, translation) pair comes from: its languages and, for files, file and line."""

    source_lang: str
    target_lang: str
    file: str = ""
    line: int | None = None


class Check(Protocol):
    """A QA check; registered under the ``newsl10n.checks`` entry-point group."""

    def __call__(self, segment: Segment, translation: Translation, context: CheckContext) -> Iterable[Issue]:
        """Every problem found in this pair (an empty iterable when there is none)."""
        ...
