"""The SQLite segment cache and the CachedEngine wrapper, with a counting engine and the bergamot engine."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import ClassVar

import pytest

from newsl10n.mt.base import Engine, EngineOptions, EngineOutput, create_engine
from newsl10n.mt.cache import CachedEngine, SegmentCache, default_cache_path


class UpperEngine(Engine):
    """Upper-cases sentences and remembers every sentence it was asked to translate."""

    name: ClassVar[str] = "upper"
    capabilities: ClassVar[frozenset[str]] = frozenset({"nbest"})

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options)
        self.calls: list[str] = []

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        return "upper-model", "r1"

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        self.calls.extend(texts)
        return [EngineOutput(t.upper()) for t in texts]


ARTICLE = [
    "The summit opened in Astana on Monday.",
    "Leaders signed a declaration on trade.",
    "  The summit opened in   Astana on Monday. ",
    "",
    "Talks resume in June.",
]


def test_rerun_of_unchanged_article_does_not_call_the_engine(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path / "c.sqlite")
    inner = UpperEngine()
    engine = CachedEngine(inner, cache)
    first = engine.translate(ARTICLE, source_lang="en", target_lang="de")
    assert len(inner.calls) == 3  # three distinct sentences, the repeat is translated once
    assert not any(o.cached for o in first)
    again = CachedEngine(inner, SegmentCache(tmp_path / "c.sqlite")).translate(
        ARTICLE, source_lang="en", target_lang="de"
    )
    assert len(inner.calls) == 3
    assert [o.text for o in again] == [o.text for o in first]
    assert all(o.cached for o, src in zip(again, ARTICLE, strict=True) if src)


def test_one_edited_sentence_is_translated_again(tmp_path: Path) -> None:
    inner = UpperEngine()
    engine = CachedEngine(inner, SegmentCache(tmp_path / "c.sqlite"))
    engine.translate(ARTICLE, source_lang="en", target_lang="de")
    inner.calls.clear()
    edited = [*ARTICLE[:4], "Talks resume in July."]
    out = engine.translate(edited, source_lang="en", target_lang="de")
    assert inner.calls == ["Talks resume in July."]
    assert out[4].text == "TALKS RESUME IN JULY." and not out[4].cached
    assert engine.hits == 2 and engine.misses == 3 + 1


def test_key_depends_on_pair_options_and_revision(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path / "c.sqlite")
    inner = UpperEngine()
    CachedEngine(inner, cache).translate(["Hello."], source_lang="en", target_lang="de")
    CachedEngine(inner, cache).translate(["Hello."], source_lang="en", target_lang="fr")
    other = UpperEngine(EngineOptions(beam_size=1))
    CachedEngine(other, cache).translate(["Hello."], source_lang="en", target_lang="de")
    assert len(inner.calls) == 2 and len(other.calls) == 1

    class NewRevision(UpperEngine):
        def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
            return "upper-model", "r2"

    newer = NewRevision()
    CachedEngine(newer, cache).translate(["Hello."], source_lang="en", target_lang="de")
    assert newer.calls == ["Hello."]


def test_wrapper_speaks_for_the_inner_engine(tmp_path: Path) -> None:
    engine = CachedEngine(UpperEngine(), SegmentCache(tmp_path / "c.sqlite"))
    assert engine.name == "upper" and "nbest" in engine.capabilities
    assert engine.describe("en", "de") == ("upper-model", "r1")
    assert engine.output_lang("en", "de") == "de"


def test_issues_and_scores_survive_the_cache(tmp_path: Path) -> None:
    from newsl10n.model import Issue

    class Flagging(UpperEngine):
        def _translate_batch(self, texts, *, source_lang, target_lang):
            issue = Issue(code="truncated-input", severity="error", message="cut", attrs={"limit": "5"})
            return [EngineOutput(t.upper(), (issue,), score=-0.5) for t in texts]

    path = tmp_path / "c.sqlite"
    CachedEngine(Flagging(), SegmentCache(path)).translate(
        ["Hello there."], source_lang="en", target_lang="de"
    )
    (out,) = CachedEngine(Flagging(), SegmentCache(path)).translate(
        ["Hello there."], source_lang="en", target_lang="de"
    )
    assert out.cached and out.score == -0.5
    assert [(i.code, dict(i.attrs)) for i in out.issues] == [("truncated-input", {"limit": "5"})]


def test_corrupt_file_is_moved_aside_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "segments.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = SegmentCache(path)
    assert len(cache.warnings) == 1 and "damaged" in cache.warnings[0]
    assert list(tmp_path.glob("segments.sqlite.corrupt-*"))
    engine = CachedEngine(UpperEngine(), cache)
    assert engine.translate(["Hi."], source_lang="en", target_lang="de")[0].text == "HI."
    assert cache.stats()["segments"] == 1


def test_wal_mode_stats_and_clear(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cache = SegmentCache(path)
    CachedEngine(UpperEngine(), cache).translate(["One.", "Two."], source_lang="en", target_lang="de")
    CachedEngine(UpperEngine(), cache).translate(["One."], source_lang="en", target_lang="fr")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    stats = cache.stats()
    assert stats["segments"] == 3 and stats["bytes"] > 0
    assert {(m["target_lang"], m["segments"]) for m in stats["models"]} == {("de", 2), ("fr", 1)}
    assert cache.clear(model="nothing-like-this") == 0
    assert cache.clear(engine="upper") == 3
    assert cache.stats()["segments"] == 0


def test_cache_location_honours_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSL10N_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "newsl10n" / "segments.sqlite"
    monkeypatch.setenv("NEWSL10N_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_path() == tmp_path / "mine" / "segments.sqlite"
    cache = SegmentCache()
    assert cache.path == tmp_path / "mine" / "segments.sqlite" and cache.path.is_file()


def test_real_engine_rerun_is_served_from_the_cache(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path / "c.sqlite")
    sentences = ["The ministers met in Astana.", "Trade grew last year."]
    first = CachedEngine(create_engine("bergamot"), cache).translate(
        sentences, source_lang="en", target_lang="pt"
    )
    engine = CachedEngine(create_engine("bergamot"), cache)
    second = engine.translate(sentences, source_lang="en", target_lang="pt")
    assert [o.text for o in second] == [o.text for o in first]
    assert engine.hits == 2 and engine.misses == 0
    variant = CachedEngine(create_engine("bergamot", EngineOptions(extra={"variant": "raw"})), cache)
    variant.translate(sentences, source_lang="en", target_lang="pt")
    assert variant.misses == 2  # the variant changes output, so it is part of the key


def test_run_api_retranslates_only_the_edited_sentence(tmp_path: Path) -> None:
    """Through the run API (what the CLI calls): a rerun of an unchanged article calls the engine for
    nothing, and an article with one edited sentence sends the engine exactly that sentence."""
    from newsl10n.mt.cache import CachedEngine as Cached
    from newsl10n.run import TranslateJob, Translator

    sentences = [
        "The ministers met in Astana on Monday.",
        "They signed an agreement on trade.",
        "Talks resume in June.",
        "The next summit will be held in Bishkek.",
    ]
    article = tmp_path / "story.txt"

    def run(text: list[str], *, force: bool = False) -> tuple[int, int, int, str]:
        article.write_text("Ministers meet in Astana\n\n" + " ".join(text) + "\n", encoding="utf-8")
        job = TranslateJob(
            articles=(str(article),),
            targets=("pt",),
            engine="bergamot",
            outdir=tmp_path / "out",
            cache_path=str(tmp_path / "segments.sqlite"),
            use_tm=False,
            force=force,
        )
        tr = Translator(job)  # a new one per run, as a new process would make
        engine = tr.chooser.engine_for("en", "pt")
        assert isinstance(engine, Cached)
        item = tr.translate(tr.read(str(article)), "pt")
        assert item.status != "failed", item.error
        return item.segments, item.cache_hits, engine.misses, item.status

    segments, hits, misses, status = run(sentences)
    assert (segments, hits, misses, status) == (5, 0, 5, "done")
    # Unchanged: the run record says the outputs are up to date; forced, the cache serves every sentence.
    assert run(sentences)[3] == "skipped"
    assert run(sentences, force=True) == (5, 5, 0, "done")
    edited = [*sentences[:2], "Talks resume in July.", sentences[3]]
    assert run(edited) == (5, 4, 1, "done")
    (xlf_path,) = (tmp_path / "out").glob("story.*.xlf")
    xlf = xlf_path.read_text(encoding="utf-8")
    assert "Talks resume in July." in xlf and "Talks resume in June." not in xlf
