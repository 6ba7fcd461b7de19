"""Normalisation for matching, one character for one character so offsets stay valid.

Typographic variants become one form (quotes « » “ ” „ → ", apostrophes ’ ‘ → ', dashes and
hyphens → -, NBSP and thin spaces → space), and letters that look alike in Cyrillic and Latin
are unified inside words that mix the two scripts ("SCО" typed with a Cyrillic О). Text is
expected in NFC, as newsl10n's readers produce it; :func:`nfc` is applied to glossary terms.
"""

from __future__ import annotations

import re
import unicodedata

_MAP = str.maketrans(
    {
        **dict.fromkeys("«»“”„‟〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛′＇`", "'"),
        **dict.fromkeys("‐‑‒–—―−﹣－", "-"),
        **dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000", " "),
    }
)
# Cyrillic letters that look like Latin ones, and the reverse (for words mostly in Cyrillic).
_CYR_TO_LAT = str.maketrans("АВЕКМНОРСТХаеорсухіјѕӀ", "ABEKMHOPCTXaeopcyxijsI")
_LAT_TO_CYR = str.maketrans("ABEKMHOPCTXaeopcyx", "АВЕКМНОРСТХаеорсух")
_MIXED_WORD_RE = re.compile(r"\w*(?:[a-zA-Z]\w*[\u0400-\u04ff]|[\u0400-\u04ff]\w*[a-zA-Z])\w*")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _unify_word(m: re.Match[str]) -> str:
    word = m.group(0)
    latin = sum(1 for c in word if "a" <= c.lower() <= "z")
    cyrillic = sum(1 for c in word if "\u0400" <= c <= "\u04ff")
    return word.translate(_CYR_TO_LAT if latin >= cyrillic else _LAT_TO_CYR)


def normalise(text: str) -> str:
    """The matching form of ``text``; same length, same offsets."""
    out = text.translate(_MAP)
    if _MIXED_WORD_RE.search(out):
        out = _MIXED_WORD_RE.sub(_unify_word, out)
    return out


def fold(text: str) -> str:
    """Lower-case without changing the length (characters whose lower case is longer stay)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
