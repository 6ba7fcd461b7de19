"""Plain-text articles: headline first, optional label, byline and dateline lines, blank-line paragraphs."""

from __future__ import annotations

import re
from typing import ClassVar

from ..errors import FormatError
from ..model import Document
from .base import SkeletonBuilder as _Builder
from .base import SkeletonFormat, decode, line_spans
from .newsparts import is_label, match_byline, match_dateline

_LIST_MARKER_RE = re.compile(r"^([ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+)(?=\S)")


def _paragraphs(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines (a line of only spaces or NBSPs is blank)."""
    paras: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in line_spans(text):
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


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
        paras = _paragraphs(text)
        header = _Header(b)
        for p_index, para in enumerate(paras):
            if header.done:
                self._body(b, para)
                continue
            next_para = paras[p_index + 1] if p_index + 1 < len(paras) else []
            j = header.consume(para, next_para)
            if j < len(para):
                self._body(b, para[j:], start=header.resume_at)
        return b.document(doc_id=doc_id, source_lang=source_lang, fmt=self.name, bom=bom)

    @staticmethod
    def _body(b: _Builder, lines: list[tuple[int, int]], start: int | None = None) -> None:
        """A body paragraph; a paragraph whose every line is a list item becomes list items."""
        src = b.source
        first = max(lines[0][0], start or 0)
        markers = [_LIST_MARKER_RE.match(src[s:e]) for s, e in lines]
        if start is None and all(markers):
            for (s, e), m in zip(lines, markers, strict=True):
                assert m is not None
                b.add("list_item", s + m.end(), e)
            return
        b.add("paragraph", first, lines[-1][1])


class _Header:
    """The state machine for the lines above the story: label → headline → standfirst → byline → dateline."""

    def __init__(self, builder: _Builder) -> None:
        self.b = builder
        self.headline = False
        self.byline = False
        self.done = False
        self.resume_at: int | None = None

    def _headline_like(self, lines: list[tuple[int, int]], k: int) -> bool:
        """True when line ``k`` of ``lines`` could be a headline: a line on its own (or followed by
        a byline), not a label, not the opening of a story."""
        if k >= len(lines):
            return False
        src = self.b.source
        s, e = lines[k]
        line = src[s:e].strip()
        if is_label(line) or match_dateline(line) or match_byline(line):
            return False
        if k + 1 < len(lines):
            nxt = src[lines[k + 1][0] : lines[k + 1][1]].strip()
            return bool(match_byline(nxt) or is_label(nxt))
        return True

    def consume(self, para: list[tuple[int, int]], next_para: list[tuple[int, int]]) -> int:
        """Consume header lines of a paragraph; return the index of the first body line."""
        src = self.b.source
        for j, (s, e) in enumerate(para):
            line = src[s:e]
            following = para[j + 1] if j + 1 < len(para) else (next_para[0] if next_para else None)
            if not self.headline:
                # A label ("WORLD | ASIA", a date) sits above something that reads as a headline.
                after, k = (para, j + 1) if j + 1 < len(para) else (next_para, 0)
                if is_label(line) and self._headline_like(after, k):
                    self.b.add("label", s, e)
                    continue
                self.b.add("headline", s, e)
                self.headline = True
                continue
            stripped_at = s + len(line) - len(line.lstrip())
            n = match_byline(src[stripped_at:e])
            if n:
                self.b.add("byline", stripped_at, stripped_at + n)
                self.byline = True
                rest = stripped_at + n
                if src[rest:e].strip():
                    return self._dateline_or_body(para, j, rest)
                continue
            dl = match_dateline(src[stripped_at:e])
            if dl:
                return self._dateline_or_body(para, j, stripped_at)
            if (
                not self.byline
                and len(para) == 1
                and following is not None
                and match_byline(src[following[0] : following[1]].lstrip())
            ):
                self.b.add("standfirst", s, e)
                continue
            self.done = True
            self.resume_at = s
            return j
        return len(para)

    def _dateline_or_body(self, para: list[tuple[int, int]], j: int, at: int) -> int:
        """The story starts at ``at`` inside line ``j``: split off a dateline if there is one."""
        src = self.b.source
        lead = len(src[at:]) - len(src[at:].lstrip(" \t\u00a0"))
        at += lead
        dl = match_dateline(src[at : para[j][1]])
        if dl:
            self.b.add("dateline", at, at + dl[0])
            at += dl[1]
        self.done = True
        self.resume_at = at
        return j
