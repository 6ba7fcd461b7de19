"""The rule engine that finds sentence boundaries in a block of text, in linear time.

One regular expression finds candidate boundaries (terminal punctuation); each candidate is then
decided by a few constant-time checks on the word before it and the word after it, using the
language's rule data (:mod:`newsl10n.segment.rules`). No regular expression here can backtrack
catastrophically: each is a simple character-class scan.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata

from .rules import LanguageRules

_TERMINATORS = ".!?…"
_STRONG = "。！？｡۔؟।॥"  # end a sentence even with no space after them ("他走了。她留下了。")
_CLOSERS = "\"'”’»)]}」』》〉】）›"
_OPENERS = "\"'“‘«„([{¿¡‹「『《〈【（"
_DASHES = "—–-‒―"


# A candidate boundary:
#   "He left. She stayed."        terminators, closers, then whitespace
#   "他走了。她留下了。"              strong terminators, no space needed
#   "жағдайы.XVIII ғасырдың"       a full stop glued to a capitalised word (missing space)
@functools.lru_cache(maxsize=16)
def _candidate_re(extra_closers: str = "") -> re.Pattern[str]:
    closers = re.escape(_CLOSERS + extra_closers)
    terms = _TERMINATORS + _STRONG
    # One leading character class lets the regex engine skip ahead fast (3x faster than
    # alternatives): candidates without a following space are sorted out by the caller.
    return re.compile(rf"[{terms}](?:(?: \.){{2,}}|[{terms}]*)[{closers}]*\s*")


# List items run into one paragraph: "1.) The first item 2.) The second item",
# "• 9. The first item • 10. The second item", "a. The first item b. The second item".
_LIST_MARKER_RE = re.compile(r"(?:(?<=\s)|^)([•⁃]\s?)?(\d{1,2}|[a-z])(\.\)|\)|\.)(?=\s)")

# Paired marks inside which a sentence does not end: book titles 《…》 and guillemets «…»
# («К чему ты готовишься? – спросила мама. – Завтра ведь выходной»).
_QUOTE_OPENERS = '"“‘«„'

_GUARDS = (("《", "》"), ("«", "»"))
_GUARD_WINDOW = 400


def _word_char(ch: str) -> bool:
    """Characters of an abbreviation: letters, digits, combining marks (Devanagari ॉ), inner dots,
    hyphens, apostrophes and the numero signs; not CJK, which has no spaces to end a word."""
    if ch in ".-'’°№⟦⟧":
        return True
    if "\u2e80" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef":
        return False
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def _word_before(text: str, end: int) -> str:
    """The token that ends at ``end`` (a full stop follows it): back to a space or punctuation."""
    start = end
    limit = max(0, end - 40)
    while start > limit and _word_char(text[start - 1]):
        start -= 1
    word = text[start:end].lstrip(".-'’")
    # Placeholders (⟦1⟧) are markup, not part of the word.
    while word.endswith("⟧") and "⟦" in word:
        word = word[: word.rindex("⟦")]
    return word


def _next_word(text: str, pos: int) -> tuple[str, bool]:
    """The word that starts at ``pos`` (after opening quotes, dashes and placeholders), and whether a
    dash came before it (direct-speech attribution: "готовишься? – спросила мама")."""
    n = len(text)
    dashed = False
    while pos < n:
        ch = text[pos]
        if ch in _DASHES:
            dashed = True
            pos += 1
        elif ch in _OPENERS or (dashed and ch.isspace()):
            pos += 1
        elif ch == "⟦":
            close = text.find("⟧", pos)
            if close < 0:
                break
            pos = close + 1
        else:
            break
    end = pos
    while end < n and end - pos < 40 and (text[end].isalnum() or text[end] in "'’-"):
        end += 1
    return text[pos : max(end, pos + 1)], dashed


def _case(word: str) -> str:
    """'upper', 'lower', 'digit' or 'other' for the first character of a word.

    Scripts without case (Arabic, Devanagari, Han) count as 'upper': they give no signal against a
    sentence start.
    """
    if not word:
        return "other"
    ch = word[0]
    if ch.isdigit():
        return "digit"
    if ch.islower():
        # A brand written lower-case first ("eBay", "iPhone") still opens a sentence.
        return "upper" if any(c.isupper() for c in word[1:4]) else "lower"
    if ch.isalpha() or ch.isupper() or (ord(ch) > 0x2E7F and not ch.isspace()):
        return "upper"
    return "other"


def _cjk(ch: str) -> bool:
    """Han, kana and Hangul, which are written without spaces between words or sentences."""
    return "\u2e80" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff"


def _opens_sentence(word: str, rules: LanguageRules) -> bool:
    """True when a capitalised ``word`` after an abbreviation is evidence of a new sentence.

    Punkt's orthographic heuristic, with the evidence carried as data: a word of the language's
    ``starters`` list (function words) or its ``common`` list (words that are written lower-case
    mid-sentence, so a capital means a sentence start: "at 9 a.m. Voters", "в 2030 г. Работы").
    """
    return word in rules.starters or (word[:1].isupper() and word.lower() in rules.common)


def _starter(text: str, pos: int, rules: LanguageRules) -> bool:
    """True when a function word of two letters or more opens ``text`` at ``pos`` ("Baker St. It").

    One-letter words are left out: after a title they are initials ("проф. А. Иванов", "Mr. A. Li").
    """
    word, _ = _next_word(text, pos)
    return len(word) >= 2 and word in rules.starters


def _is_acronym(word: str) -> bool:
    """Dotted acronyms and initials: "D.C", "E.U", "U.S.A", "Л.Н" (the final dot is not in ``word``)."""
    parts = word.split(".")
    return len(parts) >= 2 and all(len(p) == 1 and p.isalpha() for p in parts)


def _guarded(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside an open « » or 《 》 pair that closes soon after."""
    for opener, closer in _GUARDS:
        o = text.rfind(opener, max(0, pos - _GUARD_WINDOW), pos)
        if o < 0:
            continue
        if text.rfind(closer, o, pos) >= 0:
            continue
        c = text.find(closer, pos, pos + _GUARD_WINDOW)
        if c >= 0 and text.find(opener, pos, c) < 0:
            return True
    return False


