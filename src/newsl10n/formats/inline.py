"""Placeholder text → structure: the tokens of a segment's text, and how they pair up."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import PLACEHOLDER_RE, Block


@dataclass(frozen=True, slots=True)
class Piece:
    """Either a run of text (``code_id`` is None) or one placeholder."""

    text: str
    code_id: int | None = None
    closing: bool = False


def pieces(text: str, block: Block) -> list[Piece]:
    """Split text into text runs and the block's placeholders (other ⟦n⟧ stay text)."""
    ids = {c.id for c in block.codes}
    out: list[Piece] = []
    pos = 0
    for m in PLACEHOLDER_RE.finditer(text):
        cid = int(m.group(2))
        if cid not in ids:
            continue
        if m.start() > pos:
            out.append(Piece(text[pos : m.start()]))
        out.append(Piece(m.group(0), cid, bool(m.group(1))))
        pos = m.end()
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out


def matched_pairs(items: list[Piece]) -> set[int]:
    """Ids of codes whose opening and closing placeholders both occur, opening first, well nested."""
    stack: list[int] = []
    open_count: dict[int, int] = {}  # how often each id is on the stack: membership in constant time
    matched: set[int] = set()
    for p in items:
        if p.code_id is None:
            continue
        if not p.closing:
            stack.append(p.code_id)
            open_count[p.code_id] = open_count.get(p.code_id, 0) + 1
        elif open_count.get(p.code_id):
            while stack:
                top = stack.pop()
                open_count[top] -= 1
                if top == p.code_id:
                    matched.add(top)
                    break
    return matched
