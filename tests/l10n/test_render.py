"""render and parse: newsroom forms per locale (a values × locales table) and render→parse round trips."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.errors import ConfigError, InputError
from newsl10n.l10n import SUPPORTED, annotate, parse, render, style_for

NBSP = "\u00a0"
LOCALES = [*SUPPORTED, "pt-PT"]

# value -> {locale: expected text}, written from each language's newsroom rules: Chinese counts in
# 万 and 亿, Hindi and Urdu in lakh and crore, Persian uses its own digits and separators (٬ ٫),
# Russian-style locales group with a no-break space and a decimal comma, pt-PT says "mil milhões".
TABLE: dict[str, dict[str, str]] = {
    "1250": {
        "en": "1,250",
        "zh": "1,250",
        "ru": f"1{NBSP}250",
        "be": f"1{NBSP}250",
        "kk": f"1{NBSP}250",
        "ky": f"1{NBSP}250",
        "uz": f"1{NBSP}250",
        "tg": f"1{NBSP}250",
        "hi": "1,250",
        "ur": "1,250",
        "fa": "۱٬۲۵۰",
        "pt": "1.250",
        "pt-PT": f"1{NBSP}250",
    },
    "1500000": {
        "en": "1.5 million",
        "zh": "150万",
        "ru": "1,5 млн",
        "be": "1,5 млн",
        "kk": "1,5 млн",
        "ky": "1,5 млн",
        "uz": "1,5 mln",
        "tg": "1,5 млн",
        "hi": "15 लाख",
        "ur": "15 لاکھ",
        "fa": "۱٫۵ میلیون",
        "pt": "1,5 milhão",
        "pt-PT": "1,5 milhão",
    },
    "2000000000": {
        "en": "2 billion",
        "zh": "20亿",
        "ru": "2 млрд",
        "hi": "2 अरब",
        "ur": "2 ارب",
        "fa": "۲ میلیارد",
        "pt": "2 bilhões",
        "pt-PT": "2 mil milhões",
        "uz": "2 mlrd",
    },
    "12500000": {"hi": "1.25 करोड़", "ur": "1.25 کروڑ", "zh": "1250万", "en": "12.5 million"},
    "40.5%": {
        "en": "40.5%",
        "zh": "40.5%",
        "ru": "40,5%",
        "kk": "40,5%",
        "hi": "40.5 प्रतिशत",
        "ur": "40.5 فیصد",
        "fa": "۴۰٫۵ درصد",
        "pt": "40,5%",
    },
    "2025-06-13": {
        "en": "June 13, 2025",
        "zh": "2025年6月13日",
        "ru": "13 июня 2025 года",
        "be": "13 чэрвеня 2025 года",
        "kk": "2025 жылғы 13 маусым",
        "ky": "13-июнь, 2025-ж.",
        "uz": "2025-yil 13-iyun",
        "tg": "13 июни соли 2025",
        "hi": "13 जून 2025",
        "ur": "13 جون 2025",
        "fa": "۱۳ ژوئن ۲۰۲۵",
        "pt": "13 de junho de 2025",
    },
    "2025-06": {"en": "June 2025", "zh": "2025年6月", "ru": "июнь 2025 года", "pt": "junho de 2025"},
    "--06-13": {"en": "June 13", "zh": "6月13日", "ru": "13 июня", "kk": "13 маусым", "uz": "13-iyun"},
    "T15:00": {"en": "3 p.m.", "ru": "15:00", "fa": "۱۵:۰۰"},
    "W5": {"en": "Friday", "ru": "пятница", "zh": "星期五", "pt": "sexta-feira", "fa": "جمعه"},
}
ROWS = [(value, loc, text) for value, by_locale in TABLE.items() for loc, text in by_locale.items()]


@pytest.mark.parametrize(("value", "locale", "text"), ROWS, ids=[f"{v}-{loc}" for v, loc, _ in ROWS])
def test_render_table(value: str, locale: str, text: str) -> None:
    assert render(value, locale) == text
    assert parse(text, locale) == value


CURRENCY = [
    ("3200000000", "USD", "en", "$3.2 billion"),
    ("3200000000", "USD", "zh", "32亿美元"),
    ("3200000000", "USD", "ru", "3,2 млрд долларов"),
    ("3200000000", "USD", "hi", "3.2 अरब डॉलर"),
    ("3200000000", "USD", "fa", "۳٫۲ میلیارد دلار"),
    ("3200000000", "USD", "pt", "US$ 3,2 bilhões"),
    ("3200000000", "USD", "pt-PT", "3,2 mil milhões de dólares"),
    ("2000000000000", "CNY", "zh", "2万亿元"),
    ("21", "USD", "ru", "21 доллар"),
    ("22", "USD", "ru", "22 доллара"),
    ("25", "USD", "ru", "25 долларов"),
    ("450000000", "RUB", "ru", "450 млн рублей"),
]


@pytest.mark.parametrize(
    ("value", "code", "locale", "text"), CURRENCY, ids=[f"{c[2]}:{c[3]}" for c in CURRENCY]
)
def test_render_currency(value: str, code: str, locale: str, text: str) -> None:
    assert render(value, locale, currency=code) == text
    (span,) = annotate(text, locale.split("-")[0])
    assert (span.value, span.attrs["currency"]) == (value, code)


def test_render_a_span_keeps_its_currency_and_unit() -> None:
    money, area = annotate("$3.2 billion for 12,000 hectares", "en")
    assert render(money, "zh") == "32亿美元"
    assert render(area, "ru") == f"12{NBSP}000 га"


def test_style_options() -> None:
    assert render("2025-06-13", "fa", style={"calendar": "solar-hijri"}) == "۲۳ خرداد ۱۴۰۴"
    assert render("1500000", "fa", style={"digits": "latn", "symbols": "latn"}) == "1.5 میلیون"
    assert render("1500000", "ur", style={"digits": "arabext"}) == "۱۵ لاکھ"
    assert render("1500000", "hi", style={"digits": "deva"}) == "१५ लाख"
    assert render("1500000", "ru", style={"compact_from": 10**7}) == f"1{NBSP}500{NBSP}000"
    assert style_for("pt-PT")["scales"][1][1] == "mil milhões"


def test_unknown_locale_and_bad_options() -> None:
    with pytest.raises(
        ConfigError, match=r"unsupported locale 'de'.*be, en, fa, hi, kk, ky, pt, ru, tg, ur, uz, zh"
    ):
        render("12", "de")
    with pytest.raises(ConfigError, match="unsupported locale 'xx'"):
        parse("12", "xx")
    with pytest.raises(ConfigError, match="unknown style option"):
        render("12", "ru", style={"colour": "red"})
    with pytest.raises(ConfigError, match="unknown digits"):
        render("12", "ru", style={"digits": "roman"})
    with pytest.raises(InputError, match="not a canonical"):
        render("twelve", "ru")
    with pytest.raises(InputError, match="no number or date"):
        parse("no figures here", "en")


numbers = st.one_of(
    st.integers(min_value=-(10**13), max_value=10**13),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))


def _canon(value: Decimal | int) -> str:
    text = format(Decimal(value).normalize(), "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


@given(numbers, st.sampled_from(LOCALES))
def test_number_round_trip(value: Decimal | int, locale: str) -> None:
    canonical = _canon(value)
    assert parse(render(canonical, locale), locale) == canonical


@given(st.decimals(min_value=0, max_value=1000, places=1, allow_nan=False), st.sampled_from(LOCALES))
def test_percent_round_trip(value: Decimal, locale: str) -> None:
    canonical = _canon(value) + "%"
    assert parse(render(canonical, locale), locale) == canonical


@given(dates, st.sampled_from(LOCALES), st.sampled_from(["full", "month", "day"]))
def test_date_round_trip(day: dt.date, locale: str, precision: str) -> None:
    value = {"full": day.isoformat(), "month": day.isoformat()[:7], "day": "--" + day.isoformat()[5:]}[
        precision
    ]
    assert parse(render(value, locale), locale) == value


@given(dates)
def test_solar_hijri_round_trip(day: dt.date) -> None:
    assert parse(render(day.isoformat(), "fa", style={"calendar": "solar-hijri"}), "fa") == day.isoformat()


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from(LOCALES))
def test_time_round_trip(hour: int, minute: int, locale: str) -> None:
    value = f"T{hour:02d}:{minute:02d}"
    assert parse(render(value, locale), locale) == value
