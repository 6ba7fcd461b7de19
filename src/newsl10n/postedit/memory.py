"""Moving translation memories in and out as TMX: import any TMX 1.1–1.4 file, export TMX 1.4b.

Import reads the file with :class:`newsl10n.formats.tmx.TmxReader` (LISA, OmegaT, Trados and
Okapi flavours) and stores every pair with a target in one transaction. Export writes one
``<tu>`` per entry with its article, block kind, state, origin and dates as ``<prop>``\\s and
its inline codes as ``<bpt>/<ept>/<ph>`` with the original markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from lxml import etree

from ..errors import InputError
from ..formats.native import append_inline
from ..formats.tmx import XML_LANG, TmxReader
from ..inputs import read_input
from ..langs import normalise_tag
from ..model import BilingualUnit, Block
from ..tm.store import AddResult, TmEntry, TranslationMemory
from ..version import __version__


def read_tmx_entries(
    path: str, *, target_langs: Sequence[str] = (), source_lang: str | None = None
) -> list[TmEntry]:
    """The entries of a TMX file (only those into ``target_langs`` when given).

    Raises:
        InputError: the file cannot be read or parsed, or it has no entry in the languages asked for.
    """
    data = read_input(path, what="TMX file")
    units: list[BilingualUnit] = TmxReader().read(data, path=path, source_lang=source_lang)
    wanted = [normalise_tag(t) for t in target_langs]
    kept = [u for u in units if u.target.strip() and u.source.strip() and _wanted(u.target_lang, wanted)]
    if not kept:
        present = sorted({u.target_lang for u in units if u.target.strip()})
        asked = f" in {', '.join(wanted)}" if wanted else ""
        has = f" (it has {', '.join(present)})" if present else ""
        raise InputError(f"the TMX file has no translation{asked}{has}; nothing was imported", path=path)
    return [
        TmEntry(
            source=u.tagged_source or u.source,
            target=u.tagged_target or u.target,
            source_lang=u.source_lang,
            target_lang=u.target_lang,
            context=u.kind,
            unit=u.unit,
            origin="tmx",
            state=u.state or "reviewed",
            provenance=path,
            codes=u.codes,
        )
        for u in kept
    ]


def _wanted(lang: str, wanted: Sequence[str]) -> bool:
    return not wanted or any(lang == w or lang.startswith(w + "-") for w in wanted)


def import_tmx(
    tm: TranslationMemory, path: str, *, target_langs: Sequence[str] = (), source_lang: str | None = None
) -> AddResult:
    """Store a TMX file's entries in the TM, in one transaction (all of them, or none)."""
    return tm.add(read_tmx_entries(path, target_langs=target_langs, source_lang=source_lang))


def _tmx_date(iso: str) -> str:
    """TMX 1.4b dates are ``YYYYMMDDThhmmssZ`` (ISO 8601 basic format, UTC)."""
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).strftime("%Y%m%dT%H%M%SZ")
    except ValueError:
        return ""


def export_tmx(entries: Iterator[TmEntry] | Sequence[TmEntry], *, source_lang: str | None = None) -> bytes:
    """A TMX 1.4b document of the entries (in the order given)."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        attrib={
            "creationtool": "newsl10n",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "newsl10n-tm",
            "adminlang": "en",
            "srclang": source_lang or "*all*",
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    for e in entries:
        tu = etree.SubElement(body, "tu", srclang=e.source_lang)
        if e.unit:
            tu.set("tuid", e.unit)
        for attr, value in (("creationdate", e.created), ("changedate", e.updated)):
            stamp = _tmx_date(value) if value else ""
            if stamp:
                tu.set(attr, stamp)
        props = [
            ("x-article", e.article),
            ("x-kind", e.context),
            ("x-state", e.state),
            ("x-origin", e.origin),
        ]
        for ptype, value in props:
            if value:
                etree.SubElement(tu, "prop", type=ptype).text = value
        block = Block(id="tm", kind="paragraph", text=e.source, codes=e.codes)
        for lang, text in ((e.source_lang, e.source), (e.target_lang, e.target)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, lang)
            append_inline(etree.SubElement(tuv, "seg"), text, block, "tmx")
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
