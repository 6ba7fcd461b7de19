"""Matching normalisation: one form for every script's variants, and spans that index the original text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.errors import ConfigError
from newsl10n.glossary.annotate import TermAnnotator
from newsl10n.glossary.model import Concept, Glossary, Term
from newsl10n.glossary.normalize import normalise, normalise_text

ZWNJ = "\u200c"

SAME = [
    # (a variant, its canonical spelling)
    ("سازمان" + ZWNJ + "های", "سازمانهای"),  # ZWNJ present or absent
    ("كشورهاي", "کشورهای"),  # Arabic kaf and yeh for the Persian letters
    ("آستانهٔ", "آستانه"),  # ezafe hamza on heh
    ("ۀ", "ه"),
    ("اعلامیہ", "اعلامیه"),  # Urdu heh goal
    ("۲۰۲۴ و ٢٠٢٤", "2024 و 2024"),  # Persian and Arabic-Indic digits
    ("२०२४", "2024"),  # Devanagari digits
    ("مُحَمَّد", "محمد"),  # harakat dropped
    ("oʻzbek", "o\u02bczbek"),  # U+02BB → U+02BC
    ("o'zbek", "o\u02bczbek"),
    ("o’zbek", "o\u02bczbek"),
    ("maʼlumot", "ma\u02bclumot"),
    ("Аб'яднаных", "Аб\u02bcяднаных"),
    ("'quoted'", "'quoted'"),  # an apostrophe not between letters stays a quote
    ("«Пояс и путь»", '"Пояс и путь"'),
    ("2001–2024", "2001-2024"),
    ("S\u0421O", "SCO"),  # Cyrillic С inside a Latin acronym
    ("e\u0301", "é"),  # NFC
]


@pytest.mark.parametrize(("variant", "canonical"), SAME, ids=[s[1] for s in SAME])
def test_variants_have_one_matching_form(variant: str, canonical: str) -> None:
    assert normalise(variant) == normalise(canonical)


def test_hindi_nasal_spellings_are_one_only_with_the_option() -> None:
    assert normalise("हिन्दी") != normalise("हिंदी")  # off by default
    assert normalise("हिन्दी", {"hi-nasal"}) == normalise("हिंदी", {"hi-nasal"})
    assert normalise("सम्बन्ध", {"hi-nasal"}) == normalise("संबंध", {"hi-nasal"})
    assert normalise("सङ्गठन", {"hi-nasal"}) == "संगठन"
    assert normalise("चाँद", {"hi-nasal"}) == normalise("चांद", {"hi-nasal"})
    # न् before a consonant of another class (न्य) is not an anusvara.
    assert normalise("न्याय", {"hi-nasal"}) == "न्याय"


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("در سازمان" + ZWNJ + "های جهانی", "سازمان" + ZWNJ + "های"),
        ("e\u0301te\u0301 and more", "e\u0301te\u0301"),
        ("مُحَمَّد آمد", "مُحَمَّد"),
        ("the हिन्दी text", "हिन्दी"),
    ],
)
def test_offsets_map_back_to_the_original(text: str, piece: str) -> None:
    norm = normalise_text(text, {"hi-nasal"})
    assert len(norm.text) != len(text)
    target = normalise(piece, {"hi-nasal"})
    i = norm.text.index(target)
    start, end = norm.original(i, i + len(target))
    assert text[start:end] == piece


@given(st.text(alphabet=st.sampled_from("ab сй'’ʻ\u200c\u0301\u064eكيه\u06c1ं्नदक-–«»"), max_size=40))
def test_offsets_stay_in_range_and_cover_the_text(text: str) -> None:
    norm = normalise_text(text, {"hi-nasal"})
    if norm.starts is None:
        assert len(norm.text) == len(text)
        return
    assert len(norm.starts) == len(norm.text) == len(norm.ends or [])
    assert all(0 <= s < e <= len(text) for s, e in zip(norm.starts, norm.ends or [], strict=True))
    assert norm.starts == sorted(norm.starts)
    if norm.text:
        whole = norm.original(0, len(norm.text))
        assert whole[0] <= len(text) - len(text.lstrip("\u200c\u0301\u064e")) or whole[0] == 0
    # Idempotent: the matching form of the matching form is itself.
    assert normalise(norm.text, {"hi-nasal"}) == norm.text


def glossary(lang: str, target: str, deprecated: str = "", *, meta: dict[str, str] | None = None) -> Glossary:
    terms = [Term(text="member countries", lang="en"), Term(text=target, lang=lang)]
    if deprecated:
        terms.append(Term(text=deprecated, lang=lang, status="deprecated"))
    return Glossary(concepts=(Concept(id="mc", terms=tuple(terms)),), meta=meta or {})


@pytest.mark.parametrize(
    ("lang", "target", "text", "found"),
    [
        ("fa", "کشورهای عضو", "امروز كشور" + ZWNJ + "هاي عضو آمدند", "كشور" + ZWNJ + "هاي عضو"),
        ("fa", "کشورهای عضو", "امروز کشورهاي عضو آمدند", "کشورهاي عضو"),
        ("uz", "a'zo mamlakatlar", "Bugun aʻzo mamlakatlarning vakillari", "aʻzo mamlakatlarning"),
        ("ru", "страны-участницы", "Все стра\u0301ны-участницы согласились", "стра\u0301ны-участницы"),
        ("ur", "رکن ممالک", "آج رُکن ممالك نے", "رُکن ممالك"),
    ],
)
def test_target_spans_index_the_original_text(lang: str, target: str, text: str, found: str) -> None:
    annotator = TermAnnotator([glossary(lang, target)])
    src = annotator.source_spans("The member countries agreed.", "en", lang)
    (span,) = annotator.target_spans(text, src, lang)
    assert (span.attrs["status"], text[span.start : span.end], span.attrs["found"]) == (
        "allowed",
        found,
        found,
    )


def test_glossary_option_turns_on_nasal_matching() -> None:
    text = "केन्द्र खुला"
    off = TermAnnotator([glossary("hi", "केंद्र")])
    on = TermAnnotator([glossary("hi", "केंद्र", meta={"match-options": "hi-nasal"})])
    for annotator, expected in ((off, []), (on, ["allowed"])):
        src = annotator.source_spans("member countries", "en", "hi")
        assert [s.attrs["status"] for s in annotator.target_spans(text, src, "hi")] == expected
    src = on.source_spans("member countries", "en", "hi")
    (span,) = on.target_spans(text, src, "hi")
    assert text[span.start : span.end] == "केन्द्र"
    assert unicodedata.is_normalized("NFC", span.attrs["found"])


def test_unknown_option_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown matching option 'hi-nasl'"):
        TermAnnotator([], options={"hi-nasl"})


@pytest.mark.parametrize(
    ("lang", "preferred", "deprecated", "text", "statuses"),
    [
        # The deprecated variant stems like the preferred term: the preferred one is what matched.
        ("kk", "мүше елдер", "мүше ел", "Мүше елдер келісті.", ["allowed"]),
        ("kk", "мүше елдер", "мүше ел", "Мүше елдердің өкілдері", ["allowed"]),
        ("kk", "мүше елдер", "мүше ел", "Мүше ел келісті.", ["forbidden"]),
        ("fa", "کشورهای عضو", "کشور عضو", "کشورهای عضو توافق کردند", ["allowed"]),
        ("fa", "کشورهای عضو", "کشور عضو", "کشور عضو توافق کرد", ["allowed", "forbidden"]),
        ("ur", "رکن ممالک", "رکن ملک", "رکن ممالک نے اتفاق کیا", ["allowed"]),
        ("ur", "رکن ممالک", "رکن ملک", "رکن ملک نے اتفاق کیا", ["forbidden"]),
        # A longer deprecated phrase around an allowed term is still reported.
        ("ru", "ШОС", "саммит ШОС", "Открылся саммит ШОС.", ["allowed", "forbidden"]),
    ],
)
def test_deprecated_variant_only_where_its_own_form_is(
    lang: str, preferred: str, deprecated: str, text: str, statuses: list[str]
) -> None:
    annotator = TermAnnotator([glossary(lang, preferred, deprecated)])
    src = annotator.source_spans("The member countries agreed.", "en", lang)
    assert sorted(s.attrs["status"] for s in annotator.target_spans(text, src, lang)) == statuses
