"""Putting inline markup back into translations."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsl10n.model import PLACEHOLDER_RE
from newsl10n.protect import restore_codes, strip_codes


def test_strip_keeps_positions_and_pairs() -> None:
    s = strip_codes("See the ⟦1⟧SCO site⟦/1⟧ now.⟦2⟧")
    assert s.plain == "See the SCO site now."
    assert s.pairs() == {1: "SCO site"}
    assert [(m.token, m.pos) for m in s.marks] == [("⟦1⟧", 8), ("⟦/1⟧", 16), ("⟦2⟧", 21)]


def test_only_known_ids_are_stripped() -> None:
    assert strip_codes("a ⟦7⟧ b", frozenset({1})).plain == "a ⟦7⟧ b"


def test_pair_goes_around_the_translated_phrase() -> None:
    s = strip_codes("Ministers of the ⟦1⟧Shanghai Cooperation Organisation⟦/1⟧ met.")
    text, issues = restore_codes(
        s,
        "Os ministros da Organização de Cooperação de Xangai reuniram-se.",
        {1: "Organização Cooperação Xangai"},
        segment_id="s1",
    )
    assert text == "Os ministros da ⟦1⟧Organização de Cooperação de Xangai⟦/1⟧ reuniram-se."
    assert issues == ()


def test_whole_words_only() -> None:
    s = strip_codes("first ⟦1⟧item⟦/1⟧")
    text, _ = restore_codes(s, "primeiro item", {1: "o item"}, segment_id="s1")
    assert text == "primeiro ⟦1⟧item⟦/1⟧"


def test_unfound_pair_is_placed_by_position_and_reported() -> None:
    s = strip_codes("The ⟦1⟧plan⟦/1⟧ works.")
    text, issues = restore_codes(s, "Das Vorhaben funktioniert.", {1: "Plan"}, segment_id="s1")
    assert text.count("⟦1⟧") == 1 and text.index("⟦1⟧") < text.index("⟦/1⟧")
    assert issues[0].severity == "warning" and issues[0].segment_id == "s1"


def test_codes_at_the_edges_stay_at_the_edges() -> None:
    s = strip_codes("⟦1⟧Breaking: ministers meet.⟦2⟧")
    text, issues = restore_codes(s, "Urgente: ministros reúnem-se.", {}, segment_id="s1")
    assert text == "⟦1⟧Urgente: ministros reúnem-se.⟦2⟧"
    assert issues == ()


@given(
    st.lists(st.sampled_from(["word", "⟦1⟧", "⟦/1⟧", "⟦2⟧", " ", "x", "。"]), max_size=20),
    st.text(alphabet="abc 。", max_size=30),
)
def test_every_placeholder_comes_back_once(parts: list[str], target: str) -> None:
    source = "".join(parts)
    s = strip_codes(source)
    text, _ = restore_codes(s, target, {}, segment_id="s")
    assert sorted(m.group(0) for m in PLACEHOLDER_RE.finditer(text)) == sorted(m.token for m in s.marks)
    assert PLACEHOLDER_RE.sub("", text) == target
