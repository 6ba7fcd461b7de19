"""Glossary formats: TBX v3 and 2008, CSV/TSV, YAML — reading, writing, converting losslessly."""

from __future__ import annotations

from pathlib import Path

import pytest
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
        b"<tbx xmlns='urn:iso:std:iso:30042:ed-2'><text><body><conceptEntry id='a'><langSec>"
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
