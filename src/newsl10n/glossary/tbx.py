"""TBX read and write: ISO 30042:2019 (TBX v3, DCA style) and the TBX 2008 ``martif`` form.

Statuses travel as ``termNote type="administrativeStatus"`` (``preferredTerm-admn-sts``,
``admittedTerm-admn-sts``, ``deprecatedTerm-admn-sts``, ``supersededTerm-admn-sts``). newsl10n's
extensions use standard data categories: a concept-level ``descrip type="usageNote"`` reading
``do not translate`` marks a DNT concept, and a term-level ``termNote type="usageNote"`` reading
``case-sensitive`` or ``case-insensitive`` sets a term's case policy.

Files with a DTD internal subset that declares entities are refused (entity expansion bombs);
nothing is fetched from the network.
"""

from __future__ import annotations

from lxml import etree

from ..errors import ConfigError, FormatError, GlossaryError
from ..langs import normalise_tag
from ..xmlsafe import line_of, local_name, parse_xml
from .model import Concept, Glossary, Term, TermStatus

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DNT_WORDS = {"do not translate", "do-not-translate", "dnt", "donottranslate"}
_STATUS_IN = {
    "preferredterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "supersededterm-admn-sts": "deprecated",
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "deprecated",
}
_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}


def _text(el: etree._Element) -> str:
    return "".join(str(t) for t in el.itertext()).strip()


def read_tbx(data: bytes, *, path: str) -> Glossary:
    """Read TBX v3 (``<tbx>``, DCA) or TBX 2008 (``<martif>``)."""
    root = parse_xml(data, path=path)
    kind = local_name(root.tag)
    if kind not in ("tbx", "martif"):
        raise FormatError(
            f"the root element is <{kind}>, not <tbx> or <martif>", path=path, line=line_of(root)
        )
    source_lang = root.get(XML_LANG) or "en"
    entry_tag = "conceptEntry" if kind == "tbx" else "termEntry"
    lang_tag = "langSec" if kind == "tbx" else "langSet"
    problems: list[str] = []
    concepts: list[Concept] = []
    for n, entry in enumerate(el for el in root.iter() if local_name(el.tag) == entry_tag):
        cid = entry.get("id") or f"c{n + 1}"
        dnt = False
        note = source = subject = ""
        terms: list[Term] = []
        for child in entry:
            name = local_name(child.tag)
            ctype = (child.get("type") or "").lower()
            if name in ("descrip", "note", "admin") and _text(child).lower() in _DNT_WORDS:
                dnt = True
            elif name == "descrip" and ctype == "subjectfield":
                subject = _text(child)
            elif name == "admin" and ctype == "source":
                source = _text(child)
            elif name == "note" or (name == "descrip" and ctype == "definition"):
                note = _text(child)
            elif name == lang_tag:
                lang = child.get(XML_LANG)
                if not lang:
                    problems.append(f"{path}:{line_of(child)}: <{lang_tag}> has no xml:lang")
                    continue
                try:
                    lang = normalise_tag(lang)
                except ConfigError as exc:
                    problems.append(f"{path}:{line_of(child)}: {exc}")
                    continue
                terms.extend(_terms(child, lang, path, problems))
        if not terms:
            problems.append(f"{path}:{line_of(entry)}: concept {cid!r} has no terms")
            continue
        concepts.append(
            Concept(
                id=cid,
                terms=tuple(terms),
                dnt=dnt,
                note=note,
                source=source,
                subject=subject,
                line=line_of(entry),
            )
        )
    if problems:
        raise GlossaryError(problems)
    if not concepts:
        raise FormatError(f"the TBX file holds no <{entry_tag}>", path=path, line=line_of(root))
    return Glossary(concepts=tuple(concepts), source_lang=normalise_tag(source_lang), path=path)


def _terms(lang_el: etree._Element, lang: str, path: str, problems: list[str]) -> list[Term]:
    out: list[Term] = []
    for group in lang_el.iter():
        if local_name(group.tag) not in ("termSec", "tig", "ntig"):
            continue
        term_el = next((e for e in group.iter() if local_name(e.tag) == "term"), None)
        if term_el is None or not _text(term_el):
            problems.append(f"{path}:{line_of(group)}: <{local_name(group.tag)}> has no term text")
            continue
        status: TermStatus = "preferred"
        case: bool | None = None
        note = ""
        for e in group.iter():
            name, etype = local_name(e.tag), (e.get("type") or "").lower()
            if name == "termNote" and etype == "administrativestatus":
                value = _text(e).lower()
                if value not in _STATUS_IN:
                    problems.append(f"{path}:{line_of(e)}: unknown administrativeStatus {_text(e)!r}")
                    continue
                status = _STATUS_IN[value]  # type: ignore[assignment]
            elif (
                name == "termNote"
                and etype == "usagenote"
                and _text(e).lower() in ("case-sensitive", "case-insensitive")
            ):
                case = _text(e).lower() == "case-sensitive"
            elif name == "note":
                note = _text(e)
        out.append(Term(text=_text(term_el), lang=lang, status=status, case_sensitive=case, note=note))
    return out


def write_tbx(glossary: Glossary, *, style: str = "dca") -> bytes:
    """Write TBX v3 DCA (``style="dca"``) or TBX 2008 martif (``style="martif"``)."""
    v3 = style == "dca"
    ns = f"{{{TBX_NS}}}" if v3 else ""
    nsmap = {None: TBX_NS} if v3 else None
    root = etree.Element(f"{ns}{'tbx' if v3 else 'martif'}", nsmap=nsmap)  # type: ignore[arg-type]
    root.set("type", "TBX-Basic")
    if v3:
        root.set("style", "dca")
    root.set(XML_LANG, glossary.source_lang)
    header = etree.SubElement(root, f"{ns}{'tbxHeader' if v3 else 'martifHeader'}")
    desc = etree.SubElement(etree.SubElement(header, f"{ns}fileDesc"), f"{ns}sourceDesc")
    etree.SubElement(desc, f"{ns}p").text = glossary.meta.get("description", "Written by newsl10n")
    body = etree.SubElement(etree.SubElement(root, f"{ns}text"), f"{ns}body")
    for c in glossary.concepts:
        entry = etree.SubElement(body, f"{ns}{'conceptEntry' if v3 else 'termEntry'}", id=c.id)
        if c.subject:
            etree.SubElement(entry, f"{ns}descrip", type="subjectField").text = c.subject
        if c.dnt:
            etree.SubElement(entry, f"{ns}descrip", type="usageNote").text = "do not translate"
        if c.note:
            etree.SubElement(entry, f"{ns}note").text = c.note
        if c.source:
            etree.SubElement(entry, f"{ns}admin", type="source").text = c.source
        for lang in c.languages:
            lang_el = etree.SubElement(entry, f"{ns}{'langSec' if v3 else 'langSet'}")
            lang_el.set(XML_LANG, lang)
            for t in c.terms_in(lang):
                if t.lang != lang:
                    continue
                group = etree.SubElement(lang_el, f"{ns}{'termSec' if v3 else 'tig'}")
                etree.SubElement(group, f"{ns}term").text = t.text
                etree.SubElement(group, f"{ns}termNote", type="administrativeStatus").text = _STATUS_OUT[
                    t.status
                ]
                if t.case_sensitive is not None:
                    etree.SubElement(group, f"{ns}termNote", type="usageNote").text = (
                        "case-sensitive" if t.case_sensitive else "case-insensitive"
                    )
                if t.note:
                    etree.SubElement(group, f"{ns}note").text = t.note
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
