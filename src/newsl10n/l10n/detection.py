"""Finding numbers, amounts, percentages, dates and times in text, as typed spans with canonical values.

Two linear passes. A lexer (one compiled regular expression per language) cuts the text into
tokens: digit runs, symbols, words looked up in the language's lexicon, Chinese numerals. Each token
gets a one-letter code, and the codes of the whole text form a short string (``"dM,y"`` for
"13 June, 2025"); expression patterns, themselves regular expressions, are then matched over that
string, so an expression is found in one left-to-right scan without backtracking over the text.

Span kinds and their ``value``:

========  =====================================================  ========================
kind      example                                                value
========  =====================================================  ========================
number    "1,250", "two", "两"                                    ``1250``, ``2``
ordinal   "78th", "78-й", "第78", "۷۸ام"                          ``78``
percent   "40%", "40 percent", "百分之四十", "۴۰ درصد"             ``40%`` (points: ``2pp``)
amount    "1.5 million", "150万", "15 लाख", "1,5 млн"              ``1500000``
currency  "$3.2 billion", "2 trillion yuan", "32亿美元"            ``3200000000`` (+currency)
measure   "5 km", "300 MW", "12 公顷"                             ``5`` (+unit)
date      "June 13, 2025", "June 2025", "13 June", "2024 году"     ``2025-06-13``, ``2025-06``,
                                                                 ``--06-13``, ``2024``
time      "14:30", "3 p.m."                                       ``T14:30``, ``T15:00``
weekday   "Friday", "пятницу", "星期五"                             ``W5`` (ISO 8601: Monday 1)
range     "2024-2025", "10-12 June", "10 to 12 percent"            ``2024/2025``,
                                                                 ``--06-10/--06-12``, ``10%/12%``
========  =====================================================  ========================

``attrs`` may hold ``currency`` (ISO 4217 code, or ``RUPEE``/``YEN_YUAN`` where the word does not
say which), ``unit``, ``scale`` (the scale word as written), ``words`` (``"1"``: spelled out),
``calendar`` (``solar-hijri``: converted from a Persian calendar date), ``alternatives``
(comma-separated other readings of an ambiguous date) and ``ambiguous`` (``"1"``).

Numeric dates: ISO ``2025-06-13`` and ``2025/06/13`` are year-month-day; ``13.06.2025`` is
day-month-year. A slashed ``03/04/2025`` is read month-first in English (CLDR en short date
``M/d/yy``) and day-first elsewhere; when both readings are valid dates the span has
``ambiguous="1"`` and the other reading in ``alternatives`` — it is never guessed silently.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import regex

from ..model import Span, frozen_map
from .calendar import to_gregorian
from .lexicon import WORD_CHARS, Entry, Lexicon, lexicon, norm, phrase_pattern
from .numparse import (
    SEPARATOR_CHARS,
    ZH_NUMERAL_CHARS,
    canon,
    compose,
    split_digits,
    to_ascii_digits,
    zh_numeral,
)

KINDS = ("number", "ordinal", "percent", "amount", "currency", "measure", "date", "time", "weekday", "range")
"""Every span kind :func:`annotate` produces."""

_CURRENCY_SYMBOLS = {
    "US$": "USD",
    "R$": "BRL",
    "HK$": "HKD",
    "A$": "AUD",
    "C$": "CAD",
    "S$": "SGD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "YEN_YUAN",
    "￥": "YEN_YUAN",
    "₹": "INR",
    "₽": "RUB",
    "₸": "KZT",
    "₴": "UAH",
    "₩": "KRW",
    "₺": "TRY",
    "Rs": "RUPEE",
    "Rs.": "RUPEE",
    "USD": "USD",
    "EUR": "EUR",
    "CNY": "CNY",
    "RMB": "CNY",
    "GBP": "GBP",
    "JPY": "JPY",
    "INR": "INR",
    "PKR": "PKR",
    "RUB": "RUB",
    "KZT": "KZT",
    "KGS": "KGS",
    "UZS": "UZS",
    "TJS": "TJS",
    "IRR": "IRR",
    "BRL": "BRL",
    "BYN": "BYN",
}
_SYMBOLS = {
    **{k: Entry("C", v) for k, v in _CURRENCY_SYMBOLS.items()},
    "%": Entry("P"),
    "٪": Entry("P"),
    "％": Entry("P"),
    "°C": Entry("U", "degC"),
    "℃": Entry("U", "degC"),
    "°": Entry("U", "deg"),
}
_DASHES = "-‑–—~～－"
_FIRST_WORD = regex.compile(rf"{WORD_CHARS}+", flags=regex.V1)
_NUMBERISH = frozenset("ndyowSCP")


def _lexer_pattern(lex: Lexicon) -> str:
    marks = [s for s in _SYMBOLS if not s.isalpha()]
    codes = [s for s in _SYMBOLS if s.isalpha()]
    symbols = "|".join(regex.escape(s) for s in sorted(marks, key=len, reverse=True))
    # ISO 4217 codes only in capitals and as whole words ("EUR", not the start of "euros").
    symbols += rf"|(?-i:(?<!{WORD_CHARS})(?:{'|'.join(sorted(codes))})(?!{WORD_CHARS}))"
    seps = regex.escape(SEPARATOR_CHARS if lex.lang == "fa" else SEPARATOR_CHARS.replace("/", ""))
    digit_parts = [
        r"(?P<iso>(?<![\d\-])\d{4}-\d{1,2}-\d{1,2}(?![\d\-]))",  # 2025-06-13
        r"(?P<ymd>(?<![\d/])\d{4}/\d{1,2}/\d{1,2}(?![\d/]))",  # 2025/06/13, ۱۴۰۴/۰۳/۲۳
        r"(?P<dmy>(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?![\d.]))",  # 13.06.2025
        r"(?P<slash>(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?![\d/]))",  # 03/04/2025
        r"(?P<time>(?<![\d.,:])\d{1,2}(?:[:：]\d{2}(?::\d{2})?|h\d{2}|h(?!\w))(?![\d:]))",  # 14:30, 20h00
        rf"(?P<num>\d+(?:[{seps}]\d+)*)",
    ]
    parts = [
        r"(?P<ph>⟦/?\d+⟧)",
        r"(?=\d)(?:" + "|".join(digit_parts) + ")",
        rf"(?P<sym>{symbols})",
        r"(?P<han>\p{Han}+)",
        rf"(?P<word>{WORD_CHARS}+(?:['’ʻʼ‘\-‑]{WORD_CHARS}+)*\.?)",
        rf"(?P<dash>[{regex.escape(_DASHES)}])",
    ]
    # Every token starts on a non-space: the lookahead lets the scan skip spaces quickly.
    return r"(?=\S)(?:" + "|".join(parts) + ")"


@functools.cache
def _lexer(lang: str) -> tuple[Lexicon, Any, dict[str, list[tuple[Any, Entry]]], int]:
    """The language's lexicon, its lexer, its phrases by first word, and its longest Han phrase."""
    lex = lexicon(lang)
    by_first: dict[str, list[tuple[Any, Entry]]] = {}
    longest_han = 1
    for key, entry in lex.phrases.items():
        if regex.match(r"\p{Han}", key):
            longest_han = max(longest_han, len(key))
            continue
        first = regex.match(rf"{WORD_CHARS}+", key, flags=regex.V1)
        if first is None:
            continue  # a symbol ("%", "°c"): the lexer's own
        pat = phrase_pattern(key)
        if regex.search(rf"{WORD_CHARS}$", key, flags=regex.V1):
            pat += rf"(?!{WORD_CHARS})"
        by_first.setdefault(first.group(), []).append(
            (regex.compile(pat, flags=regex.V1 | regex.IGNORECASE), entry)
        )
    for cands in by_first.values():
        cands.sort(key=lambda c: -len(c[0].pattern))
    lexer = regex.compile(_lexer_pattern(lex), flags=regex.V1)
    return lex, lexer, by_first, longest_han


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    code: str
    value: Any = None
    attr: dict[str, str] = field(default_factory=dict)


