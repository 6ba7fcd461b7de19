"""Helpers shared by the batch tests: small articles, the batch command as a subprocess, output trees."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

VOLATILE = ("run.json", "jobs.sqlite", "jobs.sqlite-wal", "jobs.sqlite-shm", "lock", "workers.lock")
"""Files that are not outputs: the run record (wall time) and the job table and locks."""

TEXT = (
    "Headline number {n}\n\nThe Shanghai Cooperation Organisation met in Tianjin on Tuesday. "
    'Ministers agreed on {n} plans worth 2.4 billion yuan.\n\n"We are ready," said the secretary-general.\n'
)


def make_articles(folder: Path, count: int, *, sub: str = "") -> list[Path]:
    """``count`` small plain-text articles (a{n}.txt), in ``folder/sub``."""
    where = folder / sub if sub else folder
    where.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        p = where / f"a{n:03d}.txt"
        p.write_text(TEXT.format(n=n), encoding="utf-8")
        paths.append(p)
    return paths


def tree(outdir: Path) -> dict[str, bytes]:
    """Every output file under ``outdir`` (relative path → bytes), without the volatile ones."""
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name not in VOLATILE
    }


def batch_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsl10n.batch", *args]


def batch_env() -> dict[str, str]:
    # Each run gets its own empty segment cache: runs compared byte for byte start alike.
    cache = tempfile.mkdtemp(prefix="newsl10n-batch-cache-", dir=os.environ.get("NEWSL10N_TEST_STORES"))
    env = dict(os.environ, HF_HUB_OFFLINE="1", NO_COLOR="1", NEWSL10N_CACHE_DIR=cache)
    env.pop("NEWSL10N_DEBUG", None)
    return env


def run_batch_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        batch_argv(*args), capture_output=True, text=True, env=env or batch_env(), timeout=300
    )
