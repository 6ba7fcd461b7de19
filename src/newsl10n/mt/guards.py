"""Output guards: per-segment checks for the ways neural MT fails badly (loops, runs, wrong script, drops).

Each check compares one source sentence with its machine translation and returns Issues; the
Engine base class retries the ones in :data:`RETRYABLE` with safer decoding and attaches whatever is
still wrong. The checks are deliberately conservative: they look for failures a reader would call
broken output, not for style.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import ConfigError
from ..langs import script
from ..model import Issue

#: Problems that a different decoding (beam search, repetition penalty) often fixes.
RETRYABLE = frozenset({"mt-repetition", "mt-hallucination", "mt-empty"})

_TOKEN_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|\w+|[^\w\s]")
_LETTER_RE = re.compile(r"[^\W\d_]")

# Double quotation marks of the languages newsl10n serves (apostrophes and single quotes are not
# counted: they double as apostrophes in English and French).
_QUOTES = frozenset('"“”„«»「」『』‹›')

# Unicode character-name prefixes of each ISO 15924 script subtag.
_SCRIPT_NAMES: dict[str, tuple[str, ...]] = {
    "Latn": ("LATIN",),
    "Cyrl": ("CYRILLIC",),
    "Hans": ("CJK",),
    "Hant": ("CJK",),
    "Jpan": ("CJK", "HIRAGANA", "KATAKANA"),
    "Kore": ("HANGUL", "CJK"),
    "Arab": ("ARABIC",),
    "Deva": ("DEVANAGARI",),
    "Armn": ("ARMENIAN",),
    "Geor": ("GEORGIAN",),
    "Grek": ("GREEK",),
    "Hebr": ("HEBREW",),
    "Thai": ("THAI",),
}


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, with each CJK character a token of its own."""
    return _TOKEN_RE.findall(text.lower())


def check(source: str, output: str, target_lang: str) -> list[Issue]:
    """Every guard's findings for one sentence and its translation."""
    return [
        *empty(source, output),
        *repetition(source, output),
        *hallucination(source, output),
        *wrong_script(output, target_lang),
        *quotes_dropped(source, output),
    ]


def empty(source: str, output: str) -> list[Issue]:
    """The translation is empty although the source has words."""
    if output.strip() or not any(c.isalnum() for c in source):
        return []
    return [Issue(code="mt-empty", severity="error", message="the engine returned an empty translation")]


def _longest_loop(toks: list[str]) -> tuple[str, int]:
    """The n-gram (n = 1…6) repeated most often back to back, and how many times it runs."""
    best, times = "", 1
    for n in range(1, 7):
        for start in range(len(toks) - 2 * n + 1):
            unit = toks[start : start + n]
            count = 1
            pos = start + n
            while toks[pos : pos + n] == unit:
                count += 1
                pos += n
            if count > times and (n > 1 or unit[0].isalnum()):
                best, times = " ".join(unit), count
    return best, times


def repetition(source: str, output: str) -> list[Issue]:
    """The translation loops: a word repeated four times, or a phrase three times, back to back."""
    out_toks = tokens(output)
    unit, times = _longest_loop(out_toks)
    need = 4 if " " not in unit else 3
    if not unit or times < need:
        return []
    _, source_times = _longest_loop(tokens(source))
    if source_times >= times:
        return []
    return [
        Issue(
            code="mt-repetition",
            severity="error",
            message=f"the translation repeats {unit!r} {times} times in a row: the engine went into a loop",
            attrs={"repeated": unit, "times": str(times)},
        )
    ]


def hallucination(source: str, output: str) -> list[Issue]:
    """The translation is far longer than the source: the engine made up a run of text."""
    n_src, n_out = len(tokens(source)), len(tokens(output))
    if n_out <= 3 * n_src + 12:
        return []
    return [
        Issue(
            code="mt-hallucination",
            severity="error",
            message=(
                f"the translation has {n_out} tokens for a source of {n_src}: part of it is probably made up"
            ),
            attrs={"source_tokens": str(n_src), "output_tokens": str(n_out)},
        )
    ]


def _script_of(char: str) -> str:
    return unicodedata.name(char, "").split(" ")[0]


def wrong_script(output: str, target_lang: str) -> list[Issue]:
    """Most letters of the translation are not in the script of the target language."""
    try:
        expected = _SCRIPT_NAMES.get(script(target_lang))
    except ConfigError:
        return []
    letters = _LETTER_RE.findall(output)
    if expected is None or len(letters) < 12:
        return []
    share = sum(_script_of(c) in expected for c in letters) / len(letters)
    if share >= 0.3:
        return []
    return [
        Issue(
            code="mt-wrong-script",
            severity="error",
            message=(
                f"only {share:.0%} of the letters in the translation are in the script of "
                f"{target_lang}: the engine probably answered in another language"
            ),
            attrs={"share": f"{share:.2f}"},
        )
    ]


def quotes_dropped(source: str, output: str) -> list[Issue]:
    """The source quotes someone and the translation has no quotation marks at all."""
    if not any(c in _QUOTES for c in source) or any(c in _QUOTES for c in output):
        return []
    return [
        Issue(
            code="mt-quotes-dropped",
            severity="warning",
            message="the source has quotation marks and the translation has none: check who is quoted",
        )
    ]
