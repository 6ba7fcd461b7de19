"""Glossary data: concepts with terms per language, each with a status and a case policy."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

TermStatus = Literal["preferred", "admitted", "deprecated"]
STATUSES: tuple[TermStatus, ...] = ("preferred", "admitted", "deprecated")
# The values of the TBX data categories grammaticalGender and grammaticalNumber (ISO 30042:2019,
# TBX-Basic), as TBX spells them.
Gender = Literal["masculine", "feminine", "neuter", "other"]
GENDERS: tuple[Gender, ...] = ("masculine", "feminine", "neuter", "other")
Number = Literal["singular", "plural", "other"]
NUMBERS: tuple[Number, ...] = ("singular", "plural", "other")


@functools.lru_cache(maxsize=65536)
def _looks_like_acronym(text: str) -> bool:
    # Only letters that have case count: Arabic, Devanagari or Han terms are never acronyms.
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """One term of a concept in one language.

    ``case_sensitive`` None means the default policy: acronyms and all-capitals terms ("SCO",
    "BRICS") match case-sensitively, other terms case-insensitively.

    ``gender`` and ``number`` (TBX ``grammaticalGender``/``grammaticalNumber``) are the term's own,
    recorded where the language needs them to place the term in a sentence (Portuguese "a OCX",
    "as Nações Unidas"; the Russian declension of "Тяньцзинь"); None when not recorded.
    """

    text: str
    lang: str
    status: TermStatus = "preferred"
    case_sensitive: bool | None = None
    note: str = ""
    gender: Gender | None = None
    number: Number | None = None

    @property
    def is_case_sensitive(self) -> bool:
        if self.case_sensitive is not None:
            return self.case_sensitive
        return _looks_like_acronym(self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Concept:
    """A concept (an organisation, a title, a programme…) and its terms in every language.

    ``dnt`` (do not translate): every target must keep the source form, e.g. a brand name.
    """

    id: str
    terms: tuple[Term, ...]
    dnt: bool = False
    note: str = ""
    source: str = ""
    subject: str = ""
    line: int | None = None  # where the concept starts in its file, for messages

    def terms_in(self, lang: str, *statuses: TermStatus) -> list[Term]:
        """Terms in a language (matched on the primary subtag too), optionally of some statuses."""
        primary = lang.split("-")[0].lower()
        out = [t for t in self.terms if t.lang == lang or t.lang.split("-")[0].lower() == primary]
        if statuses:
            out = [t for t in out if t.status in statuses]
        return out

    @property
    def languages(self) -> list[str]:
        seen: list[str] = []
        for t in self.terms:
            if t.lang not in seen:
                seen.append(t.lang)
        return seen


@dataclass(frozen=True, slots=True, kw_only=True)
class Glossary:
    """A term base: concepts, the language its source terms are in, and where it came from."""

    concepts: tuple[Concept, ...]
    source_lang: str = "en"
    path: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    @property
    def languages(self) -> list[str]:
        seen: list[str] = []
        for c in self.concepts:
            for lang in c.languages:
                if lang not in seen:
                    seen.append(lang)
        return seen

    def digest(self) -> str:
        """A content hash for provenance (``sha256:`` and 12 hex digits)."""
        payload = [[c.id, c.dnt, [_term_key(t) for t in c.terms]] for c in self.concepts]
        data = json.dumps([self.source_lang, payload], ensure_ascii=False).encode("utf-8")
        return "sha256:" + hashlib.sha256(data).hexdigest()[:12]


def _term_key(t: Term) -> list[object]:
    # Gender and number only where recorded, so that glossaries without them keep their digests.
    key: list[object] = [t.text, t.lang, t.status, t.case_sensitive]
    if t.gender is not None or t.number is not None:
        key += [t.gender, t.number]
    return key
