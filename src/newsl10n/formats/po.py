"""Gettext PO: a localised document as a catalog (writer, through Babel) and units from any PO (reader).

The writer makes one entry per block (or per sentence with ``WriterOptions.unit_per_sentence``):
``msgctxt`` is the block or segment id, ``msgid`` the source with newsl10n's ``⟦n⟧`` placeholders,
extracted comments (``#.``) give each placeholder's original markup, translator comments (``#``)
the block kind (``kind: paragraph``) and the findings, and ``#, fuzzy`` marks a translation no
person has reviewed. The header is complete: Language, Plural-Forms (from CLDR through Babel),
X-Generator, and the run signature and fingerprint as ``X-Newsl10n-Provenance`` and
``X-Newsl10n-Fingerprint``. There is no date: the file is the same for the same run, and
``PO-Revision-Date`` keeps gettext's placeholder until a translator revises it.

The reader is newsl10n's own (no polib at run time): a UTF-8 BOM, the charset the header declares
(CP1251, ISO-8859-x…), C escapes, ``msgid_plural`` with one unit per ``msgstr[n]``, obsolete
(``#~``) entries skipped. Unit ids come from ``msgctxt`` and ``msgid``: the context alone while it
is unique in the file, else ``context|msgid``. PO files never declare the source language; by
the gettext convention msgids are English unless the caller says otherwise. The target language
is the header's ``Language``, else the caller's, else the file name when it is a language tag
(``po/ru.po``, the gettext ``LINGUAS`` layout).
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from ..errors import ConfigError, FormatError
from ..langs import normalise_tag
from ..model import PLACEHOLDER_RE, BilingualUnit, Block, Code, LocalisedDocument
from ..textio import decode_text, looks_like_bomless_utf16, sniff_bom
from .base import BaseWriter
from .units import declared_tag
from .xliff12 import segment_state

HEADER_SIGNATURE = "X-Newsl10n-Provenance"
HEADER_FINGERPRINT = "X-Newsl10n-Fingerprint"
_KIND_PREFIX = "kind: "


class _Catalog(Catalog):
    """A Babel catalog whose header is exactly the fields newsl10n gives (no dates, no Babel version)."""

    def __init__(self, *, headers: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._headers = headers

    def _own_headers(self) -> list[tuple[str, str]]:
        return self._headers

    # Babel builds the header entry from this property; newsl10n gives the fields itself.
    mime_headers = property(_own_headers, Catalog._set_mime_headers)


def _babel_locale(tag: str) -> Locale | None:
    for candidate in (tag, tag.split("-")[0]):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return None


def _code_comments(block: Block, *texts: str) -> list[str]:
    """``#.`` comments naming the original markup of each placeholder of the texts, in order."""
    ids = {c.id for c in block.codes}
    out: list[str] = []
    for text in texts:
        for m in PLACEHOLDER_RE.finditer(text):
            if int(m.group(2)) not in ids:
                continue
            code = block.code(int(m.group(2)))
            markup = code.closing if m.group(1) else code.opening
            line = f"{m.group(0)} = {markup}" + (f" ({code.ctype})" if code.ctype and not m.group(1) else "")
            if line not in out:
                out.append(line)
    return out


