"""SRX 2.0: a desk's own rule file, applied; newsl10n's rules exported and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n import split_sentences
from newsl10n.errors import FormatError
from newsl10n.segment.srx import export_srx, load_srx

DATA = Path(__file__).resolve().parents[1] / "data" / "srx"


def srx_split(doc, text: str, lang: str) -> list[str]:
    return [text[a:b].strip() for a, b in doc.spans(text, lang)]


@pytest.fixture(scope="module")
def okapi():
    path = DATA / "okapi-style.srx"
    return load_srx(path.read_bytes(), path=str(path))


def test_rules_apply_in_order_with_cascade(okapi) -> None:
    text = "Mr. Li met Dr. Wang in St. Petersburg. They talked. J. Smith joined them! Then “Go.” Nobody left."
    assert srx_split(okapi, text, "en") == [
        "Mr. Li met Dr. Wang in St. Petersburg.",
        "They talked.",
        "J. Smith joined them!",
        "Then “Go.”",
        "Nobody left.",
    ]


def test_language_map_selects_rules(okapi) -> None:
    # "Newsdesk." is a no-break only in the English rules; other languages use Default alone.
    text = "Filed by Newsdesk. Reuters contributed."
    assert srx_split(okapi, text, "en-GB") == ["Filed by Newsdesk. Reuters contributed."]
    assert srx_split(okapi, text, "de") == ["Filed by Newsdesk.", "Reuters contributed."]
    assert srx_split(okapi, "他来了。她走了。", "zh") == ["他来了。", "她走了。"]


def test_spans_tile_and_whitespace_stays_with_the_previous_segment(okapi) -> None:
    text = "One. Two.  Three."
    spans = okapi.spans(text, "en")
    assert [text[a:b] for a, b in spans] == ["One. ", "Two.  ", "Three."]


def test_export_reads_back_and_agrees_on_simple_cases() -> None:
    doc = load_srx(export_srx(), path="exported.srx")
    cases = {
        "en": "Mr. Li arrived in Beijing. He spoke. J. Smith won. Prices rose, e.g. for rice.",
        "ru": "Проф. Иванов согласен. Встреча прошла хорошо, т. е. успешно. Все довольны.",
        "zh": "上海合作组织在天津开会。各方同意合作！",
        "ur": "اجلاس تیانجن میں ہوا۔ وزرا نے اتفاق کیا۔",
        "pt": "O Sr. Li chegou. Ele falou.",
    }
    for lang, text in cases.items():
        assert srx_split(doc, text, lang) == split_sentences(text, lang), lang


def test_export_subset_of_languages() -> None:
    data = export_srx(["ru", "kk"])
    assert b'languagerulename="newsl10n-ru"' in data and b"newsl10n-kk" in data
    assert b"newsl10n-en" not in data


BAD = [
    (b"<srx", "not well-formed XML", 1),
    (b'<srx xmlns="http://www.lisa.org/srx20" version="1.0"><body/></srx>', "version '1.0'", 1),
    (b"<other/>", "not <srx>", 1),
    (
        b'<srx xmlns="http://www.lisa.org/srx20" version="2.0">\n<body><languagerules>\n'
        b'<languagerule languagerulename="x">\n<rule break="yes">\n<beforebreak>[a-</beforebreak>\n'
        b"<afterbreak>\\s</afterbreak></rule></languagerule></languagerules>\n"
        b'<maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>',
        "invalid regular expression in <beforebreak>",
        5,
    ),
    (
        b'<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body><languagerules/>\n<maprules>\n'
        b'<languagemap languagepattern=".*" languagerulename="missing"/></maprules></body></srx>',
        "does not define",
        3,
    ),
    (
        b'<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body><languagerules>'
        b'<languagerule languagerulename="x"><rule break="maybe"/></languagerule>'
        b"</languagerules></body></srx>",
        "must be yes or no",
        1,
    ),
]


@pytest.mark.parametrize(
    ("data", "message", "line"), BAD, ids=["xml", "version", "root", "regex", "map", "break"]
)
def test_invalid_srx_names_the_line(data: bytes, message: str, line: int) -> None:
    with pytest.raises(FormatError) as err:
        load_srx(data, path="bad.srx")
    assert message in str(err.value)
    assert err.value.line == line
    assert str(err.value).startswith(f"bad.srx:{line}")


def test_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE srx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        b'<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body>&b;</body></srx>'
    )
    with pytest.raises(FormatError, match="entity"):
        load_srx(bomb, path="bomb.srx")
