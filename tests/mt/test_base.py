"""The Engine template method: token batching, clause splitting, order, progress, pivoting, claims."""

from __future__ import annotations

from typing import ClassVar

import pytest

from newsl10n.errors import ConfigError
from newsl10n.mt.base import (
    Engine,
    EngineOptions,
    EngineOutput,
    engine_for_model,
    split_clauses,
    token_batches,
)
from newsl10n.mt.pivot import PivotEngine


class RecordingEngine(Engine):
    """Tags each sentence with the pair and records the batches it was given; reads at most 12 words."""

    name: ClassVar[str] = "recording"

    def __init__(self, options: EngineOptions | None = None, limit: int | None = 12) -> None:
        super().__init__(options)
        self.batches: list[list[str]] = []
        self.limit = limit

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        return f"rec-{source_lang}-{target_lang}", "v1"

    def _token_counts(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[int]:
        return [len(t.split()) for t in texts]

    def _input_limit(self, source_lang: str, target_lang: str) -> int | None:
        return self.limit

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        self.batches.append(list(texts))
        return [EngineOutput(f"[{target_lang}] {t}") for t in texts]


def words(n: int, word: str = "w") -> str:
    return " ".join(f"{word}{i}" for i in range(n))


def test_batches_respect_token_and_sentence_caps_and_order_is_restored() -> None:
    e = RecordingEngine(EngineOptions(batch_size=3, batch_tokens=12), limit=None)
    texts = [words(6, "a"), words(1, "b"), words(2, "c"), words(6, "d"), words(1, "e"), words(3, "f")]
    out = e.translate(texts, source_lang="en", target_lang="de")
    assert [o.text for o in out] == [f"[de] {t}" for t in texts]
    for batch in e.batches:
        longest = max(len(t.split()) for t in batch)
        assert len(batch) <= 3 and (longest * len(batch) <= 12 or len(batch) == 1)
    sizes = [len(t.split()) for batch in e.batches for t in batch]
    assert sizes == sorted(sizes)  # length-sorted


def test_token_batches_puts_an_oversized_sentence_alone() -> None:
    lengths = {"a": 1, "b": 50, "c": 2}
    assert list(token_batches(["a", "b", "c"], lengths, 10, 20)) == [["a", "c"], ["b"]]


def test_long_sentence_is_split_at_clause_boundaries_with_a_warning() -> None:
    e = RecordingEngine()
    text = f"{words(8, 'a')}; {words(8, 'b')}, {words(3, 'c')}."
    (out,) = e.translate([text], source_lang="en", target_lang="de")
    assert out.text == f"[de] {words(8, 'a')}; [de] {words(8, 'b')}, {words(3, 'c')}."
    (issue,) = out.issues
    assert issue.code == "mt-split" and issue.severity == "warning" and issue.attrs["parts"] == "2"
    assert all(len(t.split()) <= 12 for batch in e.batches for t in batch)


def test_split_clauses_keeps_all_text_and_prefers_strong_boundaries() -> None:
    def measure(parts: list[str]) -> list[int]:
        return [len(p.split()) for p in parts]

    text = f"{words(5, 'a')}, {words(5, 'b')}; {words(5, 'c')}, {words(5, 'd')}"
    parts = split_clauses(text, 12, measure)
    assert parts == [f"{words(5, 'a')}, {words(5, 'b')};", f"{words(5, 'c')}, {words(5, 'd')}"]
    assert " ".join(parts) == text
    # No boundary at all: the sentence is left whole for the engine to report.
    assert split_clauses(words(30), 12, measure) == [words(30)]


def test_progress_counts_sentences_and_duplicates_once() -> None:
    seen: list[int] = []
    RecordingEngine(EngineOptions(batch_size=2)).translate(
        ["one", "two", "three", "one", ""], source_lang="en", target_lang="de", progress=seen.append
    )
    assert sum(seen) == 3


def test_pivot_goes_through_english_and_says_so() -> None:
    first, second = RecordingEngine(), RecordingEngine()
    p = PivotEngine(first, second, pivot="en")
    (out,) = p.translate(["你好"], source_lang="zh", target_lang="kk")
    assert out.text == "[kk] [en] 你好"
    assert first.batches == [["你好"]] and second.batches == [["[en] 你好"]]
    model, revision = p.describe("zh", "kk")
    assert model == "rec-zh-en+rec-en-kk (pivot en)" and revision == "v1+v1"
    assert p.name == "recording" and p.supports("zh", "kk") and not p.supports("en", "kk")


def test_defaults_of_the_interface() -> None:
    e = RecordingEngine()
    assert e.output_lang("en", "pt") == "pt" and e.capabilities == frozenset()
    assert not RecordingEngine.claims("anything")
    assert engine_for_model("x", [("recording", RecordingEngine)]) is None
    with pytest.raises(ConfigError, match="batch size in tokens"):
        EngineOptions(batch_tokens=0)


def test_split_parts_are_rejoined_without_spaces_in_chinese() -> None:
    e = RecordingEngine()
    text = f"{words(8, 'a')}; {words(8, 'b')}."
    (out,) = e.translate([text], source_lang="en", target_lang="zh")
    assert out.text == f"[zh] {words(8, 'a')};[zh] {words(8, 'b')}."
