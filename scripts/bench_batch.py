#!/usr/bin/env python3
"""Benchmark ``newsl10n batch``: articles per minute for 1 and 2 local workers and the Ray executor.

Each configuration runs the real command (a subprocess) twice into a fresh output directory:
once on a single article, whose wall time is the fixed start-up cost (interpreter, imports,
worker processes or the Ray runtime, model load), and once on the whole input. The rate is
articles per minute of the whole run, and also with the start-up cost taken out.

The identity engine translates into three languages (pt, ru, uk); the bergamot engine ships
only en→pt, so its runs translate into pt alone.

    python scripts/bench_batch.py                  # 100 articles
    python scripts/bench_batch.py --articles 30 --no-ray
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXT = (
    "Summit number {n} ends with a plan\n\n"
    "The Shanghai Cooperation Organisation met in Tianjin on Tuesday. "
    "Ministers agreed on a plan for artificial intelligence cooperation.\n\n"
    '"We are ready to work together," said the secretary-general. '
    "The next summit will take place in Astana.\n"
)


def _run(args: list[str], cache: Path) -> float:
    # A fresh segment cache for every run: a warm one would measure the cache, not the batch.
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, HF_HUB_OFFLINE="1", NO_COLOR="1", NEWSL10N_CACHE_DIR=str(cache))
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "newsl10n.batch", *args, "-q"], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--no-ray", action="store_true", help="Skip the Ray executor.")
    parser.add_argument("--engines", default="identity,bergamot")
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsl10n-bench-batch-"))
    try:
        src, one = work / "in", work / "one"
        src.mkdir()
        one.mkdir()
        for n in range(opts.articles):
            (src / f"story{n:04d}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
        shutil.copy(src / "story0000.txt", one / "story0000.txt")
        configs = [("local -j 1", ["-j", "1"]), ("local -j 2", ["-j", "2"])]
        if not opts.no_ray and importlib.util.find_spec("ray") is not None:
            configs.append(("ray -j 2", ["--executor", "ray", "-j", "2"]))
        print(f"{opts.articles} articles, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        print(
            f"{'engine':<9} {'languages':<10} {'executor':<11} {'start-up s':>10} {'wall s':>8} "
            f"{'art/min':>8} {'art/min excl. start-up':>23}"
        )
        for engine in opts.engines.split(","):
            targets = "pt" if engine == "bergamot" else "pt,ru,uk"
            for label, extra in configs:
                base = ["--to", targets, "--engine", engine, *extra]
                startup = _run([str(one), *base, "-o", str(work / "o1")], work / "cache")
                wall = _run([str(src), *base, "-o", str(work / "oN")], work / "cache")
                shutil.rmtree(work / "o1")
                shutil.rmtree(work / "oN")
                rate = opts.articles / wall * 60
                net = opts.articles / max(wall - startup, 1e-9) * 60
                print(
                    f"{engine:<9} {targets:<10} {label:<11} {startup:>10.2f} {wall:>8.2f} "
                    f"{rate:>8.0f} {net:>23.0f}",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
