"""Markdown articles: ATX/setext headings, paragraphs, block quotes, lists; inline markup as placeholders."""

from __future__ import annotations

import bisect
import re
from typing import ClassVar

from ..model import BlockKind, Code, Document
from .base import SkeletonBuilder, SkeletonFormat, decode, line_spans, reject_placeholder_text
from .newsparts import is_label, match_byline, match_dateline

# Inline constructs, tried left to right at each position. Each is kept out of the text engines see:
#   `code`              -> one standalone placeholder (never translated)
#   <https://x.org>     -> standalone;  <br>, <sup> -> standalone (raw HTML)
#   [text](url), ![alt](src), [text][ref] -> a pair around the translatable text
#   **strong**, __strong__, *em*, _em_     -> a pair
# The scanner gives the matches of the single regular expression below (which tests keep as the
# reference) but finds closers by indexed look-ups instead of lazy scans, so a paragraph of
# unbalanced markers is parsed in linear time (the regular expression is quadratic or worse).
#   (?P<code>(?P<ticks>`+).+?(?P=ticks))
#   |(?P<auto><(?:https?|mailto):[^>\s]+>)
#   |(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>)
#   |(?P<lopen>!?\[)(?P<ltext>…)(?P<lclose>…)
#   |(?P<sdelim>\*\*|__)(?=\S)(?P<stext>.+?)(?<=\S)(?P=sdelim)
#   |(?P<edelim>[*_])(?=[^\s*_])(?P<etext>.+?)(?<=[^\s*_])(?P=edelim)      (re.S)
_CANDIDATE_RE = re.compile(r"[`<!\[*_]")
_AUTO_PREFIX_RE = re.compile(r"<(?:https?|mailto):")
_HTML_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_LINK_RE = re.compile(
    r"(?P<lopen>!?\[)(?P<ltext>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)"
    r"(?P<lclose>\]\([^()\s]*(?:\([^()\s]*\))?(?:\s+\"[^\"\n]*\")?\)|\]\[[^\]\n]*\])"
)
_CLOSERS = {
    "**": re.compile(r"(?<=\S)\*\*"),
    "__": re.compile(r"(?<=\S)__"),
    "*": re.compile(r"(?<=[^\s*_])\*"),
    "_": re.compile(r"(?<=[^\s*_])_"),
    ">": re.compile(r"[>\s]"),  # the end of an autolink, or the whitespace that rules one out
}
_PLAIN_AFTER_EDELIM = frozenset("*_")


