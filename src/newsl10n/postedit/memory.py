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
from ..formats.tmx import TmxReader, fill_tu, new_document, serialise
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
    root, _header, body = new_document(
        tool_version=__version__, o_tmf="newsl10n-tm", srclang=source_lang or "*all*", datatype="plaintext"
    )
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
        block = Block(id="tm", kind="paragraph", text=e.source, codes=e.codes)
        variants = ((e.source_lang, e.source), (e.target_lang, e.target))
        fill_tu(tu, [(t, v) for t, v in props if v], variants, block)
    return serialise(root)
