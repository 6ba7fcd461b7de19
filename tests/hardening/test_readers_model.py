"""Block.code is a constant-time lookup whatever the code ids are (issue 13)."""

from __future__ import annotations

import signal
from dataclasses import FrozenInstanceError, replace

import pytest

from newsl10n.model import Block, Code


def _codes(n: int) -> tuple[Code, ...]:
    # Ids as a bilingual file may carry them: not 1, 2, 3…, so no positional shortcut applies.
    return tuple(Code(id=1000 + 2 * i, kind="standalone", ctype="x", opening=f"<x{i}/>") for i in range(n))


def test_lookup_of_many_codes_with_sparse_ids() -> None:
    codes = _codes(100_000)
    block = Block(id="b1", kind="paragraph", text="x", codes=codes)

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("Block.code is not constant time")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(30)  # a linear search per lookup: 5·10⁹ comparisons
    try:
        found = [block.code(c.id) for c in reversed(codes)]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert found == list(reversed(codes))


def test_lookup_semantics() -> None:
    a = Code(id=3, kind="pair", ctype="bold", opening="<b>", closing="</b>")
    dup = Code(id=3, kind="standalone", ctype="lb", opening="<br/>")
    block = Block(id="b1", kind="paragraph", text="⟦3⟧x⟦/3⟧", codes=(a, dup))
    assert block.code(3) is a  # the first code with the id, as the linear search gave
    with pytest.raises(KeyError):
        block.code(1)
    moved = replace(block, codes=(dup,))  # the index follows the codes
    assert moved.code(3) is dup
    assert replace(block, text=block.text) == block
    assert "_code_index" not in repr(block)
    with pytest.raises(FrozenInstanceError):
        block.codes = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        block._code_index[4] = a  # type: ignore[index]


def test_matched_pairs_is_linear_in_nesting_depth_and_unchanged_in_result() -> None:
    import signal

    from newsl10n.formats.inline import Piece, matched_pairs

    n = 200_000  # the old list-membership test took minutes here
    deep = [Piece("", i, False) for i in range(n)] + [Piece("", i, True) for i in reversed(range(n))]
    signal.alarm(30)
    try:
        assert matched_pairs(deep) == set(range(n))
    finally:
        signal.alarm(0)
    # crossing and unopened closers: only the well-nested pair counts
    items = [
        Piece("", 1, False),
        Piece("", 2, False),
        Piece("", 1, True),
        Piece("", 3, True),
        Piece("", 2, True),
    ]
    assert matched_pairs(items) == {1}
