"""TBX read and write: ISO 30042:2019 (TBX v3, DCA style) and the TBX 2008 ``martif`` form.

Statuses travel as ``termNote type="administrativeStatus"`` (``preferredTerm-admn-sts``,
``admittedTerm-admn-sts``, ``deprecatedTerm-admn-sts``, ``supersededTerm-admn-sts``). newsl10n's
extensions use standard data categories: a concept-level ``descrip type="usageNote"`` reading
``do not translate`` marks a DNT concept, and a term-level ``termNote type="usageNote"`` reading
``case-sensitive`` or ``case-insensitive`` sets a term's case policy. A term's gender and number
travel as ``termNote type="grammaticalGender"`` (masculine, feminine, neuter, other) and
``termNote type="grammaticalNumber"`` (singular, plural, other), TBX's own picklist values.

Files with a DTD internal subset that declares entities are refused (entity expansion bombs);
nothing is fetched from the network.
"""

from __future__ import annotations

from lxml import etree

from ..errors import ConfigError, FormatError, GlossaryError
from ..langs import normalise_tag
from ..xmlsafe import line_of, local_name, namespace_of, parse_xml
from .model import GENDERS, NUMBERS, Concept, Gender, Glossary, Number, Term, TermStatus

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DNT_WORDS = {"do not translate", "do-not-translate", "dnt", "donottranslate"}
# Every value of the TBX data categories administrativeStatus (ISO 30042:2019, TBX-Basic and
# TBX-Core dialects) and normativeAuthorization (TBX 2008), with and without the "-admn-sts" suffix.
# Standardized, legal and regulated terms are binding, so they count as preferred; superseded
# terms as deprecated.
_STATUS_VALUES = {
    "standardizedterm": "preferred",
    "preferredterm": "preferred",
    "legalterm": "preferred",
    "regulatedterm": "preferred",
    "admittedterm": "admitted",
    "deprecatedterm": "deprecated",
    "supersededterm": "deprecated",
    "notrecommendedterm": "deprecated",
    "obsoleteterm": "deprecated",
}
_STATUS_IN = {
    **{f"{k}-admn-sts": v for k, v in _STATUS_VALUES.items()},
    **_STATUS_VALUES,
    **{k.removesuffix("term"): v for k, v in _STATUS_VALUES.items()},
    "superseded": "deprecated",
}
_STATUS_TYPES = ("administrativestatus", "normativeauthorization")
# grammaticalGender/grammaticalNumber: TBX-Basic's picklists (written as they are), and the TBX 2008
# default XCS spellings read as the nearest of them ("otherGender", "mass noun" → other).
_GRAMMAR_IN: dict[str, dict[str, str]] = {
    "grammaticalgender": {**{g: str(g) for g in GENDERS}, "othergender": "other"},
    "grammaticalnumber": {
        **{n: str(n) for n in NUMBERS},
        "othernumber": "other",
        "dual": "other",
        "mass": "other",
        "massnoun": "other",
        "mass noun": "other",
    },
}
_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}


def _text(el: etree._Element) -> str:
    return "".join(str(t) for t in el.itertext()).strip()


def _v3_problems(root: etree._Element, path: str) -> list[str]:
    """What makes a ``<tbx>`` file invalid TBX v3 (ISO 30042:2019 core structure), as problems.

    The checks are the structural rules of the TBX v3 core schema (``TBXcoreStructV03``): the root
    in the TBX namespace with ``type``, ``style`` and ``xml:lang``; ``tbxHeader`` then ``text/body``;
    ``conceptEntry`` with an ``id``; ``langSec`` with ``xml:lang``; exactly one ``term`` per
    ``termSec``; and none of TBX 2008's element names (``termEntry``, ``langSet``, ``tig``, ``ntig``).
    """
    out: list[str] = []

    def bad(el: etree._Element, what: str) -> None:
        out.append(f"{path}:{line_of(el)}: not valid TBX v3 (ISO 30042:2019): {what}")

    if namespace_of(root) != TBX_NS:
        bad(root, f"the root <tbx> is not in the TBX namespace {TBX_NS!r}")
    for attr in ("type", "style"):
        if not root.get(attr):
            bad(root, f'<tbx> has no {attr} attribute (e.g. type="TBX-Basic" style="dca")')
    if root.get("style") not in (None, "dca", "dct"):
        bad(root, f"style {root.get('style')!r} is neither dca nor dct")
    if not root.get(XML_LANG):
        bad(root, "<tbx> has no xml:lang")
    names = [local_name(c.tag) for c in root if isinstance(c.tag, str)]
    if names != ["tbxHeader", "text"]:
        bad(
            root,
            f"<tbx> must hold <tbxHeader> then <text>, not {', '.join(f'<{n}>' for n in names) or 'nothing'}",
        )
    for el in root.iter():
        name = local_name(el.tag)
        if name in ("termEntry", "langSet", "tig", "ntig", "martifHeader"):
            bad(el, f"<{name}> is a TBX 2008 element; TBX v3 uses conceptEntry/langSec/termSec")
        elif name == "conceptEntry" and not el.get("id"):
            bad(el, "<conceptEntry> has no id")
        elif name == "langSec" and not el.get(XML_LANG):
            bad(el, "<langSec> has no xml:lang")
        elif name == "termSec":
            count = sum(1 for c in el if local_name(c.tag) == "term")
            if count != 1:
                bad(el, f"<termSec> holds {count} <term> elements, not one")
    return out


