"""Inflected forms of target terms: each term word compiled once into its possible stems, then
matched against the words of a normalised text with the language's endings.

A term word matches a text word that starts with one of the term word's stems and ends in
nothing, one of the language's endings, or (agglutinative languages) a chain of them. The stems
of a word are the word itself, the word less any of its endings (stems of at least ``min_stem``
letters and half the word), those stems after a stem-final sound change (Belarusian "Прага" →
"Праз|е"), and forms the data lists as irregular (Persian "وزیر" → "وزرا"). "Шанхайская
организация" matches "Шанхайской организации", "Кеңеши" matches "Кеңешинде", "Қазақстан"
matches "Қазақстанның". No dictionary is needed and the check stays linear in the text. The
data is in :mod:`newsl10n.glossary.morph`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass

from .morph import Morphology, lemmas, morphology
from .normalize import APOSTROPHE, fold, normalise

NO_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
# Words of a term or a text: runs of anything but spaces, hyphens and punctuation (Latin,
# Arabic, Devanagari and CJK), so that hyphenated compounds inflect per part
# ("Estado-membro" → "Estados-Membros", "дзяржава-член" → "дзяржавы-члены").
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# Placeholders (⟦1⟧, ⟦/1⟧) separate words too: "⟦1⟧Secretariado" is the word "Secretariado".
_TOKEN_RE = re.compile(r"[^\s\-.,;:!?()\[\]{}\"'«»“”„…/|،؛؟۔।॥、，。：；！？（）⟦⟧]+")


@dataclass(frozen=True, slots=True)
class WordPattern:
    """One word of a term: its surface form, its stems, and the prefix every stem shares."""

    surface: str
    stems: tuple[str, ...]
    prefix: str
    inflects: bool = True


@dataclass(frozen=True, slots=True)
class TermPattern:
    """A compiled term: its words, the language's morphology, and whether case matters."""

    words: tuple[WordPattern, ...]
    morph: Morphology
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Match:
    """A term found in a text: token range, offsets in the matching form, and whether every word is
    exactly the term's word (no ending, no sound change)."""

    start: int
    end: int
    exact: bool


def _common_prefix(items: Collection[str]) -> str:
    lo, hi = min(items), max(items)
    n = 0
    while n < len(lo) and lo[n] == hi[n]:
        n += 1
    return lo[:n]


