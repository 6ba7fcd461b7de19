"""Turning the inline content of bilingual files (XLIFF 1.x/2.x, TMX) into plain and tagged text.

A reader needs two views of a ``<source>``/``<target>``/``<seg>``: the plain text that checks
read (the native data of codes left out, the text inside paired codes kept) and the tagged text
(``⟦n⟧``/``⟦/n⟧`` placeholders plus :class:`~newsl10n.model.Code` values carrying the native data),
which a round trip and a post-edit import need. Both come from one walk over the element.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from lxml import etree

from ..errors import ConfigError, FormatError
from ..langs import normalise_tag
from ..model import Code, CodeKind
from ..xmlsafe import local_name

# Elements whose content is native markup, not text: XLIFF 1.2 and TMX codes, XLIFF 2 data.
CODE_ELEMENTS = frozenset({"ph", "bpt", "ept", "it", "sub", "ut", "originalData", "cp"})


def plain_text(el: etree._Element | None) -> str:
    """Text of an element without the native data of inline codes ("" for no element)."""
    if el is None:
        return ""
    return InlineReader().read(el).plain


def declared_tag(
    value: str | None, fallback: str | None, *, path: str, line: int | None, what: str, option: str
) -> str:
    """The normalised language the file declares, else ``fallback``; FormatError when neither is set.

    Args:
        value: the tag the file declares (None or "" when it declares none).
        fallback: the tag passed by the caller (``--source-lang``/``--target-lang``).
        path: the file, for the error.
        line: the line of the element that should declare it.
        what: what the file lacks, in words (``"target language (target-language)"``).
        option: the command-line option that supplies it.
    """
    tag = value or fallback
    if not tag:
        raise FormatError(
            f"the file declares no {what}; pass {option} to say which language it is", path=path, line=line
        )
    try:
        return normalise_tag(tag)
    except ConfigError as exc:
        raise FormatError(str(exc), path=path, line=line) from exc


@dataclass
class Inline:
    """The two views of an inline content element."""

    plain: str
    tagged: str
    codes: tuple[Code, ...]


@dataclass
class InlineReader:
    """Walks XLIFF 1.2, TMX and XLIFF 2 inline markup; one instance per translation unit.

    Code ids are kept when they are numbers; other ids (``INTERPOLATION``, ``a1``) get numbers from
    10000 up, the same string always the same number within the unit, so a source and its target
    agree. ``data`` holds XLIFF 2 ``<originalData>`` by id.
    """

    data: dict[str, str] = field(default_factory=dict)
    _ids: dict[str, int] = field(default_factory=dict)
    _tmx_pairs: dict[str, str] = field(default_factory=dict)

    def number(self, raw: str | None) -> int:
        """The placeholder number for a code id of the file."""
        key = raw or ""
        if key[:1] == "c" and key[1:].isdigit():
            key = key[1:]  # newsl10n's XLIFF 2 writer names codes c1, c2…
        if key not in self._ids:
            if key.isdigit() and int(key) < 10000:
                self._ids[key] = int(key)
            else:
                self._ids[key] = 10000 + len(self._ids)
        return self._ids[key]

    def read(self, el: etree._Element) -> Inline:
        """Both views of ``el``'s content."""
        plain: list[str] = []
        tagged: list[str] = []
        codes: dict[int, Code] = {}

        def code(cid: int, kind: CodeKind, ctype: str, native: str, closing: bool) -> None:
            tagged.append(f"⟦{'/' if closing else ''}{cid}⟧")
            new = Code(
                id=cid,
                kind=kind,
                ctype=ctype,
                opening="" if closing else native,
                closing=native if closing else "",
            )
            codes[cid] = merge_codes((codes[cid],), (new,))[0] if cid in codes else new

        def text(s: str | None) -> None:
            if s:
                plain.append(s)
                tagged.append(s)

        def walk(node: etree._Element) -> None:
            text(node.text)
            for child in node:
                element(child)
                text(child.tail)

        def element(node: etree._Element) -> None:
            name = local_name(node.tag)
            ctype = _ctype(node.get("ctype") or node.get("type") or "")
            native = "".join(str(t) for t in node.itertext())
            if name in ("g", "pc"):
                cid = self.number(node.get("id"))
                opening = self.data.get(node.get("dataRefStart") or "", "")
                closing = self.data.get(node.get("dataRefEnd") or "", "")
                code(cid, "pair", ctype, opening, False)
                walk(node)
                code(cid, "pair", ctype, closing, True)
            elif name == "x" or (name == "ph" and node.get("dataRef") is not None):
                code(
                    self.number(node.get("id")),
                    "standalone",
                    ctype,
                    self.data.get(node.get("dataRef") or "", ""),
                    False,
                )
            elif name in ("bx", "sc"):
                code(
                    self.number(node.get("rid") or node.get("id")),
                    "pair",
                    ctype,
                    self.data.get(node.get("dataRef") or "", ""),
                    False,
                )
            elif name in ("ex", "ec"):
                raw = node.get("rid") or node.get("startRef") or node.get("id")
                code(self.number(raw), "pair", ctype, self.data.get(node.get("dataRef") or "", ""), True)
            elif name == "bpt":
                raw = node.get("x") or node.get("rid") or node.get("id") or node.get("i")
                if node.get("i") is not None and raw is not None:
                    self._tmx_pairs[node.get("i") or ""] = raw
                code(self.number(raw), "pair", ctype, native, False)
            elif name == "ept":
                raw = node.get("rid") or node.get("id")
                if raw is None and node.get("i") is not None:
                    raw = self._tmx_pairs.get(node.get("i") or "", node.get("i"))
                code(self.number(raw), "pair", ctype, native, True)
            elif name == "it":
                is_close = node.get("pos") in ("close", "end")
                code(self.number(node.get("x") or node.get("id")), "pair", ctype, native, is_close)
            elif name in ("ph", "ut"):
                code(self.number(node.get("x") or node.get("id")), "standalone", ctype, native, False)
            elif name == "cp":
                hex_value = node.get("hex") or ""
                with contextlib.suppress(ValueError):
                    text(chr(int(hex_value, 16)))
            elif name in CODE_ELEMENTS or not isinstance(node.tag, str):
                return
            else:  # mrk, hi, sm/em and other markers: transparent
                walk(node)

        walk(el)
        return Inline("".join(plain), "".join(tagged), tuple(codes[k] for k in sorted(codes)))


def _ctype(value: str) -> str:
    """newsl10n's coarse code type from an XLIFF ``ctype`` or TMX ``type`` attribute."""
    low = value.lower()
    if low.startswith("x-"):
        low = low[2:]
    return {"ulined": "underline", "": "", "fmt": "other"}.get(low, low)


def merge_codes(*groups: tuple[Code, ...]) -> tuple[Code, ...]:
    """Codes of a source and a target joined by id, the markup of either side filling the other's gaps."""
    out: dict[int, Code] = {}
    for group in groups:
        for c in group:
            prev = out.get(c.id)
            out[c.id] = (
                c
                if prev is None
                else Code(
                    id=c.id,
                    kind=prev.kind,
                    ctype=prev.ctype or c.ctype,
                    opening=prev.opening or c.opening,
                    closing=prev.closing or c.closing,
                )
            )
    return tuple(out[k] for k in sorted(out))


def root_name(data: bytes) -> str:
    """Local name of the root element, from the first 64 KiB ('' when that is not XML)."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True, load_dtd=False)
    try:
        parser.feed(data[:65536])
        for _event, el in parser.read_events():
            return local_name(getattr(el, "tag", ""))
    except etree.XMLSyntaxError:
        return ""
    return ""
