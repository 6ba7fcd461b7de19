"""Glossary formats: TBX v3 and 2008, CSV/TSV, YAML — reading, writing, converting losslessly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsl10n.errors import FormatError, GlossaryError
from newsl10n.glossary.io import dump_glossary, load_glossary, read_glossary
from newsl10n.glossary.model import Concept, Glossary, Term

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "glossary"
SHIPPED = ROOT / "glossaries" / "sco-news.tbx"


def test_csv_header_statuses_case_dnt() -> None:
    g = load_glossary(DATA / "desk.csv")
    assert g.source_lang == "en"
    sco = next(c for c in g if c.id == "sco")
    assert [t.text for t in sco.terms_in("ru", "deprecated")] == ["Шанхайская организация по сотрудничеству"]
    assert sco.note == "The organisation"
    ai = next(c for c in g if c.id == "ai")
    assert all(t.case_sensitive for t in ai.terms)
    summit = next(c for c in g if c.id == "summit")
    assert [(t.text, t.status) for t in summit.terms_in("pt")] == [
        ("cúpula", "preferred"),
        ("cimeira", "admitted"),
    ]
    assert next(c for c in g if c.id == "tiktok").dnt


def test_default_case_policy() -> None:
    assert Term(text="SCO", lang="en").is_case_sensitive
    assert Term(text="ШОС", lang="ru").is_case_sensitive
    assert not Term(text="summit", lang="en").is_case_sensitive
    assert not Term(text="SCO", lang="en", case_sensitive=False).is_case_sensitive


@pytest.mark.parametrize("fmt", ["tbx", "tbx2008", "csv", "tsv", "yaml"])
def test_round_trip_through_every_format(fmt: str) -> None:
    g = load_glossary(DATA / "desk.csv")
    again = read_glossary(dump_glossary(g, fmt), path=f"x.{fmt.replace('2008', '')}", fmt=fmt)
    assert again.source_lang == g.source_lang

    def essence(gl: Glossary) -> list[object]:
        return [
            (c.id, c.dnt, sorted((t.text, t.lang, t.status, t.case_sensitive) for t in c.terms)) for c in gl
        ]

    assert essence(again) == essence(g)


def test_tbx_v3_structure() -> None:
    root = etree.fromstring(dump_glossary(load_glossary(DATA / "desk.csv"), "tbx"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.get("style") == "dca" and root.get("type") == "TBX-Basic"
    statuses = root.xpath("//t:termNote[@type='administrativeStatus']/text()", namespaces=ns)
    assert "deprecatedTerm-admn-sts" in statuses and "admittedTerm-admn-sts" in statuses
    martif = etree.fromstring(dump_glossary(load_glossary(DATA / "desk.csv"), "tbx2008"))
    assert martif.tag == "martif" and martif.find(".//termEntry/langSet/tig/term") is not None


def test_shipped_glossary() -> None:
    g = load_glossary(SHIPPED)
    assert len(g) >= 60
    langs = {"en", "zh", "ru", "hi", "ur", "fa", "kk", "ky", "uz", "tg", "be", "pt"}
    assert langs <= set(g.languages)
    translated = [c for c in g if not c.dnt]
    assert len(translated) >= 60
    for c in translated:
        assert langs <= set(c.languages), c.id
    assert any(c.dnt for c in g)
    assert any(t.status == "deprecated" for c in g for t in c.terms)


def test_shipped_yaml_and_tbx_agree() -> None:
    yaml_g = load_glossary(ROOT / "glossaries" / "sco-news.yaml")
    assert dump_glossary(yaml_g, "tbx") == SHIPPED.read_bytes(), (
        "regenerate: newsl10n glossary convert glossaries/sco-news.yaml glossaries/sco-news.tbx"
    )


BAD = [
    ("bad.csv", b"en;ru\nx;y\n", FormatError, "header column 'en;ru'"),
    ("bad.csv", b"en\nx\n", FormatError, "at least two language columns"),
    ("bad.csv", b"en,ru,status\nx,y,approved\n", GlossaryError, "bad.csv:2: status 'approved'"),
    ("bad.csv", b"en,ru\nx,y,z\n", GlossaryError, "bad.csv:2: 3 cells"),
    ("bad.csv", b"", FormatError, "empty"),
    ("bad.tbx", b"<tbx><text><body><conceptEntry id='a'></conceptEntry>", FormatError, "not well-formed XML"),
    (
        "bad.tbx",
        b"<tbx xmlns='urn:iso:std:iso:30042:ed-2' type='TBX-Basic' style='dca' xml:lang='en'><tbxHeader/>"
        b"<text><body><conceptEntry id='a'><langSec>"
        b"<termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>",
        GlossaryError,
        "no xml:lang",
    ),
    (
        "bad.tbx",
        b"<?xml version='1.0'?><!DOCTYPE tbx [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><tbx>&b;</tbx>",
        FormatError,
        "entity",
    ),
    ("bad.tbx", b"<glossary/>", FormatError, "not <tbx> or <martif>"),
    ("bad.yaml", b"concepts:\n  - id: a\n    en: [x\n", FormatError, "not valid YAML"),
    ("bad.yaml", b"concepts:\n  - id: a\n    english: x\n", GlossaryError, "bad.yaml:2: 'english'"),
]


@pytest.mark.parametrize(
    ("name", "data", "error", "message"), BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)]
)
def test_malformed_glossaries_are_refused_with_location(
    name: str, data: bytes, error: type, message: str
) -> None:
    with pytest.raises(error) as err:
        read_glossary(data, path=name)
    assert message in str(err.value)


def test_unknown_extension() -> None:
    from newsl10n.errors import ConfigError

    with pytest.raises(ConfigError, match="extension"):
        read_glossary(b"", path="g.docx")


def test_digest_changes_with_content() -> None:
    a = Glossary(concepts=(Concept(id="x", terms=(Term(text="a", lang="en"),)),))
    b = Glossary(concepts=(Concept(id="x", terms=(Term(text="b", lang="en"),)),))
    assert a.digest() != b.digest() and a.digest().startswith("sha256:")


DIALECTS = ROOT / "tests" / "data" / "dialects" / "glossaries"

# Every administrativeStatus value of the TBX spec (and TBX 2008's normativeAuthorization).
STATUS_VALUES = [
    ("standardizedTerm-admn-sts", "preferred"),
    ("preferredTerm-admn-sts", "preferred"),
    ("admittedTerm-admn-sts", "admitted"),
    ("deprecatedTerm-admn-sts", "deprecated"),
    ("supersededTerm-admn-sts", "deprecated"),
    ("legalTerm-admn-sts", "preferred"),
    ("regulatedTerm-admn-sts", "preferred"),
    ("standardizedTerm", "preferred"),
    ("supersededTerm", "deprecated"),
]


def _v3(status: str, note_type: str = "administrativeStatus") -> bytes:
    return (
        "<tbx xmlns='urn:iso:std:iso:30042:ed-2' type='TBX-Basic' style='dca' xml:lang='en'><tbxHeader/>"
        "<text><body><conceptEntry id='c'>"
        "<langSec xml:lang='en'><termSec><term>SCO</term></termSec></langSec>"
        f"<langSec xml:lang='ru'><termSec><term>ШОС</term><termNote type='{note_type}'>{status}</termNote>"
        "</termSec></langSec></conceptEntry></body></text></tbx>"
    ).encode()


@pytest.mark.parametrize(("value", "status"), STATUS_VALUES, ids=[v for v, _ in STATUS_VALUES])
def test_every_tbx_status_value(value: str, status: str) -> None:
    note_type = "administrativeStatus" if value.endswith("-admn-sts") else "normativeAuthorization"
    g = read_glossary(_v3(value, note_type), path="g.tbx")
    assert g.concepts[0].terms_in("ru")[0].status == status


def test_dialect_glossaries() -> None:
    v3 = load_glossary(DIALECTS / "tbx-basic-v3.tbx")
    kz = next(c for c in v3 if c.id == "kazakhstan")
    ru = [(t.text, t.status) for t in kz.terms_in("ru")]
    assert ru == [("Казахстан", "preferred"), ("Казахия", "deprecated")]
    martif = load_glossary(DIALECTS / "tbx-basic-2008.tbx")
    tianjin = next(c for c in martif if c.id == "c2")
    ru = [(t.text, t.status) for t in tianjin.terms_in("ru")]
    assert ru == [("Тяньцзинь", "preferred"), ("Тянцзин", "deprecated")]


def test_empty_term_placeholders_are_skipped_with_a_warning_naming_the_line() -> None:
    g = load_glossary(DIALECTS / "multiterm-export.tbx")
    assert [c.id for c in g] == ["mt_1", "mt_2"]
    assert g.languages == ["en-US", "ru-RU"]  # the kk-KZ placeholder left nothing behind
    warnings = g.meta["warnings"].splitlines()
    assert any(w.endswith("multiterm-export.tbx:17: empty <term/> in kk-KZ skipped") for w in warnings)
    assert any(":25: empty <term/> in ru-RU skipped" in w for w in warnings)


def test_schema_invalid_tbx_v3_is_reported_as_such() -> None:
    with pytest.raises(GlossaryError) as err:
        load_glossary(DIALECTS / "tbx-v3-invalid.tbx")
    assert "not valid TBX v3" in str(err.value)
    problems = err.value.problems
    assert any(":2: " in p and "no style attribute" in p for p in problems)
    assert any(":6: " in p and "<termEntry> is a TBX 2008 element" in p for p in problems)


def test_a_column_named_id_is_indonesian_when_it_holds_terms() -> None:
    g = load_glossary(DIALECTS / "indonesian-id-column.csv")
    assert g.languages == ["en", "id", "ru"]
    assert [t.text for t in g.concepts[1].terms_in("id")] == ["KTT"]
    legacy = load_glossary(DIALECTS / "legacy-id-column.csv")
    assert [c.id for c in legacy] == ["sco", "summit"] and legacy.languages == ["en", "ru"]
    # concept_id settles it: then "id" is always Indonesian, even for one-word terms.
    both = read_glossary("en,id,ru,concept_id\nsummit,KTT,саммит,s1\n".encode(), path="g.csv")
    assert [c.id for c in both] == ["s1"] and both.languages == ["en", "id", "ru"]
    # Written back with concept_id, an Indonesian glossary reads back the same.
    again = read_glossary(dump_glossary(g, "csv"), path="g.csv")
    assert again.languages == g.languages and len(again) == len(g)


def test_omegat_tab_separated_glossary() -> None:
    from newsl10n.glossary.io import export_glossary, formats

    assert "omegat-tsv" in formats()
    g = load_glossary(DATA / "desk.csv")
    out = export_glossary(g, "omegat-tsv", target_lang="ru")
    lines = out.data.decode().splitlines()
    assert lines[0].startswith("#")
    rows = [line.split("\t") for line in lines[1:]]
    assert rows[0][:2] == ["Shanghai Cooperation Organisation", "Шанхайская организация сотрудничества"]
    assert "not: Шанхайская организация по сотрудничеству" in rows[0][2]
    assert all(len(r) == 3 for r in rows)
    assert ["TikTok", "TikTok", "do not translate; brand"] in rows
    back = read_glossary(out.data, path="g.utf8", source_lang="en", target_lang="ru")
    assert [t.text for t in back.concepts[0].terms] == rows[0][:2]


def test_a_target_language_the_glossary_lacks_is_named_in_a_warning() -> None:
    from newsl10n.glossary.io import export_glossary

    g = load_glossary(DATA / "desk.csv")
    out = export_glossary(g, "tbx2008", target_lang="hy")
    assert out.warnings and "no terms in hy" in out.warnings[0]
    root = etree.fromstring(out.data)
    assert root.findall(".//termEntry"), "the file still holds the source terms, never an empty file"
    partial = export_glossary(g, "tbx", target_lang="zh")
    assert partial.warnings == ()  # every translated concept has a zh term (the brand is DNT)
    some = export_glossary(g, "tbx", target_lang="kk")
    assert some.warnings == () or "have no kk term" in some.warnings[0]


# Gender and number (TBX grammaticalGender / grammaticalNumber).
GRAMMAR = Glossary(
    concepts=(
        Concept(
            id="un",
            terms=(
                Term(text="United Nations", lang="en", number="plural"),
                Term(text="Nações Unidas", lang="pt", gender="feminine", number="plural"),
                Term(text="ONU", lang="pt", gender="feminine", number="singular"),
                Term(text="ООН", lang="ru", gender="feminine"),
                Term(text="государство-член", lang="ru", gender="neuter", status="admitted"),
                Term(text="BRICS", lang="pt", gender="masculine", number="other"),
                Term(text="Tianjin", lang="pt"),
            ),
        ),
    )
)


def _grammar(g: Glossary) -> list[tuple[str, str | None, str | None]]:
    return sorted(((t.text, t.gender, t.number) for c in g for t in c.terms), key=str)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2008"])
def test_gender_and_number_round_trip_through_tbx(fmt: str) -> None:
    data = dump_glossary(GRAMMAR, fmt)
    assert b'<termNote type="grammaticalGender">feminine</termNote>' in data
    assert b'<termNote type="grammaticalNumber">plural</termNote>' in data
    again = read_glossary(data, path="g.tbx", fmt=fmt)
    assert _grammar(again) == _grammar(GRAMMAR)
    assert dump_glossary(again, fmt) == data


def test_gender_and_number_change_the_digest_only_when_recorded() -> None:
    plain = Glossary(concepts=(Concept(id="x", terms=(Term(text="OCX", lang="pt"),)),))
    gendered = Glossary(concepts=(Concept(id="x", terms=(Term(text="OCX", lang="pt", gender="feminine"),)),))
    assert plain.digest() != gendered.digest()
    # A glossary without gender or number keeps the digest it had before the fields existed.
    # (sha256 of '["en", [["x", false, [["OCX", "pt", "preferred", null]]]]]', as before.)
    assert plain.digest() == "sha256:df0091a4ed8f"


@pytest.mark.parametrize(
    ("note_type", "value", "field", "expected"),
    [
        ("grammaticalGender", "masculine", "gender", "masculine"),
        ("grammaticalGender", "Feminine", "gender", "feminine"),
        ("grammaticalGender", "neuter", "gender", "neuter"),
        ("grammaticalGender", "otherGender", "gender", "other"),
        ("grammaticalNumber", "singular", "number", "singular"),
        ("grammaticalNumber", "plural", "number", "plural"),
        ("grammaticalNumber", "otherNumber", "number", "other"),
        ("grammaticalNumber", "mass", "number", "other"),
    ],
)
def test_tbx_grammar_values(note_type: str, value: str, field: str, expected: str) -> None:
    term = read_glossary(_v3(value, note_type), path="g.tbx").concepts[0].terms_in("ru")[0]
    assert getattr(term, field) == expected


@pytest.mark.parametrize(
    ("note_type", "value"), [("grammaticalGender", "female"), ("grammaticalNumber", "plurale")]
)
def test_unknown_grammar_value_is_refused_with_file_and_line(note_type: str, value: str) -> None:
    with pytest.raises(GlossaryError) as err:
        read_glossary(_v3(value, note_type), path="g.tbx")
    assert f"g.tbx:1: unknown {note_type} {value!r}" in str(err.value)


def test_shipped_glossary_records_gender_and_number() -> None:
    g = load_glossary(SHIPPED)
    pt = {t.text: t for c in g for t in c.terms_in("pt")}
    ru = {t.text: t for c in g for t in c.terms_in("ru")}
    assert (pt["OCX"].gender, pt["OCX"].number) == ("feminine", None)
    assert (pt["BRICS"].gender, pt["BRICS"].number) == ("masculine", "singular")
    assert (pt["Nações Unidas"].gender, pt["Nações Unidas"].number) == ("feminine", "plural")
    assert pt["grande modelo de linguagem"].gender == "masculine"
    assert ru["Тяньцзинь"].gender == "masculine"
    assert ru["государство-член"].gender == "neuter"
    assert ru["Шанхайская организация сотрудничества"].gender == "feminine"
    # Every Portuguese and Russian term of a translated concept has its gender.
    for c in g:
        if not c.dnt:
            for t in [*c.terms_in("pt"), *c.terms_in("ru")]:
                assert t.gender is not None or t.text in UNGENDERED, (c.id, t.text)


# Names that take no article in Portuguese, and words whose gender usage is divided.
UNGENDERED = {
    "Belarus",
    "Pequim",
    "Islamabad",
    "Astana",
    "Bishkek",
    "Duchambé",
    "Tashkent",
    "Minsk",
    "Ulan Bator",
    "Tianjin",
    "Teerã",
    "Moscou",
    "Nova Délhi",
    "Синьхуа",
}


# Gender and number in CSV/TSV: a gender:LANG / number:LANG column per language.
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_gender_and_number_round_trip_through_csv_and_tsv(fmt: str) -> None:
    data = dump_glossary(GRAMMAR, fmt)
    sep = "," if fmt == "csv" else "\t"
    lines = data.decode().splitlines()
    assert lines[0].split(sep)[-4:] == ["number:en", "gender:pt", "number:pt", "gender:ru"]
    # Portuguese terms with four different (gender, number) pairs need four preferred rows.
    assert sum(1 for line in lines[1:] if sep + "preferred" + sep in line) == 4
    again = read_glossary(data, path=f"g.{fmt}")
    assert _grammar(again) == _grammar(GRAMMAR)
    assert sorted(((t.text, t.status) for t in again.concepts[0].terms), key=str) == sorted(
        ((t.text, t.status) for t in GRAMMAR.concepts[0].terms), key=str
    )
    assert dump_glossary(again, fmt) == data


def test_a_grammar_value_applies_to_every_term_of_its_cell() -> None:
    data = "en,pt,ru,gender:pt,number:PT,Gender:ru\nsummit,cúpula | cimeira,саммит,Feminine,singular,\n"
    (concept,) = read_glossary(data.encode(), path="g.csv").concepts
    assert [(t.text, t.gender, t.number) for t in concept.terms] == [
        ("summit", None, None),
        ("cúpula", "feminine", "singular"),
        ("cimeira", "feminine", "singular"),
        ("саммит", None, None),
    ]


def test_glossaries_without_gender_write_no_grammar_columns() -> None:
    data = dump_glossary(load_glossary(DATA / "desk.csv"), "csv")
    assert data.split(b"\n", 1)[0].endswith(b",concept_id,status,case,dnt,note,subject,source")
    assert b"gender:" not in data and b"number:" not in data


def test_shipped_yaml_through_csv_gives_the_shipped_tbx() -> None:
    yaml_g = load_glossary(ROOT / "glossaries" / "sco-news.yaml")
    for fmt in ("csv", "tsv"):
        table = dump_glossary(yaml_g, fmt)
        assert b"gender:pt" in table and b"gender:ru" in table and b"number:pt" in table
        again = read_glossary(table, path=f"sco-news.{fmt}")
        assert dump_glossary(again, "tbx") == SHIPPED.read_bytes(), fmt


BAD_GRAMMAR = [
    (
        b"en,pt,gender:pt\nSCO,OCX,female\n",
        GlossaryError,
        "g.csv:2: gender:pt 'female' is not one of masculine, feminine, neuter, other",
    ),
    (b"en,pt,number:pt\nx,y,\nSCO,OCX,dual\n", GlossaryError, "g.csv:3: number:pt 'dual' is not one of"),
    (
        b"en,pt,gender:pt\nSCO,,feminine\n",
        GlossaryError,
        "g.csv:2: gender:pt is 'feminine' but the row has no pt",
    ),
    (
        b"en,pt,gender:ru\nSCO,OCX,feminine\n",
        FormatError,
        "g.csv:1: header column 'gender:ru' names no language",
    ),
    (b"en,pt,gender:\nSCO,OCX,\n", FormatError, "header column 'gender:' names no language"),
    (b"en,pt,gender:pt,Gender:pt\nSCO,OCX,,\n", FormatError, "header column 'Gender:pt' appears twice"),
    (b"en,pt,sex:pt\nSCO,OCX,f\n", FormatError, "header column 'sex:pt' is neither a language tag"),
]


@pytest.mark.parametrize(("data", "error", "message"), BAD_GRAMMAR)
def test_bad_gender_and_number_columns_are_refused_with_file_and_line(
    data: bytes, error: type, message: str
) -> None:
    with pytest.raises(error) as err:
        read_glossary(data, path="g.csv")
    assert message in str(err.value)


def test_every_bad_grammar_cell_is_reported() -> None:
    data = b"en,pt,ru,gender:pt,number:ru\na,b,c,female,dual\nd,e,f,feminine,plural\ng,h,i,x,\n"
    with pytest.raises(GlossaryError) as err:
        read_glossary(data, path="g.csv")
    problems = [p.split(" is ")[0] for p in err.value.problems]
    assert problems == ["g.csv:2: gender:pt 'female'", "g.csv:2: number:ru 'dual'", "g.csv:4: gender:pt 'x'"]


_WORD = st.text(alphabet="abzéжक ", min_size=1, max_size=5).map(str.strip).filter(bool)
_TERM = st.builds(
    Term,
    text=_WORD,
    lang=st.sampled_from(["en", "pt", "ru"]),
    status=st.sampled_from(["preferred", "admitted", "deprecated"]),
    case_sensitive=st.sampled_from([None, True, False]),
    gender=st.sampled_from([None, "masculine", "feminine", "neuter", "other"]),
    number=st.sampled_from([None, "singular", "plural", "other"]),
)


def _essence(g: Glossary) -> list[object]:
    return [
        (
            c.id,
            c.dnt,
            c.note,
            sorted(
                (t.text, t.lang, t.status, str(t.case_sensitive), str(t.gender), str(t.number))
                for t in c.terms
            ),
        )
        for c in g
    ]


@settings(max_examples=150, deadline=None)
@given(
    terms=st.lists(st.lists(_TERM, min_size=1, max_size=8), min_size=1, max_size=4),
    dnt=st.booleans(),
    fmt=st.sampled_from(["csv", "tsv"]),
)
def test_any_glossary_round_trips_through_csv_and_tsv(terms: list[list[Term]], dnt: bool, fmt: str) -> None:
    g = Glossary(
        concepts=tuple(
            Concept(
                id=f"c{i}", terms=(Term(text="src", lang="en"), Term(text="tgt", lang="pt"), *ts), dnt=dnt
            )
            for i, ts in enumerate(terms)
        )
    )
    data = dump_glossary(g, fmt)
    again = read_glossary(data, path=f"g.{fmt}")
    assert _essence(again) == _essence(g)
    assert dump_glossary(again, fmt) == data
