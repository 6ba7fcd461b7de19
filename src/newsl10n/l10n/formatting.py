"""Writing a canonical value (number, percent, amount, date…) for a target locale, and reading it back.

Babel (CLDR) gives separators, grouping, month and weekday names; the newsroom conventions on top
of CLDR (Chinese 150万, Russian "1,5 млн", lakh and crore in Hindi and Urdu, Persian digits, the
Solar Hijri calendar) come from ``data/styles.yaml``. The locale is always explicit.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import regex
import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from ..errors import ConfigError, InputError
from ..model import Span
from .calendar import from_gregorian
from .detection import annotate
from .lexicon import check_lang, lexicon_data
from .numparse import canon

_DIGITS = {"latn": "0123456789", "arabext": "۰۱۲۳۴۵۶۷۸۹", "arab": "٠١٢٣٤٥٦٧٨٩", "deva": "०१२३४५६७८९"}


@functools.lru_cache(maxsize=1)
def _styles() -> dict[str, dict[str, Any]]:
    text = resources.files("newsl10n.l10n").joinpath("data/styles.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError("newsl10n's l10n/data/styles.yaml is not a mapping of locales")
    return data


def _locale(locale: str) -> tuple[str, str]:
    """(primary language, Babel locale id) of a locale tag; ConfigError for an unsupported one."""
    lang = check_lang(locale)
    parts = locale.replace("_", "-").split("-")
    region = next((p.upper() for p in parts[1:] if len(p) == 2), "")
    return lang, f"{lang}_{region}" if region else lang


def style_for(locale: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The newsroom style of a locale: defaults, then the language, then the region, then ``overrides``.

    >>> style_for("fa")["digits"], style_for("fa", {"digits": "latn"})["digits"]
    ('arabext', 'latn')
    >>> style_for("pt-PT")["scales"][1]
    ['1e9', 'mil milhões']
    """
    lang, babel_id = _locale(locale)
    data = _styles()
    style: dict[str, Any] = dict(data.get("default", {}))
    style.update(data.get(lang, {}))
    if "_" in babel_id:
        style.update(data.get(babel_id.replace("_", "-"), {}))
    if overrides:
        unknown = (
            set(overrides)
            - set(style)
            - {"scales", "currency", "units", "date", "scale_singular", "time_hour"}
        )
        if unknown:
            raise ConfigError(
                f"unknown style option(s) {', '.join(sorted(unknown))}: see l10n/data/styles.yaml"
            )
        style.update(overrides)
    if style.get("digits") not in _DIGITS:
        raise ConfigError(f"unknown digits {style.get('digits')!r}: use one of {', '.join(_DIGITS)}")
    return style


def _digits(text: str, style: Mapping[str, Any]) -> str:
    target = _DIGITS[str(style["digits"])]
    return text.translate(str.maketrans("0123456789", target))


def _plain(value: Decimal, babel_id: str, style: Mapping[str, Any], grouping: bool = True) -> str:
    text = format_decimal(
        value,
        format="#,##0.###" if grouping else "0.###",
        locale=babel_id,
        decimal_quantization=False,
        numbering_system=style["symbols"],
    )
    return _digits(text, style)


def _compact(value: Decimal, babel_id: str, style: Mapping[str, Any]) -> tuple[str, bool]:
    """The number, with a scale word when the style writes it so; and whether one was used."""
    if abs(value) >= Decimal(str(style["compact_from"])):
        for scale, word in style.get("scales", []):
            mantissa = value / Decimal(str(scale))
            if abs(mantissa) >= 1 and mantissa == round(mantissa, int(style["compact_digits"])):
                number = _plain(mantissa, babel_id, style, bool(style["compact_grouping"]))
                if abs(mantissa) < 2:
                    word = style.get("scale_singular", {}).get(word, word)
                return f"{number}{style['scale_space']}{word}", True
    return _plain(value, babel_id, style), False


def _fill(pattern: str, n: str) -> str:
    return pattern.replace("{n}", n)