def _word_stems(key: str, morph: Morphology, inflect: bool) -> tuple[str, ...]:
    if not inflect or not any(c.isalpha() for c in key):
        return (key,)
    floor = max(morph.min_stem, (len(key) + 1) // 2)
    stems = {key}
    for n in range(1, min(morph.longest, len(key) - floor) + 1):
        if key[-n:] in morph.endings:
            stems.add(key[:-n])
    for stem in list(stems):
        for a, b in morph.alternations:
            if stem.endswith(a) and len(stem) - len(a) + len(b) >= floor - 1:
                stems.add(stem[: len(stem) - len(a)] + b)
    for stem in list(stems):
        stems.update(morph.irregular.get(stem, ()))
    for stem in list(stems):
        for a, b in morph.initial:
            if stem.startswith(a):
                stems.add(b + stem[len(a) :])
    return tuple(sorted(stems, key=len, reverse=True))


@functools.lru_cache(maxsize=65536)
def compile_term(
    text: str, lang: str, case_sensitive: bool, options: frozenset[str] = frozenset()
) -> TermPattern:
    """The words of a term with their stems, in matching form; cached."""
    morph = morphology(lang)
    words = []
    for word in _TOKEN_RE.findall(normalise(text, options)):
        key = word if case_sensitive else fold(word)
        # Acronyms take endings ("ШКУнун") but are never cut down to a stem.
        stems = _word_stems(key, morph, inflect=not case_sensitive)
        words.append(WordPattern(key, stems, _common_prefix(stems), not case_sensitive))
    return TermPattern(tuple(words), morph, case_sensitive)


def _ending_ok(rest: str, morph: Morphology) -> bool:
    """True when ``rest`` is empty, one of the language's endings, or (chain) a run of them."""
    if not rest:
        return True
    if rest[0] in (APOSTROPHE, "-") and morph.chain:
        rest = rest[1:]  # "ShHTʼning", "ШЫҰ-ның"
    endings = morph.endings
    if rest in endings:
        return True
    if not morph.chain:
        return False
    longest = morph.longest
    reachable = {0}
    for _ in range(morph.max_chain):
        nxt = {
            j
            for i in reachable
            for j in range(i + 1, min(len(rest), i + longest) + 1)
            if rest[i:j] in endings
        }
        if len(rest) in nxt:
            return True
        if not nxt:
            return False
        reachable = nxt
    return False


def _word_matches(w: str, word: WordPattern, morph: Morphology) -> bool:
    if w.startswith(word.prefix):
        for stem in word.stems:
            if w.startswith(stem):
                rest = w[len(stem) :]
                if stem == word.surface and rest and morph.word_endings is not None:
                    if rest in morph.word_endings:
                        return True
                elif _ending_ok(rest, morph):
                    return True
    if morph.analyser != "tables" and word.inflects and w[:2] == word.surface[:2] and _CYRILLIC_RE.match(w):
        # The dictionary: fleeting vowels and other changes the tables do not list ("рынок" → "рынка").
        return not lemmas(w, morph.lang).isdisjoint(lemmas(word.surface, morph.lang))
    return False


@functools.lru_cache(maxsize=16)
def tokens(text: str, case_sensitive: bool) -> tuple[tuple[int, int, str], ...]:
    """The words of a normalised text with their offsets; cached, as every term of a segment's
    source hits is looked up in the same target."""
    key = text if case_sensitive else fold(text)  # fold keeps the length, so offsets hold
    return tuple((m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(key))


def _match_at(words: tuple[tuple[int, int, str], ...], p: int, word: WordPattern, morph: Morphology) -> int:
    """How many text words from ``p`` the term word matches: 1, 2 (a compound written apart, for
    languages with ``join_words``), or 0."""
    if p >= len(words):
        return 0
    if _word_matches(words[p][2], word, morph):
        return 1
    if (
        morph.join_words
        and p + 1 < len(words)
        and words[p + 1][0] - words[p][1] == 1
        and word.surface.startswith(words[p][2])
        and _word_matches(words[p][2] + words[p + 1][2], word, morph)
    ):
        return 2
    return 0


def find_all(target: str, pattern: TermPattern) -> list[Match]:
    """Every place a compiled term (or an inflected form) occurs in a normalised text of its language."""
    if not pattern.words:
        return []
    words = tokens(target, pattern.case_sensitive)
    morph = pattern.morph
    out: list[Match] = []
    first = pattern.words[0]
    prefix = first.prefix
    # Only the analyser and written-apart compounds match a word without the stems' prefix.
    slow = morph.join_words or morph.analyser != "tables"
    for i in range(len(words)):
        if not slow and not words[i][2].startswith(prefix):
            continue
        n = _match_at(words, i, first, morph)
        if not n:
            continue
        exact = n == 1 and words[i][2] == first.surface
        p = i + n
        for word in pattern.words[1:]:
            if p < len(words) and words[p][2] in morph.detached and words[p][0] - words[p - 1][1] <= 1:
                p += 1  # Persian "کشور های عضو": the plural written apart
            n = _match_at(words, p, word, morph)
            if not n:
                break
            exact = exact and n == 1 and words[p][2] == word.surface
            p += n
        else:
            out.append(Match(words[i][0], words[p - 1][1], exact))
    return out


def find_compact(
    target: str, text: str, case_sensitive: bool, options: frozenset[str] = frozenset()
) -> list[Match]:
    """Chinese and Japanese: no word boundaries, no inflection; spaces inside the term are optional."""
    needle = "".join(_TOKEN_RE.findall(normalise(text, options)))
    if not needle:
        return []
    hay = target if case_sensitive else fold(target)
    needle = needle if case_sensitive else fold(needle)
    compact = [(i, c) for i, c in enumerate(hay) if not c.isspace()]
    joined = "".join(c for _, c in compact)
    out = []
    k = joined.find(needle)
    while k >= 0:
        out.append(Match(compact[k][0], compact[k + len(needle) - 1][0] + 1, True))
        k = joined.find(needle, k + len(needle))
    return out


def find_term(
    target: str, text: str, lang: str, case_sensitive: bool, options: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """Where ``text`` or an inflected form first occurs in a normalised target text of ``lang``."""
    primary = lang.split("-")[0].lower()
    if primary in NO_SPACES:
        found = find_compact(target, text, case_sensitive, options)
    else:
        found = find_all(target, compile_term(text, primary, case_sensitive, options))
    return (found[0].start, found[0].end) if found else None


def fold_key(text: str) -> str:
    """The automaton key of a term: normalised, lower-cased."""
    return fold(normalise(text))
