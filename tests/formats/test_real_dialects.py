"""Bilingual files in the dialects of real producers: every file read right.

Each fixture in tests/data/dialects/ was written by hand after the files those tools write
(Angular, Xcode, Crowdin, Okapi, OmegaT, Trados, memoQ, Phrase, MateCat, MadCap,
translate-toolkit, LISA TMX, GNOME, Poedit, Launchpad, Babel). For every file the unit count
equals an independent count (lxml XPath for XLIFF and TMX, polib for PO), and the unit with a
planted term error (a deprecated target term) carries that wrong text as its target, so the
check sees it; the check itself is run over them at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from newsl10n.errors import FormatError
from newsl10n.formats.bilingual import read_bilingual
from newsl10n.model import BilingualUnit

DATA = Path(__file__).resolve().parents[1] / "data" / "dialects"
GLOSSARY = Path(__file__).resolve().parents[2] / "glossaries" / "sco-news.tbx"

# (file, producer, reader options, planted unit id, planted wrong target text, target language)
CASES: list[tuple[str, str, dict[str, str], str, str, str]] = [
    ("angular-messages.ru.xlf", "Angular", {}, "8f3c2a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a", "Казахии", "ru"),
    ("angular-messages.xlf", "Angular (source file)", {"target_lang": "ru"}, "", "", "ru"),
    (
        "angular-xliff2.ru.xlf",
        "Angular XLIFF 2",
        {},
        "5093624510317632139",
        "Шанхайская организация по сотрудничеству",
        "ru",
    ),
    (
        "xcode-en-ru.xliff",
        "Xcode",
        {},
        "NewsDesk/Base.lproj/Main.storyboard#aB3-xY-9kQ.text",
        "Казахии",
        "ru",
    ),
    (
        "xcode-stringsdict.pt-BR.xliff",
        "Xcode stringsdict",
        {},
        "/%d members:dict/members:dict/one:dict/:string",
        "Organização para Cooperação de Xangai",
        "pt-BR",
    ),
    ("crowdin.ru.xliff", "Crowdin", {}, "1043", "Казахия", "ru"),
    ("okapi-rainbow.ru.xlf", "Okapi Rainbow", {}, "tu1/1", "Казахия", "ru"),
    (
        "okapi-tikal.pt-BR.xlf",
        "Okapi Tikal",
        {},
        "NFDBB2FA9-tu1",
        "Organização para Cooperação de Xangai",
        "pt-BR",
    ),
    ("omegat-target.ru.xlf", "OmegaT", {}, "b2", "Казахия", "ru"),
    (
        "trados-studio.ru-RU.sdlxliff",
        "Trados Studio",
        {},
        "c2f0a5e1-0000-4a3e-9f0b-000000000002/2",
        "Казахия",
        "ru-RU",
    ),
    (
        "trados-studio.pt-PT.sdlxliff",
        "Trados Studio",
        {},
        "0001/10",
        "Organização para Cooperação de Xangai",
        "pt-PT",
    ),
    ("memoq.ru.mqxliff", "memoQ", {}, "2", "Казахия", "ru"),
    ("phrase-memsource.ru.mxliff", "Phrase (Memsource)", {}, "aB9cD8eF7gH6:1", "Казахия", "ru"),
    ("matecat.ru.xliff", "MateCat", {}, "0/1", "Казахия", "ru-RU"),
    ("madcap-lingo.ru.xlf", "MadCap Lingo", {}, "2", "Казахия", "ru-RU"),
    (
        "ttk-po2xliff.ru.xlf",
        "translate-toolkit po2xliff",
        {},
        "headline\\u0004Kazakhstan hosts",
        "Казахия",
        "ru",
    ),
    ("oasis-spec-sample.xlf", "OASIS XLIFF 1.2 sample", {}, "1", "上海合作机构", "zh-CN"),
    ("oasis-xliff2-sample.zh.xlf", "OASIS XLIFF 2.0 sample", {}, "u1/s1", "上海合作机构", "zh"),
    ("xliff-1.1.ru.xlf", "XLIFF 1.1", {}, "1", "Казахия", "ru"),
    ("xliff-1.0.ru.xlf", "XLIFF 1.0 (DTD, no namespace)", {}, "1", "Казахия", "ru"),
    (
        "no-namespace-1.2.pt-BR.xlf",
        "XLIFF 1.2 without namespace",
        {},
        "summit.title",
        "Organização para Cooperação de Xangai",
        "pt-BR",
    ),
    ("lisa-tmx14b.tmx", "LISA TMX 1.4b", {}, "0002", "Казахия", "ru-RU"),
    (
        "trados-studio-export.tmx",
        "Trados Studio TMX",
        {},
        "1",
        "Шанхайской организации по сотрудничеству",
        "ru-RU",
    ),
    ("okapi-rainbow.tmx", "Okapi TMX", {}, "story.html_tu1_1", "Казахия", "ru"),
    ("omegat-project_save.tmx", "OmegaT project_save.tmx (TMX 1.1)", {}, "2", "Казахия", "ru"),
    ("omegat-level2.tmx", "OmegaT level-2 TMX", {}, "1", "Шанхайской организации по сотрудничеству", "ru"),
    (
        "multilingual-variants.tmx",
        "Heartsome multilingual TMX",
        {"target_lang": "pt-BR"},
        "org-name",
        "Organização para Cooperação de Xangai",
        "pt-BR",
    ),
    ("srclang-all.tmx", "Wordfast TMX, srclang *all*", {"source_lang": "en"}, "1", "Казахия", "ru"),
    ("memoq-export.tmx", "memoQ TMX", {}, "2", "Казахия", "ru"),
    ("gnome-ru.po", "GNOME (Gtranslator)", {}, "feed title", "Казахия", "ru"),
    ("legacy-cp1251.ru.po", "PO in CP1251", {}, "Kazakhstan hosts the SCO summit", "Казахия", "ru"),
    ("legacy-koi8r.ru.po", "PO in KOI8-R", {}, "Kazakhstan hosts the SCO summit", "Казахия", "ru"),
    (
        "poedit.pt_BR.po",
        "Poedit",
        {},
        "Shanghai Cooperation Organisation",
        "Organização para Cooperação de Xangai",
        "pt-BR",
    ),
    (
        "poedit-bom.pt_PT.po",
        "Poedit, UTF-8 BOM",
        {},
        "Shanghai Cooperation Organisation",
        "Organização para Cooperação de Xangai",
        "pt-PT",
    ),
    (
        "crowdin.ru.po",
        "Crowdin PO (shared msgctxt)",
        {},
        "story|Kazakhstan hosts the summit",
        "Казахия",
        "ru-RU",
    ),
    (
        "ttk-xliff2po.ru.po",
        "translate-toolkit xliff2po",
        {},
        "Kazakhstan sent a delegation led by the prime minister, who ",
        "Казахия",
        "ru",
    ),
    (
        "babel-generated.zh_CN.po",
        "Babel",
        {},
        "Shanghai Cooperation Organisation",
        "上海合作机构",
        "zh-Hans-CN",
    ),
    (
        "old-gnome/ru.po",
        "GNOME, no Language header (language from the file name)",
        {},
        "Kazakhstan",
        "Казахия",
        "ru",
    ),
    ("launchpad-kk.po", "Launchpad", {}, "", "", "kk"),
    (
        "weblate.ru.po",
        "Weblate",
        {},
        "Shanghai Cooperation Organisation summit",
        "Шанхайской организации по сотрудничеству",
        "ru",
    ),
    ("crowdin-xliff2.ru.xliff", "Crowdin XLIFF 2", {}, "headline", "Казахия", "ru"),
]


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def independent_count(path: Path, options: dict[str, str]) -> int:
    """The number of units, counted with lxml XPath or polib, not with newsl10n's readers."""
    if path.suffix == ".po":
        polib = pytest.importorskip("polib")
        po = polib.pofile(str(path))
        return sum(
            max(1, len(e.msgstr_plural)) if e.msgid_plural else 1 for e in po if not e.obsolete and e.msgid
        )
    tree = etree.parse(str(path), etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))
    root = tree.getroot()
    if _local(root) == "tmx":
        n = 0
        for tu in root.xpath("//*[local-name()='tu']"):
            langs = [
                v.get("{http://www.w3.org/XML/1998/namespace}lang") or v.get("lang")
                for v in tu.xpath("*[local-name()='tuv']")
            ]
            if "target_lang" in options:
                n += sum(1 for x in langs if x == options["target_lang"])
            else:
                n += len(langs) - 1
        return n
    if root.get("version", "").startswith("2"):
        return len(root.xpath("//*[local-name()='unit'][not(@translate='no')]/*[local-name()='segment']"))
    n = 0
    for tu in root.xpath("//*[local-name()='trans-unit'][not(@translate='no')]"):
        segs = tu.xpath("*[local-name()='seg-source']//*[local-name()='mrk'][@mtype='seg']")
        n += len(segs) or 1
    return n


