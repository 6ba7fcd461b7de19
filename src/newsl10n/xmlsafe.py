"""Parsing XML from users safely: no network, no DTD loading, entity declarations refused."""

from __future__ import annotations

import re

from lxml import etree

from .errors import FormatError

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)

NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters that XML 1.0 (and so lxml) cannot carry in text."""


def parse_xml(data: bytes, *, path: str) -> etree._Element:
    """Parse XML; FormatError (with the line) for bad XML or a file that declares entities."""
    if _ENTITY_DECL.search(data[:65536]):
        raise FormatError(
            "refused: the file declares XML entities (possible entity expansion bomb)", path=path
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise FormatError(f"not well-formed XML: {exc.msg}", path=path, line=line) from exc


def line_of(el: etree._Element | None) -> int | None:
    """The source line of an element (lxml's stubs type it loosely)."""
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) else None


def local_name(tag: object) -> str:
    """The local part of an element's tag ('' for comments and processing instructions)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""
