"""PO writer (through Babel) and reader: header, contexts, comments, fuzzy, charsets, plurals."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.errors import FormatError
from newsl10n.formats.base import WriterOptions
from newsl10n.formats.po import PoReader, PoWriter
from newsl10n.model import Issue, LocalisedDocument, Origin, RunInfo, Translation
from newsl10n.pipeline import read_document

polib = pytest.importorskip("polib")

ARTICLE = b"# SCO agrees **AI** plan\n\nMinisters of the [SCO](https://sco.int) met. Kazakhstan hosted.\n"
TARGETS = {
    "b1.s1": ("A OCX aprova plano de ⟦1⟧IA⟦/1⟧", "human"),
    "b2.s1": ("Os ministros da ⟦1⟧OCX⟦/1⟧ reuniram-se.", "mt"),
    "b2.s2": ("O Cazaquistão recebeu.", "mt"),
}
RUN = RunInfo(
    tool_version="0.0.test", segmenter="rules-v1", engine="test", model="m", fingerprint="sha256:99"
)


def localised() -> LocalisedDocument:
    doc = read_document(ARTICLE, doc_id="story.md", source_lang="en", fmt="markdown")
    translations = {}
    for sid, (text, origin) in TARGETS.items():
        o: Origin = origin  # type: ignore[assignment]
        issues = (Issue(code="missing-term", severity="error", message="no Cazaquistão", segment_id=sid),)
        translations[sid] = Translation(
            segment_id=sid,
            target_lang="ru",
            text=text,
            origin=o,
            engine="test",
            issues=issues if sid == "b2.s2" else (),
        )
    return LocalisedDocument(document=doc, target_lang="ru", translations=translations, run=RUN)


def _po(tmp_path: Path, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "x.po"
    path.write_bytes(data)
    return polib.pofile(str(path))


def test_polib_reads_the_header_and_entries(tmp_path: Path) -> None:
    data = PoWriter().write(localised())
    po = _po(tmp_path, data)
    meta = po.metadata
    assert meta["Language"] == "ru" and meta["X-Generator"] == "newsl10n 0.0.test"
    assert meta["Plural-Forms"].startswith("nplurals=")
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["X-Newsl10n-Provenance"] == RUN.signature() and meta["X-Newsl10n-Fingerprint"] == "sha256:99"
    assert PoWriter.recorded_fingerprint(data) == "sha256:99"
    entries = list(po)
    assert [e.msgctxt for e in entries] == ["b1", "b2"]
    assert entries[0].msgid == "SCO agrees ⟦1⟧AI⟦/1⟧ plan" and "fuzzy" not in entries[0].flags
    assert "fuzzy" in entries[1].flags, "unreviewed machine translation is fuzzy"
    assert entries[1].tcomment.splitlines() == ["kind: paragraph", "missing-term: no Cazaquistão"]
    assert entries[1].comment.splitlines() == ["⟦1⟧ = [ (link)", "⟦/1⟧ = ](https://sco.int)"]
    assert b"POT-Creation-Date" not in data, "no timestamps: the same run gives the same bytes"


def test_unit_per_sentence_and_reading_back(tmp_path: Path) -> None:
    data = PoWriter(WriterOptions(unit_per_sentence=True)).write(localised())
    po = _po(tmp_path, data)
    assert [e.msgctxt for e in po] == list(TARGETS)
    units = PoReader().read(data, path="story.ru.po")
    assert [(u.unit, u.tagged_target, u.state) for u in units] == [
        ("b1.s1", "A OCX aprova plano de ⟦1⟧IA⟦/1⟧", "reviewed"),
        ("b2.s1", "Os ministros da ⟦1⟧OCX⟦/1⟧ reuniram-se.", "translated"),
        ("b2.s2", "O Cazaquistão recebeu.", "translated"),
    ]
    assert units[0].source == "SCO agrees AI plan" and units[0].target == "A OCX aprova plano de IA"
    assert units[2].notes == ("missing-term: no Cazaquistão",) and units[2].kind == "paragraph"


def _header(extra: str = "", language: str = "ru", charset: str = "UTF-8") -> str:
    lang = f'"Language: {language}\\n"\n' if language else ""
    return f'msgid ""\nmsgstr ""\n{lang}"Content-Type: text/plain; charset={charset}\\n"\n{extra}\n'


READ_CASES = [
    ("bom", "\ufeff" + _header() + 'msgid "a"\nmsgstr "б"\n', "utf-8", [("a", "б")]),
    ("cp1251", _header(charset="CP1251") + 'msgid "a"\nmsgstr "б"\n', "cp1251", [("a", "б")]),
    ("iso-8859-5", _header(charset="ISO-8859-5") + 'msgid "a"\nmsgstr "ж"\n', "iso-8859-5", [("a", "ж")]),
    (
        "escapes",
        _header() + 'msgid "a\\tb\\\\c\\"d\\x41\\101"\nmsgstr "x"\n',
        "utf-8",
        [('a\tb\\c"dAA', "x")],
    ),
    (
        "obsolete",
        _header() + '#~ msgid "old"\n#~ msgstr "старый"\n\nmsgid "a"\nmsgstr "б"\n',
        "utf-8",
        [("a", "б")],
    ),
    (
        "plural",
        _header() + 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "1"\nmsgstr[1] "2"\nmsgstr[2] "5"\n',
        "utf-8",
        [("one", "1"), ("many", "2"), ("many", "5")],
    ),
]


@pytest.mark.parametrize(("name", "text", "encoding", "expected"), READ_CASES, ids=[c[0] for c in READ_CASES])
def test_reader_cases(name: str, text: str, encoding: str, expected: list[tuple[str, str]]) -> None:
    data = text.encode(encoding) if name != "bom" else text.encode("utf-8")
    units = PoReader().read(data, path="x.po")
    assert [(u.source, u.target) for u in units] == expected


def test_two_entries_sharing_a_context_are_two_units() -> None:
    data = (
        _header()
        + 'msgctxt "nav"\nmsgid "Read"\nmsgstr "Читать"\n\nmsgctxt "nav"\nmsgid "Home"\nmsgstr "Дом"\n'
    ).encode()
    assert [u.unit for u in PoReader().read(data, path="x.po")] == ["nav|Read", "nav|Home"]


def test_target_language_order_header_option_file_name() -> None:
    body = 'msgid "a"\nmsgstr "b"\n'
    assert (
        PoReader()
        .read((_header(language="pt_BR") + body).encode(), path="x.po", target_lang="ru")[0]
        .target_lang
        == "pt-BR"
    )
    no_lang = (_header(language="") + body).encode()
    assert PoReader().read(no_lang, path="x.po", target_lang="kk")[0].target_lang == "kk"
    assert PoReader().read(no_lang, path="po/uz.po")[0].target_lang == "uz"
    with pytest.raises(FormatError, match="--target-lang") as err:
        PoReader().read(no_lang, path="messages.po")
    assert "Language" in str(err.value) and err.value.line == 1


BAD = [
    (_header(charset="X-UNKNOWN") + 'msgid "a"\nmsgstr "b"\n', "unknown charset"),
    (_header() + 'msgid "a\\q"\nmsgstr "b"\n', "unknown escape"),
    (_header() + 'msgid "a"\nmsgstr b\n', "double quotes"),
    (_header() + 'msgid "a"\nmsgfoo "b"\n', "unknown PO keyword"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=["charset", "escape", "unquoted", "keyword"])
def test_bad_po_names_the_line(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message) as err:
        PoReader().read(text.encode(), path="bad.po")
    assert err.value.line


def test_wrong_declared_charset_is_reported() -> None:
    data = (_header(charset="UTF-8") + 'msgid "a"\nmsgstr "б"\n').encode("cp1251")
    with pytest.raises(FormatError, match="not valid UTF-8") as err:
        PoReader().read(data, path="x.po")
    assert err.value.line == 7