class _NextMatch:
    """The earliest match of a pattern at or after a position, for positions that only grow.

    A result stays valid for later positions up to it, so each pattern scans the text once.
    """

    __slots__ = ("_at", "_from", "pattern", "text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern = pattern
        self.text = text
        self._from = len(text) + 1
        self._at: int | None = None

    def at_or_after(self, pos: int) -> int | None:
        if not (self._from <= pos and (self._at is None or self._at >= pos)):
            m = self.pattern.search(self.text, pos)
            self._from, self._at = pos, (m.start() if m else None)
        return self._at


class _Ticks:
    """The backtick runs of a text: where each starts, how long it is, and the longest one after it."""

    __slots__ = ("ends", "lengths", "starts", "suffix_max")

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.lengths: list[int] = []
        for m in re.finditer(r"`+", text):
            self.starts.append(m.start())
            self.lengths.append(m.end() - m.start())
        self.ends = [s + n for s, n in zip(self.starts, self.lengths, strict=True)]
        self.suffix_max = [0] * (len(self.starts) + 1)
        for k in range(len(self.starts) - 1, -1, -1):
            self.suffix_max[k] = max(self.lengths[k], self.suffix_max[k + 1])

    def span_at(self, pos: int) -> tuple[int, int] | None:
        """The code span the expression ``(`+).+?\\1`` matches at ``pos`` (a backtick), or None.

        The run from ``pos`` has ``n`` backticks. The longest opening that can close wins: a later
        run of at least ``k`` backticks closes an opening of ``k``; inside the run itself an
        opening of ``(n - 1) // 2`` always closes (``\\`\\`\\``` is a span of one backtick).
        """
        run = bisect.bisect_right(self.starts, pos) - 1
        end = self.ends[run]
        n = end - pos
        k = min(n, self.suffix_max[run + 1])
        if k > (n - 1) // 2:
            later = run + 1
            while self.lengths[later] < k:  # amortised: the match consumes the runs it skips
                later += 1
            return pos, self.starts[later] + k
        if n >= 3:
            k = (n - 1) // 2
            return pos, pos + 2 * k + 1
        return None


class _Match:
    """What one inline construct matched: its kind, extent and parts."""

    __slots__ = ("closing", "end", "inner", "kind", "opening", "start")

    def __init__(
        self, kind: str, start: int, end: int, opening: str, closing: str = "", inner: str = ""
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.opening = opening
        self.closing = closing
        self.inner = inner


class _Scanner:
    """Finds the inline constructs of one text, left to right, in linear time."""

    def __init__(self, text: str) -> None:
        self.s = text
        self._ticks: _Ticks | None = None
        self._next: dict[str, _NextMatch] = {}

    def _next_at(self, key: str, pos: int) -> int | None:
        """The earliest closer ``key`` (``>`` for the end of an autolink) at or after ``pos``."""
        finder = self._next.get(key)
        if finder is None:
            finder = self._next[key] = _NextMatch(_CLOSERS[key], self.s)
        return finder.at_or_after(pos)

    def match_at(self, i: int) -> _Match | None:
        s = self.s
        ch = s[i]
        if ch == "`":
            if self._ticks is None:
                self._ticks = _Ticks(s)
            span = self._ticks.span_at(i)
            return None if span is None else _Match("code", i, span[1], s[i : span[1]])
        if ch == "<":
            auto = _AUTO_PREFIX_RE.match(s, i)
            if auto:
                stop = self._next_at(">", auto.end())
                if stop is not None and stop > auto.end() and s[stop] == ">":
                    return _Match("auto", i, stop + 1, s[i : stop + 1])
            html = _HTML_RE.match(s, i)
            return _Match("html", i, html.end(), html.group(0)) if html else None
        if ch in "![":
            link = _LINK_RE.match(s, i)
            if link is None:
                return None
            return _Match(
                "image" if link.group("lopen") == "![" else "link",
                i,
                link.end(),
                link.group("lopen"),
                link.group("lclose"),
                link.group("ltext"),
            )
        # "*" or "_": strong first, then emphasis.
        double = s[i : i + 2]
        if double in ("**", "__") and i + 2 < len(s) and not s[i + 2].isspace():
            j = self._next_at(double, i + 3)
            if j is not None:
                return _Match("bold", i, j + 2, double, double, s[i + 2 : j])
        if i + 1 < len(s) and not s[i + 1].isspace() and s[i + 1] not in _PLAIN_AFTER_EDELIM:
            j = self._next_at(ch, i + 2)
            if j is not None:
                return _Match("italic", i, j + 1, ch, ch, s[i + 1 : j])
        return None


_ATX_RE = re.compile(r"^( {0,3}#{1,6}[ \t]+)(.*?)([ \t]+#+[ \t]*)?$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE_RE = re.compile(r"^ {0,3}> ?")
_LIST_RE = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+)(?=\S)")
_TABLE_RE = re.compile(r"^\s*\|")
# Link reference definitions ("[1]: https://…") are addresses, not text: they stay as they are.
_LINK_DEF_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S")
_HTML_BLOCK_RE = re.compile(r"^ {0,3}<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s|/?>|$))")
_BYLINE_WRAP_RE = re.compile(r"^([*_]{1,2})(.*)\1$")


class InlineParser:
    """Turns Markdown inline markup into placeholders and :class:`Code` values, numbering codes."""

    def __init__(self) -> None:
        self.codes: list[Code] = []

    def _new(self, kind: str, ctype: str, opening: str, closing: str = "") -> int:
        code = Code(
            id=len(self.codes) + 1,
            kind="pair" if kind == "pair" else "standalone",
            ctype=ctype,
            opening=opening,
            closing=closing,
        )
        self.codes.append(code)
        return code.id

    def parse(self, s: str) -> str:
        """Return ``s`` with inline markup replaced by ``⟦n⟧…⟦/n⟧`` and ``⟦n⟧`` placeholders."""
        out: list[str] = []
        pos = 0
        scanner = _Scanner(s)
        i = 0
        while True:
            c = _CANDIDATE_RE.search(s, i)
            if c is None:
                break
            i = c.start()
            m = scanner.match_at(i)
            if m is None:
                i += 1
                continue
            if m.opening in ("_", "__"):
                # Intraword underscores are literal: snake_case, file_name_here.
                before = s[m.start - 1 : m.start]
                after = s[m.end : m.end + 1]
                if before.isalnum() or after.isalnum():
                    i += 1
                    continue
            out.append(s[pos : m.start])
            out.append(self._render(m))
            pos = i = m.end
        out.append(s[pos:])
        return "".join(out)

    def _render(self, m: _Match) -> str:
        if m.kind == "code":
            return f"⟦{self._new('standalone', 'code', m.opening)}⟧"
        if m.kind == "auto":
            return f"⟦{self._new('standalone', 'link', m.opening)}⟧"
        if m.kind == "html":
            ctype = "lb" if m.opening.lower().startswith("<br") else "other"
            return f"⟦{self._new('standalone', ctype, m.opening)}⟧"
        cid = self._new("pair", m.kind, m.opening, m.closing)
        return f"⟦{cid}⟧{self.parse(m.inner)}⟦/{cid}⟧"


class MarkdownArticleFormat(SkeletonFormat):
    """Markdown news articles (``.md``)."""

    name: ClassVar[str] = "markdown"
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown")
    media_types: ClassVar[tuple[str, ...]] = ("text/markdown",)

    def read(self, data: bytes, *, doc_id: str, source_lang: str) -> Document:
        bom, text = decode(data, path=doc_id)
        reject_placeholder_text(text, path=doc_id)
        reader = _MarkdownReader(text)
        reader.run()
        return reader.b.document(doc_id=doc_id, source_lang=source_lang, fmt=self.name, bom=bom)


class _MarkdownReader:
    def __init__(self, text: str) -> None:
        self.src = text
        self.lines = line_spans(text)
        self.b = SkeletonBuilder(text)
        self.headline = False
        self.body_started = False

    def line(self, i: int) -> str:
        s, e = self.lines[i]
        return self.src[s:e]

    def run(self) -> None:
        i = 0
        n = len(self.lines)
        if n and self.line(0).strip() == "---":  # YAML front matter stays as is
            for j in range(1, n):
                if self.line(j).strip() in ("---", "..."):
                    i = j + 1
                    break
        while i < n:
            i = self._block_at(i)
        self.b.finish()

    def _block_at(self, i: int) -> int:
        """Read the construct that starts at line ``i``; return the next line index."""
        line = self.line(i)
        s = self.lines[i][0]
        if not line.strip() or _RULE_RE.match(line) or _TABLE_RE.match(line) or _LINK_DEF_RE.match(line):
            return i + 1
        fence = _FENCE_RE.match(line)
        if fence:
            marker = fence.group(1)
            j = i + 1
            while j < len(self.lines) and not self.line(j).lstrip().startswith(marker):
                j += 1
            return j + 1
        if _HTML_BLOCK_RE.match(line):
            j = i
            while j < len(self.lines) and self.line(j).strip():
                j += 1
            return j
        atx = _ATX_RE.match(line)
        if atx:
            level = len(atx.group(1).strip())
            kind: BlockKind = "headline" if level == 1 and not self.headline else "heading"
            self.headline = self.headline or kind == "headline"
            self._inline(kind, s + len(atx.group(1)), s + atx.end(2))
            return i + 1
        quote = _QUOTE_RE.match(line)
        if quote:
            return self._prefixed(i, _QUOTE_RE, "quote")
        if _LIST_RE.match(line):
            return self._prefixed(i, _LIST_RE, "list_item")
        # A paragraph: up to a blank line or the start of another construct.
        j = i + 1
        while j < len(self.lines):
            nxt = self.line(j)
            if not nxt.strip() or _ATX_RE.match(nxt) or _FENCE_RE.match(nxt) or _QUOTE_RE.match(nxt):
                break
            if _SETEXT_RE.match(nxt):
                kind = "headline" if nxt.strip()[0] == "=" and not self.headline else "heading"
                self.headline = self.headline or kind == "headline"
                self._inline(kind, s, self.lines[j - 1][1])
                return j + 1
            if _LIST_RE.match(nxt) or _RULE_RE.match(nxt) or _LINK_DEF_RE.match(nxt):
                break
            j += 1
        self._paragraph(i, j)
        return j

    def _paragraph(self, i: int, j: int) -> None:
        s, e = self.lines[i][0], self.lines[j - 1][1]
        text = self.src[s:e]
        if not self.body_started and j == i + 1:
            inner = text.strip()
            wrapped = _BYLINE_WRAP_RE.match(inner)
            core = wrapped.group(2) if wrapped else inner
            if not self.headline and is_label(core) and j < len(self.lines):
                self._inline("label", s, e)
                return
            if self.headline and match_byline(core) == len(core):
                self._inline("byline", s, e)
                return
        if not self.body_started and self.headline:
            lead = len(text) - len(text.lstrip())
            dl = match_dateline(text[lead:])
            if dl:
                self._inline("dateline", s + lead, s + lead + dl[0])
                s = s + lead + dl[1]
        self.body_started = self.body_started or self.headline
        self._inline("paragraph", s, e)

    def _prefixed(self, i: int, marker: re.Pattern[str], kind: BlockKind) -> int:
        """A block quote or list item: the marker and the continuation prefix stay in the skeleton."""
        s = self.lines[i][0]
        m = marker.match(self.line(i))
        assert m is not None
        first_prefix = m.group(0)
        cont = first_prefix if kind == "quote" else " " * len(first_prefix)
        j = i + 1
        while j < len(self.lines):
            nxt = self.line(j)
            if kind == "quote":
                qm = _QUOTE_RE.match(nxt)
                if not qm or qm.group(0) != cont or not nxt[len(cont) :].strip():
                    break
            elif not nxt.startswith(cont) or not nxt.strip() or _LIST_RE.match(nxt):
                break
            j += 1
        end = self.lines[j - 1][1]
        body_start = s + len(first_prefix)
        self.body_started = self.body_started or self.headline
        chunk = self.src[body_start:end]
        # The block text is the item without the continuation prefixes, which the Slot re-inserts.
        # Joining needs LF line ends, one prefix per continuation line and no surrounding space
        # (which would shift text offsets against source offsets); otherwise a block per line.
        joined = chunk.replace("\n" + cont, "\n")
        if (
            j > i + 1
            and self._newline_at(i) == "\n"
            and chunk.count("\n" + cont) == j - i - 1
            and joined == joined.strip()
            and "\r" not in chunk
        ):
            self._inline(kind, body_start, end, text=joined, line_prefix=cont)
        else:
            for k in range(i, j):
                ks, ke = self.lines[k]
                off = len(first_prefix) if k == i else len(cont)
                self._inline(kind, ks + off, ke)
        return j

    def _newline_at(self, i: int) -> str:
        e = self.lines[i][1]
        nxt = self.lines[i + 1][0] if i + 1 < len(self.lines) else e
        return self.src[e:nxt]

    def _inline(
        self,
        kind: BlockKind,
        start: int,
        end: int,
        *,
        text: str | None = None,
        line_prefix: str = "",
    ) -> None:
        raw = self.src[start:end] if text is None else text
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        if not raw.strip():
            return
        start += lead
        end -= trail
        body = raw[lead : len(raw) - trail]
        parser = InlineParser()
        parsed = parser.parse(body)
        self.b.add(kind, start, end, text=parsed, codes=tuple(parser.codes), line_prefix=line_prefix)