def _list_items(text: str) -> tuple[set[int], set[int]]:
    """Starts of run-in list items after the first, and the marker full stops not to split at.

    Only markers that count up (1, 2, 3 or a, b, c) in the same style make a list, so a stray
    "2." in prose does not.
    """
    markers = [(m.start(), m.group(2), m.group(3), m.end()) for m in _LIST_MARKER_RE.finditer(text)]
    starts: set[int] = set()
    dots: set[int] = set()
    for s, _, p, e in markers:
        # "2.)" is a marker wherever it stands, and a marker opening the text ("2. The second
        # item") is never a sentence of its own.
        if p == ".)":
            dots.update((e - 1, e - 2))
        elif s == 0:
            dots.add(e - 1)
    for (s1, v1, p1, e1), (s2, v2, p2, e2) in itertools.pairwise(markers):
        consecutive = (v1.isdigit() and v2.isdigit() and int(v2) == int(v1) + 1) or (
            v1.isalpha() and v2.isalpha() and ord(v2) == ord(v1) + 1
        )
        if consecutive and p1 == p2:
            starts.update((s1, s2))  # every item of a run-in list is its own segment
            dots.update((e1 - 1, e2 - 1))
            if p1 == ".)":
                dots.update((e1 - 2, e2 - 2))
    return starts, dots


