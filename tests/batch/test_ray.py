"""The Ray executor on a local Ray runtime: the same bytes as the local executor, a killed worker retried."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from batchkit import batch_env, make_articles, run_batch_cli, tree

from newsl10n.batch.worker import CRASH_ENV

needs_ray = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="ray is not installed (pip install 'newsl10n[ray]')"
)


@needs_ray
def test_ray_matches_local_and_retries_a_killed_worker(tmp_path: Path, tiny_models) -> None:
    src = tmp_path / "in"
    make_articles(src, 3)
    make_articles(src, 1, sub="desk")
    model = str(tiny_models["m2m100"])
    common = ("--to", "kk", "--engine", "transformers", "--model", model, "--beam-size", "1", "-q")
    # One worker each, so both translate in the same order: with the transformers engine the
    # outputs depend on the order today (see the batch helper's report: model revision and
    # segment-cache batching), which is not the batch's doing.
    local = run_batch_cli(str(src), *common, "-o", str(tmp_path / "local"), "-j", "1")
    assert local.returncode == 0, local.stderr
    marker = tmp_path / "crashed"
    env = dict(batch_env(), **{CRASH_ENV: f"a000:{marker}"})  # the actor dies on a000 once
    ray = run_batch_cli(
        str(src), *common, "-o", str(tmp_path / "ray"), "--executor", "ray", "-j", "1", env=env
    )
    assert ray.returncode == 0, ray.stderr
    assert marker.exists()  # the worker really died…
    assert tree(tmp_path / "ray") == tree(tmp_path / "local") != {}  # …and its article was retried
    summary = json.loads((tmp_path / "ray" / "run.json").read_text())["summary"]
    assert (summary["done"], summary["failed"]) == (4, 0)
    with sqlite3.connect(tmp_path / "ray" / ".newsl10n" / "jobs.sqlite") as db:
        rows = dict(db.execute("SELECT key || ':' || target_lang, status FROM items"))
    assert len(rows) == 4 and set(rows.values()) == {"done"}


@needs_ray
def test_ray_identity_engine_same_bytes_as_local(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_articles(src, 6)
    common = ("--to", "pt,ru,uk", "--engine", "identity", "-q")
    assert run_batch_cli(str(src), *common, "-o", str(tmp_path / "local")).returncode == 0
    proc = run_batch_cli(str(src), *common, "-o", str(tmp_path / "ray"), "--executor", "ray", "-j", "2")
    assert proc.returncode == 0, proc.stderr
    assert tree(tmp_path / "ray") == tree(tmp_path / "local") != {}


def test_without_ray_the_executor_is_a_clear_missing_dependency(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_articles(src, 1)
    # The ray package made unimportable, as on an install without the extra.
    script = (
        "import runpy, sys; sys.modules['ray'] = None; "
        "sys.argv = ['newsl10n.batch'] + sys.argv[1:]; "
        "runpy.run_module('newsl10n.batch', run_name='__main__')"
    )
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(src),
            "--to",
            "pt",
            "--engine",
            "identity",
            "-o",
            str(out),
            "--executor",
            "ray",
        ],
        capture_output=True,
        text=True,
        env=batch_env(),
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "Error: the ray executor needs Ray: pip install 'newsl10n[ray]' (or run with --executor local)"
    )
    assert not out.exists()
