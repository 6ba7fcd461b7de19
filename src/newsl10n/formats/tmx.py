"""TMX 1.4b: a translation memory of a localised document (writer) and bilingual units from any TMX (reader).

The writer makes one ``<tu>`` per translated sentence, valid against the TMX 1.4b DTD, with the
article id, block id, block kind and state as ``<prop>``\\s, findings as ``<note>``\\s, and the run
signature and fingerprint as header ``<prop>``\\s. Inline codes are ``<bpt>/<ept>/<ph>/<it>``
with the original markup (:mod:`newsl10n.formats.native`). Loaded as a memory by a CAT tool
(OmegaT: the project's ``tm/auto/``), it fills every segment of the matching XLIFF.

The reader takes TMX 1.1–1.4 as LISA, OmegaT (``lang`` instead of ``xml:lang``), Trados and
Okapi write it: one unit per target ``<tuv>`` of each ``<tu>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from lxml import etree

from ..errors import FormatError
from ..langs import normalise_tag
from ..model import BilingualUnit, Block, LocalisedDocument
from ..xmlsafe import line_of, local_name, parse_xml
from .base import BaseWriter
from .bilingual import refuse_entities, release, stream_xml, tagged
from .native import append_inline, append_text
from .units import InlineReader, declared_tag, merge_codes, root_name
from .xliff12 import segment_state

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DATATYPES = {"html": "html", "text": "plaintext", "markdown": "plaintext"}
PROP_SIGNATURE = "x-newsl10n-provenance"
PROP_FINGERPRINT = "x-newsl10n-fingerprint"


class TmxWriter(BaseWriter):
    """Writes the sentences of a LocalisedDocument and their translations as TMX 1.4b."""

    kind: ClassVar[str] = "tmx"
    suffix: ClassVar[str] = ".tmx"
    media_type: ClassVar[str] = "application/x-tmx+xml"

    def write(self, result: LocalisedDocument) -> bytes:
        """Serialise a localised document (untranslated sentences are left out)."""
        doc = result.document
        root, header, body = new_document(
            tool_version=result.run.tool_version,
            o_tmf="newsl10n",
            srclang=doc.source_lang,
            datatype=_DATATYPES.get(doc.format, "plaintext"),
        )
        etree.SubElement(header, "prop", type=PROP_SIGNATURE).text = result.run.signature()
        if result.run.fingerprint:
            etree.SubElement(header, "prop", type=PROP_FINGERPRINT).text = result.run.fingerprint
        for block in doc.blocks:
            for seg in block.segments:
                tr = result.translation(seg.id)
                if tr is None:
                    continue
                tu = etree.SubElement(body, "tu", tuid=seg.id, srclang=doc.source_lang)
                for issue in tr.issues:
                    append_text(etree.SubElement(tu, "note"), f"{issue.code}: {issue.message}")
                state, qualifier = segment_state(tr)
                props = [("x-article", doc.id), ("x-block", block.id), ("x-kind", block.kind)]
                props += [("x-state", state), ("x-origin", tr.origin)]
                if qualifier:
                    props.append(("x-state-qualifier", qualifier))
                fill_tu(tu, props, ((doc.source_lang, seg.content), (result.target_lang, tr.text)), block)
        return serialise(root)

    @staticmethod
    def recorded_fingerprint(data: bytes) -> str | None:
        """The run fingerprint recorded in the header of a TMX this writer wrote, or None."""
        header = parse_xml(data, path="<tmx>").find("header")
        if header is None:
            return None
        for prop in header.findall("prop"):
            if prop.get("type") == PROP_FINGERPRINT:
                return (prop.text or "").strip() or None
        return None


def new_document(
    *, tool_version: str, o_tmf: str, srclang: str, datatype: str
) -> tuple[etree._Element, etree._Element, etree._Element]:
    """A TMX 1.4b document's root, its ``<header>`` and its empty ``<body>``."""
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root,
        "header",
        attrib={
            "creationtool": "newsl10n",
            "creationtoolversion": tool_version,
            "segtype": "sentence",
            "o-tmf": o_tmf,
            "adminlang": "en",
            "srclang": srclang,
            "datatype": datatype,
        },
    )
    return root, header, etree.SubElement(root, "body")


def fill_tu(
    tu: etree._Element,
    props: Sequence[tuple[str, str]],
    variants: Iterable[tuple[str, str]],
    block: Block,
) -> None:
    """Append a ``<tu>``'s ``<prop>``s, then one ``<tuv>`` per ``(language, text)`` with its codes."""
    for ptype, value in props:
        append_text(etree.SubElement(tu, "prop", type=ptype), value)
    for lang, text in variants:
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, lang)
        append_inline(etree.SubElement(tuv, "seg"), text, block, "tmx")


