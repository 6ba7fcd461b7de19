"""XLIFF 2.1 writer: one file per target language, a unit per block, a segment per sentence.

Inline markup is kept as ``<originalData>`` plus ``<pc>``/``<sc>``/``<ec>``/``<ph>`` elements, so
CAT tools show it as protected tags. Provenance and findings travel as ``<note>`` elements.
Valid against the OASIS XLIFF 2.0/2.1 core schema (``xliff_core_2.0.xsd``).
"""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from ..model import Block, Code, LocalisedDocument, Segment
from ..serial import term_records, term_records_line
from ..xmlsafe import NOT_XML_CHARS, parse_xml
from .base import BaseWriter
from .inline import matched_pairs, pieces

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_E = f"{{{NS}}}"

# XLIFF 2 type/subType of a code (spec 4.3.1.34 type, 4.3.1.35 subType).
_TYPES = {
    "bold": ("fmt", "xlf:b"),
    "italic": ("fmt", "xlf:i"),
    "underline": ("fmt", "xlf:u"),
    "lb": ("fmt", "xlf:lb"),
    "link": ("link", None),
    "image": ("image", None),
    "code": ("other", None),
}


def _code_attrs(el: etree._Element, code: Code) -> None:
    kind, sub = _TYPES.get(code.ctype, ("other", None))
    el.set("type", kind)
    if sub:
        el.set("subType", sub)


