"""XLIFF 1.2 writer: a ``<trans-unit>`` per block, a ``<mrk mtype="seg">`` per sentence.

Valid against the OASIS XLIFF 1.2 strict schema. Inline codes are ``<bpt>/<ept>/<ph>/<it>``
carrying the original markup (see :mod:`newsl10n.formats.native`), which ``<g>``/``<x/>`` cannot.
Provenance (the run signature and fingerprint) travels as ``<note>`` elements of the file's
``<header>``; findings as ``<note>`` elements of the unit, each naming its segment.

States (XLIFF 1.2 section 2.5.5 "state", "state-qualifier") map to XLIFF 2's four
(:data:`STATE_FROM_12`): a machine translation is ``needs-review-translation`` with the
qualifier ``mt-suggestion`` (XLIFF 2 ``translated``), a TM hit ``translated`` with
``leveraged-tm`` or ``exact-match``, a human one ``signed-off`` (``reviewed``).

``WriterOptions.target_mode == "source-copy"`` writes the source into ``<target>`` and the
machine translation into an ``<alt-trans>``: OmegaT 3.6's XLIFF filter translates the text it
finds in ``<target>`` and skips units without one, and fills those segments from the TMX written
beside this file (``tm/auto/`` of the OmegaT project).
"""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from ..model import Block, LocalisedDocument, Segment, Translation
from ..serial import term_records, term_records_line
from ..xmlsafe import local_name, parse_xml
from .base import BaseWriter
from .native import append_inline, append_text

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_E = f"{{{NS}}}"

STATE_FROM_12 = {
    "new": "initial",
    "needs-translation": "initial",
    "needs-adaptation": "initial",
    "needs-l10n": "initial",
    "needs-review-translation": "translated",
    "needs-review-adaptation": "translated",
    "needs-review-l10n": "translated",
    "translated": "translated",
    "signed-off": "reviewed",
    "final": "final",
}
"""XLIFF 1.2 ``state`` → XLIFF 2 ``state``."""

_RANK = {"initial": 0, "translated": 1, "reviewed": 2, "final": 3}
_DATATYPES = {"html": "html", "text": "plaintext", "markdown": "x-markdown"}


def segment_state(tr: Translation | None) -> tuple[str, str]:
    """``(XLIFF 2 state, XLIFF 1.2 state-qualifier)`` of a segment's translation."""
    if tr is None:
        return "initial", ""
    if tr.origin == "human":
        return "reviewed", ""
    if tr.origin == "tm":
        return "translated", "exact-match" if tr.score is not None and tr.score >= 1.0 else "leveraged-tm"
    if tr.origin == "mt":
        return "translated", "mt-suggestion"
    return "translated", ""


def state_to_12(state: str, qualifier: str) -> str:
    """The XLIFF 1.2 ``state`` for an XLIFF 2 state (and the qualifier that refines it)."""
    if state == "initial":
        return "needs-translation"
    if state == "translated":
        return "translated" if qualifier in ("exact-match", "leveraged-tm") else "needs-review-translation"
    return "signed-off" if state == "reviewed" else "final"


def note_priority(severity: str) -> str:
    """XLIFF note priority (1 most important … 10) for a finding's severity."""
    return "1" if severity == "error" else "5" if severity == "warning" else "9"


