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
from types import MappingProxyType
from typing import Literal, TypeVar

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
    "credit",  # a source, editor or photo credit line ("Source: Xinhua", "责任编辑：…")
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


K = TypeVar("K")
V = TypeVar("V")


def frozen_map(items: Mapping[K, V] | None = None) -> Mapping[K, V]:
    """A read-only copy of a mapping, for the mapping fields of frozen model types."""
    if isinstance(items, MappingProxyType):
        return items
    return MappingProxyType(dict(items or {}))


def _freeze(obj: object, *names: str) -> None:
    # Frozen dataclasses: a caller's dict must not stay mutable inside a "frozen" value.
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, MappingProxyType):
            object.__setattr__(obj, name, MappingProxyType(dict(value)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A typed range inside a segment or a translation: a term hit, a number, a date, a code.

    Offsets are relative to the text the span annotates (the segment's content, or the
    translation's text). ``kind`` names what was found (``term``, ``number``, ``percent``,
    ``amount``, ``date``…); ``value`` is its canonical value (a concept id for a term, a
    normalised number or ISO date for a quantity); ``attrs`` carries what a later stage needs
    (for a term: ``dnt``, the allowed target terms, its status). A target span with the same
    ``id`` as a source span is that span's counterpart.
    """

    id: str
    start: int
    end: int
    kind: str
    value: str = ""
    attrs: Mapping[str, str] = field(default_factory=frozen_map)

    def __post_init__(self) -> None:
        _freeze(self, "attrs")


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
    _code_index: Mapping[int, Code] = field(init=False, repr=False, compare=False, hash=False)
    """Code id → code (the first with that id), built once: every lookup is constant time."""

    def __post_init__(self) -> None:
        index: dict[int, Code] = {}
        for c in self.codes:
            index.setdefault(c.id, c)
        object.__setattr__(self, "_code_index", MappingProxyType(index))

    def code(self, code_id: int) -> Code:
        """Return the inline code with this id (constant time); KeyError when the block has none."""
        return self._code_index[code_id]


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
    meta: Mapping[str, str] = field(default_factory=frozen_map)

    def __post_init__(self) -> None:
        _freeze(self, "meta")

    def block(self, block_id: str) -> Block:
        """Return the block with this id (constant time for readers' ids b1, b2, b3…)."""
        n = int(block_id[1:]) if block_id[:1] == "b" and block_id[1:].isdigit() else 0
        if 0 < n <= len(self.blocks) and self.blocks[n - 1].id == block_id:
            return self.blocks[n - 1]
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every segment of every block, in document order."""
        return tuple(s for b in self.blocks for s in b.segments)


@dataclass(frozen=True, slots=True)
class BilingualUnit:
    """One translation unit (or segment) of a bilingual file: plain source and target text."""

    file: str
    unit: str
    line: int | None
    source: str
    target: str
    source_lang: str
    target_lang: str
    state: str = ""
    """XLIFF 2 state of the target (``initial``, ``translated``, ``reviewed``, ``final``); "" when the
    file says nothing. XLIFF 1.2 states, PO's ``fuzzy`` and TMX props are mapped to these."""
    state_qualifier: str = ""
    """XLIFF 1.2 state-qualifier (``mt-suggestion``, ``leveraged-tm``, ``exact-match``…), if any."""
    notes: tuple[str, ...] = ()
    """Notes on the unit (findings, translator comments), in file order."""
    kind: str = ""
    """The block kind newsl10n recorded (headline, paragraph…), or a producer's resource type."""
    tagged_source: str = ""
    """The source with inline codes as placeholders (``⟦1⟧``, ``⟦/1⟧``); their markup is in ``codes``."""
    tagged_target: str = ""
    """The target with the same placeholders as ``tagged_source``."""
    codes: tuple[Code, ...] = ()
    """The inline codes of the placeholders (an isolated opening or closing code has the other side "")."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """A finding about a segment or its translation (truncation, misplaced markup, …)."""

    code: str
    severity: Severity
    message: str
    segment_id: str | None = None
    attrs: Mapping[str, str] = field(default_factory=frozen_map)
    """Evidence for tools (e.g. ``expected``, ``found``, ``concept``); the message says it in words."""

    def __post_init__(self) -> None:
        _freeze(self, "attrs")


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """A check's finding located in a file (or an article): what ``check`` reports and CI reads."""

    file: str
    unit: str
    line: int | None
    target_lang: str
    kind: str
    severity: Severity
    message: str
    check: str = ""
    attrs: Mapping[str, str] = field(default_factory=frozen_map)

    def __post_init__(self) -> None:
        _freeze(self, "attrs")


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """An alternative translation offered to the reviewer: a fuzzy TM match, or another MT output."""

    source: str
    """The source the alternative translates (a TM entry's source, which may differ)."""
    target: str
    score: float
    """Similarity of ``source`` to the segment, 0–100 (100: the same text)."""
    origin: Origin = "tm"


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
    candidates: tuple[Candidate, ...] = ()


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

    def __post_init__(self) -> None:
        _freeze(self, "translations")

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


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckReport:
    """The result of checking bilingual files: every unit seen, and every finding."""

    files: tuple[str, ...]
    units: tuple[tuple[str, str], ...]
    """``(file, unit id)`` of every unit checked, in file order."""
    findings: tuple[Finding, ...]
    rules: Mapping[str, str] = field(default_factory=frozen_map)
    """Finding kind → its title, for reports that list rules (SARIF)."""

    def __post_init__(self) -> None:
        _freeze(self, "rules")

    def failing(self, fail_on: Severity) -> bool:
        """True when a finding at ``fail_on`` or worse exists (``error`` < ``warning`` < ``info``)."""
        order = {"error": 0, "warning": 1, "info": 2}
        return any(order[f.severity] <= order[fail_on] for f in self.findings)