def _tokens(text: str, lang: str) -> list[_Tok]:
    lex, lexer, by_first, longest_han = _lexer(lang)
    out: list[_Tok] = []
    skip_until = 0
    for m in lexer.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if s < skip_until:
            continue
        if kind == "ph":
            out.append(_Tok(s, e, "|"))
        elif kind in ("iso", "ymd", "dmy", "slash"):
            out.append(_date_token(m.group(), s, e, kind, lang))
        elif kind == "time":
            raw = to_ascii_digits(m.group()).replace("：", ":").replace("h", ":").rstrip(":")
            h, _, mi = raw.partition(":")
            out.append(_Tok(s, e, "T", (int(h), int(mi or 0))))
        elif kind == "num":
            _number_tokens(text, m.group(), s, lex, out)
        elif kind == "sym":
            entry = _SYMBOLS[m.group()]
            out.append(_Tok(s, e, entry.code, entry.value))
        elif kind == "han":
            _han_tokens(text, m.group(), s, lex, longest_han, out)
        elif kind == "word":
            phrase = None
            first = _FIRST_WORD.match(m.group())
            for pat, entry in by_first.get(norm(first.group()) if first else "", []):
                pm = pat.match(text, s)
                if pm:
                    phrase = _entry_token(entry, s, pm.end(), pm.group())
                    skip_until = pm.end()
                    break
            tok = phrase or _word_token(text, m.group(), s, e, lex, out)
            if tok.code != "x":  # an unknown word is a barrier: the gap it leaves says so
                out.append(tok)
        else:
            out.append(_Tok(s, e, "-"))
    return out