class XliffWriter(BaseWriter):
    """Writes a LocalisedDocument as XLIFF 2.1."""

    kind: ClassVar[str] = "xlf"
    suffix: ClassVar[str] = ".xlf"
    media_type: ClassVar[str] = "application/xliff+xml"

    @staticmethod
    def recorded_fingerprint(data: bytes) -> str | None:
        """The run fingerprint recorded in an XLIFF 2 file this writer wrote, or None."""
        root = parse_xml(data, path="<xliff>")
        for file_el in root.findall(_E + "file"):
            for note in file_el.findall(f"{_E}notes/{_E}note"):
                if note.get("category") == "newsl10n:fingerprint":
                    return (note.text or "").strip() or None
        return None

    def write(self, result: LocalisedDocument) -> bytes:
        doc = result.document
        root = etree.Element(
            _E + "xliff",
            nsmap={None: NS},  # type: ignore[dict-item]  # lxml takes None for the default namespace
            attrib={"version": "2.1", "srcLang": doc.source_lang, "trgLang": result.target_lang},
        )
        file_el = etree.SubElement(root, _E + "file", id="f1", original=doc.id)
        notes = etree.SubElement(file_el, _E + "notes")
        note = etree.SubElement(notes, _E + "note", id="provenance", category="newsl10n:provenance")
        note.text = result.run.signature()
        if result.run.fingerprint:
            fp = etree.SubElement(notes, _E + "note", id="fingerprint", category="newsl10n:fingerprint")
            fp.text = result.run.fingerprint
        for block in doc.blocks:
            if block.segments:
                self._unit(file_el, block, result)
        _indent(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"

    def _unit(self, parent: etree._Element, block: Block, result: LocalisedDocument) -> None:
        unit = etree.SubElement(parent, _E + "unit", id=block.id, name=block.kind, type=f"nl10n:{block.kind}")
        unit.set(f"{{{XML_NS}}}space", "preserve")
        issues = [i for s in block.segments if (t := result.translation(s.id)) for i in t.issues]
        terms = [(s.id, r) for s in block.segments if (r := term_records(s, result.translation(s.id)))]
        if issues or terms:
            notes = etree.SubElement(unit, _E + "notes")
            for seg_id, records in terms:  # how each glossary term was satisfied (term enforcement)
                n = etree.SubElement(notes, _E + "note", category="newsl10n:terms", appliesTo="target")
                n.set("priority", "9")
                n.text = f"{seg_id}: {term_records_line(records)}"
            for issue in issues:
                n = etree.SubElement(
                    notes, _E + "note", category=f"newsl10n:{issue.code}", appliesTo="target"
                )
                n.set(
                    "priority",
                    "1" if issue.severity == "error" else "5" if issue.severity == "warning" else "9",
                )
                n.text = f"{issue.segment_id}: {issue.message}"
        if block.codes:
            od = etree.SubElement(unit, _E + "originalData")
            for code in block.codes:
                d = etree.SubElement(od, _E + "data", id=f"d{code.id}")
                _append_text(d, code.opening)  # markup may hold a NUL or a control character
                if code.kind == "pair":
                    d2 = etree.SubElement(od, _E + "data", id=f"d{code.id}e")
                    _append_text(d2, code.closing)
        for seg in block.segments:
            self._segment(unit, block, seg, result)
        self._matches(unit, block, result)

    def _matches(self, unit: etree._Element, block: Block, result: LocalisedDocument) -> None:
        """TM fuzzy matches in the Translation Candidates module (XLIFF 2.1 §5.2), first in the unit."""
        found = [(s, c) for s in block.segments if (t := result.translation(s.id)) for c in t.candidates]
        if not found:
            return
        matches = etree.Element(f"{{{MTC_NS}}}matches", nsmap={"mtc": MTC_NS})
        for seg, cand in found:
            m = etree.SubElement(
                matches,
                f"{{{MTC_NS}}}match",
                ref=f"#{seg.id}",
                similarity=f"{cand.score:.1f}",
                type=cand.origin,
                origin=f"newsl10n-{cand.origin}",
            )
            _inline(etree.SubElement(m, _E + "source"), cand.source, block)
            _inline(etree.SubElement(m, _E + "target"), cand.target, block)
        unit.insert(0, matches)

    def _segment(self, unit: etree._Element, block: Block, seg: Segment, result: LocalisedDocument) -> None:
        tr = result.translation(seg.id)
        state = "initial" if tr is None else "reviewed" if tr.origin == "human" else "translated"
        el = etree.SubElement(unit, _E + "segment", id=seg.id, state=state)
        src = etree.SubElement(el, _E + "source")
        _inline(src, seg.content, block)
        if tr is not None:
            tgt = etree.SubElement(el, _E + "target")
            _inline(tgt, tr.text, block)
        trailing = seg.text[len(seg.content) :]
        if trailing:
            ign = etree.SubElement(unit, _E + "ignorable", id=f"{seg.id}-ws")
            _append_text(etree.SubElement(ign, _E + "source"), trailing)
            if tr is not None:
                _append_text(etree.SubElement(ign, _E + "target"), trailing)


# Elements whose content is only other elements: safe to indent. Everything else (source, target,
# note, data and inline codes) keeps its text exactly, so lxml's pretty_print must not touch it.
MTC_NS = "urn:oasis:names:tc:xliff:matches:2.0"
_STRUCTURAL = frozenset(
    f"{_E}{n}" for n in ("xliff", "file", "notes", "unit", "originalData", "segment", "ignorable")
) | {f"{{{MTC_NS}}}matches", f"{{{MTC_NS}}}match"}


def _indent(el: etree._Element, level: int = 0) -> None:
    if el.tag not in _STRUCTURAL or not len(el):
        return
    inner = "\n" + "  " * (level + 1)
    el.text = inner
    for child in el:
        _indent(child, level + 1)
        child.tail = inner
    el[-1].tail = "\n" + "  " * level


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text; characters XML cannot carry become <cp hex="…"/> (XLIFF 2, spec 4.2.2.1 cp)."""
    pos = 0
    for m in NOT_XML_CHARS.finditer(text):
        _append_plain(parent, text[pos : m.start()])
        etree.SubElement(parent, _E + "cp", hex=f"{ord(m.group(0)):04X}")
        pos = m.end()
    _append_plain(parent, text[pos:])


def _append_plain(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inline(parent: etree._Element, text: str, block: Block) -> None:
    """Fill ``parent`` with text and inline elements for the placeholders of ``text``."""
    items = pieces(text, block)
    paired = matched_pairs(items)
    stack: list[etree._Element] = [parent]
    for p in items:
        if p.code_id is None:
            _append_text(stack[-1], p.text)
            continue
        code = block.code(p.code_id)
        cid = f"c{code.id}"
        if code.kind == "standalone":
            el = etree.SubElement(stack[-1], _E + "ph", id=cid, dataRef=f"d{code.id}")
            _code_attrs(el, code)
        elif p.code_id in paired and not p.closing:
            el = etree.SubElement(
                stack[-1], _E + "pc", id=cid, dataRefStart=f"d{code.id}", dataRefEnd=f"d{code.id}e"
            )
            _code_attrs(el, code)
            stack.append(el)
        elif p.code_id in paired:
            stack.pop()
        elif not p.closing:
            el = etree.SubElement(stack[-1], _E + "sc", id=cid, dataRef=f"d{code.id}")
            _code_attrs(el, code)
        else:
            el = etree.SubElement(stack[-1], _E + "ec", startRef=cid, dataRef=f"d{code.id}e")
            _code_attrs(el, code)
