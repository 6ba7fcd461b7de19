"""The rule engine that finds sentence boundaries in a block of text, in linear time."""

from __future__ import annotations

import re
import unicodedata

from .rules import LanguageRules

# A candidate boundary: terminal punctuation, then closing quotes/brackets, then whitespace.
#   "He left. She stayed."      -> after "left. "
#   "他走了。她留下了。"            -> after "。" (no space in CJK text)
#   "«Мы готовы», — сказал он."  -> closing » is consumed only right after a terminator
_TERMINATORS = ".!?…。！？｡۔؟।॥"
_CLOSERS = "\"'”’»)]}」』》〉】）›"
_CANDIDATE_RE = re.compile(rf"([{re.escape(_TERMINATORS)}]+)([{re.escape(_CLOSERS)}]*)(\s*)")
# Terminators that end a sentence even with no space after them.
_STRONG = frozenset("。！？｡۔؟।॥")
# The word before a full stop: letters, digits, inner dots and hyphens ("U.S", "г-н", "e.g").
_WORD_BEFORE_RE = re.compile(r"[\w.\-'’]*\w$")
_PLACEHOLDER_TAIL_RE = re.compile(r"⟦/?\d+⟧$")


def _is_upper_start(text: str, pos: int) -> bool:
    """True when the next word starts with something that can open a sentence."""
    n = len(text)
    while pos < n and (text[pos] in "\"'“‘«„([{¿¡—–-" or text[pos] == "⟦"):
        if text[pos] == "⟦":
            end = text.find("⟧", pos)
            if end < 0:
                break
            pos = end + 1
        else:
            pos += 1
    if pos >= n:
        return True
    ch = text[pos]
    if ch.isupper() or ch.isdigit():
        return True
    # Scripts without case (Arabic, Devanagari, CJK…) give no signal: treat as a start.
    return ch.isalpha() and not ch.islower()


def boundaries(text: str, rules: LanguageRules) -> list[int]:
    """End offsets of every sentence in ``text`` (the last one is ``len(text)``).

    Each sentence keeps the whitespace that follows it, so the sentences tile the text.
    """
    ends: list[int] = []
    n = len(text)
    for m in _CANDIDATE_RE.finditer(text):
        term, _closers, space = m.group(1), m.group(2), m.group(3)
        end = m.end()
        if end >= n:
            break
        strong = any(c in _STRONG for c in term)
        if not space and not strong:
            continue  # "3.5", "example.com", "U.S.A"
        if space and not strong and "\n\n" not in space and not _is_upper_start(text, end):
            continue  # "etc. and", "he said." followed by lowercase
        if (
            term[-1] == "."
            and len(term) == 1
            and not _closers
            and not _ends_sentence_at_period(text, m.start(), end, rules)
        ):
            continue
        if term in ("...", "…") and not _is_upper_start(text, end):
            continue
        ends.append(end)
    if not ends or ends[-1] != n:
        ends.append(n)
    return ends


def _ends_sentence_at_period(text: str, dot: int, next_start: int, rules: LanguageRules) -> bool:
    """Decide whether the full stop at ``dot`` ends a sentence, from the word before it."""
    head = text[max(0, dot - 40) : dot]
    head = _PLACEHOLDER_TAIL_RE.sub("", head)
    m = _WORD_BEFORE_RE.search(head)
    if m is None:
        return True
    word = m.group(0)
    low = word.lower()
    if low in rules.prefixes:
        return False  # "Mr. Li", "No. 5", "проф. Иванов"
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith", "Ә. Кекілбаев"
    if low in rules.abbreviations or _is_acronym(word):
        # "in the U.S. He said" splits; "the U.S. economy" does not.
        nxt = text[next_start : next_start + 1]
        return bool(nxt) and (nxt.isupper() or not nxt.isalpha())
    # The inner part of "т. е." or "i. e." (a lone lower-case letter after another dot) continues.
    return not (
        len(word) == 1
        and word.isalpha()
        and unicodedata.category(word) == "Ll"
        and "." in text[max(0, dot - 3) : dot]
    )


def _is_acronym(word: str) -> bool:
    """Dotted acronyms such as "D.C", "E.U", "U.S.A" (the final dot is not in ``word``)."""
    parts = word.split(".")
    return len(parts) >= 2 and all(len(p) == 1 and p.isalpha() for p in parts)