class Xliff12Writer(BaseWriter):
    """Writes a LocalisedDocument as XLIFF 1.2 (strict schema)."""

    kind: ClassVar[str] = "xlf12"
    suffix: ClassVar[str] = ".xlf"
    media_type: ClassVar[str] = "application/x-xliff+xml"

    def write(self, result: LocalisedDocument) -> bytes:
        """Serialise a localised document."""
        doc = result.document
        root = etree.Element(_E + "xliff", nsmap={None: NS}, attrib={"version": "1.2"})  # type: ignore[dict-item]
        file_el = etree.SubElement(
            root,
            _E + "file",
            original=doc.id,
            attrib={
                "source-language": doc.source_lang,
                "target-language": result.target_lang,
                "datatype": _DATATYPES.get(doc.format, "plaintext"),
                "tool-id": "newsl10n",
            },
        )
        header = etree.SubElement(file_el, _E + "header")
        etree.SubElement(
            header,
            _E + "tool",
            attrib={"tool-id": "newsl10n", "tool-name": "newsl10n", "tool-version": result.run.tool_version},
        )
        etree.SubElement(
            header, _E + "note", attrib={"from": "newsl10n:provenance"}
        ).text = result.run.signature()
        if result.run.fingerprint:
            etree.SubElement(
                header, _E + "note", attrib={"from": "newsl10n:fingerprint"}
            ).text = result.run.fingerprint
        body = etree.SubElement(file_el, _E + "body")
        for block in doc.blocks:
            if not block.segments:
                continue
            if self.options.unit_per_sentence:
                group = etree.SubElement(body, _E + "group", id=block.id, restype=f"x-{block.kind}")
                for seg in block.segments:
                    self._sentence_unit(group, block, seg, result)
            else:
                self._block_unit(body, block, result)
        _indent(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"

    def _target_text(self, result: LocalisedDocument, seg: Segment) -> str:
        if self.options.target_mode == "source-copy":
            return seg.text
        return result.target_segment_text(seg)

    def _states(self, result: LocalisedDocument, segs: tuple[Segment, ...]) -> tuple[str, str]:
        if self.options.target_mode == "source-copy":
            return "initial", ""
        states = [segment_state(result.translation(s.id)) for s in segs]
        state = min((s for s, _ in states), key=_RANK.__getitem__)
        qualifiers = {q for s, q in states if s == state}
        return state, qualifiers.pop() if len(qualifiers) == 1 else ""

    def _unit_el(self, parent: etree._Element, uid: str, kind: str, state: str) -> etree._Element:
        tu = etree.SubElement(parent, _E + "trans-unit", id=uid, restype=f"x-{kind}")
        tu.set(f"{{{XML_NS}}}space", "preserve")
        if state in ("reviewed", "final"):
            tu.set("approved", "yes")
        return tu

    def _target_el(self, tu: etree._Element, state: str, qualifier: str) -> etree._Element:
        tgt = etree.SubElement(tu, _E + "target", state=state_to_12(state, qualifier))
        if qualifier:
            tgt.set("state-qualifier", qualifier)
        return tgt

    def _block_unit(self, parent: etree._Element, block: Block, result: LocalisedDocument) -> None:
        state, qualifier = self._states(result, block.segments)
        tu = self._unit_el(parent, block.id, block.kind, state)
        append_inline(etree.SubElement(tu, _E + "source"), block.text, block, "xliff12")
        seg_source = etree.SubElement(tu, _E + "seg-source")
        for seg in block.segments:
            _mrk(seg_source, seg.id, seg.text, block)
        tgt = self._target_el(tu, state, qualifier)
        for seg in block.segments:
            _mrk(tgt, seg.id, self._target_text(result, seg), block)
        for seg in block.segments:
            self._notes(tu, seg, result, prefix=f"{seg.id}: ")
        for seg in block.segments:
            self._alt_trans(tu, block, seg, result, mid=seg.id)

    def _sentence_unit(
        self, parent: etree._Element, block: Block, seg: Segment, result: LocalisedDocument
    ) -> None:
        state, qualifier = self._states(result, (seg,))
        tu = self._unit_el(parent, seg.id, block.kind, state)
        append_inline(etree.SubElement(tu, _E + "source"), seg.content, block, "xliff12")
        target = self._target_text(result, seg).rstrip()
        append_inline(self._target_el(tu, state, qualifier), target, block, "xliff12")
        self._notes(tu, seg, result, prefix="")
        self._alt_trans(tu, block, seg, result, mid=None)

    def _notes(self, tu: etree._Element, seg: Segment, result: LocalisedDocument, *, prefix: str) -> None:
        tr = result.translation(seg.id)
        for issue in tr.issues if tr else ():
            note = etree.SubElement(
                tu,
                _E + "note",
                attrib={"from": "newsl10n", "annotates": "target", "priority": note_priority(issue.severity)},
            )
            append_text(note, f"{prefix}{issue.code}: {issue.message}")
        records = term_records(seg, tr)
        if records:  # how each glossary term was satisfied (term enforcement)
            note = etree.SubElement(
                tu, _E + "note", attrib={"from": "newsl10n", "annotates": "target", "priority": "9"}
            )
            append_text(note, f"{prefix}terms: {term_records_line(records)}")

    def _alt_trans(
        self, tu: etree._Element, block: Block, seg: Segment, result: LocalisedDocument, *, mid: str | None
    ) -> None:
        """Alternatives: TM fuzzy matches, and the MT itself when the target holds a copy of the source."""
        tr = result.translation(seg.id)
        if tr is None:
            return
        for cand in tr.candidates:  # fuzzy TM matches, their own source beside their target
            fuzzy = etree.SubElement(
                tu,
                _E + "alt-trans",
                origin=f"newsl10n:{cand.origin}",
                attrib={"tool-id": "newsl10n", "match-quality": f"{cand.score:.2f}"},
            )
            if mid is not None:
                fuzzy.set("mid", mid)
            append_inline(etree.SubElement(fuzzy, _E + "source"), cand.source, block, "xliff12")
            append_inline(etree.SubElement(fuzzy, _E + "target"), cand.target, block, "xliff12")
        if self.options.target_mode != "source-copy":
            return
        alt = etree.SubElement(
            tu, _E + "alt-trans", origin=f"newsl10n:{tr.origin}", attrib={"tool-id": "newsl10n"}
        )
        if mid is not None:
            alt.set("mid", mid)
        if tr.score is not None:
            alt.set("match-quality", f"{tr.score:.2f}")
        append_inline(etree.SubElement(alt, _E + "source"), seg.content, block, "xliff12")
        append_inline(etree.SubElement(alt, _E + "target"), tr.text, block, "xliff12")

    @staticmethod
    def recorded_fingerprint(data: bytes) -> str | None:
        """The run fingerprint recorded in an XLIFF 1.2 file this writer wrote, or None."""
        root = parse_xml(data, path="<xliff>")
        for note in root.iter(_E + "note"):
            parent = note.getparent()
            if (
                parent is not None
                and local_name(parent.tag) == "header"
                and note.get("from") == "newsl10n:fingerprint"
            ):
                return (note.text or "").strip() or None
        return None


def _mrk(parent: etree._Element, mid: str, text: str, block: Block) -> None:
    """A ``<mrk mtype="seg">`` for the sentence; its trailing whitespace goes after the marker."""
    content = text.rstrip()
    mrk = etree.SubElement(parent, _E + "mrk", mtype="seg", mid=mid)
    append_inline(mrk, content, block, "xliff12")
    trailing = text[len(content) :]
    if trailing:
        append_text(parent, trailing)  # after the marker; control characters made visible


# Elements whose content is only other elements: safe to indent (source, target, note keep text).
_STRUCTURAL = frozenset(
    f"{_E}{n}" for n in ("xliff", "file", "header", "body", "group", "trans-unit", "alt-trans")
)


def _indent(el: etree._Element, level: int = 0) -> None:
    if el.tag not in _STRUCTURAL or not len(el):
        return
    inner = "\n" + "  " * (level + 1)
    el.text = inner
    for child in el:
        _indent(child, level + 1)
        child.tail = inner
    el[-1].tail = "\n" + "  " * level