def read_tbx(data: bytes, *, path: str) -> Glossary:
    """Read TBX v3 (``<tbx>``, DCA) or TBX 2008 (``<martif>``).

    Empty ``<term/>`` placeholders (MultiTerm and Excel exports leave them for languages nobody
    filled in) are skipped; each one skipped is a warning naming its line, in
    ``glossary.meta["warnings"]`` (one per line of that string).

    Raises:
        GlossaryError: every bad entry, and for ``<tbx>`` every way it is not valid TBX v3.
        FormatError: not XML, another root element, or no concepts at all.
    """
    root = parse_xml(data, path=path)
    kind = local_name(root.tag)
    if kind not in ("tbx", "martif"):
        raise FormatError(
            f"the root element is <{kind}>, not <tbx> or <martif>", path=path, line=line_of(root)
        )
    source_lang = root.get(XML_LANG) or "en"
    entry_tag = "conceptEntry" if kind == "tbx" else "termEntry"
    lang_tag = "langSec" if kind == "tbx" else "langSet"
    problems: list[str] = _v3_problems(root, path) if kind == "tbx" else []
    warnings: list[str] = []
    concepts: list[Concept] = []
    for n, entry in enumerate(el for el in root.iter() if local_name(el.tag) == entry_tag):
        cid = entry.get("id") or f"c{n + 1}"
        dnt = False
        note = source = subject = ""
        terms: list[Term] = []
        empty = 0
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
                    if kind != "tbx":  # the v3 check has reported it already
                        problems.append(f"{path}:{line_of(child)}: <{lang_tag}> has no xml:lang")
                    continue
                try:
                    lang = normalise_tag(lang)
                except ConfigError as exc:
                    problems.append(f"{path}:{line_of(child)}: {exc}")
                    continue
                found, skipped = _terms(child, lang, path, problems, warnings)
                terms.extend(found)
                empty += skipped
        if not terms:
            if empty:
                warnings.append(f"{path}:{line_of(entry)}: concept {cid!r} skipped: all its terms are empty")
            else:
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
        raise GlossaryError(sorted(problems, key=_line_key))
    if not concepts:
        raise FormatError(f"the TBX file holds no <{entry_tag}> with terms", path=path, line=line_of(root))
    meta = {"warnings": "\n".join(warnings)} if warnings else {}
    try:
        source = normalise_tag(source_lang)
    except ConfigError as exc:  # the header's (or the root's) xml:lang
        raise FormatError(f"the source language: {exc}", path=path, line=line_of(root)) from exc
    return Glossary(concepts=tuple(concepts), source_lang=source, path=path, meta=meta)


def _line_key(problem: str) -> int:
    parts = problem.split(":")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0


def _terms(
    lang_el: etree._Element, lang: str, path: str, problems: list[str], warnings: list[str]
) -> tuple[list[Term], int]:
    out: list[Term] = []
    skipped = 0
    for group in lang_el.iter():
        if local_name(group.tag) not in ("termSec", "tig", "ntig"):
            continue
        term_el = next((e for e in group.iter() if local_name(e.tag) == "term"), None)
        if term_el is None:
            problems.append(f"{path}:{line_of(group)}: <{local_name(group.tag)}> has no <term>")
            continue
        if not _text(term_el):
            warnings.append(f"{path}:{line_of(term_el)}: empty <term/> in {lang} skipped")
            skipped += 1
            continue
        status: TermStatus = "preferred"
        case: bool | None = None
        note = ""
        gender: Gender | None = None
        number: Number | None = None
        for e in group.iter():
            name, etype = local_name(e.tag), (e.get("type") or "").lower()
            if name == "termNote" and etype in _STATUS_TYPES:
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
            elif name == "termNote" and etype in ("grammaticalgender", "grammaticalnumber"):
                grammar = _GRAMMAR_IN[etype].get(_text(e).lower())
                if grammar is None:
                    allowed = GENDERS if etype == "grammaticalgender" else NUMBERS
                    problems.append(
                        f"{path}:{line_of(e)}: unknown {e.get('type')} {_text(e)!r} "
                        f"(one of {', '.join(allowed)})"
                    )
                    continue
                if etype == "grammaticalgender":
                    gender = grammar  # type: ignore[assignment]
                else:
                    number = grammar  # type: ignore[assignment]
            elif name == "note":
                note = _text(e)
        out.append(
            Term(
                text=_text(term_el),
                lang=lang,
                status=status,
                case_sensitive=case,
                note=note,
                gender=gender,
                number=number,
            )
        )
    return out, skipped


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
                if t.gender is not None:
                    etree.SubElement(group, f"{ns}termNote", type="grammaticalGender").text = t.gender
                if t.number is not None:
                    etree.SubElement(group, f"{ns}termNote", type="grammaticalNumber").text = t.number
                if t.note:
                    etree.SubElement(group, f"{ns}note").text = t.note
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