def _read(name: str, options: dict[str, str]) -> list[BilingualUnit]:
    return read_bilingual((DATA / name).read_bytes(), path=name, **options)


def test_the_fixture_set_is_large_enough() -> None:
    files = {c[0] for c in CASES}
    assert len(files) >= 40
    on_disk = {
        str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.is_file() and p.parent.name != "glossaries"
    }
    assert files == on_disk, "every fixture is in the table, and every table row has a fixture"
    producers = {c[1].split(" ")[0].split(",")[0] for c in CASES}
    assert len(producers) >= 10


@pytest.mark.parametrize(
    ("name", "producer", "options", "unit", "planted", "lang"), CASES, ids=[c[0] for c in CASES]
)
def test_real_file_is_read_right(
    name: str, producer: str, options: dict[str, str], unit: str, planted: str, lang: str
) -> None:
    units = _read(name, options)
    assert len(units) == independent_count(DATA / name, options), producer
    assert all(u.source for u in units), "no unit lost its source text"
    assert {u.target_lang for u in units} == {lang}, "languages keep their full tags"
    assert all(u.line for u in units)
    if unit:
        hit = [u for u in units if u.unit == unit]
        assert len(hit) == 1, [u.unit for u in units]
        assert planted in hit[0].target


def test_alt_trans_is_never_the_target() -> None:
    units = _read("okapi-rainbow.ru.xlf", {})
    assert [u.target for u in units if u.unit == "tu1/1"] == ["Казахия принимала переговоры."]
    units = _read("oasis-spec-sample.xlf", {})
    assert units[0].target == "上海合作机构" and units[0].state_qualifier == "mt-suggestion"


