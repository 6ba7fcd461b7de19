"""Per-language word lists for number and date expressions: data/lexicon.yaml completed with CLDR names.

The YAML file holds what CLDR does not (number words, scale words, currency and unit words, inflected
month forms); month and weekday names come from Babel. Each language's lexicon is built once and
compiled into one lexer regular expression by :mod:`newsl10n.l10n.detection`.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import regex
import yaml
from babel import Locale

from ..errors import ConfigError

SUPPORTED = ("be", "en", "fa", "hi", "kk", "ky", "pt", "ru", "tg", "ur", "uz", "zh")
"""The languages whose numbers, dates and amounts newsl10n reads and writes."""

_APOSTROPHES = str.maketrans({"ʻ": "'", "’": "'", "ʼ": "'", "‘": "'", "`": "'"})
# Letters (and marks, and the zero-width non-joiner of Persian and Urdu words) other than Han.
WORD_CHARS = r"[[\p{L}\p{M}\u200c]--\p{Han}]"
# A stem key matches its word with at most this many more letters ("миллион*" → "миллионами").
_STEM_SLACK = 5

# The lexicon sections, in priority order when one word is listed in two of them, with the one-letter
# code the annotator's expression patterns use for each (see detection._PATTERNS).
_SECTIONS: tuple[tuple[str, str], ...] = (
    ("percent_points", "P"),
    ("percent", "P"),
    ("percent_prefix", "p"),
    ("currency", "C"),
    ("scales", "S"),
    ("words", "w"),
    ("articles", "a"),
    ("units", "U"),
    ("year_words", "Y"),
    ("day_words", "Z"),
    ("month_words", "Q"),
    ("hour_words", "h"),
    ("minute_words", "i"),
    ("ampm", "t"),
    ("date_of", "e"),
    ("range", "R"),
    ("range_open", "F"),
    ("and", "K"),
)


@functools.lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """The lookup form of a word: NFC, case-folded, one apostrophe.

    >>> norm("Soʻm")
    "so'm"
    """
    return unicodedata.normalize("NFC", word).translate(_APOSTROPHES).casefold()


@dataclass(frozen=True, slots=True)
class Entry:
    """What a word means in number expressions: its pattern code and its value."""

    code: str
    value: str = ""
    attr: str = ""


@dataclass
class Lexicon:
    """One language's words, stems and phrases, and the lexer compiled from them."""

    lang: str
    words: dict[str, Entry] = field(default_factory=dict)
    stems: dict[str, Entry] = field(default_factory=dict)
    phrases: dict[str, Entry] = field(default_factory=dict)
    attached_scales: dict[str, str] = field(default_factory=dict)
    ordinal_suffixes: frozenset[str] = frozenset()
    bare_scales: frozenset[str] = frozenset()
    _memo: dict[str, Entry | None] = field(default_factory=dict)

    def add(self, key: str, entry: Entry) -> None:
        """Register a key (word, stem ending in ``*`` or phrase); the first registration wins."""
        k = norm(key)
        if k in ("-", "–", "—", "~", "～", "－"):
            return  # dashes are the annotator's own tokens: a range only between two numbers
        is_phrase = not regex.fullmatch(rf"{WORD_CHARS}+(?:['\-]{WORD_CHARS}+)*\*?", k, flags=regex.V1)
        if is_phrase:
            self.phrases.setdefault(k, entry)
        elif k.endswith("*"):
            self.stems.setdefault(k[:-1], entry)
        else:
            self.words.setdefault(k, entry)

    def lookup(self, word: str) -> Entry | None:
        """The entry of a word: exact form first, then the longest stem it starts with."""
        if word in self._memo:
            return self._memo[word]
        hit = self._lookup(word)
        if len(self._memo) < 100_000:
            self._memo[word] = hit
        return hit

    def _lookup(self, word: str) -> Entry | None:
        k = norm(word)
        hit = self.words.get(k)
        if hit is not None:
            return hit
        for cut in range(len(k), max(len(k) - _STEM_SLACK, 2) - 1, -1):
            hit = self.stems.get(k[:cut])
            if hit is not None:
                return hit
        return None

    def phrase(self, text: str) -> Entry | None:
        """The entry of a phrase the lexer matched (whitespace inside it collapsed)."""
        k = norm(" ".join(text.split()))
        hit = self.phrases.get(k)
        if hit is not None:
            return hit
        # A phrase with a stem inside ("фунт* стерлинг*"): find the pattern that matches.
        for key, entry in self.phrases.items():
            if "*" in key and _phrase_regex(key).fullmatch(k):
                return entry
        return None


