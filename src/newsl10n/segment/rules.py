"""Per-language segmentation rule data, loaded from the JSON files in ``segment/data``."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from ..langs import language

RULES_VERSION = "rules-v1"


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """Abbreviations of one language, lower-cased, without their final full stop.

    ``prefixes`` never end a sentence (a name or a number follows them: "Mr. Li", "No. 5").
    ``abbreviations`` end a sentence only when a capitalised word follows ("in the U.S. He").
    """

    lang: str
    prefixes: frozenset[str]
    abbreviations: frozenset[str]


def _load(name: str) -> tuple[list[str], list[str]]:
    path = resources.files("newsl10n.segment") / "data" / f"{name}.json"
    if not path.is_file():
        return [], []
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data.get("prefixes", [])), list(data.get("abbreviations", []))


@functools.lru_cache(maxsize=64)
def rules_for(tag: str) -> LanguageRules:
    """The rules for a language tag; languages without a data file get the English Latin-script
    abbreviations, since English names and acronyms turn up in news in every language."""
    lang = language(tag)
    prefixes, abbreviations = _load(lang)
    if lang != "en":
        en_prefixes, en_abbreviations = _load("en")
        prefixes += en_prefixes
        abbreviations += en_abbreviations
    return LanguageRules(
        lang=lang,
        prefixes=frozenset(p.lower() for p in prefixes),
        abbreviations=frozenset(a.lower() for a in abbreviations),
    )
