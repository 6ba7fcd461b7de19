"""annotate: every supported language's number, amount, percent and date forms, as (kind, value) tables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.errors import ConfigError
from newsl10n.l10n import KINDS, SUPPORTED, annotate

# (lang, text, [(kind, value), ...]) — the forms each language's newsroom writes.
CASES = [
    ("en", "Exports rose 40 percent to $3.2 billion.", [("percent", "40%"), ("currency", "3200000000")]),
    ("en", "1.5 million people", [("measure", "1500000")]),
    ("en", "2 trillion yuan", [("currency", "2000000000000")]),
    ("en", "the 78th session", [("ordinal", "78")]),
    ("en", "June 13, 2025", [("date", "2025-06-13")]),
    ("en", "on 13 June 2025", [("date", "2025-06-13")]),
    ("en", "in April 2025", [("date", "2025-04")]),
    ("en", "by 13 June", [("date", "--06-13")]),
    ("en", "the 2024-2025 season", [("range", "2024/2025")]),
    ("en", "from 10-12 June", [("range", "--06-10/--06-12")]),
    ("en", "10 to 12 percent", [("range", "10%/12%")]),
    ("en", "$1-2 billion", [("range", "1000000000/2000000000")]),
    ("en", "two hundred thousand", [("amount", "200000")]),
    ("en", "a million", [("amount", "1000000")]),
    ("en", "at 3 p.m. on Friday", [("time", "T15:00"), ("weekday", "W5")]),
    ("en", "at 14:30", [("time", "T14:30")]),
    ("en", "5 km and 300 MW", [("measure", "5"), ("measure", "300")]),
    ("en", "£5m and 3.2bn", [("currency", "5000000"), ("amount", "3200000000")]),
    ("en", "1,250.5 tonnes", [("measure", "1250.5")]),
    ("en", "2.5 percentage points", [("percent", "2.5pp")]),
    ("en", "twenty-five", [("number", "25")]),
    ("en", "temperatures of -5 degrees", [("measure", "-5")]),
    ("en", "half a million", [("amount", "500000")]),
    ("en", "a 100m sprint for 1.5m people", [("measure", "100"), ("measure", "1500000")]),
    ("en", "G20 leaders, COVID-19 and Q3 sales in mid-2025", [("number", "2025")]),
    ("ru", "полтора миллиона", [("amount", "1500000")]),
    ("hi", "डेढ़ लाख", [("amount", "150000")]),
    ("pt", "meio milhão", [("amount", "500000")]),
    ("zh", "2025年6月13日", [("date", "2025-06-13")]),
    ("zh", "2025年6月", [("date", "2025-06")]),
    ("zh", "6月13日", [("date", "--06-13")]),
    ("zh", "150万人", [("measure", "1500000")]),
    ("zh", "32亿美元", [("currency", "3200000000")]),
    ("zh", "2万亿元", [("currency", "2000000000000")]),
    ("zh", "百分之四十", [("percent", "40%")]),
    ("zh", "两千万", [("amount", "20000000")]),
    ("zh", "三百", [("number", "300")]),
    ("zh", "第78届", [("ordinal", "78")]),
    ("zh", "星期五", [("weekday", "W5")]),
    ("zh", "6月10日至12日", [("range", "--06-10/--06-12")]),
    ("zh", "下午3点", [("time", "T15:00")]),
    ("ru", "1,5 млн долларов", [("currency", "1500000")]),
    ("ru", "13 июня 2025 года", [("date", "2025-06-13")]),
    ("ru", "в июне 2025 года", [("date", "2025-06")]),
    ("ru", "40 процентов", [("percent", "40%")]),
    ("ru", "78-й", [("ordinal", "78")]),
    ("ru", "1 250 000", [("number", "1250000")]),
    ("ru", "два", [("number", "2")]),
    ("ru", "тысяча", [("number", "1000")]),
    ("ru", "в пятницу", [("weekday", "W5")]),
    ("ru", "с 10 по 12 июня", [("range", "--06-10/--06-12")]),
    ("be", "13 чэрвеня 2025 года", [("date", "2025-06-13")]),
    ("be", "1,5 млн долараў", [("currency", "1500000")]),
    ("kk", "2025 жылғы 13 маусым", [("date", "2025-06-13")]),
    ("kk", "13 маусымда", [("date", "--06-13")]),
    ("kk", "40 пайыз", [("percent", "40%")]),
    ("kk", "екі мың", [("amount", "2000")]),
    ("ky", "2025-жылдын 13-июнунда", [("date", "2025-06-13")]),
    ("ky", "1,5 млн сом", [("currency", "1500000")]),
    ("uz", "2025-yil 13-iyun", [("date", "2025-06-13")]),
    ("uz", "40 foiz", [("percent", "40%")]),
    ("uz", "so‘m", []),
    ("tg", "13 июни соли 2025", [("date", "2025-06-13")]),
    ("tg", "1,5 млн доллар", [("currency", "1500000")]),
    ("fa", "۱٫۵ میلیون دلار", [("currency", "1500000")]),
    ("fa", "۴۰ درصد", [("percent", "40%")]),
    ("fa", "۲۳ خرداد ۱۴۰۴", [("date", "2025-06-13")]),
    ("fa", "۱۳ ژوئن ۲۰۲۵", [("date", "2025-06-13")]),
    ("fa", "بیست و پنج", [("number", "25")]),
    ("fa", "۷۸امین", [("ordinal", "78")]),
    ("fa", "۱۴۰۴/۰۳/۲۳", [("date", "2025-06-13")]),
    ("ur", "15 لاکھ روپے", [("currency", "1500000")]),
    ("ur", "40 فیصد", [("percent", "40%")]),
    ("ur", "13 جون 2025", [("date", "2025-06-13")]),
    ("hi", "15 लाख", [("amount", "1500000")]),
    ("hi", "₹500 करोड़", [("currency", "5000000000")]),
    ("hi", "12,50,000", [("number", "1250000")]),
    ("hi", "१५ लाख", [("amount", "1500000")]),
    ("hi", "13 जून 2025", [("date", "2025-06-13")]),
    ("hi", "78वां", [("ordinal", "78")]),
    ("hi", "दो हज़ार", [("amount", "2000")]),
    ("pt", "13 de junho de 2025", [("date", "2025-06-13")]),
    ("pt", "US$ 3,2 bilhões", [("currency", "3200000000")]),
    ("pt", "4,5 mil milhões de euros", [("currency", "4500000000")]),
    ("pt", "1.250 pessoas", [("measure", "1250")]),
    ("pt", "mil pessoas", [("measure", "1000")]),
    ("pt", "78.ª sessão", [("ordinal", "78")]),
    ("pt", "às 20h00", [("time", "T20:00")]),
    ("pt", "vinte e cinco", [("number", "25")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_forms(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.kind, s.value) for s in annotate(text, lang)] == expected


def test_placeholder_digits_are_not_numbers() -> None:
    text = "⟦1⟧Exports⟦/1⟧ rose ⟦2⟧40%⟦/2⟧ in ⟦12⟧2024"
    spans = annotate(text, "en")
    assert [(text[s.start : s.end], s.value) for s in spans] == [("40%", "40%"), ("2024", "2024")]


def test_ids_in_order_and_offsets_slice_the_text() -> None:
    text = "On June 13, 2025, 1.5 million people and 40 percent."
    spans = annotate(text, "en")
    assert [s.id for s in spans] == ["n1", "n2", "n3"]
    assert [text[s.start : s.end] for s in spans] == ["June 13, 2025", "1.5 million people", "40 percent"]


def test_ambiguous_numeric_date_keeps_both_readings() -> None:
    (en,) = annotate("03/04/2025", "en")
    (ru,) = annotate("03/04/2025", "ru")
    assert (en.value, en.attrs["alternatives"], en.attrs["ambiguous"]) == ("2025-03-04", "2025-04-03", "1")
    assert (ru.value, ru.attrs["alternatives"]) == ("2025-04-03", "2025-03-04")
    (clear,) = annotate("13/04/2025", "en")
    assert clear.value == "2025-04-13" and "ambiguous" not in clear.attrs


def test_solar_hijri_year_keeps_both_gregorian_years() -> None:
    (span,) = annotate("سال ۱۴۰۳", "fa")
    assert (span.kind, span.value, span.attrs["alternatives"]) == ("date", "1403", "2024,2025")


def test_impossible_date_stays_numbers() -> None:
    assert [(s.kind, s.value) for s in annotate("31 February 2025", "en")] == [
        ("number", "31"),
        ("number", "2025"),
    ]


def test_same_value_across_scripts_and_conventions() -> None:
    forms = {
        "en": "1.5 million",
        "zh": "150万",
        "ru": "1,5 млн",
        "fa": "۱٫۵ میلیون",
        "hi": "15 लाख",
        "ur": "15 لاکھ",
    }
    assert {lang: annotate(text, lang)[0].value for lang, text in forms.items()} == dict.fromkeys(
        forms, "1500000"
    )


def test_unknown_language_names_the_supported_ones() -> None:
    with pytest.raises(ConfigError) as exc:
        annotate("12", "de")
    assert "unsupported locale 'de'" in str(exc.value)
    assert all(lang in str(exc.value) for lang in SUPPORTED)


def test_no_catastrophic_input() -> None:
    # Long runs that a backtracking pattern would choke on; the answer is checked, not the time.
    assert len(annotate("1," * 50_000, "en")) == 50_000
    assert len(annotate("1 " * 50_000, "ru")) == 50_000
    assert annotate("-" * 100_000 + "a" * 100_000, "en") == ()


@given(st.text(max_size=200), st.sampled_from(SUPPORTED))
def test_spans_are_well_formed_on_any_text(text: str, lang: str) -> None:
    spans = annotate(text, lang)
    assert [s.id for s in spans] == [f"n{i}" for i in range(1, len(spans) + 1)]
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.kind in KINDS
        assert s.value
