"""A real batch killed with SIGKILL at random moments and run again: outputs equal an uninterrupted run's.

run.json (wall time) and the job table and locks are left out of the comparison; every output
and sidecar record is compared byte for byte, and no temporary or moved-aside file may remain.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

from batchkit import batch_argv, batch_env, make_articles, run_batch_cli, tree

from newsl10n.outputs import TEMP_MARK

KILLS = 24


def _args(src: Path, out: Path, *extra: str) -> tuple[str, ...]:
    return (str(src), "--to", "pt,ru", "--engine", "identity", "-o", str(out), "-q", *extra)


def _kill_after(args: tuple[str, ...], delay: float) -> None:
    proc = subprocess.Popen(
        batch_argv(*args), env=batch_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)  # the driver only, as `kill -9 PID` does: its workers are orphaned
        proc.wait()


def test_killed_batches_finish_with_the_same_bytes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_articles(src, 24)
    make_articles(src, 6, sub="desk")
    reference = tmp_path / "reference"
    t0 = time.monotonic()
    first = run_batch_cli(*_args(src, reference))
    assert first.returncode == 0, first.stderr
    span = max(time.monotonic() - t0, 1.0)
    expected = tree(reference)
    assert len(expected) == 30 * 2 * 5  # 4 outputs and a sidecar per article and language

    rng = random.Random(12)
    outdirs = [tmp_path / f"out{n}" for n in range(4)]
    for n in range(KILLS):
        out = outdirs[n % len(outdirs)]
        jobs = ("-j", "2") if n % 2 else ()
        force = ("--force",) if n >= len(outdirs) * 4 and n % 3 == 0 else ()  # kill while overwriting too
        _kill_after(_args(src, out, *jobs, *force), rng.uniform(0.05, span * 1.2))
    for out in outdirs:
        final = run_batch_cli(*_args(src, out, "-j", "2"))
        assert final.returncode == 0, final.stderr
        assert tree(out) == expected, out
        assert not [p for p in out.rglob("*") if TEMP_MARK in p.name]
        summary = json.loads((out / "run.json").read_text())["summary"]
        # An item written just before a kill is found up to date (skipped), not redone.
        assert summary["done"] + summary["skipped"] == 60 and summary["failed"] == 0
