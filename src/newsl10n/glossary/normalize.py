"""Normalisation for matching: one matching form for every script, with a map back to the original offsets.

The same step is applied to glossary terms and to texts, so that spelling variants that mean the
same thing compare equal:

- Unicode NFC, cluster by cluster (a decomposed "й" becomes one letter);
- invisible characters dropped: ZWNJ and ZWJ (Persian "سازمان‌های" = "سازمانهای"), soft
  hyphens, bidi marks, the Arabic tatweel and short-vowel marks (harakat), stress marks on
  Cyrillic letters ("стра́ны");
- Arabic code points unified with the Persian/Urdu ones: ي/ى → ی, ك → ک, ە/ہ/ھ/ۀ/ة/ۃ → ه,
  أ/إ/ٱ → ا; Arabic-Indic, Persian, Devanagari and full-width digits → ASCII digits;
- typographic variants: quotes « » “ ” „ → ", dashes and hyphens → -, NBSP and thin spaces →
  space; apostrophe-like signs (' ’ ‘ ` ʻ ʼ) → ʼ (U+02BC, a letter) between two letters, as in
  Uzbek "oʻzbek", "maʼlumot" or Belarusian "аб'яднаны", and → ' elsewhere;
- letters that look alike in Cyrillic and Latin unified inside words that mix the two scripts
  ("SCО" typed with a Cyrillic О).

Options (off by default; a glossary turns them on with ``meta["match-options"]``, comma-separated,
or a caller passes them to :class:`~newsl10n.glossary.annotate.TermAnnotator`):

- ``hi-nasal``: Devanagari nasal spellings are one: a nasal consonant with virama before a
  consonant of its own class is written as anusvara (हिन्दी = हिंदी, सम्बन्ध = संबंध), and
  chandrabindu as anusvara (ँ = ं).

:func:`normalise_text` returns the matching form and, when its length differs from the
original, where each of its characters came from, so spans found in the matching form index the
ORIGINAL text (:meth:`Normalised.original`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

OPTIONS = frozenset({"hi-nasal"})
"""The normalisation options that exist."""

_MAP = str.maketrans(
    {
        **dict.fromkeys("«»“”„‟〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛′＇`ʻʼʹꞌ", "'"),
        **dict.fromkeys("‐‑‒–—―−﹣－", "-"),
        **dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000", " "),
        # Arabic letters typed for their Persian/Urdu counterparts (Unicode Arabic block chart).
        "\u064a": "\u06cc",  # ي ARABIC YEH → ی FARSI YEH
        "\u0649": "\u06cc",  # ى ALEF MAKSURA → ی
        "\u0643": "\u06a9",  # ك ARABIC KAF → ک KEHEH
        "\u06d5": "\u0647",  # ە AE → ه
        "\u06c1": "\u0647",  # ہ HEH GOAL (Urdu) → ه
        "\u06be": "\u0647",  # ھ HEH DOACHASHMEE (Urdu aspiration) → ه
        "\u06c0": "\u0647",  # ۀ HEH WITH YEH ABOVE (Persian ezafe) → ه
        "\u0629": "\u0647",  # ة TEH MARBUTA → ه
        "\u06c3": "\u0647",  # ۃ TEH MARBUTA GOAL → ه
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ → ا
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian (Extended Arabic-Indic) digits
        **{chr(0x0966 + i): str(i) for i in range(10)},  # Devanagari digits
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
    }
)
# Dropped: invisible joiners and marks, tatweel, Arabic short vowels and stray hamza marks.
_DROP = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u0640\u0670"
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    # U+0610–U+061A: Arabic honorific signs written above words.
    + "".join(chr(c) for c in range(0x0610, 0x061B))
)
_DROP_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")
# Stress marks (combining acute and grave) on Cyrillic letters: "стра́ны" = "страны".
_STRESS = frozenset("\u0301\u0300")
_STRESS_RE = re.compile("[\u0400-\u04ff][\u0301\u0300]")
# Cyrillic letters that look like Latin ones, and the reverse (for words mostly in Cyrillic).
_CYR_TO_LAT = str.maketrans("АВЕКМНОРСТХаеорсухіјѕӀ", "ABEKMHOPCTXaeopcyxijsI")
_LAT_TO_CYR = str.maketrans("ABEKMHOPCTXaeopcyx", "АВЕКМНОРСТХаеорсух")
# A word with both a Latin and a Cyrillic letter (anchored at a word start, so linear).
_MIXED_WORD_RE = re.compile(r"(?<!\w)(?=\w*[a-zA-Z])(?=\w*[\u0400-\u04ff])\w+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# An apostrophe between letters is part of the word: "oʻzbek", "a'zo", "Аб'яднаных".
_INNER_APOSTROPHE_RE = re.compile(r"(?<=\w)'(?=\w)")
APOSTROPHE = "\u02bc"
"""The one apostrophe letter that word-internal apostrophes become."""

# Devanagari nasal consonant + virama before a consonant of its class → anusvara ("hi-nasal").
# Classes (varga): क-वर्ग ङ, च-वर्ग ञ, ट-वर्ग ण, त-वर्ग न, प-वर्ग म.
_NASAL_RE = re.compile(
    "ङ्(?=[कखगघ])|ञ्(?=[चछजझ])|ण्(?=[टठडढ])|न्(?=[तथदध])|म्(?=[पफबभ])"  # हिन्दी → हिंदी
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class Normalised:
    """A text's matching form; ``starts``/``ends`` give each character's original range (None:
    the same offsets as the original)."""

    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the matching form's ``[start, end)``."""
        if self.starts is None or self.ends is None or end <= start:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _unify_word(m: re.Match[str]) -> str:
    word = m.group(0)
    latin = sum(1 for c in word if "a" <= c.lower() <= "z")
    cyrillic = sum(1 for c in word if "\u0400" <= c <= "\u04ff")
    return word.translate(_CYR_TO_LAT if latin >= cyrillic else _LAT_TO_CYR)


