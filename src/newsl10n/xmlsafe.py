"""Parsing XML from users safely: no network, no DTD loading, internal DTDs and entities refused."""

from __future__ import annotations

import codecs
import re

from lxml import etree

from .errors import FormatError
from .textio import looks_like_bomless_utf16, sniff_bom

NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters that XML 1.0 (and so lxml) cannot carry in text."""

MAX_DEPTH = 256
"""libxml2's nesting limit without ``huge_tree``; deeper files are refused (no bilingual format needs it)."""

_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_DOCTYPE = re.compile(
    r"<!DOCTYPE\s+[^\s>\[]+(?:\s+(?:SYSTEM|PUBLIC)(?:\s+(?:\"[^\"]*\"|'[^']*'))+)?\s*(\[)?", re.S
)
_LIBXML_REFUSALS = ("amplification", "Excessive depth", "entity", "Entity")


def _parser() -> etree.XMLParser:
    # No entity substitution, no DTD loading, no network: an external entity or DTD is never
    # fetched, and an entity is never expanded; libxml2's limits (huge_tree off) cap the rest.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _prolog_encoding(data: bytes) -> str:
    bom = sniff_bom(data)
    if bom:
        return bom
    if looks_like_bomless_utf16(data):
        return "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    m = re.match(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", data[:200])
    return m.group(1).decode("ascii") if m else "utf-8"


class UnreadableProlog(ValueError):
    """The document's prolog cannot be decoded in the encoding it declares."""


def internal_subset_line(data: bytes) -> int | None:
    """The line of a ``<!DOCTYPE … [`` internal subset in the document's prolog, or None.

    The prolog is read as XML reads it — in the document's own encoding, past the XML
    declaration, comments and processing instructions, however long — not searched as bytes.
    """
    encoding = _prolog_encoding(data)
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return None  # libxml2 refuses an encoding it does not know, with the line
    if not getattr(info, "_is_text_encoding", True):  # "uu", "base64", "zlib": bytes-to-bytes codecs
        raise UnreadableProlog(f"the file declares {encoding!r}, which is not a text encoding")
    decoder = info.incrementaldecoder(errors="replace")
    text, pos, chunk = "", 0, 65536
    for offset in range(0, len(data) + chunk, chunk):
        try:
            text += decoder.decode(data[offset : offset + chunk], final=offset + chunk >= len(data))
        except UnicodeError as exc:
            # e.g. encoding="UTF-16" declared with no byte order mark: the prolog cannot be read,
            # so it cannot be shown to be free of a DTD.
            raise UnreadableProlog(f"the file cannot be decoded as its declared encoding ({exc})") from exc
        while True:
            m = _PROLOG_ITEM.match(text, pos)
            if m is None or m.end() == pos:
                break
            pos = m.end()
        rest = text[pos:]
        more = offset + chunk < len(data)
        if more and (len(rest) < 512 or rest.startswith(("<!--", "<?"))):
            continue  # the next prolog item (or the comment it is in) goes on in the next chunk
        doctype = _DOCTYPE.match(text, pos)
        if doctype and doctype.group(1):
            return text.count("\n", 0, pos) + 1
        return None
    return None


def refuse_unsafe_prolog(data: bytes, *, path: str) -> None:
    """Refuse, before any parser sees it, a document whose prolog declares an internal DTD (where
    entities are declared) or cannot be decoded in its declared encoding (so cannot be shown free
    of one). Every XML reader calls this, streaming or not.

    Raises:
        FormatError: naming the file and the line of the DTD.
    """
    try:
        line = internal_subset_line(data)
    except UnreadableProlog as exc:
        raise FormatError(str(exc), path=path, line=1) from exc
    if line is not None:
        raise FormatError(
            "refused: the file declares an internal DTD (<!DOCTYPE … [ … ]>), where XML entities "
            "are declared (entity expansion and external-entity attacks); remove it",
            path=path,
            line=line,
        )


def parse_xml(data: bytes, *, path: str) -> etree._Element:
    """Parse XML from a user's file; FormatError (with the line) for bad or unsafe XML.

    Refused before parsing: an internal DTD subset (``<!DOCTYPE x [ … ]>``, where entities are
    declared), found by reading the prolog structurally (a prolog that cannot be decoded in its
    declared encoding is refused too), so padding or a UTF-16 encoding cannot
    hide it. A DTD the file points at is never loaded. Refused after parsing: entity references and
    nesting beyond :data:`MAX_DEPTH`.

    Raises:
        FormatError: the file is not well-formed or is refused; it names the file and line.
    """
    refuse_unsafe_prolog(data, path=path)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        where = exc.position[0] if exc.position else None
        if any(k in exc.msg for k in _LIBXML_REFUSALS):
            raise FormatError(f"refused: {exc.msg}", path=path, line=where) from exc
        raise FormatError(f"not well-formed XML: {exc.msg}", path=path, line=where) from exc
    for el in root.iter(etree.Entity):
        raise FormatError(
            f"refused: the file uses the entity reference {el.text or '&…;'} (entities are not allowed)",
            path=path,
            line=line_of(el),
        )
    return root


def line_of(el: etree._Element | None) -> int | None:
    """The source line of an element (lxml's stubs type it loosely)."""
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) else None


def local_name(tag: object) -> str:
    """The local part of an element's tag ('' for comments and processing instructions)."""
    if not isinstance(tag, str):
        return ""
    # Split by hand: etree.QName raises on namespaces that lxml itself let through ("{}}x").
    return tag.rpartition("}")[2] if tag.startswith("{") else tag


def namespace_of(el: etree._Element) -> str:
    """The namespace URI of an element's tag ('' for none); never raises, unlike ``etree.QName``."""
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].rpartition("}")[0]
