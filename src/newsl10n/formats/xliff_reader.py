"""Reading XLIFF into bilingual units: 1.0, 1.1 and 1.2 (namespaced or not) and 2.x.

Producers' dialects read here: Angular and Xcode (several ``<file>`` elements, no
target-language in a source file), Crowdin, Okapi (``<seg-source>`` with ``<mrk mtype="seg">``
and ``<alt-trans>``), Trados ``.sdlxliff`` and memoQ ``.mqxliff`` (XLIFF 1.2 with extra
namespaces; their confirmation levels become states), Phrase/Memsource ``.mxliff``, MateCat,
translate-toolkit and OmegaT. The rules:

- a ``<trans-unit translate="no">`` is skipped (Trados structure units);
- a unit with ``<mrk mtype="seg">`` segments yields one unit per segment, its id
  ``<trans-unit id>/<mid>``; otherwise one unit per ``<trans-unit>``;
- only a ``<target>`` that is a direct child of the unit is its target, never an ``<alt-trans>``'s;
- languages come from the ``<file>`` (or ``<xliff>`` for 2.x), else from the caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import ClassVar

from lxml import etree

from ..errors import FormatError
from ..model import BilingualUnit
from ..xmlsafe import line_of, local_name, namespace_of
from .bilingual import refuse_entities, release, stream_xml, tagged
from .units import InlineReader, declared_tag, merge_codes, root_name
from .xliff12 import STATE_FROM_12

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF1_NAMESPACES = frozenset(
    {
        "urn:oasis:names:tc:xliff:document:1.2",
        "urn:oasis:names:tc:xliff:document:1.1",
        "urn:oasis:names:tc:xliff:document:1.0",
        "",
    }
)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ_NS = "MQXliff"

# Trados confirmation levels (sdl:seg conf) and memoQ statuses (mq:status) as XLIFF 2 states.
_SDL_CONF = {
    "draft": "translated",
    "translated": "translated",
    "rejectedtranslation": "translated",
    "approvedtranslation": "reviewed",
    "rejectedsignoff": "reviewed",
    "approvedsignoff": "final",
}
_MQ_STATUS = {
    "notstarted": "initial",
    "editorinprogress": "translated",
    "pretranslated": "translated",
    "partiallyedited": "translated",
    "manuallyconfirmed": "translated",
    "confirmed": "translated",
    "proofread": "reviewed",
    "reviewer1confirmed": "reviewed",
    "reviewer2confirmed": "final",
}


class XliffReader:
    """Reads XLIFF 1.0–1.2 and 2.x files, including the Trados and memoQ flavours."""

    name: ClassVar[str] = "xliff"
    extensions: ClassVar[tuple[str, ...]] = (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".mxliff", ".xml")

    def sniff(self, data: bytes) -> bool:
        """True when the root element is ``<xliff>``."""
        return root_name(data) == "xliff"

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> list[BilingualUnit]:
        """Every segment of the file (see the module docstring for the rules), read as a stream."""
        events = stream_xml(data, path=path, tags=("{*}xliff", "{*}file", "{*}trans-unit", "{*}unit"))
        root = next(events)[1].getroottree().getroot()
        if local_name(root.tag) != "xliff":
            raise FormatError(
                f"the root element is <{local_name(root.tag)}>, not <xliff>", path=path, line=line_of(root)
            )
        ns = namespace_of(root)
        if ns == XLIFF2_NS:
            return _read_v2(root, events, path, source_lang, target_lang)
        if ns not in XLIFF1_NAMESPACES:
            raise FormatError(f"unknown XLIFF namespace {ns!r}", path=path, line=line_of(root))
        return _read_v1(root, events, ns, path, source_lang, target_lang)


def _state_v1(tu: etree._Element, target: etree._Element | None, mid: str | None) -> tuple[str, str]:
    state, qualifier = "", ""
    if target is not None:
        raw = (target.get("state") or "").lower()
        state = STATE_FROM_12.get(raw, "translated" if raw.startswith("x-") else "")
        qualifier = target.get("state-qualifier") or ""
    mq = tu.get(f"{{{MQ_NS}}}status")
    if mq:
        state = _MQ_STATUS.get(mq.lower(), state)
    for seg_defs in tu.iter(f"{{{SDL_NS}}}seg-defs"):
        for seg in seg_defs:
            if seg.get("id") == mid and seg.get("conf"):
                state = _SDL_CONF.get((seg.get("conf") or "").lower(), state)
    if not state and tu.get("approved") == "yes":
        state = "reviewed"
    if not state and target is not None and "".join(str(x) for x in target.itertext()).strip():
        state = "translated"
    if not state:
        state = "initial"
    return state, qualifier


def _notes_v1(tu: etree._Element, q: str) -> list[str]:
    return [(n.text or "").strip() for n in tu.findall(q + "note") if (n.text or "").strip()]


@dataclass(frozen=True)
class _FileV1:
    """What a ``<file>`` of XLIFF 1.x tells its units."""

    source_lang: str
    target_lang: str | None
    line: int | None
    prefix: str


def _read_v1(
    root: etree._Element,
    events: Iterator[tuple[str, etree._Element]],
    ns: str,
    path: str,
    source_lang: str | None,
    target_lang: str | None,
) -> list[BilingualUnit]:
    q = f"{{{ns}}}" if ns else ""
    file_tag, tu_tag = q + "file", q + "trans-unit"
    out: list[BilingualUnit] = []
    files: list[str | None] = []
    current: _FileV1 | None = None
    # The first file's units and their raw notes: once a second file starts, they are prefixed.
    first: list[tuple[int, tuple[str, ...] | None]] = []
    for event, el in events:
        if el.tag == file_tag and el.getparent() is root:
            if event == "end":
                current = None
                release(el)
                continue
            line = line_of(el)
            src = declared_tag(
                el.get("source-language"),
                source_lang,
                path=path,
                line=line,
                what="source language (source-language)",
                option="--source-lang",
            )
            files.append(el.get("original"))
            if len(files) == 2:  # units are prefixed with their file once there are several files
                for i, raw in first:
                    out[i] = _prefixed(out[i], f"{files[0]}#", raw)
            prefix = f"{files[-1]}#" if len(files) > 1 else ""
            current = _FileV1(src, el.get("target-language"), line, prefix)
        elif event == "end" and el.tag == tu_tag and current is not None:
            refuse_entities(el, path=path)
            if el.get("translate") != "no":
                units = _units_v1(el, q, current, path, target_lang)
                if len(files) == 1:
                    whole = len(units) == 1 and units[0].unit == str(el.get("id"))
                    raw = tuple(_notes_v1(el, q)) if whole else None
                    first.extend((len(out) + i, raw) for i in range(len(units)))
                out.extend(units)
            release(el)
    return out


def _prefixed(unit: BilingualUnit, prefix: str, raw_notes: tuple[str, ...] | None) -> BilingualUnit:
    """A first-file unit as it reads once the file turns out to have several ``<file>``s."""
    uid = prefix + unit.unit
    if raw_notes is None:  # <mrk> segments: their notes go by mid, not by unit id
        return replace(unit, unit=uid)
    notes = tuple(n[len(uid) + 2 :] if n.startswith(f"{uid}: ") else n for n in raw_notes)
    return replace(unit, unit=uid, notes=notes)


def _units_v1(
    tu: etree._Element, q: str, file: _FileV1, path: str, target_lang: str | None
) -> list[BilingualUnit]:
    out: list[BilingualUnit] = []
    src, line, prefix = file.source_lang, file.line, file.prefix
    target = tu.find(q + "target")
    tgt = declared_tag(
        file.target_lang or (target.get(XML_LANG) if target is not None else None),
        target_lang,
        path=path,
        line=line,
        what="target language (target-language)",
        option="--target-lang",
    )
    uid = prefix + str(tu.get("id"))
    kind = tu.get("restype") or ""
    kind = kind[2:] if kind.startswith("x-") else kind
    inline = InlineReader()
    notes = _notes_v1(tu, q)
    seg_source = tu.find(q + "seg-source")
    mrks = (
        [m for m in seg_source.iter(q + "mrk") if m.get("mtype") == "seg"] if seg_source is not None else []
    )
    if mrks:
        targets = (
            {m.get("mid"): m for m in target.iter(q + "mrk") if m.get("mtype") == "seg"}
            if target is not None
            else {}
        )
        mids = {str(m.get("mid")) for m in mrks}
        for m in mrks:
            mid = str(m.get("mid"))
            s, t = inline.read(m), inline.read(targets[mid]) if mid in targets else None
            own = [n[len(mid) + 2 :] for n in notes if n.startswith(f"{mid}: ")]
            shared = [n for n in notes if not any(n.startswith(f"{x}: ") for x in mids)]
            state, qualifier = _state_v1(tu, target, mid)
            out.append(
                BilingualUnit(
                    path,
                    f"{uid}/{mid}",
                    line_of(m),
                    s.plain,
                    t.plain if t else "",
                    src,
                    tgt,
                    state=state if t is not None else "initial",
                    state_qualifier=qualifier,
                    notes=tuple(shared + own),
                    kind=kind,
                    tagged_source=tagged(s.plain, s.tagged),
                    tagged_target=tagged(t.plain, t.tagged) if t else "",
                    codes=merge_codes(s.codes, t.codes if t else ()),
                )
            )
        return out
    source = tu.find(q + "source")
    sv = inline.read(source) if source is not None else None
    tv = inline.read(target) if target is not None else None
    state, qualifier = _state_v1(tu, target, None)
    out.append(
        BilingualUnit(
            path,
            uid,
            line_of(tu),
            sv.plain if sv else "",
            tv.plain if tv else "",
            src,
            tgt,
            state=state,
            state_qualifier=qualifier,
            notes=tuple(n[len(uid) + 2 :] if n.startswith(f"{uid}: ") else n for n in notes),
            kind=kind,
            tagged_source=tagged(sv.plain, sv.tagged) if sv else "",
            tagged_target=tagged(tv.plain, tv.tagged) if tv else "",
            codes=merge_codes(sv.codes if sv else (), tv.codes if tv else ()),
        )
    )
    return out


def _read_v2(
    root: etree._Element,
    events: Iterator[tuple[str, etree._Element]],
    path: str,
    source_lang: str | None,
    target_lang: str | None,
) -> list[BilingualUnit]:
    q = f"{{{XLIFF2_NS}}}"
    line = line_of(root)
    src = declared_tag(
        root.get("srcLang"),
        source_lang,
        path=path,
        line=line,
        what="source language (srcLang)",
        option="--source-lang",
    )
    tgt = declared_tag(
        root.get("trgLang"),
        target_lang,
        path=path,
        line=line,
        what="target language (trgLang)",
        option="--target-lang",
    )
    unit_tag = q + "unit"
    out: list[BilingualUnit] = []
    for event, el in events:
        if event == "end" and el.tag == unit_tag:
            refuse_entities(el, path=path)
            out.extend(_units_v2(el, q, path, src, tgt))
            release(el)
    return out


def _units_v2(unit: etree._Element, q: str, path: str, src: str, tgt: str) -> list[BilingualUnit]:
    out: list[BilingualUnit] = []
    if unit.get("translate") == "no":
        return out
    data = {str(d.get("id")): "".join(str(t) for t in d.itertext()) for d in unit.iter(q + "data")}
    inline = InlineReader(data=data)
    kind = unit.get("type") or ""
    kind = kind.split(":", 1)[1] if ":" in kind else unit.get("name") or ""
    seg_ids = {str(sg.get("id")) for sg in unit.iter(q + "segment")}
    notes: list[tuple[str, str]] = []
    for n in unit.iter(q + "note"):
        text = (n.text or "").strip()
        category = n.get("category") or ""
        code = category.split(":", 1)[1] if category.startswith("newsl10n:") else ""
        sid, sep, rest = text.partition(": ")
        if not (sep and sid in seg_ids):
            sid, rest = "", text
        notes.append((sid, f"{code}: {rest}" if code else rest))
    for seg in unit.iter(q + "segment"):
        s_el, t_el = seg.find(q + "source"), seg.find(q + "target")
        s = inline.read(s_el) if s_el is not None else None
        t = inline.read(t_el) if t_el is not None else None
        sid = seg.get("id") or ""
        uid = f"{unit.get('id')}/{sid}" if sid else str(unit.get("id"))
        state = seg.get("state") or ("translated" if t is not None else "initial")
        out.append(
            BilingualUnit(
                path,
                uid,
                line_of(seg),
                s.plain if s else "",
                t.plain if t else "",
                src,
                tgt,
                state=state,
                state_qualifier=seg.get("subState") or "",
                notes=tuple(text for owner, text in notes if owner in ("", sid)),
                kind=kind,
                tagged_source=tagged(s.plain, s.tagged) if s else "",
                tagged_target=tagged(t.plain, t.tagged) if t else "",
                codes=merge_codes(s.codes if s else (), t.codes if t else ()),
            )
        )
    return out