class PoWriter(BaseWriter):
    """Writes a LocalisedDocument as a gettext PO catalog."""

    kind: ClassVar[str] = "po"
    suffix: ClassVar[str] = ".po"
    media_type: ClassVar[str] = "text/x-gettext-translation"

    def write(self, result: LocalisedDocument) -> bytes:
        """Serialise a localised document."""
        doc = result.document
        locale = _babel_locale(result.target_lang)
        headers = [
            ("Project-Id-Version", doc.id),
            ("Report-Msgid-Bugs-To", ""),
            ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
            ("Last-Translator", f"newsl10n {result.run.tool_version} (machine translation)"),
            ("Language-Team", ""),
            ("Language", result.target_lang.replace("-", "_")),
        ]
        if locale is not None:
            probe = Catalog(locale=locale)
            headers.append(("Plural-Forms", probe.plural_forms))
        headers += [
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("X-Generator", f"newsl10n {result.run.tool_version}"),
            (HEADER_SIGNATURE, result.run.signature()),
        ]
        if result.run.fingerprint:
            headers.append((HEADER_FINGERPRINT, result.run.fingerprint))
        name, value = headers[-1]
        headers[-1] = (name, value + "\n")  # gettext ends the header's last line too
        catalog = _Catalog(
            headers=headers,
            locale=locale,
            project=doc.id,
            header_comment=f"# {doc.id}: machine translation into {result.target_lang} by newsl10n.",
            fuzzy=False,
        )
        for block in doc.blocks:
            if not block.segments:
                continue
            groups = (
                [(s.id, (s,)) for s in block.segments]
                if self.options.unit_per_sentence
                else [(block.id, block.segments)]
            )
            for ctxt, segs in groups:
                source = "".join(s.text for s in segs).rstrip()
                target = "".join(result.target_segment_text(s) for s in segs).rstrip()
                trs = [result.translation(s.id) for s in segs]
                states = [segment_state(t)[0] for t in trs]
                issues = [i for t in trs if t for i in t.issues]
                untranslated = any(t is None for t in trs)
                fuzzy = not untranslated and any(st not in ("reviewed", "final") for st in states)
                offers = [c for t in trs if t for c in t.candidates]
                catalog.add(
                    source,
                    "" if untranslated else target,
                    context=ctxt,
                    flags=("fuzzy",) if fuzzy else (),
                    auto_comments=_code_comments(block, source, target),
                    user_comments=[f"{_KIND_PREFIX}{block.kind}"]
                    + [f"{i.code}: {i.message}" for i in issues]
                    + [f"{c.origin} {c.score:.0f}%: {c.target}" for c in offers],
                    # The best fuzzy match's source as the "previous msgid" (#|), which PO
                    # editors diff against the new source.
                    previous_id=offers[0].source if offers else (),
                )
        buf = io.BytesIO()
        # No wrapping: Babel wraps comments at 76 columns otherwise, and a wrapped finding or
        # markup comment would read back as two.
        write_po(buf, catalog, width=1 << 20, no_location=True, include_previous=True)
        return buf.getvalue()

    @staticmethod
    def recorded_fingerprint(data: bytes) -> str | None:
        """The run fingerprint recorded in the header of a PO file this writer wrote, or None."""
        entries, _text = parse_po(data, path="<po>")
        for e in entries:
            if e.msgid == "" and not e.msgctxt:
                return header_fields(e.msgstr.get(0, "")).get(HEADER_FINGERPRINT.lower()) or None
        return None


# ---------------------------------------------------------------------------------------------- reader


@dataclass
class PoEntry:
    """One parsed PO entry."""

    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "?": "?",
    "'": "'",
}


def _unquote(token: str, *, path: str, line: int) -> str:
    """The value of a C string literal as PO writes it (``"…"`` with C escapes)."""
    token = token.strip(" \t\r")
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise FormatError(
            f"bad PO string {token[:40]!r}: a string must be in double quotes", path=path, line=line
        )
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            raise FormatError(f"bad PO string {token[:40]!r}: an unescaped quote", path=path, line=line)
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt in "01234567" and nxt:
            j = i + 1
            while j < len(body) and j < i + 4 and body[j] in "01234567":
                j += 1
            out.append(_char(int(body[i + 1 : j], 8), token, path=path, line=line))
            i = j
        elif nxt == "x":
            j = i + 2
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 2:
                raise FormatError(
                    f"bad PO string {token[:40]!r}: \\x without hex digits", path=path, line=line
                )
            out.append(_char(int(body[i + 2 : j], 16), token, path=path, line=line))
            i = j
        else:
            raise FormatError(f"bad PO string {token[:40]!r}: unknown escape \\{nxt}", path=path, line=line)
    return "".join(out)


def _char(code_point: int, token: str, *, path: str, line: int) -> str:
    """The character of a numeric escape; FormatError beyond Unicode or for a lone surrogate."""
    if code_point > 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
        what = "a lone surrogate" if code_point <= 0xDFFF else "beyond Unicode"
        raise FormatError(
            f"bad PO string {token[:40]!r}: the escape for U+{code_point:04X} is {what}", path=path, line=line
        )
    return chr(code_point)


def header_fields(header: str) -> dict[str, str]:
    """The fields of a PO header (``Name: value`` lines), names lower-cased."""
    out: dict[str, str] = {}
    for line in header.split("\n"):
        name, sep, value = line.partition(":")
        if sep:
            out[name.strip().lower()] = value.strip()
    return out


