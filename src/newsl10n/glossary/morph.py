"""Per-language morphology data for term matching, loaded from the JSON files in ``glossary/data/morph``.

Each file describes, for one language, how a word of a term may change in running text::

    {"_doc": "...", "chain": false, "min_stem": 3, "join_words": false,
     "endings":      {"items": ["а", "ы", ...],          "examples": [...]},
     "alternations": {"items": [["т", "ц"], ...],        "examples": [...]},
     "initial":      {"items": [["у", "ў"]],             "examples": [...]},
     "irregular":    {"items": {"وزیر": ["وزرا"]},       "examples": [...]},
     "word_endings": {"items": ["s", "es"],               "examples": [...]},
     "detached":     {"items": ["ها", "های"],            "examples": [...]}}

- ``endings``: what may follow a stem (a case, number or possessive ending); with ``chain``
  true (agglutinative languages) up to ``max_chain`` of them in a row, buffer consonants
  written into the endings themselves ("-нде" after a possessive, "-нын").
- ``alternations``: a stem-final sound change before an ending, ``[from, to]``: Belarusian
  locative "парламент" → "парламенц|е", "Прага" → "Праз|е"; Turkic voicing "одақ" → "одағ|ы".
- ``initial``: a word-initial change (Belarusian "у" → "ў" after a vowel).
- ``irregular``: forms no ending table predicts, word → other stems (Persian and Urdu broken
  plurals: "وزیر" → "وزرا"). The glossary may also list such forms as admitted terms.
- ``word_endings``: where given, the only endings a whole (uncut) term word takes: Portuguese
  "cúpula" → "cúpulas", but "Teerã" is not "Teerão".
- ``detached``: suffixes that may stand as their own word after a term word (Persian "ها"
  written after a space instead of a ZWNJ).

With ``join_words`` (Persian, Urdu) a term word written solid or with a ZWNJ also matches two
text words written with a space ("اسلام‌آباد" = "اسلام آباد").

Where a dictionary analyser with a permissive licence is installed (pymorphy3 with
pymorphy3-dicts-ru for Russian), a Cyrillic word the tables do not match is also matched when it
shares a dictionary form with the term word and its first two letters ("рынок" → "рынка");
the tables stay the first and, without the analyser, the only evidence.

Every group has ``examples``, ``{"term": ..., "forms": [...], "not": [...]}``, which the tests
run: each form must match the term, each "not" must not. All strings are put through the
matching normalisation when loaded, so data may be written in any of the spellings it unifies.
"""

from __future__ import annotations

import functools
import importlib
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..errors import ConfigError
from .normalize import fold, normalise

GROUPS = ("endings", "word_endings", "alternations", "initial", "irregular", "detached")


@dataclass(frozen=True, slots=True)
class Morphology:
    """The morphology data of one language, in matching form (normalised and lower-cased)."""

    lang: str
    endings: frozenset[str] = frozenset()
    chain: bool = False
    max_chain: int = 4
    min_stem: int = 3
    alternations: tuple[tuple[str, str], ...] = ()
    initial: tuple[tuple[str, str], ...] = ()
    irregular: dict[str, tuple[str, ...]] = field(default_factory=dict)
    detached: frozenset[str] = frozenset()
    word_endings: frozenset[str] | None = None
    join_words: bool = False
    longest: int = 0
    analyser: str = "tables"
    """``tables``, or ``pymorphy3`` where that analyser and its dictionary are installed."""


def _key(text: str) -> str:
    # Normalised between two digits, so an apostrophe at the edge of a piece ("gʻ", "ʼs") is
    # normalised as the word-internal letter it will be in a text.
    return fold(normalise(f"0{text}0")[1:-1])


def load_morph_data(lang: str) -> dict[str, Any]:
    """The raw JSON data of a language (``{}`` when there is no file)."""
    path = resources.files("newsl10n.glossary") / "data" / "morph" / f"{lang}.json"
    if not path.is_file():
        return {}
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:  # a packaging bug, not user input
        raise ConfigError(f"morphology data for {lang!r} is not valid JSON: {exc}") from exc
    return data


def morph_languages() -> list[str]:
    """Languages that have a morphology file."""
    folder = resources.files("newsl10n.glossary") / "data" / "morph"
    return sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))


def _items(data: dict[str, Any], group: str) -> Any:
    entry = data.get(group, {})
    return entry.get("items", []) if isinstance(entry, dict) else entry


# Dictionary analysers with a permissive licence, by language: pymorphy3 (MIT) with
# pymorphy3-dicts-ru (MIT). The Ukrainian dictionary package is GPL-3.0, so Ukrainian uses the tables.
_ANALYSERS = {"ru": "ru"}


@functools.lru_cache(maxsize=8)
def _pymorphy(lang: str) -> Any:
    """A pymorphy3 analyser for ``lang``, or None when pymorphy3 or its dictionary is missing."""
    if lang not in _ANALYSERS:
        return None
    try:
        pymorphy3 = importlib.import_module("pymorphy3")  # optional: the 'morph' extra
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang=_ANALYSERS[lang])
    except (ValueError, OSError, LookupError):  # the dictionary package is not installed
        return None


@functools.lru_cache(maxsize=65536)
def lemmas(word: str, lang: str) -> frozenset[str]:
    """The dictionary forms a word may be a form of (empty without an analyser for ``lang``)."""
    analyser = _pymorphy(lang)
    if analyser is None:
        return frozenset()
    return frozenset(p.normal_form.replace("ё", "е") for p in analyser.parse(word))


@functools.lru_cache(maxsize=64)
def morphology(lang: str) -> Morphology:
    """The morphology of a primary language subtag (no endings at all for a language without data)."""
    data = load_morph_data(lang)
    endings = frozenset(_key(e) for e in _items(data, "endings"))
    irregular: dict[str, tuple[str, ...]] = {}
    for word, forms in dict(_items(data, "irregular") or {}).items():
        irregular[_key(word)] = tuple(_key(f) for f in forms)
    return Morphology(
        lang=lang,
        endings=endings,
        chain=bool(data.get("chain", False)),
        max_chain=int(data.get("max_chain", 4)),
        min_stem=int(data.get("min_stem", 3)),
        alternations=tuple((_key(a), _key(b)) for a, b in _items(data, "alternations")),
        initial=tuple((_key(a), _key(b)) for a, b in _items(data, "initial")),
        irregular=irregular,
        detached=frozenset(_key(e) for e in _items(data, "detached")),
        word_endings=frozenset(_key(e) for e in _items(data, "word_endings"))
        if "word_endings" in data
        else None,
        join_words=bool(data.get("join_words", False)),
        longest=max(map(len, endings), default=0),
        analyser="pymorphy3" if _pymorphy(lang) is not None else "tables",
    )


def examples(lang: str) -> list[tuple[str, str, list[str], list[str]]]:
    """Every example of a language's data: (group, term, forms that match, forms that do not)."""
    data = load_morph_data(lang)
    out = []
    for group in GROUPS:
        entry = data.get(group)
        if isinstance(entry, dict):
            for ex in entry.get("examples", []):
                out.append((group, ex["term"], list(ex.get("forms", [])), list(ex.get("not", []))))
    return out
