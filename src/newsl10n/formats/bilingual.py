"""Reading bilingual files for checks: XLIFF 2.x and 1.2, TMX, PO and newsl10n's JSONL.

Each reader yields :class:`BilingualUnit` values — the unit (or segment) id, its line in the
file, and the plain source and target text (inline codes' native data is left out, the text
inside paired codes is kept).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import ConfigError, FormatError
from ..langs import normalise_tag
from ..xmlsafe import line_of, local_name, parse_xml

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Elements whose content is native markup, not text: XLIFF 1.2 and TMX codes, XLIFF 2 data.
_CODE_ELEMENTS = frozenset({"ph", "bpt", "ept", "it", "sub", "originalData", "cp"})


@dataclass(frozen=True, slots=True)
class BilingualUnit:
    """One translation unit (or segment) of a bilingual file."""

    file: str
    unit: str
    line: int | None
    source: str
    target: str
    source_lang: str
    target_lang: str


def plain_text(el: etree._Element | None) -> str:
    """Text of an element without the native data of inline codes ("" for no element)."""
    if el is None:
        return ""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if local_name(node.tag) in _CODE_ELEMENTS:
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def _tag(lang: str | None, *, path: str, line: int | None, what: str) -> str:
    if not lang:
        raise FormatError(f"no {what} language is declared", path=path, line=line)
    try:
        return normalise_tag(lang)
    except ConfigError as exc:
        raise FormatError(str(exc), path=path, line=line) from exc


def read_xliff(root: etree._Element, path: str) -> Iterator[BilingualUnit]:
    ns = etree.QName(root).namespace
    if ns == XLIFF2_NS:
        src = _tag(root.get("srcLang"), path=path, line=line_of(root), what="source (srcLang)")
        tgt = _tag(root.get("trgLang"), path=path, line=line_of(root), what="target (trgLang)")
        for unit in root.iter(f"{{{ns}}}unit"):
            for seg in unit.iter(f"{{{ns}}}segment"):
                s, t = seg.find(f"{{{ns}}}source"), seg.find(f"{{{ns}}}target")
                uid = f"{unit.get('id')}/{seg.get('id')}" if seg.get("id") else str(unit.get("id"))
                yield BilingualUnit(
                    path,
                    uid,
                    line_of(seg),
                    plain_text(s),
                    plain_text(t),
                    src,
                    tgt,
                )
        return
    if ns != XLIFF12_NS:
        raise FormatError(f"unknown XLIFF namespace {ns!r}", path=path, line=line_of(root))
    for file_el in root.iter(f"{{{ns}}}file"):
        src = _tag(file_el.get("source-language"), path=path, line=line_of(file_el), what="source-language")
        tgt = _tag(file_el.get("target-language"), path=path, line=line_of(file_el), what="target-language")
        for tu in file_el.iter(f"{{{ns}}}trans-unit"):
            uid = str(tu.get("id"))
            seg_source = tu.find(f"{{{ns}}}seg-source")
            target = tu.find(f"{{{ns}}}target")
            mrks = [
                m
                for m in (seg_source.iter(f"{{{ns}}}mrk") if seg_source is not None else ())
                if m.get("mtype") == "seg"
            ]
            if mrks and target is not None:
                targets = {m.get("mid"): m for m in target.iter(f"{{{ns}}}mrk") if m.get("mtype") == "seg"}
                for m in mrks:
                    t = targets.get(m.get("mid"))
                    yield BilingualUnit(
                        path,
                        f"{uid}/{m.get('mid')}",
                        line_of(m),
                        plain_text(m),
                        plain_text(t),
                        src,
                        tgt,
                    )
                continue
            s = tu.find(f"{{{ns}}}source")
            yield BilingualUnit(
                path,
                uid,
                line_of(tu),
                plain_text(s),
                plain_text(target),
                src,
                tgt,
            )


def read_tmx(root: etree._Element, path: str) -> Iterator[BilingualUnit]:
    header = root.find("header")
    src_raw = header.get("srclang") if header is not None else None
    if not src_raw or src_raw == "*all*":
        raise FormatError("the TMX header declares no srclang", path=path, line=line_of(root))
    src = _tag(src_raw, path=path, line=line_of(header), what="source (srclang)")
    for n, tu in enumerate(root.iter("tu"), start=1):
        tuvs = [(tuv.get(XML_LANG) or tuv.get("lang"), tuv) for tuv in tu.iter("tuv")]
        source = next((t for lang, t in tuvs if lang and normalise_tag(lang) == src), None)
        if source is None:
            continue
        seg = source.find("seg")
        for lang, tuv in tuvs:
            if tuv is source or not lang:
                continue
            tseg = tuv.find("seg")
            yield BilingualUnit(
                path,
                tu.get("tuid") or str(n),
                line_of(tu),
                plain_text(seg),
                plain_text(tseg),
                src,
                _tag(lang, path=path, line=line_of(tuv), what="tuv"),
            )


def _po_string(token: str, *, path: str, line: int) -> str:
    try:
        value = json.loads(token)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, str):
        # PO escapes are C escapes; JSON covers \" \\ \n \t; anything else is an error.
        raise FormatError(f"bad PO string {token[:40]!r}", path=path, line=line)
    return value


def read_po(data: bytes, path: str, source_lang: str) -> Iterator[BilingualUnit]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError("not valid UTF-8", path=path, line=data.count(b"\n", 0, exc.start) + 1) from exc
    entries: list[dict[str, object]] = []
    current: dict[str, object] = {}
    key = ""
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("#~")):
            if not line and current:
                entries.append(current)
                current, key = {}, ""
            continue
        if line.startswith("#~"):
            continue  # obsolete entries
        if line.startswith('"'):
            if not key:
                raise FormatError("a string continuation with no keyword before it", path=path, line=line_no)
            current[key] = str(current[key]) + _po_string(line, path=path, line=line_no)
            continue
        word, _, rest = line.partition(" ")
        if word not in ("msgctxt", "msgid", "msgid_plural") and not word.startswith("msgstr"):
            raise FormatError(f"unknown PO keyword {word!r}", path=path, line=line_no)
        if (word in ("msgctxt", "msgid") and "msgstr" in current) or (
            word == "msgctxt" and "msgid" in current
        ):
            entries.append(current)
            current = {}
        key = "msgstr" if word in ("msgstr", "msgstr[0]") else word
        if word.startswith("msgstr[") and word != "msgstr[0]":
            key = word
        current[key] = _po_string(rest.strip(), path=path, line=line_no)
        if word == "msgid":
            current["line"] = line_no
    if current:
        entries.append(current)
    target = ""
    for e in entries:
        if e.get("msgid") == "" and "msgstr" in e:
            for header_line in str(e["msgstr"]).splitlines():
                name, _, value = header_line.partition(":")
                if name.strip().lower() == "language" and value.strip():
                    target = value.strip()
    tgt = _tag(target, path=path, line=1, what="target (the header's Language:)")
    for e in entries:
        if not e.get("msgid"):
            continue
        uid = str(e.get("msgctxt") or e["msgid"])[:60]
        yield BilingualUnit(
            path,
            uid,
            e.get("line") if isinstance(e.get("line"), int) else None,  # type: ignore[arg-type]
            str(e["msgid"]),
            str(e.get("msgstr", "")),
            source_lang,
            tgt,
        )


def read_jsonl(data: bytes, path: str) -> Iterator[BilingualUnit]:
    for line_no, raw in enumerate(data.decode("utf-8", errors="strict").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise FormatError(f"not valid JSON: {exc.msg}", path=path, line=line_no) from exc
        if not isinstance(row, dict) or "source" not in row or "target_lang" not in row:
            raise FormatError(
                "each line needs at least source, target and target_lang", path=path, line=line_no
            )
        yield BilingualUnit(
            path,
            str(row.get("segment") or line_no),
            line_no,
            str(row["source"]),
            str(row.get("target") or ""),
            _tag(row.get("source_lang", "en"), path=path, line=line_no, what="source"),
            _tag(row["target_lang"], path=path, line=line_no, what="target"),
        )


BILINGUAL_SUFFIXES = (".xlf", ".xliff", ".xml", ".tmx", ".po", ".jsonl")


def read_bilingual(data: bytes, *, path: str, source_lang: str = "en") -> list[BilingualUnit]:
    """Read any supported bilingual file, chosen by extension and checked by content."""
    suffix = Path(path).suffix.lower()
    if suffix in (".xlf", ".xliff", ".xml", ".tmx"):
        root = parse_xml(data, path=path)
        name = local_name(root.tag)
        if name == "xliff":
            return list(read_xliff(root, path))
        if name == "tmx":
            return list(read_tmx(root, path))
        raise FormatError(
            f"the root element <{name}> is neither <xliff> nor <tmx>", path=path, line=line_of(root)
        )
    if suffix == ".po":
        return list(read_po(data, path, normalise_tag(source_lang)))
    if suffix == ".jsonl":
        return list(read_jsonl(data, path))
    raise FormatError(
        f"unknown bilingual format {suffix or '(no extension)'!r}: "
        f"expected one of {', '.join(BILINGUAL_SUFFIXES)}",
        path=path,
    )