@functools.cache
def _phrase_regex(key: str) -> Any:
    return regex.compile(phrase_pattern(key), flags=regex.V1 | regex.IGNORECASE)


def phrase_pattern(key: str) -> str:
    parts = []
    for chunk in regex.split(r"(\s+|\*)", key):
        if not chunk:
            continue
        if chunk == "*":
            parts.append(f"{WORD_CHARS}{{0,{_STEM_SLACK}}}")
        elif chunk.isspace():
            parts.append(r"\s+")
        else:
            parts.append(regex.escape(chunk))
    return "".join(parts)


@functools.lru_cache(maxsize=1)
def lexicon_data() -> dict[str, dict[str, Any]]:
    text = resources.files("newsl10n.l10n").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError("newsl10n's l10n/data/lexicon.yaml is not a mapping of languages")
    return data


def check_lang(lang: str) -> str:
    """The primary language subtag of a tag if newsl10n supports it; ConfigError naming them if not.

    >>> check_lang("pt-BR")
    'pt'
    """
    primary = lang.replace("_", "-").split("-")[0].lower()
    if primary not in SUPPORTED:
        raise ConfigError(
            f"unsupported locale {lang!r} for numbers and dates: use one of {', '.join(SUPPORTED)}"
        )
    return primary


def _cldr_names(lang: str, lex: Lexicon) -> None:
    loc = Locale.parse(lang)
    for context in ("format", "stand-alone"):
        for m, name in loc.months[context]["wide"].items():
            lex.add(name, Entry("M", str(m)))
        for d, name in loc.days[context]["wide"].items():
            lex.add(name, Entry("D", str(d + 1)))  # Babel: 0 is Monday; ISO 8601: 1 is Monday
    if lang in ("en", "pt", "ru"):
        # Abbreviations only where CLDR writes them with a dot or unambiguously ("Jan", "сент.").
        for m, name in loc.months["format"]["abbreviated"].items():
            if name.endswith(".") or lang == "en":
                lex.add(name, Entry("M", str(m)))
                if lang == "en" and name != "May":
                    lex.add(name + ".", Entry("M", str(m)))


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of a supported language (ConfigError otherwise), built once."""
    lang = check_lang(lang)
    raw = lexicon_data().get(lang, {})
    lex = Lexicon(lang)
    for m, forms in (raw.get("months") or {}).items():
        for f in forms:
            lex.add(f, Entry("M", str(m)))
    for m, forms in (raw.get("solar_hijri_months") or {}).items():
        for f in forms:
            lex.add(f, Entry("M", str(m), "solar-hijri"))
    for d, forms in (raw.get("weekdays") or {}).items():
        for f in forms:
            lex.add(f, Entry("D", str(d)))
    _cldr_names(lang, lex)
    for section, code in _SECTIONS:
        items = raw.get(section) or []
        attr = "points" if section == "percent_points" else ""
        if isinstance(items, dict):
            for key, value in items.items():
                lex.add(str(key), Entry(code, str(value), attr))
        else:
            for key in items:
                lex.add(str(key), Entry(code, "", attr))
    lex.attached_scales = {norm(k): str(v) for k, v in (raw.get("attached_scales") or {}).items()}
    lex.ordinal_suffixes = frozenset(norm(s) for s in raw.get("ordinal_suffixes") or [])
    lex.bare_scales = frozenset(norm(s) for s in raw.get("bare_scales") or [])
    return lex