def _han_tokens(text: str, run: str, s: int, lex: Lexicon, longest: int, out: list[_Tok]) -> None:
    """Cut a run of Han characters by longest match against the lexicon (numerals as one token)."""
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 0, -1):
            entry = lex.phrases.get(run[i : i + size]) or (lex.words.get(run[i]) if size == 1 else None)
            if entry is not None:
                out.append(_entry_token(entry, s + i, s + i + size, run[i : i + size]))
                i += size
                break
        else:
            if lex.lang == "zh" and run[i] in ZH_NUMERAL_CHARS:
                j = i
                while j < len(run) and run[j] in ZH_NUMERAL_CHARS:
                    j += 1
                _zh_tokens(text, run[i:j], s + i, lex, out)
                i = j
            else:
                out.append(_Tok(s + i, s + i + 1, "|"))
                i += 1


def _entry_token(entry: Entry, s: int, e: int, word: str = "") -> _Tok:
    value: Any = entry.value
    if entry.code in "wS":
        value = Decimal(entry.value)
    elif entry.code in "MD":
        value = int(entry.value)
    tok = _Tok(s, e, entry.code, value)
    if entry.code == "S":
        tok.attr["scale"] = word
    if entry.attr:
        tok.attr["calendar" if entry.code == "M" else "attr"] = entry.attr
    return tok


def _word_token(text: str, word: str, s: int, e: int, lex: Lexicon, out: list[_Tok]) -> _Tok:
    if word.endswith("."):
        entry = lex.lookup(word) or lex.phrase(word)
        if entry is None:
            word, e = word[:-1], e - 1
    attached = bool(out) and out[-1].end == s and out[-1].code in "ndy"
    if attached and norm(word) == "m" and not _money_or_decimal(text, out):
        attached = False  # "100m sprint": metres; "$5m", "1.5m": million
    if attached and norm(word) in lex.attached_scales:
        return _Tok(s, e, "S", Decimal(lex.attached_scales[norm(word)]), {"scale": word})
    entry = lex.lookup(word)
    if entry is None and "-" in word:
        parts = [lex.lookup(p) for p in word.split("-")]
        if parts and all(p is not None and p.code == "w" for p in parts):
            total = sum((Decimal(p.value) for p in parts if p is not None), Decimal(0))
            return _Tok(s, e, "w", total)
    if entry is None:
        return _Tok(s, e, "x")
    tok = _entry_token(entry, s, e, word)
    if entry.code == "S" and norm(word) in lex.bare_scales:
        tok.attr["bare"] = "1"  # Portuguese "mil pessoas": a thousand without a number before it
    return tok


