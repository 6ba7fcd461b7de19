"""Per-language segmentation rule data, loaded from the JSON files in ``segment/data``.

Each file holds, for one language, lists of abbreviations and the examples that justify them::

    {"prefixes": {"items": [...], "examples": [{"text": ..., "sentences": [...]}]},
     "abbreviations": {...}, "starters": {...}, "pronouns": {...}, "common": {...}, "examples": [...]}

Sources and licences of the lists are in ``segment/data/README.md``.

The examples are run as tests, so every rule sits next to a case it must handle.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..langs import language

RULES_VERSION = "rules-v3"
KEYS = (
    "prefixes",
    "abbreviations",
    "starters",
    "pronouns",
    "closers",
    "common",
    "bang_names",
    "attributions",
)


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """The rule data of one language.

    ``prefixes`` (lower-cased, without the final dot) never end a sentence: a name or a number
    follows them ("Mr. Li", "No. 5"). ``abbreviations`` end one only when a sentence starter
    follows ("in the U.S. He said"), or, for languages without a starters list, any capital.
    ``starters`` are words that often open a sentence (case-sensitive). ``pronouns`` are
    one-letter words that are not initials (English "I"). ``closers`` are closing quotation marks
    beyond the common ones (Urdu and Persian typesetting closes a quote with “). ``common`` are
    lower-case words that are written lower-case mid-sentence, so a capitalised one after an
    abbreviation opens a sentence (Punkt's orthographic evidence, "Orion Ltd. Shares fell").
    ``bang_names`` are names written with "!" ("Yahoo"). ``attributions`` are speech verbs that
    close a quotation's attribution in languages written without spaces ("“……吗？”他问道。").
    """

    lang: str
    prefixes: frozenset[str]
    abbreviations: frozenset[str]
    starters: frozenset[str]
    pronouns: frozenset[str]
    closers: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    bang_names: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()
    starter_heads: frozenset[str] = frozenset()  # first two letters of each starter: a cheap pre-check
    compound_tails: frozenset[str] = frozenset()  # last words of "и пр", "va h.k": when to look back

    @property
    def extra_closers(self) -> str:
        """The language's extra closing quotes as one string, in a stable order."""
        return "".join(sorted(self.closers))


def load_data(name: str) -> dict[str, Any]:
    """The raw JSON rule data of a language (``{}`` when there is no file)."""
    path = resources.files("newsl10n.segment") / "data" / f"{name}.json"
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def data_languages() -> list[str]:
    """Languages that have a rule file."""
    folder = resources.files("newsl10n.segment") / "data"
    return sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))


def _items(data: dict[str, Any], key: str) -> list[str]:
    entry = data.get(key, {})
    return list(entry.get("items", [])) if isinstance(entry, dict) else list(entry)


@functools.lru_cache(maxsize=64)
def rules_for(tag: str) -> LanguageRules:
    """The rules for a language tag.

    Every language also gets the English prefixes and abbreviations: English names, titles and
    acronyms turn up in news in every language. Languages without a file get only those.
    """
    lang = language(tag)
    data = load_data(lang)
    en = load_data("en") if lang != "en" else {}
    prefixes = _items(data, "prefixes") + _items(en, "prefixes")
    abbreviations = _items(data, "abbreviations") + _items(en, "abbreviations")
    return LanguageRules(
        lang=lang,
        prefixes=frozenset(p.lower() for p in prefixes),
        abbreviations=frozenset(a.lower() for a in abbreviations),
        starters=frozenset(_items(data, "starters")),
        starter_heads=frozenset(w[:2] for w in _items(data, "starters") if len(w) >= 2),
        compound_tails=frozenset(a.lower().rsplit(" ", 1)[-1] for a in abbreviations if " " in a),
        pronouns=frozenset(_items(data, "pronouns")),
        closers=frozenset(_items(data, "closers")),
        common=frozenset(w.lower() for w in _items(data, "common")),
        bang_names=tuple(sorted(set(_items(data, "bang_names") + _items(en, "bang_names")))),
        attributions=tuple(_items(data, "attributions")),
    )
