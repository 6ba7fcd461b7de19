"""Writing inline codes as native-data elements: XLIFF 1.2 and TMX ``<bpt>/<ept>/<ph>/<it>``.

Both formats carry a code's original markup as the element's text, so a CAT tool shows it as a
protected tag and a reader gets the markup back. A pair whose two ends fall in the same text
becomes ``<bpt>``…``<ept>``; one end alone (a pair split across sentences) becomes ``<it>``; a
standalone code becomes ``<ph>``.

OmegaT names the tags it shows after the first letter of that native text (``<a href>`` → ``<a0>``)
in XLIFF 1.2 and in TMX alike, and after the TMX ``type`` attribute when the text has no letter,
where its XLIFF filter uses ``f``. So a TMX code whose markup has no letter (Markdown's ``**``)
carries no ``type``, and the two files name it the same way. OmegaT 3.6 reads TMX codes as tags
with its preferences ``ext_tmx_show_level2`` and ``ext_tmx_use_slash`` on, and keeps the tags
around a sentence that one pair wraps whole with its file filters' "Remove leading and trailing
tags" off; then it fills every sentence of the XLIFF from the TMX (tests/formats/test_interop.py).
"""

from __future__ import annotations

from typing import Literal

from lxml import etree

from ..model import Block, Code
from ..xmlsafe import NOT_XML_CHARS, namespace_of
from .inline import matched_pairs, pieces

Dialect = Literal["xliff12", "tmx"]

# XLIFF 1.2 ctype values (spec 2.5.4 "ctype"): delimiters for pairs, placeholders for the rest.
_XLIFF_PAIR_CTYPES = frozenset({"bold", "italic", "underline", "link"})
_XLIFF_PH_CTYPES = frozenset({"image", "pb", "lb"})
# TMX 1.4b type values (spec "type" of bpt/it and of ph).
_TMX_PAIR_TYPES = {"bold": "bold", "italic": "italic", "underline": "ulined", "link": "link"}
_TMX_PH_TYPES = frozenset({"image", "lb", "pb", "date", "time", "index"})


def append_text(parent: etree._Element, text: str) -> None:
    """Append text at the end of ``parent``; characters XML cannot carry become ``U+XXXX``.

    Neither XLIFF 1.2 nor TMX has XLIFF 2's ``<cp>``; the visible escape at least never loses
    the character silently.
    """
    text = NOT_XML_CHARS.sub(lambda m: f"U+{ord(m.group(0)):04X}", text)
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _has_letter(s: str) -> bool:
    return any(c.isalpha() for c in s)


def _set_type(el: etree._Element, code: Code, dialect: Dialect, pair: bool, native: str) -> None:
    ct = code.ctype
    if not ct:
        return
    if dialect == "xliff12":
        allowed = _XLIFF_PAIR_CTYPES if pair else _XLIFF_PH_CTYPES
        el.set("ctype", ct if ct in allowed else f"x-{ct}")
        return
    if not _has_letter(native):
        return  # see the module docstring: OmegaT would name the tag after the type
    if pair:
        el.set("type", _TMX_PAIR_TYPES.get(ct, f"x-{ct}"))
    else:
        el.set("type", ct if ct in _TMX_PH_TYPES else f"x-{ct}")


def append_inline(parent: etree._Element, text: str, block: Block, dialect: Dialect) -> None:
    """Fill ``parent`` with the text and native-data code elements for the placeholders of ``text``."""
    items = pieces(text, block)
    paired = matched_pairs(items)
    for p in items:
        if p.code_id is None:
            append_text(parent, p.text)
            continue
        code = block.code(p.code_id)
        native = NOT_XML_CHARS.sub("", code.closing if p.closing else code.opening)
        if code.kind == "standalone":
            el = etree.SubElement(parent, "ph" if dialect == "tmx" else _q(parent, "ph"))
            el.set("x" if dialect == "tmx" else "id", str(code.id))
            _set_type(el, code, dialect, False, native)
        elif p.code_id in paired:
            name = "ept" if p.closing else "bpt"
            el = etree.SubElement(parent, name if dialect == "tmx" else _q(parent, name))
            if dialect == "tmx":
                # Only i: OmegaT 3.6 pairs a <bpt> by its x when it has one but an <ept> by its i.
                el.set("i", str(code.id))
            else:
                el.set("id", str(code.id))
            if not p.closing:
                _set_type(el, code, dialect, True, native)
        else:
            el = etree.SubElement(parent, "it" if dialect == "tmx" else _q(parent, "it"))
            el.set("x" if dialect == "tmx" else "id", str(code.id))
            if dialect == "tmx":
                el.set("pos", "end" if p.closing else "begin")
            else:
                el.set("pos", "close" if p.closing else "open")
            _set_type(el, code, dialect, True, native)
        el.text = native or None


def _q(parent: etree._Element, name: str) -> str:
    ns = namespace_of(parent)
    return f"{{{ns}}}{name}" if ns else name
