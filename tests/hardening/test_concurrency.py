"""Two real processes writing the same translation memory, and the same segment cache, at once.

Each worker is a separate Python process (``multiprocessing`` with ``spawn``: nothing is shared
but the file), started together behind a barrier, writing many small transactions interleaved
with the other's. Afterwards SQLite's integrity check passes and every row of both is there.
(Two runs into one output directory are refused: ``tests/test_outputs.py``, with a real process.)
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Callable
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

ROUNDS = 60
PER_ROUND = 5


def _tm_writer(path: str, worker: int, barrier: Barrier) -> None:
    from newsl10n.tm.store import TmEntry, TranslationMemory

    barrier.wait()
    # A long lock timeout: the test machine may be slow; a lock error would fail the test loudly.
    with TranslationMemory(path, timeout=120) as tm:
        for r in range(ROUNDS):
            tm.add(
                TmEntry(
                    source=f"Worker {worker} wrote sentence {r}-{i}.",
                    target=f"Le travailleur {worker} a écrit la phrase {r}-{i}.",
                    source_lang="en",
                    target_lang="fr",
                    unit=f"{worker}-{r}-{i}",
                )
                for i in range(PER_ROUND)
            )


def _cache_writer(path: str, worker: int, barrier: Barrier) -> None:
    from newsl10n.mt.base import EngineOutput
    from newsl10n.mt.cache import SegmentCache

    identity = {"engine": "bench", "model": "m", "source_lang": "en", "target_lang": "fr"}
    barrier.wait()
    with SegmentCache(path) as cache:
        for r in range(ROUNDS):
            rows = []
            for i in range(PER_ROUND):
                source = f"Worker {worker} sentence {r}-{i}."
                rows.append(
                    (SegmentCache.key(identity, source), identity, source, EngineOutput(source.upper()))
                )
            cache.put_many(rows)
            # A reader in the same process sees its own rows at once (and the other's, in time).
            assert len(cache.get_many([rows[0][0]])) == 1


def _run_two(target: Callable[[str, int, Barrier], None], path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=target, args=(str(path), w, barrier)) for w in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    for p in procs:
        if p.is_alive():
            p.kill()
            pytest.fail("a writer process hung")
    assert [p.exitcode for p in procs] == [0, 0]


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_two_processes_writing_one_tm(tmp_path: Path) -> None:
    from newsl10n.tm.store import TranslationMemory

    path = tmp_path / "shared.tm"  # created by whichever worker gets there first
    _run_two(_tm_writer, path)
    assert _integrity(path) == "ok"
    with TranslationMemory(path) as tm:
        assert len(tm) == 2 * ROUNDS * PER_ROUND
        assert tm.revision == 2 * ROUNDS  # one revision per transaction: none lost, none merged
        for worker in (1, 2):
            for r in (0, ROUNDS // 2, ROUNDS - 1):
                found = tm.exact(f"Worker {worker} wrote sentence {r}-4.", source_lang="en", target_lang="fr")
                assert found == f"Le travailleur {worker} a écrit la phrase {r}-4."
        assert not tm.warnings


def test_two_processes_writing_one_segment_cache(tmp_path: Path) -> None:
    from newsl10n.mt.cache import SegmentCache

    path = tmp_path / "cache" / "segments.sqlite"
    _run_two(_cache_writer, path)
    assert _integrity(path) == "ok"
    identity = {"engine": "bench", "model": "m", "source_lang": "en", "target_lang": "fr"}
    sources = [
        f"Worker {w} sentence {r}-{i}." for w in (1, 2) for r in range(ROUNDS) for i in range(PER_ROUND)
    ]
    with SegmentCache(path) as cache:
        found = cache.get_many([SegmentCache.key(identity, s) for s in sources])
        assert len(found) == len(sources)
        assert {t.text for t in found.values()} == {s.upper() for s in sources}
        assert not cache.warnings


def _cache_opener(path: str, barrier: Barrier, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from newsl10n.mt.cache import SegmentCache

    barrier.wait()
    with SegmentCache(path) as cache:
        queue.put(list(cache.warnings))


def test_processes_creating_one_fresh_cache_at_once_never_take_it_for_damage(tmp_path: Path) -> None:
    """Opening a new cache from several processes at the same instant: a lock held by another opener
    is waited for (never "damaged", never moved aside), and the schema row is written once."""
    ctx = multiprocessing.get_context("spawn")
    for round_ in range(3):
        path = tmp_path / f"r{round_}" / "segments.sqlite"
        barrier, queue = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_cache_opener, args=(str(path), barrier, queue)) for _ in range(4)]
        for p in procs:
            p.start()
        warnings = [queue.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert [p.exitcode for p in procs] == [0, 0, 0, 0]
        assert warnings == [[]] * 4
        assert not list(path.parent.glob("*.corrupt-*"))