def render(
    value: Span | str,
    locale: str,
    *,
    kind: str | None = None,
    currency: str | None = None,
    unit: str | None = None,
    style: Mapping[str, Any] | None = None,
) -> str:
    """Write a canonical value the way the locale's newsroom does.

    Args:
        value: a span from :func:`~newsl10n.l10n.annotate` or a canonical value string: ``"1500000"``,
            ``"40%"``, ``"2pp"``, ``"2025-06-13"``, ``"2025-06"``, ``"--06-13"``, ``"--06"``,
            ``"T14:30"``, ``"W5"``, ``"2024/2025"``.
        locale: the target locale (``"ru"``, ``"pt-PT"``, ``"fa"``); never the system locale.
        kind: the span kind when ``value`` is a string and the string alone does not say it (``"date"``
            for a year).
        currency: ISO 4217 code of an amount (a span's ``currency`` attribute is used otherwise).
        unit: unit code of a measurement (``km``, ``t``, ``MW``…).
        style: overrides of the locale's style (``{"digits": "latn"}``, ``{"calendar": "solar-hijri"}``).

    Returns:
        The text to put in the translation.

    Raises:
        ConfigError: for an unsupported locale or style option.
        InputError: for a value that is not a canonical value string.

    >>> render("1500000", "zh"), render("1500000", "ru"), render("1500000", "hi"), render("1500000", "fa")
    ('150万', '1,5 млн', '15 लाख', '۱٫۵ میلیون')
    >>> render("3200000000", "ru", currency="USD"), render("40%", "fa"), render("2025-06-13", "kk")
    ('3,2 млрд долларов', '۴۰ درصد', '2025 жылғы 13 маусым')
    >>> render("2025-06-13", "fa", style={"calendar": "solar-hijri"})
    '۲۳ خرداد ۱۴۰۴'
    """
    lang, babel_id = _locale(locale)
    st = style_for(locale, style)
    attrs: Mapping[str, str] = {}
    if isinstance(value, Span):
        attrs = value.attrs
        kind = kind or value.kind
        text = value.value
    else:
        text = value
    currency = currency or attrs.get("currency")
    unit = unit or attrs.get("unit")
    if "/" in text:
        a, b = text.split("/", 1)
        return str(st["range"]).format(
            a=render(a, locale, style=style, currency=currency, unit=unit),
            b=render(b, locale, style=style, currency=currency, unit=unit),
        )
    if text.startswith("W") and text[1:].isdigit():
        return str(Locale.parse(babel_id).days["format"]["wide"][(int(text[1:]) - 1) % 7])
    if text.startswith("T"):
        return _time(text, st)
    if regex.fullmatch(r"\d{4}-\d{2}(-\d{2})?|--\d{2}(-\d{2})?", text) or (kind == "date" and text.isdigit()):
        return _digits(_date(text, lang, babel_id, st), st)
    try:
        if text.endswith("pp"):
            return _fill(st["points"], _plain(Decimal(text[:-2]), babel_id, st))
        if text.endswith("%"):
            return _fill(st["percent"], _plain(Decimal(text[:-1]), babel_id, st))
        number = Decimal(text)
    except InvalidOperation as exc:
        raise InputError(f"{text!r} is not a canonical number, percent or date value") from exc
    if kind == "ordinal":
        return _plain(number, babel_id, st)
    body, scaled = _compact(number, babel_id, st)
    if currency:
        forms = st.get("currency", {}).get(currency)
        if forms is None:
            return f"{body} {currency}"
        category = st["scale_plural"] if scaled else Locale.parse(babel_id).plural_form(number)
        if scaled and "scaled" in forms:
            category = "scaled"  # "3,2 mil milhões de dólares"
        return _fill(forms.get(category, forms["other"]), body)
    if unit:
        pattern = st.get("units", {}).get(unit, "{n} " + unit)
        return _fill(pattern, body)
    return body


def _time(text: str, st: Mapping[str, Any]) -> str:
    h, m = int(text[1:3]), int(text[4:6])
    hour12 = h % 12 or 12
    ampm = "a.m." if h < 12 else "p.m."
    pattern = st.get("time_hour", st["time"]) if m == 0 else st["time"]
    out = str(pattern).format(H=h, HH=f"{h:02d}", h=hour12, mm=f"{m:02d}", ampm=ampm)
    return _digits(out, st)


def _date(text: str, lang: str, babel_id: str, st: Mapping[str, Any]) -> str:
    patterns = st["date"]
    if text.startswith("--"):
        parts = text[2:].split("-")
        day = dt.date(2000, int(parts[0]), int(parts[1]) if len(parts) > 1 else 1)
        key = "day" if len(parts) > 1 else "month_only"
    elif len(text) == 4:
        day, key = dt.date(int(text), 1, 1), "year"
    else:
        parts = text.split("-")
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1)
        key = "full" if len(parts) > 2 else "month"
    if st["calendar"] == "solar-hijri" and key in ("full", "day"):
        jy, jm, jd = from_gregorian(day)
        months = lexicon_data()["fa"]["solar_hijri_months"]
        name = months[jm][0]
        return f"{jd} {name} {jy}" if key == "full" else f"{jd} {name}"
    out = str(format_date(day, format=patterns[key], locale=babel_id))
    return out.lower() if st["lowercase_months"] else out


def parse(text: str, locale: str) -> str:
    """The canonical value of the number or date written in ``text`` (the inverse of :func:`render`).

    When ``text`` holds several values, the one that covers the most of it is returned.

    Raises:
        ConfigError: for an unsupported locale.
        InputError: when ``text`` holds no number or date.

    >>> parse("150万", "zh"), parse("1,5 млн", "ru"), parse("۱٫۵ میلیون", "fa"), parse("15 लाख", "hi")
    ('1500000', '1500000', '1500000', '1500000')
    >>> parse("13 июня 2025 года", "ru"), parse("۲۳ خرداد ۱۴۰۴", "fa")
    ('2025-06-13', '2025-06-13')
    """
    lang, _ = _locale(locale)
    spans = annotate(text, lang)
    if not spans:
        raise InputError(f"no number or date found in {text!r}")
    best = max(spans, key=lambda s: s.end - s.start)
    return best.value


__all__ = ["canon", "parse", "render", "style_for"]
