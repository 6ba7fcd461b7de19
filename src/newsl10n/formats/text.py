"""Plain-text articles: labels, headline, standfirst, byline, dateline, credits, captions and paragraphs
recognised from the layout of text copied from news sites."""

from __future__ import annotations

import re
from typing import ClassVar

from ..errors import FormatError
from ..model import BlockKind, Document
from .base import SkeletonBuilder as _Builder
from .base import SkeletonFormat, decode, line_spans
from .newsparts import (
    LEAD_CREDIT_RE,
    TRAILING_CREDIT_RE,
    is_caption,
    is_credit,
    is_label,
    is_name_line,
    is_outlet_line,
    is_strong_label,
    match_byline,
    match_dateline,
)

_LIST_MARKER_RE = re.compile(r"^([ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+)(?=\S)")
_TERMINATORS = ".!?…。！？۔؟।"
# Longest line that anyone hard-wraps; a longer line is a paragraph of its own.
_MAX_WRAP = 160

Line = tuple[int, int]


def _fixed_kind(line: str) -> BlockKind | None:
    """ "credit" or "label" for a line recognisable wherever it stands (also as a bulleted item)."""
    m = _LIST_MARKER_RE.match(line)
    if m:
        line = line[m.end() :]
    if is_credit(line):
        return "credit"
    if is_strong_label(line) and not match_byline(line):  # "By ZHANG YI | China Daily"
        return "label"
    return None


def _paragraphs(text: str) -> list[list[Line]]:
    """Runs of non-blank lines (a line of only spaces or NBSPs is blank)."""
    paras: list[list[Line]] = []
    current: list[Line] = []
    for start, end in line_spans(text):
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


def _structural(line: str) -> bool:
    """A line that stands on its own whatever its length: a label, credit, byline or dateline."""
    return bool(
        is_strong_label(line)
        or is_credit(line)
        or (line and match_byline(line) == len(line))
        or _LIST_MARKER_RE.match(line)
    )


def _wrapped(prev: str, nxt: str, width: int, filled: int) -> bool:
    """True when the break between two lines of a paragraph is a hard wrap, not a real break.

    A hard wrap has a signature: the line is filled close to the paragraph's width, so the next
    word would not have fitted on it. A real break (copied text separates paragraphs with a single
    newline; a headline or byline sits on the line above the story) does not. ``filled`` is the
    number of lines of the paragraph filled to within 15% of its width: a line that ends a
    sentence is a wrap only when other lines corroborate the width.
    """
    if _structural(nxt) or _structural(prev):
        return False
    if prev[-1] in ",;-‐(/" or (nxt[:1].islower() and not any(c.isupper() for c in nxt[1:4])):
        return True
    if len(prev) > _MAX_WRAP:
        return False
    first = nxt.split(None, 1)[0] if nxt.split() else nxt
    cjk = "\u2e80" <= nxt[0] <= "\ufaff"
    if len(prev) + (1 if cjk else len(first) + 1) <= width:
        return not (len(prev) <= 0.8 * width or prev[-1] in _TERMINATORS)
    return prev[-1] not in _TERMINATORS or filled >= 3


def _units(text: str, para: list[Line]) -> list[list[Line]]:
    """Split a paragraph at the line breaks that are not hard wraps."""
    lines = [(s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip())) for s, e in para]
    width = max(e - s for s, e in lines)
    filled = sum(e - s >= 0.85 * width for s, e in lines)
    units: list[list[Line]] = [[para[0]]]
    for k in range(1, len(para)):
        prev, nxt = text[lines[k - 1][0] : lines[k - 1][1]], text[lines[k][0] : lines[k][1]]
        if _wrapped(prev, nxt, width, filled):
            units[-1].append(para[k])
        else:
            units.append([para[k]])
    return units


class TextArticleFormat(SkeletonFormat):
    """Plain-text news articles (``.txt``)."""

    name: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text")
    media_types: ClassVar[tuple[str, ...]] = ("text/plain",)

    def read(self, data: bytes, *, doc_id: str, source_lang: str) -> Document:
        bom, text = decode(data, path=doc_id)
        if not text.strip():
            raise FormatError("the article is empty", path=doc_id)
        b = _Builder(text)
        units = [u for para in _paragraphs(text) for u in _units(text, para)]
        _Walker(b, units).run()
        return b.document(doc_id=doc_id, source_lang=source_lang, fmt=self.name, bom=bom)