def boundaries(text: str, rules: LanguageRules) -> list[int]:
    """End offsets of every sentence in ``text`` (the last one is ``len(text)``).

    Each sentence keeps the whitespace that follows it, so the sentences tile the text.
    """
    n = len(text)
    ends: list[int] = []
    guarded = "«" in text or "《" in text
    list_starts: set[int] = set()
    list_dots: set[int] = set()
    if (
        ".)" in text
        or "1." in text
        or "1)" in text
        or "a." in text
        or "a)" in text
        or "•" in text
        or "⁃" in text
        or text[:1].isdigit()
        or text[1:3] in (". ", ".)", ") ")
    ):
        list_starts, list_dots = _list_items(text)
    # Language-specific closing quotes (Urdu and Persian close a quote with “) join the common ones.
    extra = rules.extra_closers
    closer_set = _CLOSERS + extra
    prefixes, abbreviations = rules.prefixes, rules.abbreviations
    for m in _candidate_re(extra).finditer(text):
        start, end = m.span()
        if end >= n:
            break
        chunk = m.group()
        first = text[end]
        # No space after: only the glued "жағдайы.XVIII" case can be a boundary ("3.5",
        # "example.com", "U.S.A" are not).
        if not chunk[-1].isspace() and chunk[0] not in _STRONG and (chunk != "." or not first.isalpha()):
            continue
        if list_dots and start in list_dots:
            continue
        # A terminator inside « » does not end a sentence; one followed by the closing mark does
        # («ما آماده‌ایم.» سپس رفت.): the guard is tested after the closers.
        if guarded and _guarded(text, start + len(chunk.rstrip())):
            continue
        # Fast path, the common case in news: "word. Next" with a plain word before the stop.
        if first in _QUOTE_OPENERS and end + 1 < n:
            first = text[end + 1]  # '"We are ready," she said.' — look past an opening quote
        if chunk[0] in "?!" and chunk[1:].isspace() and first.isalpha():
            # "Why? Because …" splits; "Yahoo! in the department" and "кім? не?" are decided below.
            if (
                not first.islower()
                and first < "\u2e80"  # not CJK: "Ltd.公司" is decided below
                and (chunk[0] == "?" or not text.endswith(rules.bang_names, 0, start))
            ):
                ends.append(end)
                continue
        elif chunk[0] == "." and first.isalnum() and chunk[1:].isspace():
            word = text[text.rfind(" ", start - 40 if start > 40 else 0, start) + 1 : start]
            if len(word) > 1 and word.isalpha() and (word.isascii() or max(word) < "\u2e80"):
                low = word.lower()
                if low not in abbreviations:
                    if low in prefixes:
                        if text[end : end + 2] in rules.starter_heads and _starter(text, end, rules):
                            ends.append(end)  # "Baker St. It was", "Smith Sr. He said"
                        continue
                    if first.islower() and _case(text[end : end + 4]) == "lower":
                        continue
                    if not first.isdigit() or len(word) >= 4:
                        ends.append(end)
                    continue
        term_end = start + len(chunk) - len(chunk.lstrip(_TERMINATORS + _STRONG))
        if start in list_dots or (term_end - 1) in list_dots:
            continue
        if text.startswith(". .", start):
            ends.extend(_spaced_ellipsis(text, start, end))
        elif _decide(text, start, term_end, end, rules, closer_set):
            ends.append(end)
    if "\n" in text:
        breaks = line_breaks(text, rules, ends)
        ends = sorted(set(ends) | {b for b in breaks if not (guarded and _guarded(text, b))})
    if list_starts:
        # A run-in list item starts a sentence; the space before its marker ends the previous one.
        ends = sorted(set(ends) | {s for s in list_starts if s > 0 and not (guarded and _guarded(text, s))})
    if not ends or ends[-1] != n:
        ends.append(n)
    return ends


def _spaced_ellipsis(text: str, start: int, end: int) -> list[int]:
    """Boundaries around a spaced ellipsis (". . ."), following the four-dot convention:

    "compounds. . . . The"   a full stop glued to the word, then an ellipsis: split after the stop
    "a period . . . . Next"  an ellipsis then a full stop (four dots): split after them
    "the thing is . . . I"   three dots mid-sentence: an omission, no split
    """
    nxt, _ = _next_word(text, end)
    if _case(nxt) not in ("upper", "digit") or not text[:start].strip():
        return []  # lower case follows, or the ellipsis opens the text (". . . The practice")
    if start > 0 and not text[start - 1].isspace():
        return [start + 1 + len(text[start + 1 :]) - len(text[start + 1 :].lstrip())]
    dots = text.count(".", start, end)
    return [end] if dots >= 4 else []