def _money_or_decimal(text: str, out: list[_Tok]) -> bool:
    num = out[-1]
    before = out[-2] if len(out) > 1 else None
    currency = before is not None and before.code == "C" and not text[before.end : num.start].strip()
    return currency or not text[num.start : num.end].isdecimal()


# A number glued to the letters before it is part of a name ("G20", "Q3", "COVID-19", "F-16").
_IDENT_BEFORE = regex.compile(r"(?:\p{Lu}{1,8}[\-‑]|[\p{Latin}\p{Cyrillic}])$")


def _number_tokens(text: str, raw: str, s: int, lex: Lexicon, out: list[_Tok]) -> None:
    if s > 0 and _IDENT_BEFORE.search(text[max(0, s - 9) : s]):
        return
    parts = split_digits(raw, lex.lang)
    for i, (a, b, value) in enumerate(parts):
        start, end = s + a, s + b
        plain = raw[a:b].isdecimal()
        if plain and len(raw[a:b]) <= 2 and 1 <= value <= 31:
            code = "d"
        elif plain and len(raw[a:b]) == 4 and 1000 <= value <= 2199:
            code = "y"
        else:
            code = "n"
        tok = _Tok(start, end, code, value)
        if i == len(parts) - 1:
            _ordinal(text, tok, lex)
        if code == "y" and lex.lang == "fa" and 1300 <= value < 1500:
            # A Solar Hijri year overlaps two Gregorian ones (1404 runs from March 2025 to March 2026).
            tok.attr["alternatives"] = f"{int(value) + 621},{int(value) + 622}"
        if start > 0 and text[start - 1] == "第":
            tok.start -= 1
            tok.code = "o"
        minus = start > 0 and text[start - 1] == "−"
        hyphen = start > 0 and text[start - 1] == "-" and (start == 1 or text[start - 2] in " (\n")
        if (minus or hyphen) and (
            not out or out[-1].code not in _NUMBERISH or text[out[-1].end : start - 1].strip()
        ):
            tok.value = -value
            tok.start -= 1
        out.append(tok)


# The letters after digits that make an ordinal, optionally after a hyphen ("78-й", "78-ші") or a
# zero-width non-joiner ("۷۸‌امین"); "78th", "1º" are written straight on.
_SUFFIX_RE = regex.compile(rf"[\-‑\u200c]?\.?({WORD_CHARS}+)", flags=regex.V1)


def _ordinal(text: str, tok: _Tok, lex: Lexicon) -> None:
    m = _SUFFIX_RE.match(text, tok.end)
    if (m and norm(m.group(1)) in lex.ordinal_suffixes) or (m and text[tok.end] in "º" and lex.lang == "pt"):
        tok.code = "o"
        tok.end = m.end()