def test_producer_states_become_xliff2_states() -> None:
    trados = {u.unit.rsplit("/", 1)[1]: u.state for u in _read("trados-studio.ru-RU.sdlxliff", {})}
    assert trados == {"1": "reviewed", "2": "translated", "3": "final"}
    memoq = [u.state for u in _read("memoq.ru.mqxliff", {})]
    assert memoq == ["translated", "translated", "initial"]
    crowdin = [u.state for u in _read("crowdin.ru.xliff", {})]
    assert crowdin == ["final", "translated", "initial"]
    po = {u.unit: u.state for u in _read("gnome-ru.po", {})}
    assert po["Shanghai Cooperation Organisation"] == "translated"  # fuzzy
    assert po["feed title"] == "reviewed"


def test_inline_codes_of_producers() -> None:
    (okapi,) = [u for u in _read("okapi-tikal.pt-BR.xlf", {}) if u.unit == "NFDBB2FA9-tu1"]
    assert okapi.tagged_source.startswith("The ⟦1⟧Shanghai")
    assert okapi.codes[0].opening.startswith("<w:r>") and okapi.codes[0].closing == "</w:t></w:r>"
    lisa = _read("lisa-tmx14b.tmx", {})[0]
    assert lisa.source == "The SCO summit opened in Tianjin."  # <hi> text kept, <bpt> data dropped
    assert lisa.codes[0].opening == "{\\b " and lisa.codes[0].ctype == "bold"
    angular = _read("angular-messages.ru.xlf", {})[1]
    assert (
        angular.tagged_target.count("⟦") == 2
        and angular.source == "Delegates from Kazakhstan arrived on Monday."
    )
    xliff2 = _read("oasis-xliff2-sample.zh.xlf", {})[0]
    assert xliff2.codes[0].opening == "<b>" and xliff2.codes[0].closing == "</b>"