def _decide(
    text: str, start: int, term_end: int, end: int, rules: LanguageRules, closer_set: str = _CLOSERS
) -> bool:
    """Decide one candidate: terminators at ``[start, term_end)``, the next sentence at ``end``."""
    term = text[start:term_end]
    closers = term_end < end and text[term_end] in closer_set
    spaced = end > term_end and text[end - 1].isspace()
    nxt, dashed = _next_word(text, end)
    case = _case(nxt)
    if any(c in _STRONG for c in term):
        # "кім? не?" splits; "керегі бар? — деді" (a dash before a lower-case verb) does not.
        if closers and rules.attributions and _attribution(text, end, rules):
            return False  # "“……吗？”他问道。": the quote and its attribution are one sentence
        return not (case == "lower" and (dashed or closers))
    if not spaced and not closers:
        # The glued case "жағдайы.XVIII": a lower-case word of two letters or more, then a
        # capitalised word — not an address ("Jane.Doe@example.com") or a degree ("Ph.D.-level").
        word = _word_before(text, start)
        after = len(nxt)
        tail = text[end + after : end + after + 1]
        return (
            case == "upper"
            and len(word) >= 2
            and word[-1].islower()
            and "@" not in word
            and after >= 2
            and tail not in (".", "@", "/")
            and not _is_acronym(word)
            and not _cjk(nxt[:1])  # "Ltd.公司": a Latin abbreviation inside Chinese
        )
    if "?" in term:  # "кім? не?", and "стоит 400 млн долл.? Г-н Оспанов": "?" after an abbreviation
        # "кім? не?" splits; "бар? — деді" (a dash, then a lower-case verb) does not.
        return not (case == "lower" and (dashed or closers))
    if "!" in term:
        if _word_before(text, start) in rules.bang_names:
            return _opens_sentence(nxt, rules)  # "Yahoo! Finance reported" is one sentence
        return case != "lower"  # "She works at Yahoo! in the accounting department."
    if case == "lower":
        return False  # "etc. and", "he said.” she added" — a lower-case word continues
    if "…" in term or term.startswith(".."):
        # "Wait... No!" splits; "[...]" (Smith 55)" does not; ". . . I didn't" does not.
        if case == "upper" and not nxt[:1].isupper():
            # A script without case (Persian, Hindi, Chinese) gives no signal: an ellipsis there
            # ends a sentence only before a sentence starter ("گفت... و رفت." is one sentence).
            return nxt in rules.starters
        return case in ("upper", "digit") and text[end] != "("
    return _after_full_stop(text, start, end, nxt, case, closers, rules)


def _after_full_stop(
    text: str, dot: int, end: int, nxt: str, case: str, closers: bool, rules: LanguageRules
) -> bool:
    """A single full stop followed by space: decide from the word before it and the word after."""
    if text[dot - 2 : dot] == " ." or (dot > 0 and text[dot - 1] == "."):
        return False  # the last dot of a spaced ellipsis ". . ." is not an end
    if text.startswith(". .", end):
        return True  # "compounds. . . . The": a full stop, then an ellipsis opening the next one
    if closers:
        return case != "other" or text[end] not in "("
    word = _word_before(text, dot)
    low = word.lower()
    paren = text[end] == "("
    # Two-part abbreviations written with a space: "т. д.", "і г. д.", "i. e."
    if len(word) == 1 and dot >= 4 and text[dot - 2] == " " and text[dot - 3] == ".":
        compound = f"{text[dot - 4]}.{word}".lower()
        if compound in rules.abbreviations:
            low = compound
        elif compound in rules.prefixes:
            return False
    if "\u2e80" <= nxt[:1] <= "\ud7af":
        return False  # "U.K. 公司", "Mr. 李": a Latin abbreviation inside Chinese text
    if low in rules.compound_tails:
        # Two-word abbreviations written with a space: "и пр.", "va h.k.", "ва ғ."
        before = text[max(0, dot - len(word) - 12) : dot - len(word)].rstrip()
        if before and before[-1].isalpha():
            prev = before.rsplit(None, 1)[-1].lower()
            if f"{prev} {low}" in rules.abbreviations:
                low = f"{prev} {low}"
    if low in rules.prefixes:
        # "Mr. Li", "No. 5", "проф. Иванов", "пгт. Брагиновка" — but "Baker St. It was", "Smith Sr. He".
        return text[end : end + 2] in rules.starter_heads and _starter(text, end, rules)
    if len(word) == 1 and word.isupper() and low not in rules.abbreviations:
        # An initial ("J. Smith", "Ә. Кекілбаев") — unless it is the pronoun "I" ending a sentence.
        return word in rules.pronouns and nxt in rules.starters
    abbreviation = low in rules.abbreviations or _is_acronym(word)
    if abbreviation:
        if case == "digit" or paren:
            return False  # "Б.з.б. 6 – 3", "Inc. (“Company A”)"
        if rules.starters or rules.common:
            # "in the U.S. How", "Orion Ltd. Shares" split; "the U.S. Government" does not.
            return _opens_sentence(nxt, rules)
        return case == "upper"
    if case == "digit":
        # Edited prose does not open a sentence with a numeral; a short word before a number is an
        # abbreviation of a unit or currency ("Rs. 16720", "N°. 1026").
        return len(word) >= 4 or word[-1:].isdigit()
    return case != "other" or paren or text[end] in _OPENERS