def _zh_tokens(text: str, run: str, s: int, lex: Lexicon, out: list[_Tok]) -> None:
    scales = {"百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
    if all(c in scales for c in run):
        for i, c in enumerate(run):
            out.append(_Tok(s + i, s + i + 1, "S", Decimal(scales[c]), {"scale": c}))
        return
    # A numeral that ends in a section scale after a digit run ("3万" is lexed as 3 then 万).
    tok = _Tok(s, s + len(run), "w", zh_numeral(run))
    sections = "".join(c for c in run if c in "万萬亿億")
    if sections:
        tok.attr["scale"] = sections
    if s > 0 and text[s - 1] == "第":
        tok.start -= 1
        tok.code = "o"
    out.append(tok)


def _date_token(raw: str, s: int, e: int, kind: str, lang: str) -> _Tok:
    nums = [int(x) for x in regex.findall(r"\d+", to_ascii_digits(raw))]
    readings: list[tuple[int, int, int]] = []
    if kind in ("iso", "ymd"):
        readings = [(nums[0], nums[1], nums[2])]
    elif kind == "dmy":
        readings = [(nums[2], nums[1], nums[0])]
    else:
        mdy, dmy = (nums[2], nums[0], nums[1]), (nums[2], nums[1], nums[0])
        readings = [mdy, dmy] if lang == "en" else [dmy, mdy]
    valid = []
    for y, m, d in readings:
        try:
            if lang == "fa" and 1300 <= y <= 1500:
                valid.append(to_gregorian(y, m, d).isoformat())
            else:
                valid.append(dt.date(y, m, d).isoformat())
        except ValueError:
            continue
    valid = list(dict.fromkeys(valid))
    if not valid:
        return _Tok(s, e, "|")
    tok = _Tok(s, e, "I", valid[0])
    if len(valid) > 1:
        tok.attr.update(ambiguous="1", alternatives=",".join(valid[1:]))
    if lang == "fa" and 1300 <= readings[0][0] <= 1500:
        tok.attr["calendar"] = "solar-hijri"
    return tok


def _codes(text: str, toks: list[_Tok]) -> tuple[str, list[int]]:
    """The code string of the tokens, and for each code the token index (-1 for a gap code)."""
    codes: list[str] = []
    index: list[int] = []
    prev = -1
    for i, tok in enumerate(toks):
        code = tok.code
        if code == "-":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            joined = nxt is not None and not text[tok.end : nxt.start].strip()
            if (
                prev >= 0
                and toks[prev].code in _NUMBERISH
                and joined
                and nxt is not None
                and nxt.code in "ndywC"
            ):
                code = "R"
            elif (
                prev >= 0
                and nxt is not None
                and nxt.code not in "|x-"
                and not text[tok.end : nxt.start].strip()
            ):
                continue  # "13-iyun", "2025-yil": the hyphen joins a number to its word
            else:
                code = "|"
            tok.code = code
        if prev >= 0:
            gap = text[toks[prev].end : tok.start].strip()
            if gap == ",":
                codes.append(",")
                index.append(-1)
            elif gap and not (gap == "." and toks[prev].code in "MSUCY") and gap not in "-‑":
                codes.append("|")
                index.append(-1)
        codes.append(code)
        index.append(i)
        prev = i
    return "".join(codes), index


# Expression patterns over token codes. Codes: n number, d integer 1-31, y four-digit year-like
# integer, o ordinal, w number word, a article before a scale, S scale, K "and", P percent (after),
# p percent (before), C currency, U unit, M month, D weekday, Y year word, Z day word (日), Q month
# word (月), h/i hour/minute words (时/分), T time, t am/pm, I numeric date, R range connector,
# F range opener ("from", "between"), e date connector ("de", "of"), "," comma, "|" barrier.
_CORE = r"(?:[ndyw]|a(?=S)|S)(?:[wS]|K(?=w))*"
# "1,5 milhão de euros", "5 million of them": a connector only between a scale word and a currency.
_QTY = rf"(?:C?{_CORE}(?:(?<=S)eC|[PUC])?|p{_CORE})"
_PATTERNS = [
    ("zdr", r"[do]QdZRd[Z]"),  # 6月10日至12日
    ("drm", r"[Fe]?[do]R[do]e?M(?:,?e?Y?y(?!Ry)Y?)?"),  # 10-12 June (2025), 10–12 июня
    ("mdr", r"M[do]R[do](?:,?y(?!Ry)Y?)?"),  # June 10-12, 2025
    ("zfull", r"yY[do]Q[do]Z?"),  # 2025年6月13日
    ("dmy", r"[do]e?M,?e?Y?y(?!Ry)Y?"),  # 13 June 2025, 13 de junho de 2025, 13 июня 2025 года
    ("mdy", r"M[do],?y(?!Ry)Y?"),  # June 13, 2025
    ("ydm", r"Y?yY,?[do]M"),  # 2025 жылғы 13 маусым, 2025-yil 13-iyun
    ("zym", r"yY[do]Q"),  # 2025年6月
    ("zmd", r"[do]Q[do]Z"),  # 6月13日
    ("my", r"Me?,?Y?y(?!Ry)Y?"),  # June 2025, junho de 2025, июнь 2025 года
    ("ym", r"Y?yY,?M"),  # 2025 жылғы маусым
    ("dm", r"[do]e?M"),  # 13 June, 13 июня
    ("md", r"M[do](?![PUCS])"),  # June 13
    ("zm", r"[do]Q"),  # 6月
    ("yr", r"Y?yRyY?"),  # 2024-2025
    ("yw", r"Yy|yY"),  # 2024 году, 2024年, سال ۲۰۲۴
    ("mon", r"M"),
    ("wd", r"D"),
    ("tm", r"Tt?"),
    ("tap", r"[dn]t"),  # 3 p.m.
    ("zt", r"t?[dn]h(?:[dn]i)?"),  # 15时30分, 下午3点  # 15时30分
    ("idate", r"I"),
    ("between", rf"F{_QTY}K{_QTY}"),
    ("rng", rf"[Fe]?{_QTY}R{_QTY}"),
    ("ord", r"o"),
    ("qty", _QTY),
]
_EXPR = regex.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS))


