"""Resource limits: streaming XLIFF/TMX readers, the input size limits, bounded reader memory.

``data/bilingual_units_before_streaming.json`` holds every unit (and every refusal) the XLIFF and
TMX readers gave for the fixture files before they streamed; the streaming readers must give
exactly the same.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsl10n.errors import ConfigError, FormatError, InputError
from newsl10n.formats.base import BilingualReader
from newsl10n.formats.tmx import TmxReader
from newsl10n.formats.xliff_reader import XliffReader
from newsl10n.inputs import (
    ARTICLE_LIMIT_VAR,
    DEFAULT_ARTICLE_MB,
    DEFAULT_GLOSSARY_MB,
    DEFAULT_INPUT_MB,
    GLOSSARY_LIMIT_VAR,
    INPUT_LIMIT_VAR,
    read_input,
    size_limit,
)

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = json.loads((Path(__file__).parent / "data" / "bilingual_units_before_streaming.json").read_text())
READERS: dict[str, type[BilingualReader]] = {"xliff": XliffReader, "tmx": TmxReader}


@pytest.mark.parametrize(
    "case", GOLDEN, ids=lambda c: f"{Path(c['file']).name}-{c['reader']}-{c['target_lang']}"
)
def test_streaming_readers_give_the_units_they_gave_before(case: dict[str, object]) -> None:
    data = (ROOT / str(case["file"])).read_bytes()
    reader = READERS[str(case["reader"])]()
    src, tgt = case["source_lang"], case["target_lang"]
    assert (src is None or isinstance(src, str)) and (tgt is None or isinstance(tgt, str))
    if "error" in case:
        with pytest.raises(FormatError) as info:
            reader.read(data, path=str(case["file"]), source_lang=src, target_lang=tgt)
        assert repr(info.value) == case["error"]
        return
    units = reader.read(data, path=str(case["file"]), source_lang=src, target_lang=tgt)
    assert json.loads(json.dumps([dataclasses.asdict(u) for u in units])) == case["units"]


# -- the streaming parser keeps xmlsafe's refusals ------------------------------------------------

XLIFF2 = (
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr">'
    '<file id="f"><unit id="u1"><segment><source>{body}</source></segment></unit></file></xliff>'
)
TMX = (
    '<tmx version="1.4"><header srclang="en"/><body><tu{attrs}><tuv xml:lang="en"><seg>{body}</seg></tuv>'
    '<tuv xml:lang="fr"><seg>b</seg></tuv></tu></body></tmx>'
)


@pytest.mark.parametrize(("reader", "template"), [(XliffReader, XLIFF2), (TmxReader, TMX)])
def test_an_internal_dtd_is_refused_before_parsing(reader: type, template: str) -> None:
    doc = (
        '<?xml version="1.0"?>\n<!-- a comment -->\n<!DOCTYPE x [\n<!ENTITY a "aaaa">\n]>\n'
        + template.format(body="&a;", attrs="")
    )
    with pytest.raises(FormatError, match="internal DTD") as info:
        reader().read(doc.encode(), path="evil.xml")
    assert info.value.line == 3


@pytest.mark.parametrize(("reader", "template"), [(XliffReader, XLIFF2), (TmxReader, TMX)])
def test_an_entity_of_an_unloaded_external_dtd_is_refused_with_its_line(reader: type, template: str) -> None:
    doc = '<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">\n' + template.format(
        body="a &ext; b", attrs=""
    )
    with pytest.raises(FormatError, match="refused: the file uses the entity reference &ext;") as info:
        reader().read(doc.encode(), path="ext.xml")
    assert info.value.line == 3


@pytest.mark.parametrize(("reader", "template"), [(XliffReader, XLIFF2), (TmxReader, TMX)])
def test_an_undeclared_entity_names_its_line_not_a_vague_error(reader: type, template: str) -> None:
    doc = '<?xml version="1.0"?>\n' + template.format(body="a\n&nope; b", attrs="")
    with pytest.raises(FormatError, match="refused: Entity 'nope' not defined") as info:
        reader().read(doc.encode(), path="x.xml")
    assert info.value.line == 3


def test_a_truncated_file_is_not_well_formed_with_its_line() -> None:
    doc = '<?xml version="1.0"?>\n' + XLIFF2.format(body="a")[:-20]
    with pytest.raises(FormatError, match="not well-formed XML") as info:
        XliffReader().read(doc.encode(), path="cut.xlf")
    assert str(info.value).startswith("cut.xlf:2: ")


def test_another_root_is_named_even_when_no_unit_element_was_seen() -> None:
    with pytest.raises(FormatError, match="the root element is <html>, not <tmx>"):
        TmxReader().read(b"<html><body><p>x</p></body></html>", path="page.tmx")
    with pytest.raises(FormatError, match="the root element is <tmx>, not <xliff>"):
        XliffReader().read(TMX.format(body="a", attrs="").encode(), path="t.xlf")


def test_a_bad_tu_srclang_names_the_file_and_line() -> None:
    doc = '<?xml version="1.0"?>\n' + TMX.format(body="a", attrs=' srclang="e n!"').replace("<tu", "\n<tu")
    with pytest.raises(FormatError, match="unknown language tag 'e n!'") as info:
        TmxReader().read(doc.encode(), path="bad.tmx")
    assert str(info.value).startswith("bad.tmx:3: ")


def test_a_bad_target_language_option_is_refused_not_ignored() -> None:
    with pytest.raises(ConfigError):
        TmxReader().read(TMX.format(body="a", attrs="").encode(), path="t.tmx", target_lang="f r")


def test_several_files_prefix_every_unit_including_the_first_files() -> None:
    doc = textwrap.dedent("""\
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file original="a.html" source-language="en" target-language="fr"><body>
            <trans-unit id="1"><source>One</source><target>Un</target>
              <note>a.html#1: own note</note><note>shared</note></trans-unit>
            <trans-unit id="2"><seg-source><mrk mtype="seg" mid="1">Two</mrk></seg-source>
              <target><mrk mtype="seg" mid="1">Deux</mrk></target></trans-unit>
          </body></file>
          <file original="b.html" source-language="en" target-language="fr"><body>
            <trans-unit id="1"><source>Three</source><target>Trois</target></trans-unit>
          </body></file>
        </xliff>""")
    units = XliffReader().read(doc.encode(), path="two.xlf")
    assert [(u.unit, u.source, u.notes) for u in units] == [
        ("a.html#1", "One", ("own note", "shared")),
        ("a.html#2/1", "Two", ()),
        ("b.html#1", "Three", ()),
    ]
    single = doc[: doc.index('  <file original="b.html"')] + "</xliff>"
    assert [u.unit for u in XliffReader().read(single.encode(), path="one.xlf")] == ["1", "2/1"]


# -- size limits -------------------------------------------------------------------------------


def test_an_article_over_the_limit_is_refused_naming_the_limit_and_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "long.txt"
    article.write_bytes(b"A sentence of the article.\n\n" * 80_000)  # 2.2 MB
    monkeypatch.setenv(ARTICLE_LIMIT_VAR, "2")
    with pytest.raises(InputError) as info:
        read_input(article, what="article file")
    assert str(info.value) == (
        f"{article}: the article file is 2.1 MiB, over the limit of 2 MiB for an article file; "
        f"set {ARTICLE_LIMIT_VAR} to a larger number of MiB to read it anyway"
    )
    # Other inputs have their own limit: the same file as a glossary is read.
    assert len(read_input(article, what="glossary file")) == article.stat().st_size
    monkeypatch.setenv(ARTICLE_LIMIT_VAR, "2.5")
    assert len(read_input(article, what="article file")) == article.stat().st_size


def test_other_inputs_have_their_own_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmx = tmp_path / "big.tmx"
    tmx.write_bytes(b" " * 1_200_000)
    monkeypatch.setenv(INPUT_LIMIT_VAR, "1")
    with pytest.raises(
        InputError, match=f"over the limit of 1 MiB for a bilingual file; set {INPUT_LIMIT_VAR}"
    ):
        read_input(tmx, what="bilingual file")


def test_defaults_and_bad_values_of_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ARTICLE_LIMIT_VAR, GLOSSARY_LIMIT_VAR, INPUT_LIMIT_VAR):
        monkeypatch.delenv(var, raising=False)
    assert size_limit("article file") == (DEFAULT_ARTICLE_MB, ARTICLE_LIMIT_VAR)
    assert size_limit("glossary file") == (DEFAULT_GLOSSARY_MB, GLOSSARY_LIMIT_VAR)
    assert size_limit("bilingual file") == (DEFAULT_INPUT_MB, INPUT_LIMIT_VAR)
    for bad in ("0", "-3", "lots", "nan", "inf"):
        monkeypatch.setenv(ARTICLE_LIMIT_VAR, bad)
        with pytest.raises(ConfigError, match=f"{ARTICLE_LIMIT_VAR}=.* is not a size in MiB"):
            size_limit("article file")


def test_an_article_on_stdin_has_the_same_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsl10n.cli import cli

    monkeypatch.setenv(ARTICLE_LIMIT_VAR, "1")
    text = "A sentence of the article. " * 50_000  # 1.3 MiB
    args = ["translate", "-", "--to", "fr", "--engine", "identity", "-o", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args, input=text)
    assert result.exit_code == 2
    assert "-: the article file is 1.3 MiB, over the limit of 1 MiB for an article file" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.fr.*"))


def test_the_cli_refuses_a_big_glossary_naming_its_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsl10n.cli import cli

    glossary = tmp_path / "terms.csv"
    glossary.write_text("en,fr\n" + "".join(f"term {i},terme {i}\n" for i in range(60_000)))
    out = tmp_path / "terms.tbx"
    monkeypatch.setenv(GLOSSARY_LIMIT_VAR, "1")
    result = CliRunner().invoke(cli, ["glossary", "convert", str(glossary), str(out)])
    assert result.exit_code == 2
    assert f"over the limit of 1 MiB for a glossary file; set {GLOSSARY_LIMIT_VAR}" in result.output
    assert not out.exists()
    monkeypatch.setenv(GLOSSARY_LIMIT_VAR, "2")
    assert CliRunner().invoke(cli, ["glossary", "convert", str(glossary), str(out)]).exit_code == 0


def test_the_cli_refuses_a_long_article_with_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsl10n.cli import cli

    article = tmp_path / "long.md"
    article.write_bytes(b"# Title\n\nA sentence.\n\n" * 60_000)
    monkeypatch.setenv(ARTICLE_LIMIT_VAR, "1")
    result = CliRunner().invoke(cli, ["segment", str(article)])
    assert result.exit_code == 2
    assert f"over the limit of 1 MiB for an article file; set {ARTICLE_LIMIT_VAR}" in result.output
    assert "Traceback" not in result.output


# -- bounded memory ----------------------------------------------------------------------------

MEASURE = textwrap.dedent("""\
    import sys
    from pathlib import Path
    from newsl10n.formats.bilingual import read_bilingual

    def rss(key):
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024

    data = Path(sys.argv[1]).read_bytes()
    base = rss("VmRSS")
    units = read_bilingual(data, path=sys.argv[1])
    print(len(units), rss("VmHWM") - base)
