"""Finding glossary terms in text: one Aho–Corasick automaton over every source term, linear in
the text whatever the size of the glossary; then the target side of each hit is checked.

Matching is on normalised text (typographic variants, look-alike letters; see
:mod:`newsl10n.glossary.normalize`), lower-cased unless a term is case-sensitive (acronyms such as
"SCO" by default), on word boundaries except in scripts written without spaces, longest match
first when terms nest ("SCO" inside "SCO summit").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ahocorasick

from ..langs import language
from .inflect import NO_SPACES, find_term, fold_key
from .model import Concept, Glossary, Term
from .normalize import APOSTROPHE, fold, normalise, normalise_text, parse_options


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in a text: the concept, the term as written in the glossary, and the span."""

    concept: Concept
    term: Term
    start: int
    end: int


def _is_word(ch: str) -> bool:
    # A word-internal apostrophe is a letter for target words ("oʻzbek") but ends an English
    # source word ("Kazakhstanʼs").
    return (ch.isalnum() and ch != APOSTROPHE) or ch == "_"


class TermIndex:
    """The source terms of a glossary (in ``source_lang``), ready to be found in any text."""

    def __init__(self, glossary: Glossary, source_lang: str | None = None) -> None:
        self.glossary = glossary
        self.source_lang = source_lang or glossary.source_lang
        self._no_spaces = language(self.source_lang) in NO_SPACES
        self.options = parse_options(glossary.meta.get("match-options", ""))
        self._automaton: Any = ahocorasick.Automaton()
        entries: dict[str, list[tuple[Concept, Term, str]]] = {}
        for concept in glossary.concepts:
            for term in concept.terms_in(self.source_lang):
                exact = normalise(term.text, self.options)
                for variant in self._variants(exact):
                    entries.setdefault(fold(variant), []).append((concept, term, variant))
        for key, value in entries.items():
            self._automaton.add_word(key, (len(key), value))
        self.size = len(entries)
        if entries:
            self._automaton.make_automaton()

    def _variants(self, exact: str) -> list[str]:
        """The term, and its English plural, which news uses freely ("summit"/"summits")."""
        out = [exact]
        if language(self.source_lang) == "en" and exact[-1:].isalpha() and exact[-1:].islower():
            out += [exact + "s", exact + "es"]
        return out

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping term hits in ``text``, longest first where they overlap, in order."""
        if not self.size or not text:
            return []
        normalised = normalise_text(text, self.options)
        norm = normalised.text
        folded = fold(norm)
        found: list[Hit] = []
        n = len(norm)
        for end_idx, (length, candidates) in self._automaton.iter(folded):
            start, end = end_idx - length + 1, end_idx + 1
            if not self._no_spaces and (
                (start > 0 and _is_word(folded[start - 1])) or (end < n and _is_word(folded[end]))
            ):
                continue  # "AI" inside "PAID"
            for concept, term, variant in candidates:
                if term.is_case_sensitive and norm[start:end] != variant:
                    continue
                found.append(Hit(concept, term, *normalised.original(start, end)))
                break
        found.sort(key=lambda h: (h.start, -(h.end - h.start)))
        chosen: list[Hit] = []
        last_end = -1
        for hit in found:
            if hit.start >= last_end:
                chosen.append(hit)
                last_end = hit.end
            elif hit.end - hit.start > chosen[-1].end - chosen[-1].start and hit.start == chosen[-1].start:
                chosen[-1] = hit
                last_end = hit.end
        return chosen


def contains_term(
    target_norm: str, term: Term, lang: str, *, inflected: bool = True
) -> tuple[int, int] | None:
    """Where a term (or, with ``inflected``, an inflected form) occurs in a normalised target text."""
    if inflected:
        return find_term(target_norm, term.text, lang, term.is_case_sensitive)
    key = normalise(term.text)
    hay, needle = (target_norm, key) if term.is_case_sensitive else (fold(target_norm), fold(key))
    i = hay.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


__all__ = ["Hit", "TermIndex", "contains_term", "fold_key"]