def annotate(text: str, lang: str) -> tuple[Span, ...]:
    """Every number, amount, percentage, date and time in ``text`` as a typed span (see the module doc).

    Args:
        text: a sentence or a longer text in ``lang``; inline placeholders (``⟦1⟧``) are skipped.
        lang: the language of ``text`` (BCP 47 tag of a supported language: see ``SUPPORTED``).

    Returns:
        Spans with ids ``n1``, ``n2``… in text order, offsets in code points of ``text``.

    Raises:
        ConfigError: for an unsupported language (the message names the supported ones).

    >>> [(s.kind, s.value) for s in annotate("Exports rose 40% to $3.2 billion on June 13, 2025.", "en")]
    [('percent', '40%'), ('currency', '3200000000'), ('date', '2025-06-13')]
    >>> [(s.kind, s.value) for s in annotate("2025年6月13日，出口增长到150万吨。", "zh")]
    [('date', '2025-06-13'), ('measure', '1500000')]
    >>> [s.value for s in annotate("13 июня 2025 года — 1,5 млн долларов", "ru")]
    ['2025-06-13', '1500000']
    """
    toks = _tokens(text, lang)
    codes, index = _codes(text, toks)
    spans: list[Span] = []
    for m in _EXPR.finditer(codes):
        group = m.lastgroup or ""
        idx = [index[k] for k in range(m.start(), m.end()) if index[k] >= 0]
        part = [toks[k] for k in idx]
        for kind, value, attrs, a, b in _interpret(group, part, codes[m.start() : m.end()]):
            spans.append(
                Span(id=f"n{len(spans) + 1}", start=a, end=b, kind=kind, value=value, attrs=frozen_map(attrs))
            )
    return tuple(spans)


_Result = tuple[str, str, dict[str, str], int, int]


def _interpret(group: str, toks: list[_Tok], codes: str) -> Iterator[_Result]:
    start, end = toks[0].start, toks[-1].end
    try:
        if group in ("qty", "ord"):
            yield from _quantity(toks)
        elif group in ("rng", "between"):
            yield from _range(toks)
        elif group in ("wd",):
            yield "weekday", f"W{toks[0].value}", {}, start, end
        elif group in ("tm", "tap", "zt"):
            yield "time", _time(toks), {}, start, end
        elif group == "idate":
            yield "date", toks[0].value, dict(toks[0].attr), start, end
        elif group in ("yr",):
            years = [t for t in toks if t.code == "y"]
            value = f"{years[0].value}/{years[1].value}"
            yield "range", value, {"of": "date"}, start, end
        elif group in ("drm", "mdr", "zdr"):
            yield from _day_range(toks)
        else:
            value, attrs = _date(toks)
            yield "date", value, attrs, start, end
    except (ValueError, ArithmeticError):
        # Not a real date ("31 February"): keep its numbers as numbers.
        for tok in toks:
            if tok.code in "ndyow":
                yield from _quantity([tok])