class _Walker:
    """Classify each unit (a run of lines): first the header region, then the story.

    The header region runs up to the byline or dateline (or, when there is neither, up to the first
    unit that reads as story text). In it, the headline is the first plain unit that is a phrase of
    some length (four words, or six CJK characters); plain units above it are labels (site names,
    sections) and plain units below it are standfirsts. Labels, credits and captions are recognised
    wherever they stand.
    """

    def __init__(self, builder: _Builder, units: list[list[Line]]) -> None:
        self.b = builder
        self.src = builder.source
        self.units = units
        self.lines = [self._line(u) for u in units]
        self.body = False

    def _line(self, unit: list[Line]) -> str:
        return self.src[unit[0][0] : unit[-1][1]].strip()

    def _fixed(self, k: int) -> BlockKind | None:
        """The kind of a one-line unit recognisable wherever it stands, or None."""
        if len(self.units[k]) > 1:
            return None
        return _fixed_kind(self.lines[k])

    def _add_fixed(self, kind: BlockKind, unit: list[Line]) -> None:
        """Add a one-line credit or label; a list marker before it ("• Author, Jane Roe") is layout."""
        s, e = unit[0]
        m = _LIST_MARKER_RE.match(self.src[s:e])
        self.b.add(kind, s + (m.end() if m else 0), e)

    def _opens_story(self, k: int) -> bool:
        """A byline or a dateline opens unit ``k``."""
        line = self.lines[k]
        return bool(match_byline(line) or match_dateline(line))

    def _story_text(self, k: int) -> bool:
        """Unit ``k`` reads as story text: several lines, or a finished sentence."""
        if len(self.units[k]) > 1:
            return True
        line = self.lines[k]
        return line[-1] in ".。۔।…" or (line[-1] in "\"”»'’" and line[-2:-1] in tuple(".。۔।"))

    def _header_end(self) -> int:
        """Index of the first unit after the header region's plain units."""
        limit = min(len(self.units), 10)
        for k in range(limit):
            if self._fixed(k):
                continue
            if self._opens_story(k):
                return k
            if self._story_text(k):
                # A finished sentence right above a byline or dateline is a standfirst.
                nxt = next((j for j in range(k + 1, limit) if not self._fixed(j)), None)
                if nxt is not None and self._opens_story(nxt) and len(self.units[k]) == 1:
                    continue
                return k
        return limit

    @staticmethod
    def _substantial(line: str) -> bool:
        cjk = any("\u2e80" <= c <= "\ufaff" for c in line[:8])
        return len(line.split()) >= 4 or (cjk and len(line) >= 6)

    def run(self) -> None:
        h = self._header_end()
        plain = [k for k in range(h) if not self._fixed(k)]
        headline: int | None = None
        for k in plain:
            if self._substantial(self.lines[k]) and not is_label(self.lines[k]):
                headline = k
                break
        if headline is None and plain:
            headline = next((k for k in plain if not is_label(self.lines[k])), plain[0])
        for k in range(h):
            unit = self.units[k]
            s, e = unit[0][0], unit[-1][1]
            fixed = self._fixed(k)
            if fixed:
                self._add_fixed(fixed, unit)
            elif headline is not None and k < headline:
                self.b.add("label", s, e)
            elif k == headline:
                self.b.add("headline", s, unit[0][1])
                if len(unit) > 1:
                    self._body(unit[1:])
            elif is_name_line(self.lines[k]) or (
                self.b.blocks and self.b.blocks[-1].kind == "byline" and is_outlet_line(self.lines[k])
            ):
                self.b.add("byline", s, e)  # "Jane Roe" / "BBC News, Astana" under the headline
            else:
                self.b.add("standfirst", s, e)
        if headline is None and h < len(self.units) and not self._opens_story(h):
            # No header at all: a first paragraph whose first line is a phrase carries the headline.
            unit = self.units[h]
            first = self.src[unit[0][0] : unit[0][1]].strip()
            if len(unit) > 1 and first[-1] not in _TERMINATORS and len(first) <= 200:
                self.b.add("headline", unit[0][0], unit[0][1])
                self._body(unit[1:])
                h += 1
        for k in range(h, len(self.units)):
            self._unit(k, self.units[k])

    def _unit(self, k: int, unit: list[Line]) -> None:
        b, src = self.b, self.src
        s, e = unit[0][0], unit[-1][1]
        line = self.lines[k]
        fixed = self._fixed(k)
        if fixed:
            self._add_fixed(fixed, unit)
            return
        if len(unit) == 1 and is_caption(line):
            b.add("caption", s, e)
            return
        at = s + len(src[s:e]) - len(src[s:e].lstrip())
        if not self.body:
            n = match_byline(src[at:e])
            if n:
                b.add("byline", at, at + n)
                rest = at + n
                if not src[rest:e].strip():
                    return
                at = rest + len(src[rest:e]) - len(src[rest:e].lstrip())
            dl = match_dateline(src[at:e])
            if dl:
                b.add("dateline", at, at + dl[0])
                at += dl[1]
                lead = LEAD_CREDIT_RE.match(src, at, e)
                if lead:
                    b.add("credit", at, lead.end("credit"))
                    at = lead.end()
                if at >= e:
                    return
        self._body(unit, start=at)

    def _body(self, lines: list[Line], start: int | None = None) -> None:
        """A body paragraph; a paragraph whose every line is a list item becomes list items."""
        b, src = self.b, self.src
        self.body = True
        first = max(lines[0][0], start or 0)
        markers = [_LIST_MARKER_RE.match(src[s:e]) for s, e in lines]
        if (start is None or not src[lines[0][0] : start].strip()) and all(markers):
            for (s, e), m in zip(lines, markers, strict=True):
                if m is not None:
                    b.add("list_item", s + m.end(), e)
            return
        end = lines[-1][1]
        kind: BlockKind = "paragraph"
        tail = TRAILING_CREDIT_RE.search(src, first, end)
        if tail:
            b.add(kind, first, tail.start("credit"))
            b.add("credit", tail.start("credit"), tail.end("credit"))
            return
        b.add(kind, first, end)