def test_po_plurals_charsets_and_contexts() -> None:
    gnome = _read("gnome-ru.po", {})
    plural = [u for u in gnome if u.unit.startswith("%d new story")]
    assert [u.target for u in plural] == ["%d новая статья", "%d новые статьи", "%d новых статей"]
    assert [u.source for u in plural] == ["%d new story", "%d new stories", "%d new stories"]
    tab = next(u for u in gnome if u.source.startswith("Tab"))
    assert tab.source == 'Tab\tseparated and "quoted"'
    assert not any("Old feed" in u.source for u in gnome), "obsolete entries are skipped"
    assert _read("legacy-cp1251.ru.po", {})[0].target == "Казахия принимает саммит ШОС"
    assert _read("legacy-koi8r.ru.po", {})[0].target == "Казахия принимает саммит ШОС"
    crowdin = [u.unit for u in _read("crowdin.ru.po", {})]
    assert crowdin == ["story|Kazakhstan hosts the summit", "story|The SCO summit opened", "nav"]


LANGUAGE_ERRORS = [
    ("angular-messages.xlf", {}, "--target-lang"),
    ("srclang-all.tmx", {}, "--source-lang"),
]


@pytest.mark.parametrize(("name", "options", "option"), LANGUAGE_ERRORS, ids=[e[0] for e in LANGUAGE_ERRORS])
def test_a_file_without_languages_asks_for_the_option(
    name: str, options: dict[str, str], option: str
) -> None:
    with pytest.raises(FormatError) as err:
        _read(name, options)
    assert option in str(err.value) and err.value.path == name and err.value.line


def test_the_check_finds_every_planted_error() -> None:
    from newsl10n.glossary import load_glossary
    from newsl10n.pipeline import check_units

    glossary = load_glossary(GLOSSARY)
    for name, _producer, options, unit, _planted, _lang in CASES:
        if not unit:
            continue
        units = [u for u in _read(name, options) if u.unit == unit]
        findings = check_units(units, [glossary])
        assert findings, f"{name}: the planted error in unit {unit!r} was not found"


def test_reader_selection_extension_then_content() -> None:
    from newsl10n.formats.bilingual import registered_readers
    from newsl10n.formats.tmx import TmxReader
    from newsl10n.formats.xliff_reader import XliffReader

    tmx = (DATA / "okapi-rainbow.tmx").read_bytes()
    xlf = (DATA / "okapi-rainbow.ru.xlf").read_bytes()
    # .xml is claimed by both XML readers: the content decides.
    assert len(read_bilingual(tmx, path="memory.xml")) == 2
    assert len(read_bilingual(xlf, path="export.xml")) == 3
    # A TMX saved as .xlf is still read (no reader of .xlf accepts it, every reader's sniff is asked).
    assert [u.unit for u in read_bilingual(tmx, path="misnamed.xlf")] == [
        "story.html_tu1_0",
        "story.html_tu1_1",
    ]
    assert {r.name for r in registered_readers()} == {"xliff", "tmx", "po", "jsonl"}
    with pytest.raises(FormatError, match=r"unknown bilingual format '\.xlf'"):
        read_bilingual(xlf, path="x.xlf", readers=(TmxReader,))
    assert XliffReader().sniff(xlf) and not XliffReader().sniff(tmx) and not TmxReader().sniff(b"msgid")
