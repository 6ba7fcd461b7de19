"""Placeholder protection, shared by every stage: take placeholders out of a sentence and put them back.

Engines mangle placeholders (``⟦1⟧`` comes back as "de 1" or not at all), so they never see them.
A pair such as a link is put back around the translation of its own text, which is translated
separately and searched for in the sentence's translation; what cannot be found is placed by
relative position and reported, so a reviewer checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import PLACEHOLDER_RE, Issue


@dataclass(frozen=True, slots=True)
class Mark:
    """One placeholder taken out of a sentence: its token, code id, and offset in the plain text."""

    token: str
    code_id: int
    closing: bool
    pos: int


@dataclass(frozen=True, slots=True)
class Stripped:
    """A sentence without its placeholders, and where they were."""

    plain: str
    marks: tuple[Mark, ...]

    def partners(self) -> dict[int, int]:
        """Index of each opening mark → index of the closing mark that ends its pair."""
        open_at: dict[int, list[int]] = {}
        found: dict[int, int] = {}
        for k, m in enumerate(self.marks):
            if not m.closing:
                open_at.setdefault(m.code_id, []).append(k)
            elif open_at.get(m.code_id):
                found[open_at[m.code_id].pop()] = k
        return found

    def pairs(self) -> dict[int, str]:
        """Code id → plain inner text of the (first) pair of that code within the sentence."""
        out: dict[int, str] = {}
        for a, b in sorted(self.partners().items()):
            out.setdefault(self.marks[a].code_id, self.plain[self.marks[a].pos : self.marks[b].pos])
        return out


def strip_codes(text: str, code_ids: frozenset[int] | None = None) -> Stripped:
    """Remove placeholders (only those whose id is in ``code_ids``, when given)."""
    plain: list[str] = []
    marks: list[Mark] = []
    pos = 0
    length = 0
    for m in PLACEHOLDER_RE.finditer(text):
        cid = int(m.group(2))
        if code_ids is not None and cid not in code_ids:
            continue
        plain.append(text[pos : m.start()])
        length += m.start() - pos
        marks.append(Mark(m.group(0), cid, bool(m.group(1)), length))
        pos = m.end()
    plain.append(text[pos:])
    return Stripped("".join(plain), tuple(marks))


def _snap(target: str, pos: int) -> int:
    """Move ``pos`` to the nearest word start in texts with spaces (CJK texts: keep it)."""
    if " " not in target or pos <= 0 or pos >= len(target):
        return max(0, min(pos, len(target)))
    left = target.rfind(" ", 0, pos)
    right = target.find(" ", pos)
    cands = (left + 1 if left >= 0 else 0, right + 1 if right >= 0 else len(target))
    return min(cands, key=lambda c: abs(c - pos))


def _by_ratio(stripped: Stripped, target: str, pos: int) -> int:
    if pos <= 0:
        return 0
    if pos >= len(stripped.plain.rstrip()):
        return len(target)
    return _snap(target, round(pos / max(1, len(stripped.plain)) * len(target)))


_WORD_RE = re.compile(r"\w+")


def _fits(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    """True when ``[a, b)`` is nested in or disjoint from every range already taken."""
    return all(b <= s or a >= e or (s <= a and b <= e) or (a <= s and e <= b) for s, e in taken)


def _spaced(text: str) -> bool:
    """True for text in a script that separates words with spaces (not CJK, Thai, …)."""
    return " " in text.strip() or not any(ord(c) >= 0x2E80 for c in text)


def _find(target: str, needle: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``target`` as whole words (ignoring case and edge punctuation),
    nested in or disjoint from the ranges already taken."""
    core = needle.strip().strip(".,;:!?\"'«»“”")
    if not core:
        return None
    low, lcore = target.lower(), core.lower()
    whole_words = _spaced(core)
    start = 0
    while True:
        a = low.find(lcore, start)
        if a < 0:
            return None
        b = a + len(core)
        bounded = not whole_words or (
            (a == 0 or not target[a - 1].isalnum()) and (b == len(target) or not target[b].isalnum())
        )
        if bounded and _fits(a, b, taken):
            return a, b
        start = a + 1


def _find_fuzzy(target: str, needle: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The run of target words that shares most words with ``needle`` (at least half of them).

    A phrase translated on its own often differs from its translation in context ("Organização
    Cooperação Xangai" against "Organização de Cooperação de Xangai"); the best-overlapping window
    of words is where the markup belongs.
    """
    want = [w.lower() for w in _WORD_RE.findall(needle)]
    words = list(_WORD_RE.finditer(target))
    if not want or not words:
        return None
    wanted = set(want)
    best: tuple[int, int, int, int] | None = None  # (hits, -words, start, end)
    for i in range(len(words)):
        if words[i].group(0).lower() not in wanted:
            continue
        for j in range(i, min(len(words), i + 2 * len(want) + 2)):
            if words[j].group(0).lower() not in wanted:
                continue
            window = [w.group(0).lower() for w in words[i : j + 1]]
            hits = len(wanted.intersection(window))
            a, b = words[i].start(), words[j].end()
            key = (hits, -len(window), a, b)
            if hits * 2 >= len(want) and _fits(a, b, taken) and (best is None or key[:2] > best[:2]):
                best = key
    return (best[2], best[3]) if best else None


def restore_codes(
    stripped: Stripped, target: str, inner_targets: dict[int, str], *, segment_id: str
) -> tuple[str, tuple[Issue, ...]]:
    """Put the placeholders of ``stripped`` back into ``target``; report those placed by position."""
    if not stripped.marks:
        return target, ()
    issues: list[Issue] = []
    placed: list[tuple[int, int, int, str]] = []  # (pos, order, seq, token)
    taken: list[tuple[int, int]] = []
    partners = stripped.partners()
    closes = set(partners.values())
    done: set[int] = set()
    for seq, mark in enumerate(stripped.marks):
        if seq in closes:
            continue
        if seq in partners:
            close = stripped.marks[partners[seq]]
            inner = stripped.plain[mark.pos : close.pos]
            translated = inner_targets.get(mark.code_id, "") if mark.code_id not in done else ""
            span = (
                _find(target, translated, taken)
                or _find(target, inner, taken)
                or _find_fuzzy(target, translated, taken)
            )
            if span is None:
                a = _by_ratio(stripped, target, mark.pos)
                b = max(a, _by_ratio(stripped, target, close.pos))
                if b == a:
                    nxt = target.find(" ", a + 1)
                    b = len(target) if nxt < 0 else nxt
                span = (a, b)
                issues.append(
                    Issue(
                        code="markup-placed",
                        severity="warning",
                        segment_id=segment_id,
                        message=f"inline markup {mark.token}…{close.token} around {inner.strip()!r} "
                        "could not be matched in the translation and was placed by position; check it",
                    )
                )
            taken.append(span)
            placed.append((span[0], 1, seq, mark.token))
            placed.append((span[1], 0, -seq, close.token))
            done.add(mark.code_id)
            continue
        pos = _by_ratio(stripped, target, mark.pos)
        placed.append((pos, 0 if mark.closing else 1, seq, mark.token))
        if 0 < mark.pos < len(stripped.plain.rstrip()):
            issues.append(
                Issue(
                    code="markup-placed",
                    severity="info",
                    segment_id=segment_id,
                    message=f"inline markup {mark.token} was placed by position; check it",
                )
            )
    placed.sort()
    out: list[str] = []
    last = 0
    for pos, _order, _seq, token in placed:
        out.append(target[last:pos])
        out.append(token)
        last = pos
    out.append(target[last:])
    return "".join(out), tuple(issues)
