"""HTML articles: runs of inline content between block-level tags become blocks; inline tags become codes.

The reader is built on the standard library's tolerant ``html.parser`` and keeps the raw source of
every token, so an unchanged document is written back byte for byte and a translated one keeps
every tag and attribute exactly as it was.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import ClassVar, Literal

from ..errors import FormatError
from ..langs import is_rtl
from ..model import BlockKind, Code, Document, LocalisedDocument
from ..textio import decode_text, sniff_bom
from .base import SkeletonBuilder, SkeletonFormat, reject_placeholder_text
from .newsparts import match_byline, match_dateline

# Elements whose start or end tag ends a run of inline content (HTML "flow" containers).
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
# Elements whose content is never translated: the whole element stays in the skeleton (or, inside
# a run, becomes one standalone code).
_OPAQUE_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "math", "pre", "code", "textarea"]
)
# "&#" not followed by a decimal or hex character reference: "&#<p>", "&#x<b>", "&# 5"
_STRAY_CHARREF_RE = re.compile(r"&#(?!\d|[xX][0-9a-fA-F])")
_HTML_TAG_RE = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_HUGE_CHARREF_RE = re.compile(r"&#0*[0-9]{1000,}")
# <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…">: the value.
_META_CHARSET_RE = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_META_CHARSET_TEXT_RE = re.compile(
    r"""(<meta\b[^>]*?\bcharset\s*=\s*["']?\s*)([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# What browsers decode these labels as (WHATWG Encoding): Latin-1 and ASCII labels mean windows-1252,
# and a UTF-16 label in a <meta> means UTF-8 (a page in UTF-16 carries a byte-order mark).
_WHATWG_LABELS = {
    **dict.fromkeys(("latin_1", "ascii", "iso8859_1"), "cp1252"),
    **dict.fromkeys(("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"), "utf_8"),
}


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a ``<meta>`` of its first 4 KiB (normalised: ``cp1251``,
    ``utf_8``), None when it declares none. An unknown label is returned as written, to be refused."""
    m = _META_CHARSET_RE.search(data[:4096])
    if m is None:
        return None
    label = m.group(1).decode("ascii")
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return label
    return _WHATWG_LABELS.get(name, name)


_LANG_ATTR_RE = re.compile(r"""\s(?:xml:)?lang\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_DIR_ATTR_RE = re.compile(r"""\sdir\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_META_NAME_RE = re.compile(
    r"""\s(?:name|property)\s*=\s*["']?(?:description|og:title|og:description|twitter:title|twitter:description)["'\s>/]""",
    re.IGNORECASE,
)


def _attr_value(raw_tag: str, name: str) -> re.Match[str] | None:
    """The quoted value of an attribute in a raw start tag (group 2), or None."""
    return re.search(rf"""\s{name}\s*=\s*(["'])(.*?)\1""", raw_tag, re.IGNORECASE | re.DOTALL)


_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_CTYPES = {
    "a": "link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "br": "lb",
    "img": "image",
    "code": "code",
    "u": "underline",
    "sup": "sup",
    "sub": "sub",
}
_CLASS_KINDS: tuple[tuple[re.Pattern[str], BlockKind], ...] = (
    (re.compile(r"byline|author|contributor"), "byline"),
    (re.compile(r"dateline"), "dateline"),
    (re.compile(r"standfirst|\bdek\b|lede|summary|subtitle|subhead|intro"), "standfirst"),
    (re.compile(r"caption"), "caption"),
    (re.compile(r"kicker|eyebrow|\blabel\b|section-name|category"), "label"),
)


@dataclass
class _Token:
    kind: str  # "start", "end", "startend", "data", "entity", "other"
    start: int
    tag: str = ""
    attrs: str = ""  # class/id/itemprop values, for kind detection
    end: int = 0


class _Tokenizer(HTMLParser):
    """Records every token with its source offset; raw text is ``source[tok.start:next.start]``."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
        self.tokens: list[_Token] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _attrs(self, attrs: list[tuple[str, str | None]]) -> str:
        return " ".join(v.lower() for k, v in attrs if k in ("class", "id", "itemprop", "rel") and v)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(_Token("start", self._offset(), tag, self._attrs(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(_Token("startend", self._offset(), tag, self._attrs(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(_Token("end", self._offset(), tag))

    def handle_data(self, data: str) -> None:
        self.tokens.append(_Token("data", self._offset()))

    def handle_entityref(self, name: str) -> None:
        self.tokens.append(_Token("entity", self._offset()))

    def handle_charref(self, name: str) -> None:
        self.tokens.append(_Token("entity", self._offset()))

    def _other(self) -> None:
        self.tokens.append(_Token("other", self._offset()))

    def handle_comment(self, data: str) -> None:
        self._other()

    def handle_decl(self, decl: str) -> None:
        self._other()

    def handle_pi(self, data: str) -> None:
        self._other()

    def unknown_decl(self, data: str) -> None:
        self._other()

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # _markupbase raises AssertionError on a "<![" that is not a known marked section
        # ("<![ b", "<![release ]]>"); browsers read it as a bogus comment up to the next ">".
        # Its name scan moves the reported position before raising: put it back.
        pos = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = pos
            return self.parse_bogus_comment(i, report)

    def run(self) -> list[_Token]:
        # html.parser waits for more input after an "&#" that does not start a character
        # reference ("&#<p>", "&# 1"), then hands everything after it to handle_data at close(),
        # tags included; browsers read such an "&#" as text. Feed a copy with those "#" replaced by
        # a space (same length, so offsets stay exact): "&" alone is plain data to the parser.
        self.feed(_STRAY_CHARREF_RE.sub("& ", self.source))
        self.close()
        for tok, nxt in zip(self.tokens, self.tokens[1:], strict=False):
            tok.end = nxt.start
        if self.tokens:
            self.tokens[-1].end = len(self.source)
        # html.parser can report one text run as several data events; offsets stay exact.
        return [t for t in self.tokens if t.end > t.start]


class HtmlArticleFormat(SkeletonFormat):
    """HTML news articles (``.html``)."""

    name: ClassVar[str] = "html"
    extensions: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml")
    media_types: ClassVar[tuple[str, ...]] = ("text/html",)

    def escape(self, text: str) -> str:
        return html.escape(text, quote=False)

    def write_localised(self, result: LocalisedDocument) -> bytes:
        """The translated page, its ``<html lang>`` (and ``dir`` for right-to-left) set to the target."""
        page = super().write_localised(result).decode("utf-8")
        m = _HTML_TAG_RE.search(page)
        if m is None:
            return page.encode("utf-8")
        tag = _LANG_ATTR_RE.sub("", m.group(0))
        tag = _DIR_ATTR_RE.sub("", tag)
        direction = ' dir="rtl"' if is_rtl(result.target_lang) else ""
        tag = tag[:5] + f' lang="{result.target_lang}"{direction}' + tag[5:]
        return (page[: m.start()] + tag + page[m.end() :]).encode("utf-8")

    def write(self, document: Document, texts: Mapping[str, str] | None = None) -> bytes:
        """The page, always UTF-8: a ``<meta>`` that declared another encoding now says utf-8."""
        out = super().write(document, texts)
        if not document.meta.get("charset"):
            return out
        page = _META_CHARSET_TEXT_RE.sub(lambda m: m.group(1) + "utf-8", out.decode("utf-8"), count=1)
        return page.encode("utf-8")

    def read(self, data: bytes, *, doc_id: str, source_lang: str) -> Document:
        """Read a page: a byte-order mark wins, then the encoding a ``<meta>`` declares, else UTF-8."""
        charset = None if sniff_bom(data) else declared_charset(data)
        _, text = decode_text(data, path=doc_id, what="article", encoding=charset)
        bom = "\ufeff" if sniff_bom(data) else ""
        reject_placeholder_text(text, path=doc_id)
        huge = _HUGE_CHARREF_RE.search(text)
        if huge is not None:  # Python cannot even convert it (over 4,300 digits): not a character
            raise FormatError(
                f"a numeric character reference of {len(huge.group(0)) - 2} digits is not a character",
                path=doc_id,
                line=text.count("\n", 0, huge.start()) + 1,
            )
        reader = _HtmlReader(text, _Tokenizer(text).run())
        reader.run()
        doc = reader.b.document(doc_id=doc_id, source_lang=source_lang, fmt=self.name, bom=bom)
        if charset is not None and charset != "utf_8":
            doc = replace(doc, meta={**doc.meta, "charset": charset})
        return doc


_TAG_KINDS: dict[str, BlockKind | Literal["h1"]] = {
    "h1": "h1",
    **dict.fromkeys(("h2", "h3", "h4", "h5", "h6"), "heading"),
    "figcaption": "caption",
    "caption": "caption",
    "blockquote": "quote",
    "li": "list_item",
    "dd": "list_item",
    "dt": "list_item",
    "address": "byline",
}


@dataclass(frozen=True)
class _Frame:
    cls: BlockKind | None = None  # innermost class/id kind among the open elements
    tag_kind: BlockKind | Literal["h1"] | None = None  # innermost element kind
    head: bool = False
    title: bool = False


class _HtmlReader:
    def __init__(self, source: str, tokens: list[_Token]) -> None:
        self.src = source
        self.tokens = tokens
        self.b = SkeletonBuilder(source)
        self.stack: list[_Token] = []  # open block-level and opaque elements
        self.frames: list[_Frame] = []  # one per stack entry
        self.open_at: dict[str, list[int]] = {}  # tag -> its stack indices, innermost last
        self.headline = False
        self.body_started = False
        self.starts = [t.start for t in tokens]

    def run(self) -> None:
        run: list[_Token] = []
        i = 0
        while i < len(self.tokens):
            tok = self.tokens[i]
            if tok.kind in ("start", "startend", "end") and tok.tag in _BLOCK_TAGS:
                self._flush(run)
                run = []
                self._track(tok)
            elif tok.kind == "start" and tok.tag in _OPAQUE_TAGS:
                j = self._close_of(i)
                if run and tok.tag not in ("script", "style", "template"):
                    run.extend(self.tokens[i : j + 1])
                else:
                    self._flush(run)
                    run = []
                i = j
            elif tok.kind == "other":
                self._flush(run)
                run = []
            else:
                run.append(tok)
            i += 1
        self._flush(run)

    def _close_of(self, i: int) -> int:
        tag = self.tokens[i].tag
        depth = 0
        for j in range(i, len(self.tokens)):
            t = self.tokens[j]
            if t.tag == tag and t.kind == "start":
                depth += 1
            elif t.tag == tag and t.kind == "end":
                depth -= 1
                if depth == 0:
                    return j
        return len(self.tokens) - 1

    def _track(self, tok: _Token) -> None:
        # Each open element carries what _kind needs about it and its ancestors, so a query is O(1)
        # and a page of 20,000 nested <div>s reads in linear time.
        if tok.kind == "start" and tok.tag not in _VOID_TAGS:
            parent = self.frames[-1] if self.frames else _Frame()
            cls = next((k for p, k in _CLASS_KINDS if tok.attrs and p.search(tok.attrs)), None)
            self.stack.append(tok)
            self.frames.append(
                _Frame(
                    cls or parent.cls,
                    _TAG_KINDS.get(tok.tag) or parent.tag_kind,
                    parent.head or tok.tag == "head",
                    parent.title or tok.tag == "title",
                )
            )
            self.open_at.setdefault(tok.tag, []).append(len(self.stack) - 1)
        elif tok.kind == "end" and self.open_at.get(tok.tag):
            k = self.open_at[tok.tag][-1]
            for t in self.stack[k:]:
                self.open_at[t.tag].pop()
            del self.stack[k:]
            del self.frames[k:]

    def _kind(self) -> BlockKind | None:
        """The block kind from the enclosing elements, innermost first; None outside the body text."""
        f = self.frames[-1] if self.frames else _Frame()
        if f.head and not f.title:
            return None
        if f.cls is not None:
            return f.cls
        if f.title:
            # The page title is page metadata (search results, tabs), not a heading of the story.
            return "metadata"
        if f.tag_kind == "h1":
            return "heading" if self.headline else "headline"
        return f.tag_kind or "paragraph"

    def _flush(self, run: list[_Token]) -> None:
        """Turn a run of inline tokens into a block (or leave it in the skeleton if it has no text)."""
        has_text = any(
            t.kind == "entity" or (t.kind == "data" and self.src[t.start : t.end].strip()) for t in run
        )
        kind = self._kind()
        if not run or not has_text or kind is None:
            self._attribute_blocks(run)
            return
        # Trim whitespace-only data at both ends into the skeleton.
        lo, hi = 0, len(run)
        start, end = run[0].start, run[-1].end
        while lo < hi and run[lo].kind == "data" and not self.src[run[lo].start : run[lo].end].strip():
            lo += 1
        while (
            hi > lo
            and run[hi - 1].kind == "data"
            and not self.src[run[hi - 1].start : run[hi - 1].end].strip()
        ):
            hi -= 1
        run = run[lo:hi]
        start, end = run[0].start, run[-1].end
        first = self.src[start:end]
        start += len(first) - len(first.lstrip())
        last = self.src[start:end]
        end -= len(last) - len(last.rstrip())
        text, codes = self._text_and_codes(run, start, end)
        if kind == "headline":
            self.headline = True
        if kind == "paragraph" and self.headline and not self.body_started:
            if match_byline(text) == len(text):
                kind = "byline"
            else:
                dl = match_dateline(text)
                # Split only where the dateline is plain text in the source too (no tag or entity).
                if dl and self.src[start : start + dl[1]] == text[: dl[1]]:
                    self.b.add("dateline", start, start + dl[0], text=text[: dl[0]], raw=True)
                    start += dl[1]
                    text = text[dl[1] :]
        if kind in ("paragraph", "quote", "list_item"):
            self.body_started = self.body_started or self.headline
        self.b.add(kind, start, end, text=text, codes=codes, raw=True)

    def _attribute_blocks(self, run: list[_Token]) -> None:
        """Translatable attribute values in markup that holds no text: image ``alt``/``title``
        (a figure's picture) and the page description in ``<meta>`` (search and social cards)."""
        for tok in run:
            if tok.kind not in ("start", "startend") or tok.tag not in ("img", "meta"):
                continue
            raw = self.src[tok.start : tok.end]
            names: tuple[str, ...]
            kind: BlockKind
            if tok.tag == "meta":
                if not _META_NAME_RE.search(raw):
                    continue
                names, kind = ("content",), "metadata"
            else:
                names, kind = ("alt", "title"), "alt_text"
            found = [m for name in names if (m := _attr_value(raw, name)) is not None]
            for m in sorted(found, key=lambda m: m.start(2)):
                value = m.group(2)
                if value.strip() and value == value.strip():
                    start, end = tok.start + m.start(2), tok.start + m.end(2)
                    self.b.add(kind, start, end, text=html.unescape(value), raw=True, attribute=True)

    def _text_and_codes(self, run: list[_Token], start: int, end: int) -> tuple[str, tuple[Code, ...]]:
        out: list[str] = []
        codes: list[Code] = []
        open_pairs: list[tuple[str, int]] = []  # (tag, index in codes)
        i = 0
        while i < len(run):
            tok = run[i]
            raw = self.src[max(tok.start, start) : min(tok.end, end)]
            if tok.kind == "data":
                out.append(raw)
            elif tok.kind == "entity":
                out.append(html.unescape(raw))
            elif tok.kind == "start" and tok.tag in _OPAQUE_TAGS:
                j = i
                while j < len(run) and not (run[j].kind == "end" and run[j].tag == tok.tag):
                    j += 1
                j = min(j, len(run) - 1)
                whole = self.src[tok.start : min(run[j].end, end)]
                codes.append(
                    Code(
                        id=len(codes) + 1,
                        kind="standalone",
                        ctype=_CTYPES.get(tok.tag, "other"),
                        opening=whole,
                    )
                )
                out.append(f"⟦{len(codes)}⟧")
                i = j
            elif tok.kind == "start" and tok.tag not in _VOID_TAGS:
                codes.append(
                    Code(
                        id=len(codes) + 1,
                        kind="pair",
                        ctype=_CTYPES.get(tok.tag, "other"),
                        opening=raw,
                    )
                )
                open_pairs.append((tok.tag, len(codes) - 1))
                out.append(f"⟦{len(codes)}⟧")
            elif tok.kind == "end" and any(tag == tok.tag for tag, _ in open_pairs):
                while open_pairs:
                    tag, idx = open_pairs.pop()
                    if tag == tok.tag:
                        c = codes[idx]
                        codes[idx] = Code(id=c.id, kind="pair", ctype=c.ctype, opening=c.opening, closing=raw)
                        out.append(f"⟦/{c.id}⟧")
                        break
                    # An element left open inside the run (<b>x<i>y</b>): a standalone code.
                    c = codes[idx]
                    codes[idx] = Code(id=c.id, kind="standalone", ctype=c.ctype, opening=c.opening)
            else:  # void, stray end tag, or anything else: standalone
                ctype = _CTYPES.get(tok.tag, "other")
                codes.append(Code(id=len(codes) + 1, kind="standalone", ctype=ctype, opening=raw))
                out.append(f"⟦{len(codes)}⟧")
            i += 1
        for _tag, idx in open_pairs:
            c = codes[idx]
            codes[idx] = Code(id=c.id, kind="standalone", ctype=c.ctype, opening=c.opening)
        return "".join(out), tuple(codes)