def _quantity(toks: list[_Tok]) -> Iterator[_Result]:
    items: list[tuple[Decimal, bool]] = []
    attrs: dict[str, str] = {}
    kind = "number"
    words = digits = False
    scale_words: list[str] = []
    for t in toks:
        if t.code in "ndy":
            items.append((t.value, False))
            digits = True
        elif t.code == "o":
            items.append((t.value, False))
            kind = "ordinal"
            digits = True
        elif t.code == "w":
            items.append((t.value, False))
            words = True
            if "scale" in t.attr:  # a Chinese numeral with 万 or 亿 in it
                scale_words.append(t.attr["scale"])
        elif t.code == "a":
            items.append((Decimal(1), False))
        elif t.code == "S":
            items.append((t.value, True))
            scale_words.append(t.attr.get("scale", ""))
        elif t.code in "Pp":
            kind = "percent"
            if t.attr.get("attr") == "points":
                attrs["points"] = "1"
        elif t.code == "C":
            attrs["currency"] = str(t.value)
        elif t.code == "U":
            attrs["unit"] = str(t.value)
    if not items:
        return
    core = [t for t in toks if t.code in "ndyowaS"]
    if all(t.code == "S" for t in core):
        if core[0].attr.get("bare") != "1":
            return  # "millions of people", "百万": a scale word alone is not a number
        items.insert(0, (Decimal(1), False))
    if len(core) == 1 and core[0].code == "w" and words and core[0].value == 0:
        return
    value = compose(items)
    if kind == "percent":
        text = canon(value) + ("pp" if attrs.get("points") else "%")
    else:
        text = canon(value)
        if "currency" in attrs:
            kind = "currency"
        elif "unit" in attrs:
            kind = "measure"
        elif scale_words and kind == "number":
            kind = "amount"
    if scale_words:
        attrs["scale"] = " ".join(scale_words)
    if words and not digits:
        attrs["words"] = "1"
    if len(core) == 1 and "alternatives" in core[0].attr and kind == "number":
        attrs["alternatives"] = core[0].attr["alternatives"]
    yield kind, text, attrs, toks[0].start, toks[-1].end


def _range(toks: list[_Tok]) -> Iterator[_Result]:
    cut = next(i for i, t in enumerate(toks) if t.code in "RK" and i > 0 and toks[i - 1].code != "F")
    left = [t for t in toks[:cut] if t.code not in "Fe"]
    right = toks[cut + 1 :]
    a = list(_quantity(left))
    b = list(_quantity(right))
    if not a or not b:
        yield from a
        yield from b
        return
    (ka, va, aa, _, _), (kb, vb, ab, _, _) = a[0], b[0]
    bare_left = not any(t.code in "PpUS" for t in left)
    year_left = [t.code for t in left if t.code in "ndyw"] == ["y"] and not any(t.code == "y" for t in right)
    if (ka != kb and not bare_left) or year_left:
        yield from a  # "rose 40% to $3.2 billion", "2025 तक 15 लाख": two quantities, not a range
        yield from b
        return
    if bare_left and kb not in ("number", "ordinal"):
        # What the second end carries is meant for both: "10-12 percent", "$1-2 billion", "3–5 km".
        left_vals = [(t.value, t.code == "S") for t in left if t.code in "ndywaS"]
        if kb in ("amount", "currency") and toks[cut].code == "R":
            left_vals += [(t.value, True) for t in right if t.code == "S"]
        v = canon(compose(left_vals))
        va = v + ("pp" if ab.get("points") else "%") if kb == "percent" else v
        aa = {**{k: x for k, x in ab.items() if k in ("currency", "unit", "points", "scale")}, **aa}
        ka = "currency" if "currency" in aa else kb
    if "currency" in aa and kb in ("number", "amount"):
        kb = "currency"
    attrs = {**ab, **aa, "of": ka if ka == kb else f"{ka},{kb}"}
    yield "range", f"{va}/{vb}", attrs, toks[0].start, toks[-1].end