def _attribution(text: str, pos: int, rules: LanguageRules) -> bool:
    """True when a speech verb closes a short clause at ``pos``: "他问道。", "她说，", "李强表示："."""
    stop = pos
    limit = min(len(text), pos + 12)
    while stop < limit and text[stop] not in "。，,：:！？；\n“”":
        stop += 1
    if stop >= limit or text[stop] not in "。，,：:":
        return False
    clause = text[pos:stop]
    return any(clause.endswith(verb) for verb in rules.attributions)


# Markers that open a list item on a line of its own: "• one", "- two", "* three", "1. four", "2) five"
_ITEM_RE = re.compile(r"[•▪◦●■*\-–—]\s|\d{1,3}[.)]\s|[a-z]\)\s")
# Longest line that anyone hard-wraps (e-mail and wire copy wrap at 60–80 columns, Chinese at 30–40
# characters); a longer line is a paragraph of its own.
_MAX_WRAP = 160


def line_breaks(text: str, rules: LanguageRules, ends: list[int] | None = None) -> set[int]:
    """Offsets where a line break ends a sentence (the start of the next line's text).

    ``ends`` are sentence ends already found (sorted): a line is measured from the last of them on
    it, so that a sentence cut out of the text is split at its line breaks as the text was.

    A hard wrap has a signature: its lines are filled close to one width, so the first word of the
    next line would not have fitted on the line. A real break does not: a blank line, a list item,
    a line much shorter than the widest line of the text (a headline, a byline), or a line too long
    to be wrapped at all. Each break is decided from that evidence; a lower-case continuation is
    always a wrap ("The ministers met\\non Thursday").
    """
    lines: list[tuple[int, int, int]] = []  # (start, end of text, length measured)
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        raw = text[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        lines.append((pos + lead, pos + lead + len(body), len(body)))
        if nl < 0:
            break
        pos = nl + 1
    width = max(length for _, _, length in lines)
    if ends:
        # Measure each line from the last sentence end on it: "Mr. Li left. Rail freight\n…" is
        # decided on "Rail freight", as the sentence alone would be.
        for i, (start, stop, _) in enumerate(lines):
            k = bisect.bisect_right(ends, stop - 1) - 1
            if k >= 0 and start < ends[k] < stop:
                lines[i] = (start, stop, stop - ends[k])
    out: set[int] = set()
    prev: tuple[int, int, int] | None = None
    blank = False
    for line in lines:
        start, stop, length = line
        if not length:
            blank = prev is not None
            continue
        if prev is not None and _real_break(text, prev, line, width, blank, rules):
            out.add(start)
        prev, blank = line, False
    return out


def _real_break(
    text: str,
    prev: tuple[int, int, int],
    line: tuple[int, int, int],
    width: int,
    blank: bool,
    rules: LanguageRules,
) -> bool:
    """Decide one line break between the line ``prev`` and the line ``line``."""
    _, p_stop, p_len = prev
    start, _, _ = line
    if blank or _ITEM_RE.match(text, start):
        return True
    last = text[p_stop - 1]
    if last in ",;-‐(/":
        return False  # a line that stops on a comma or a hyphen is wrapped
    nxt, _ = _next_word(text, start)
    case = _case(nxt)
    if case == "lower" or case == "other":
        return False
    if last == "." and _word_before(text, p_stop - 1).lower() in rules.prefixes:
        return False  # "Mr.\nLi"
    if p_len > _MAX_WRAP:
        return True
    # CJK has no spaces: the next "word" is one character, and no space separates it.
    cjk = _cjk(nxt[:1])
    need = 1 if cjk else len(nxt) + 1
    if p_len + need <= width:
        # The next word would have fitted: a short line (headline, byline) unless the line is close
        # to the width and only a capitalised name follows ("… met\nPresident Tokayev").
        return p_len <= 0.8 * width or _opens_sentence(nxt, rules) or last in _TERMINATORS + _STRONG
    # It would not have fitted: a wrap, unless a word that only a sentence opens with follows.
    return (
        len(nxt) >= 2
        and nxt not in rules.pronouns
        and _opens_sentence(nxt, rules)
        and last not in _TERMINATORS
    )
