"""Recognisers for the parts of a news article that plain text does not mark: labels, bylines, datelines."""

from __future__ import annotations

import re

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)"
# A line that is only a date (and maybe a time), as sites print above or below a headline:
#   "29 November 2026", "Sunday, Nov. 29, 2026 10:42 GMT", "2026-11-29", "Updated: 29 Nov 2026"
DATE_LINE_RE = re.compile(
    rf"^(?:(?:Updated|Published|Posted)(?:\s+on)?:?\s+)?{_WEEKDAY}?"
    rf"(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?\s*$",
    re.IGNORECASE,
)
# A byline: "By Jane Doe", "By Jane Doe and Li Wei, Reuters", "BY AIGERIM SEITKALI".
# Name words are capitalised but not all capitals, so that a run-in dateline ("By Jane Doe
# BEIJING, June 1 (Reuters) - …") is left for the dateline recogniser.
_NAME_WORD = r"(?:[A-Z][a-z][\w'’\-]*|[A-Z]\.|(?:van|de|der|al|bin|von|da|dos)(?=\s))"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
BYLINE_RE = re.compile(
    rf"^(?:By|BY|by)\s+{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*(?:\s*[|/]\s*[\w .]+$)?"
)
# A dateline at the start of a story: "TIANJIN, June 13 (Xinhua) -- ", "BEIJING (Reuters) - ",
# "ASTANA, Nov. 28 — ", "NEW DELHI, Nov 28, 2026 --". The place is in capitals.
DATELINE_RE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'’.\-]+(?:\s[A-Z][A-Z'’.\-]+){0,3}"
    r"(?:,\s[A-Z][\w.]*(?:\s[\w.,]+){0,3}?)?"
    r"(?:\s\([^()\n]{1,40}\))?\s?(?:--|—|–|-))(?P<gap>\s+)(?=\S)"
)
_LABEL_SEPARATORS = ("|", "›", "»", "/", "•", ">")


def is_date_line(line: str) -> bool:
    """True for a line that is only a date or a timestamp."""
    return bool(DATE_LINE_RE.match(line.strip()))


def is_label(line: str) -> bool:
    """True for a section label or date printed above a headline ("WORLD | ASIA", "Technology")."""
    s = line.strip()
    if is_date_line(s):
        return True
    words = s.split()
    if not words or len(words) > 6 or len(s) > 50 or s[-1] in ".!?:;,":
        return False
    letters = [c for c in s if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    return all_caps or any(sep in s for sep in _LABEL_SEPARATORS) or len(words) == 1


def match_byline(line: str) -> int:
    """Length of the byline at the start of ``line`` (0 when there is none)."""
    m = BYLINE_RE.match(line)
    if not m:
        return 0
    end = m.end()
    # Trailing words of an all-byline line ("By Jane Doe, Staff Reporter") stay in the byline.
    rest = line[end:]
    if (
        rest.strip()
        and not DATELINE_RE.match(rest.lstrip())
        and len(line.split()) <= 12
        and not any(c in rest for c in ".!?")
    ):
        return len(line.rstrip())
    return end


def match_dateline(text: str) -> tuple[int, int] | None:
    """``(end of dateline, start of story)`` when ``text`` opens with a dateline, else None."""
    m = DATELINE_RE.match(text)
    if not m:
        return None
    return m.end("dateline"), m.end()