def _same_length(text: str, options: Collection[str]) -> str:
    out = text.translate(_MAP)
    if "'" in out:
        out = _INNER_APOSTROPHE_RE.sub(APOSTROPHE, out)
    if not out.isascii() and _CYRILLIC_RE.search(out) and _MIXED_WORD_RE.search(out):
        out = _MIXED_WORD_RE.sub(_unify_word, out)
    if "hi-nasal" in options and "ँ" in out:
        out = out.replace("ँ", "ं")
    return out


def _needs_mapping(text: str, options: Collection[str]) -> bool:
    if text.isascii():
        return False
    if _DROP_RE.search(text) or not unicodedata.is_normalized("NFC", text) or _STRESS_RE.search(text):
        return True
    return "hi-nasal" in options and "्" in text and _NASAL_RE.search(text) is not None


def normalise_text(text: str, options: Collection[str] = ()) -> Normalised:
    """The matching form of ``text``, with the way back to its offsets when the length changes."""
    if not _needs_mapping(text, options):
        return Normalised(_same_length(text, options))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or "\u1160" <= text[j] <= "\u11ff"):
            j += 1  # a base and its combining marks (and Hangul vowel/final jamo) compose together
        cluster = unicodedata.normalize("NFC", text[i:j]) if j - i > 1 else text[i]
        kept = [c for c in cluster if c not in _DROP]
        # Stress marks after a Cyrillic letter go, also when a dropped joiner stood between.
        base = kept[0] if kept and not unicodedata.combining(kept[0]) else (chars[-1] if chars else "")
        if "\u0400" <= base <= "\u04ff":
            kept = [c for c in kept if c not in _STRESS]
        if kept:
            for c in kept:
                chars.append(c)
                starts.append(i)
                ends.append(j)
        elif ends:
            ends[-1] = j  # a dropped mark belongs to the character before it
        i = j
    if "hi-nasal" in options:
        k = 0
        merged_c: list[str] = []
        merged_s: list[int] = []
        merged_e: list[int] = []
        joined = "".join(chars)
        for m in _NASAL_RE.finditer(joined):
            for x in range(k, m.start()):
                merged_c.append(chars[x])
                merged_s.append(starts[x])
                merged_e.append(ends[x])
            merged_c.append("ं")
            merged_s.append(starts[m.start()])
            merged_e.append(ends[m.end() - 1])
            k = m.end()
        for x in range(k, len(chars)):
            merged_c.append(chars[x])
            merged_s.append(starts[x])
            merged_e.append(ends[x])
        chars, starts, ends = merged_c, merged_s, merged_e
    joined = "".join(chars)
    if not unicodedata.is_normalized("NFC", joined):
        # A dropped joiner stood between a letter and its mark ("a<ZWNJ>◌́"): compose again and
        # map the second pass's offsets through the first.
        again = normalise_text(joined, options)
        if again.starts is not None and again.ends is not None:
            return Normalised(
                again.text, [starts[k] for k in again.starts], [ends[k - 1] for k in again.ends]
            )
    return Normalised(_same_length(joined, options), starts, ends)


def normalise(text: str, options: Collection[str] = ()) -> str:
    """The matching form of ``text`` (its length may differ: see :func:`normalise_text`)."""
    return normalise_text(text, options).text


def fold(text: str) -> str:
    """Lower-case without changing the length (characters whose lower case is longer stay)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def parse_options(value: str) -> frozenset[str]:
    """Normalisation options from a comma-separated string (unknown names are ignored)."""
    return frozenset(x.strip() for x in value.split(",") if x.strip() in OPTIONS)