def _time(toks: list[_Tok]) -> str:
    if toks[0].code == "T":
        h, mi = toks[0].value
    else:
        nums = [t for t in toks if t.code in "dn"]
        h = int(nums[0].value)
        mi = int(nums[1].value) if len(nums) > 1 else 0
    ampm = next((norm(str(t.value)) for t in toks if t.code == "t"), "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if not (0 <= h <= 24 and 0 <= mi < 60):
        raise ValueError("not a time of day")
    return f"T{h:02d}:{mi:02d}"


def _date(toks: list[_Tok]) -> tuple[str, dict[str, str]]:
    year = day = month = None
    calendar = ""
    for t in toks:
        if t.code == "y":
            year = int(t.value)
        elif t.code in "do":
            if day is None and not any(x.code == "Q" for x in toks):
                day = int(t.value)
            elif any(x.code == "Q" for x in toks):
                # Chinese: the number before 月 is the month, the one before 日 the day.
                nxt = toks[toks.index(t) + 1] if toks.index(t) + 1 < len(toks) else None
                if nxt is not None and nxt.code == "Q":
                    month = int(t.value)
                else:
                    day = int(t.value)
        elif t.code == "M":
            month = int(t.value)
            calendar = t.attr.get("calendar", calendar)
    value, attrs = _iso(year, month, day, calendar)
    year_tok = next((t for t in toks if t.code == "y"), None)
    if month is None and day is None and year_tok is not None and "alternatives" in year_tok.attr:
        attrs["alternatives"] = year_tok.attr["alternatives"]  # "سال ۱۴۰۳": 2024 or 2025
    return value, attrs


def _iso(
    year: int | None, month: int | None, day: int | None, calendar: str = ""
) -> tuple[str, dict[str, str]]:
    attrs: dict[str, str] = {}
    if calendar == "solar-hijri":
        attrs["calendar"] = "solar-hijri"
        if year is not None and month is not None and day is not None:
            return to_gregorian(year, month, day).isoformat(), attrs
        if year is not None and month is not None:
            # A Solar Hijri month spans two Gregorian months: the one holding its 15th is the value.
            mid = to_gregorian(year, month, 15)
            other = to_gregorian(year, month, 1)
            attrs["alternatives"] = f"{other.year:04d}-{other.month:02d}"
            return f"{mid.year:04d}-{mid.month:02d}", attrs
        raise ValueError("a Solar Hijri date without its year is not converted")
    if month is not None and not 1 <= month <= 12:
        raise ValueError("no such month")
    if year is not None and month is not None and day is not None:
        return dt.date(year, month, day).isoformat(), attrs
    if year is not None and month is not None:
        return f"{year:04d}-{month:02d}", attrs
    if month is not None and day is not None:
        dt.date(2000, month, day)  # validates the day (2000 is a leap year: 29 February exists)
        return f"--{month:02d}-{day:02d}", attrs
    if month is not None:
        return f"--{month:02d}", attrs
    if year is not None:
        return f"{year:04d}", attrs
    raise ValueError("no date")


def _day_range(toks: list[_Tok]) -> Iterator[_Result]:
    cut = next(i for i, t in enumerate(toks) if t.code == "R")
    left, right = toks[:cut], toks[cut + 1 :]
    shared = [t for t in toks if t.code in "MYyQZ"]
    days_l = [t for t in left if t.code in "do"]
    days_r = [t for t in right if t.code in "do"]
    month_tok = next(t for t in toks if t.code == "M") if any(t.code == "M" for t in toks) else None
    year_tok = next((t for t in toks if t.code == "y"), None)
    year = int(year_tok.value) if year_tok else None
    if month_tok is not None:
        month = int(month_tok.value)
        cal = month_tok.attr.get("calendar", "")
        d1, d2 = int(days_l[-1].value), int(days_r[0].value)
    else:  # 6月10日至12日
        month = int(days_l[0].value)
        cal = ""
        d1, d2 = int(days_l[1].value), int(days_r[0].value)
    del shared
    a, attrs = _iso(year, month, d1, cal)
    b, _ = _iso(year, month, d2, cal)
    yield "range", f"{a}/{b}", {**attrs, "of": "date"}, toks[0].start, toks[-1].end