def _decode(data: bytes, *, path: str) -> str:
    """Decode through :mod:`newsl10n.textio`: a BOM wins, else the charset the header declares."""
    charset: str | None = None
    if sniff_bom(data) is None and not looks_like_bomless_utf16(data):
        # The charset is named in the header; every PO charset is ASCII-compatible, so the header
        # can be read as Latin-1 first.
        entries = _parse(data.decode("latin-1"), path=path, header_only=True)
        if entries and entries[0].msgid == "":
            ctype = header_fields(entries[0].msgstr.get(0, "")).get("content-type", "")
            for param in ctype.split(";"):
                key, _, value = param.strip().partition("=")
                if key.lower() == "charset" and value and value.upper() != "CHARSET":
                    charset = value.strip()
        try:
            codecs.lookup(charset or "utf-8")
        except (LookupError, ValueError) as exc:  # ValueError: a NUL inside the name
            raise FormatError(
                f"the header declares an unknown charset {charset!r}", path=path, line=1
            ) from exc
    return decode_text(data, path=path, what="PO file", encoding=charset)[1]


def parse_po(data: bytes, *, path: str) -> tuple[list[PoEntry], str]:
    """Parse PO bytes into entries (obsolete ones left out) and the decoded text."""
    text = _decode(data, path=path)
    return _parse(text, path=path, header_only=False), text


def _parse(text: str, *, path: str, header_only: bool) -> list[PoEntry]:
    entries: list[PoEntry] = []
    cur: PoEntry | None = None
    comments: PoEntry = PoEntry(line=0)
    key: tuple[str, int] | None = None
    seen_msgstr = False

    def finish() -> None:
        nonlocal cur, key, seen_msgstr
        if cur is not None:
            entries.append(cur)
        cur, key, seen_msgstr = None, None, False

    # Lines end at "\n" only: str.splitlines() also breaks at U+0085 and U+2028, which a
    # UTF-8 file read as Latin-1 (the charset probe) or a PO string may hold.
    for line_no, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip(" \t\r")
        if header_only and entries:
            break
        if not line:
            if seen_msgstr:
                finish()
                comments = PoEntry(line=0)
            continue
        if line.startswith("#"):
            if seen_msgstr:
                finish()
                comments = PoEntry(line=0)
            if line.startswith("#~"):
                key = ("obsolete", 0)
                continue
            if line.startswith("#,"):
                comments.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            elif line.startswith("#."):
                comments.extracted_comments.append(line[2:].strip())
            elif line.startswith(("#:", "#|")):
                pass
            else:
                comments.translator_comments.append(line[1:].strip())
            continue
        if line.startswith('"'):
            if key is None:
                raise FormatError("a string continuation with no keyword before it", path=path, line=line_no)
            if key[0] == "obsolete" or cur is None:
                continue
            value = _unquote(line, path=path, line=line_no)
            if key[0] == "msgctxt":
                cur.msgctxt = (cur.msgctxt or "") + value
            elif key[0] == "msgid":
                cur.msgid += value
            elif key[0] == "msgid_plural":
                cur.msgid_plural = (cur.msgid_plural or "") + value
            else:
                cur.msgstr[key[1]] = cur.msgstr.get(key[1], "") + value
            continue
        word, _, rest = line.partition(" ")
        if word in ("msgctxt", "msgid") and (
            seen_msgstr or (word == "msgctxt" and cur is not None and cur.msgid)
        ):
            finish()
            comments = PoEntry(line=0)
        if cur is None:
            cur = PoEntry(
                line=line_no,
                flags=comments.flags,
                translator_comments=comments.translator_comments,
                extracted_comments=comments.extracted_comments,
            )
        if word == "msgctxt":
            cur.msgctxt, key = _unquote(rest, path=path, line=line_no), ("msgctxt", 0)
        elif word == "msgid":
            cur.msgid, cur.line, key = _unquote(rest, path=path, line=line_no), line_no, ("msgid", 0)
        elif word == "msgid_plural":
            cur.msgid_plural, key = _unquote(rest, path=path, line=line_no), ("msgid_plural", 0)
        elif word == "msgstr" or (word.startswith("msgstr[") and word.endswith("]") and word[7:-1].isdigit()):
            n = 0 if word == "msgstr" else int(word[7:-1])
            cur.msgstr[n], key = _unquote(rest, path=path, line=line_no), ("msgstr", n)
            seen_msgstr = True
        else:
            raise FormatError(f"unknown PO keyword {word!r}", path=path, line=line_no)
    finish()
    return entries