""")


def _units_of_no_output(kind: str, path: Path, size: int) -> Path:
    """A big file whose elements the reader must walk but which yields (almost) no units:
    what stays in memory is then the parser's, not the units'."""
    if kind == "xliff":
        head = (
            '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" '
            'srcLang="en" trgLang="fr"><file id="f">\n<unit id="kept"><segment><source>kept</source>'
            "</segment></unit>\n"
        )
        item = (
            '<unit id="u{i}" translate="no"><segment><source>Sentence {i} <pc id="1">b</pc></source>'
            "</segment></unit>\n"
        )
        tail = "</file></xliff>\n"
    else:
        head = '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
        item = (
            '<tu tuid="{i}"><prop type="x">p</prop><tuv xml:lang="en"><seg>Sentence {i} <ph>x</ph></seg>'
            "</tuv></tu>\n"
        )
        tail = "</body></tmx>\n"
    with path.open("w") as out:
        out.write(head)
        written, i = len(head), 0
        while written < size:
            line = item.format(i=i)
            out.write(line)
            written += len(line)
            i += 1
        out.write(tail)
    return path


@pytest.mark.parametrize(("kind", "suffix"), [("xliff", ".xlf"), ("tmx", ".tmx")])
def test_reader_memory_does_not_grow_with_the_file(tmp_path: Path, kind: str, suffix: str) -> None:
    # Read whole, as before, the tree of these files took about 15 times their size (148 MB more
    # for 12 MB than for 2 MB); streamed, the parser holds one unit at a time (0.02 MB more).
    # Measured in child processes (RSS high-water mark: tracemalloc does not see libxml2).
    growth = {}
    for mb in (2, 12):
        path = _units_of_no_output(kind, tmp_path / f"{kind}{mb}{suffix}", mb * 1024 * 1024)
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True
        ).stdout.split()
        assert int(out[0]) == (1 if kind == "xliff" else 0)
        growth[mb] = float(out[1])
    assert growth[12] - growth[2] < 0.25 * 10, growth
