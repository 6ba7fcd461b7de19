"""The data model at the centre of newsl10n: Document → Block → Segment, and Translations aligned by id.

Offsets are half-open ``[start, end)`` indexes into Python ``str`` code points of the block text.
Segments tile their block: ``"".join(s.text for s in segs) == block.text``.

Inline markup never reaches an engine as raw markup: readers replace it by placeholders in the
block text, ``⟦n⟧`` for an opening or standalone code and ``⟦/n⟧`` for a closing one, and keep the
original markup in :class:`Code` values so writers can put it back byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal[
    "label",  # a date or section label above the headline
    "headline",
    "standfirst",
    "heading",
    "byline",
    "dateline",
    "paragraph",
    "quote",
    "caption",
    "list_item",
    "alt_text",  # an image's alt or title attribute
    "metadata",  # a page's description for search engines and social cards
]

Origin = Literal["mt", "tm", "human", "copy"]
Severity = Literal["error", "warning", "info"]
CodeKind = Literal["pair", "standalone"]

PLACEHOLDER_RE = re.compile(r"⟦(/?)(\d+)⟧")
"""Matches a placeholder: group 1 is ``/`` for a closing code, group 2 the code id."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Code:
    """One piece of inline markup (a link, emphasis, a line break) kept out of the text.

    ``opening`` is the original markup of the opening (or standalone) code, ``closing`` that of the
    closing code of a pair. ``ctype`` is a coarse type (``link``, ``bold``, ``italic``, ``lb``,
    ``code``, ``other``) for XLIFF and review tools.
    """

    id: int
    kind: CodeKind
    ctype: str
    opening: str
    closing: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A typed range inside a segment: a term hit, a number, a date or an inline code."""

    id: str
    start: int
    end: int
    kind: str
    value: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A sentence of a block; ``text`` includes the whitespace that follows it in the block."""

    id: str
    block_id: str
    start: int
    end: int
    text: str
    spans: tuple[Span, ...] = ()

    @property
    def content(self) -> str:
        """The sentence without its trailing whitespace."""
        return self.text.rstrip()


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A structural unit of an article (headline, byline, paragraph…) and its sentences."""

    id: str
    kind: BlockKind
    text: str
    codes: tuple[Code, ...] = ()
    segments: tuple[Segment, ...] = ()
    translatable: bool = True

    def code(self, code_id: int) -> Code:
        """Return the inline code with this id."""
        for c in self.codes:
            if c.id == code_id:
                return c
        raise KeyError(code_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Slot:
    """A place in a document's skeleton where a block's text goes.

    ``line_prefix`` is re-inserted after each newline of the block text (Markdown block quotes
    and list continuation lines, whose markers are not part of the text). ``raw`` is the original
    markup of the block, written back as is while the block text is unchanged (HTML entities and
    attribute quoting survive a round trip byte for byte).
    """

    block_id: str
    line_prefix: str = ""
    raw: str = ""
    attribute: bool = False
    """The block is an attribute value in the source markup: written with quotes escaped."""


SkeletonPart = str | Slot


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A news article: its blocks, and the skeleton that lays them back out in the source format.

    ``skeleton`` is a sequence of literal source strings (markup, blank lines) and :class:`Slot`
    values; writing every literal and every block's text in order reproduces the source.
    """

    id: str
    source_lang: str
    format: str
    blocks: tuple[Block, ...]
    skeleton: tuple[SkeletonPart, ...]
    meta: Mapping[str, str] = field(default_factory=dict)

    def block(self, block_id: str) -> Block:
        """Return the block with this id."""
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every segment of every block, in document order."""
        return tuple(s for b in self.blocks for s in b.segments)


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """A finding about a segment or its translation (truncation, misplaced markup, …)."""

    code: str
    severity: Severity
    message: str
    segment_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Translation:
    """The translation of one segment, aligned to it by ``segment_id``.

    ``text`` holds the target sentence with the segment's placeholders and without the trailing
    whitespace, which writers copy from the source segment.
    """

    segment_id: str
    target_lang: str
    text: str
    origin: Origin
    engine: str
    score: float | None = None
    spans: tuple[Span, ...] = ()
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RunInfo:
    """Provenance of a run, recorded by every writer."""

    tool_version: str
    segmenter: str
    engine: str
    model: str
    revision: str = ""
    glossary_hash: str = ""
    fingerprint: str = ""
    """Hash of the input and options, so a rerun can skip work that is already done."""

    def signature(self) -> str:
        """A compact provenance signature, e.g. ``v:0.1.0|seg:rules-v1|mt:bergamot/en-pt@…``."""
        mt = f"{self.engine}/{self.model}"
        if self.revision:
            mt += f"@{self.revision}"
        parts = [f"v:{self.tool_version}", f"seg:{self.segmenter}", f"mt:{mt}"]
        parts.append(f"gl:{self.glossary_hash or 'none'}")
        return "|".join(parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalisedDocument:
    """A document with its translations into one target language: what every writer consumes."""

    document: Document
    target_lang: str
    translations: Mapping[str, Translation]
    run: RunInfo
    issues: tuple[Issue, ...] = ()

    def translation(self, segment_id: str) -> Translation | None:
        """The translation of a segment, or None when it has none."""
        return self.translations.get(segment_id)

    def target_segment_text(self, segment: Segment) -> str:
        """The target text of a segment with the source's trailing whitespace restored."""
        tr = self.translations.get(segment.id)
        if tr is None:
            return segment.text
        trailing = segment.text[len(segment.text.rstrip()) :]
        return tr.text + trailing

    def target_block_text(self, block: Block) -> str:
        """The target text of a block (with placeholders), segments joined back together."""
        if not block.segments:
            return block.text
        return "".join(self.target_segment_text(s) for s in block.segments)