def _codes_from_comments(comments: list[str]) -> dict[str, tuple[Code, str]]:
    """Placeholder → (code, markup) from the ``#. ⟦1⟧ = markup (ctype)`` comments this writer adds."""
    out: dict[str, tuple[Code, str]] = {}
    for c in comments:
        ph, sep, rest = c.partition(" = ")
        m = PLACEHOLDER_RE.fullmatch(ph)
        if not (sep and m):
            continue
        ctype = ""
        if not m.group(1) and rest.endswith(")") and " (" in rest:
            rest, _, ct = rest.rpartition(" (")
            ctype = ct[:-1]
        cid = int(m.group(2))
        out[ph] = (Code(id=cid, kind="pair", ctype=ctype, opening="", closing=""), rest)
    return out


def _strip_codes(text: str, known: dict[str, tuple[Code, str]]) -> str:
    return PLACEHOLDER_RE.sub(lambda m: "" if m.group(0) in known else m.group(0), text)


def _unit_codes(known: dict[str, tuple[Code, str]]) -> tuple[Code, ...]:
    by_id: dict[int, Code] = {}
    for ph, (code, markup) in known.items():
        closing = ph.startswith("⟦/")
        prev = by_id.get(code.id, code)
        by_id[code.id] = Code(
            id=code.id,
            kind="pair"
            if closing or any(p.startswith("⟦/") and int(p[2:-1]) == code.id for p in known)
            else "standalone",
            ctype=prev.ctype or code.ctype,
            opening=prev.opening if closing else markup,
            closing=markup if closing else prev.closing,
        )
    return tuple(by_id[k] for k in sorted(by_id))


class PoReader:
    """Reads gettext PO files (GNOME, Poedit, Crowdin, translate-toolkit, Babel, newsl10n)."""

    name: ClassVar[str] = "po"
    extensions: ClassVar[tuple[str, ...]] = (".po", ".pot")

    def sniff(self, data: bytes) -> bool:
        """True when the text has a ``msgid`` keyword at the start of a line."""
        head = data[:65536].decode("latin-1")
        return any(line.startswith(("msgid ", "msgctxt ")) for line in head.split("\n"))

    def read(
        self, data: bytes, *, path: str, source_lang: str | None = None, target_lang: str | None = None
    ) -> list[BilingualUnit]:
        """Every translatable entry; a plural entry gives one unit per ``msgstr[n]``."""
        entries, _text = parse_po(data, path=path)
        header = next((e for e in entries if e.msgid == "" and not e.msgctxt), None)
        fields = header_fields(header.msgstr.get(0, "")) if header else {}
        declared = fields.get("language") or target_lang or _tag_from_name(path)
        tgt = declared_tag(
            declared,
            None,
            path=path,
            line=header.line if header else 1,
            what="target language (the header's Language: field)",
            option="--target-lang",
        )
        src = declared_tag(
            fields.get("x-source-language") or source_lang or "en",
            None,
            path=path,
            line=1,
            what="source language",
            option="--source-lang",
        )
        contexts: dict[str, int] = {}
        for e in entries:
            if e.msgctxt is not None:
                contexts[e.msgctxt] = contexts.get(e.msgctxt, 0) + 1
        out: list[BilingualUnit] = []
        for e in entries:
            if e is header or (e.msgid == "" and not e.msgctxt):
                continue
            if e.msgctxt is None:
                uid = e.msgid[:60]
            elif contexts[e.msgctxt] == 1:
                uid = e.msgctxt
            else:
                uid = f"{e.msgctxt}|{e.msgid[:60]}"
            known = _codes_from_comments(e.extracted_comments)
            kind = ""
            notes: list[str] = []
            for c in e.translator_comments:
                if c.startswith(_KIND_PREFIX) and not kind:
                    kind = c[len(_KIND_PREFIX) :]
                elif c:
                    notes.append(c)
            forms = (
                [(0, e.msgid)]
                if e.msgid_plural is None
                else [(n, e.msgid if n == 0 else e.msgid_plural) for n in sorted(e.msgstr) or [0]]
            )
            for n, source in forms:
                target = e.msgstr.get(n, "")
                state = "initial" if not target else "translated" if "fuzzy" in e.flags else "reviewed"
                out.append(
                    BilingualUnit(
                        path,
                        uid if e.msgid_plural is None else f"{uid}[{n}]",
                        e.line,
                        _strip_codes(source, known),
                        _strip_codes(target, known),
                        src,
                        tgt,
                        state=state,
                        notes=tuple(notes),
                        kind=kind,
                        tagged_source=source,
                        tagged_target=target,
                        codes=_unit_codes(known),
                    )
                )
        return out


def _tag_from_name(path: str) -> str | None:
    stem = Path(path).stem
    try:
        return normalise_tag(stem) if stem else None
    except ConfigError:
        return None