def serialise(root: etree._Element) -> bytes:
    """The document's bytes: indented (``<seg>`` content untouched), with the DTD's doctype."""
    _indent(root)
    return (
        etree.tostring(
            etree.ElementTree(root),
            xml_declaration=True,
            encoding="UTF-8",
            doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        )
        + b"\n"
    )


def _indent(el: etree._Element, level: int = 0) -> None:
    if el.tag == "seg" or not len(el):
        return
    inner = "\n" + "  " * (level + 1)
    el.text = inner
    for child in el:
        _indent(child, level + 1)
        child.tail = inner
    el[-1].tail = "\n" + "  " * level


class TmxReader:
    """Reads TMX 1.1–1.4 into one unit per target language of each ``<tu>``."""

    name: ClassVar[str] = "tmx"
    extensions: ClassVar[tuple[str, ...]] = (".tmx", ".xml")

    def sniff(self, data: bytes) -> bool:
        """True when the root element is ``<tmx>``."""
        return root_name(data) == "tmx"

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> list[BilingualUnit]:
        """Every (source, target) pair; ``source_lang`` stands in for a header srclang of ``*all*``.

        The file is read as a stream (each ``<tu>`` dropped once read). A language tag the file
        declares that is not BCP 47 (header, ``<tu srclang>``, ``<tuv xml:lang>``) is a FormatError
        naming the file and line.
        """
        events = stream_xml(data, path=path, tags=("{*}tmx", "header", "tu"))
        root = next(events)[1].getroottree().getroot()
        if local_name(root.tag) != "tmx":
            raise FormatError(
                f"the root element is <{local_name(root.tag)}>, not <tmx>", path=path, line=line_of(root)
            )
        wanted = normalise_tag(target_lang) if target_lang else None
        src: str | None = None
        out: list[BilingualUnit] = []
        n = 0
        for event, el in events:
            if event == "start":
                if el.tag == "header" and el.getparent() is root and src is None:
                    src = _header_source(el, source_lang, path)
                continue
            if el.tag != "tu":
                continue
            if src is None:  # no <header> before the body
                src = _header_source(None, source_lang, path, root)
            n += 1
            refuse_entities(el, path=path)
            out.extend(_read_tu(el, n, src, wanted, path))
            release(el)
        if src is None:
            _header_source(None, source_lang, path, root)
        return out


def _header_source(
    header: etree._Element | None, source_lang: str | None, path: str, root: etree._Element | None = None
) -> str:
    raw = header.get("srclang") if header is not None else None
    return declared_tag(
        None if raw == "*all*" else raw,
        source_lang,
        path=path,
        line=line_of(header if header is not None else root),
        what="source language (the header's srclang)",
        option="--source-lang",
    )


def _read_tu(tu: etree._Element, n: int, src: str, wanted: str | None, path: str) -> list[BilingualUnit]:
    """One unit per target ``<tuv>`` of a ``<tu>`` (none when it has no source ``<tuv>``)."""
    tuvs: list[tuple[str, etree._Element]] = []
    for tuv in tu.findall("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang")
        if not lang:
            raise FormatError("a <tuv> declares no xml:lang", path=path, line=line_of(tuv))
        tuvs.append(
            (
                declared_tag(
                    lang, None, path=path, line=line_of(tuv), what="tuv language", option="--target-lang"
                ),
                tuv,
            )
        )
    own_src = tu.get("srclang")
    tu_src = src
    if own_src and own_src != "*all*":
        tu_src = declared_tag(
            own_src, None, path=path, line=line_of(tu), what="<tu> srclang", option="--source-lang"
        )
    source = next((t for lang, t in tuvs if lang == tu_src), None)
    if source is None:
        source = next((t for lang, t in tuvs if lang.split("-")[0] == tu_src.split("-")[0]), None)
    if source is None:
        return []
    props = {p.get("type"): (p.text or "") for p in tu.findall("prop")}
    notes = tuple((x.text or "").strip() for x in tu.findall("note") if (x.text or "").strip())
    inline = InlineReader()
    s = inline.read(_seg(source))
    out: list[BilingualUnit] = []
    for lang, tuv in tuvs:
        if tuv is source or (wanted and lang != wanted):
            continue
        t = inline.read(_seg(tuv))
        out.append(
            BilingualUnit(
                path,
                tu.get("tuid") or str(n),
                line_of(tu),
                s.plain,
                t.plain,
                tu_src,
                lang,
                state=props.get("x-state", "translated" if t.plain else "initial"),
                state_qualifier=props.get("x-state-qualifier", ""),
                notes=notes,
                kind=props.get("x-kind", ""),
                tagged_source=tagged(s.plain, s.tagged),
                tagged_target=tagged(t.plain, t.tagged),
                codes=merge_codes(s.codes, t.codes),
            )
        )
    return out


def _seg(tuv: etree._Element) -> etree._Element:
    seg = tuv.find("seg")
    return seg if seg is not None else etree.Element("seg")
