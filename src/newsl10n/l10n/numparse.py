"""Reading the parts of a number: digit groups by each locale's separators, number words, Chinese numerals.

Values are exact :class:`~decimal.Decimal` numbers; :func:`canon` writes the canonical value string
that spans carry and checks compare ("1500000", "1.5", "-3").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import regex

# Digit-group and decimal separators per language: CLDR's (Babel ``number_symbols``, latn and the
# native system) plus what newsroom copy and MT output also write: "1.5 млн" with a point in Russian,
# "۱/۵" with a slash in Persian, a plain space between groups where CLDR wants a no-break space.
_SPACES = " \u00a0\u202f\u2009"
_NBSP = "\u00a0\u202f\u2009"
_SEPARATORS: dict[str, tuple[str, str]] = {
    # lang: (group characters, decimal characters)
    "en": (",'’" + _NBSP, "."),
    "zh": ("," + _NBSP, "."),
    "hi": ("," + _NBSP, "."),
    "ur": (",٬" + _NBSP, ".٫"),
    "fa": (",٬" + _NBSP, ".٫/"),
    "pt": ("." + _SPACES, ",."),
    "ru": (_SPACES, ",."),
    "be": (_SPACES, ",."),
    "kk": (_SPACES, ",."),
    "ky": (_SPACES, ",."),
    "uz": (_SPACES, ",."),
    "tg": (_SPACES, ",."),
}
_INDIAN = frozenset({"en", "hi", "ur"})  # lakh grouping "12,50,000" (CLDR hi: #,##,##0.###)

SEPARATOR_CHARS = ".,٫٬'’/" + _SPACES
"""Characters that may sit between digit groups; the number lexer joins digits across them."""

_MAX_PIECES = 15


class _DigitTable(dict[int, int]):
    """For str.translate: every Unicode decimal digit (category Nd) to its ASCII digit, filled lazily."""

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        value = ord(str(unicodedata.decimal(ch))) if ch.isdecimal() else code
        self[code] = value
        return value


_DIGIT_TABLE = _DigitTable()
_SPLIT = re.compile(r"(\D)")


def canon(value: Decimal) -> str:
    """The canonical string of a number: no exponent, no trailing zeros.

    >>> canon(Decimal("1.50E+6"))
    '1500000'
    >>> canon(Decimal("2.50"))
    '2.5'
    """
    v = value.normalize()
    if v == 0:
        return "0"
    text = format(v, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def to_ascii_digits(text: str) -> str:
    """Replace every decimal digit (Persian, Arabic-Indic, Devanagari, fullwidth…) by 0-9.

    >>> to_ascii_digits("۱۴۰۴")
    '1404'
    """
    if text.isascii():
        return text
    return text.translate(_DIGIT_TABLE)


@functools.cache
def _number_re(lang: str) -> Any:
    group, dec = _SEPARATORS.get(lang, _SEPARATORS["en"])
    g = regex.escape(group)
    alts = [rf"\d{{1,3}}(?P<g>[{g}])\d{{3}}(?:(?P=g)\d{{3}})*"]
    if lang in _INDIAN:
        alts.append(r"\d{1,2}(?:,\d{2})+,\d{3}")
    if "." not in group:
        alts.append(r"\d{1,3}(?:\.\d{3}){2,}")  # "1.250.000" from a European writer
    alts.append(r"\d+")
    return regex.compile(rf"(?:{'|'.join(alts)})(?P<frac>[{regex.escape(dec)}]\d+)?")


def split_digits(raw: str, lang: str) -> list[tuple[int, int, Decimal]]:
    """The numbers in a run of digits and separators, by the language's conventions.

    Returns ``(start, end, value)`` with offsets into ``raw``. A run that is not one well-formed
    number ("2024 150" in Russian, "1,5" in English) falls apart into the numbers it holds.

    >>> [(s, e, str(v)) for s, e, v in split_digits("1 250,5", "ru")]
    [(0, 7, '1250.5')]
    >>> [str(v) for _, _, v in split_digits("12,50,000", "hi")]
    ['1250000']
    >>> [str(v) for _, _, v in split_digits("1.250", "pt")]
    ['1250']
    >>> [str(v) for _, _, v in split_digits("1.250", "en")]
    ['1.250']
    """
    if raw.isdecimal():
        return [(0, len(raw), Decimal(to_ascii_digits(raw)))]
    pieces = _SPLIT.split(raw)  # digits, separator, digits, …
    out: list[tuple[int, int, Decimal]] = []
    pattern = _number_re(lang)
    i = 0
    offset = 0
    while i < len(pieces):
        best = 1
        match = pattern.fullmatch(pieces[i])
        for end in range(min(len(pieces), i + _MAX_PIECES), i + 1, -2):
            m = pattern.fullmatch("".join(pieces[i:end]))
            if m:
                best, match = end - i, m
                break
        text = "".join(pieces[i : i + best])
        out.append((offset, offset + len(text), _to_decimal(match)))
        offset += len(text)
        i += best
        if i < len(pieces):
            offset += len(pieces[i])  # the separator that split the run
            i += 1
    return out


def _to_decimal(match: Any) -> Decimal:
    text = to_ascii_digits(match.group(0))
    frac = match.group("frac")
    whole = "".join(c for c in (text[: len(text) - len(frac)] if frac else text) if c.isdecimal())
    return Decimal(f"{whole}.{to_ascii_digits(frac[1:])}" if frac else whole)


def compose(items: Sequence[tuple[Decimal, bool]]) -> Decimal:
    """Combine numbers and scale words into one value: ``[(2, False), (1e6, True)]`` is two million.

    Scales multiply what comes before them ("two hundred thousand"); a scale straight after a
    scale multiplies the chunk before it ("mil milhões", "هزار میلیارد", "万亿").

    >>> canon(compose([(Decimal("1.5"), False), (Decimal("1e6"), True)]))
    '1500000'
    >>> canon(compose([(Decimal(2), False), (Decimal("1e4"), True), (Decimal("1e8"), True)]))
    '2000000000000'
    """
    total = Decimal(0)
    current = Decimal(0)
    last_chunk = Decimal(0)
    prev_scale = False
    for value, is_scale in items:
        if not is_scale:
            current += value
            prev_scale = False
            continue
        if value == 100:
            current = (current or Decimal(1)) * value
            prev_scale = False
            continue
        if prev_scale and current == 0:
            total = total - last_chunk + last_chunk * value
            last_chunk = last_chunk * value
        else:
            last_chunk = (current or Decimal(1)) * value
            total += last_chunk
        current = Decimal(0)
        prev_scale = True
    return total + current


ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_SECTIONS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
ZH_NUMERAL_CHARS = "".join(ZH_DIGITS) + "".join(ZH_UNITS) + "".join(ZH_SECTIONS)


def zh_numeral(text: str) -> Decimal:
    """The value of a Chinese numeral (standard grouping by 万 and 亿; digit strings like 二〇二五).

    >>> [int(zh_numeral(t)) for t in ("三百", "两千万", "一百五十万", "十五", "二〇二五")]
    [300, 20000000, 1500000, 15, 2025]
    """
    if len(text) > 1 and all(c in ZH_DIGITS for c in text):
        return Decimal("".join(str(ZH_DIGITS[c]) for c in text))
    total = 0
    section = 0
    number = 0
    for ch in text:
        if ch in ZH_DIGITS:
            number = ZH_DIGITS[ch]
        elif ch in ZH_UNITS:
            section += (number or 1) * ZH_UNITS[ch]
            number = 0
        else:
            unit = ZH_SECTIONS[ch]
            if unit == 10**8:
                total = (total + section + number) * unit
                section = 0
            else:
                section = (section + number) * unit
            number = 0
    return Decimal(total + section + number)
