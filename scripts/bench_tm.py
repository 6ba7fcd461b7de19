"""Benchmark the translation memory's fuzzy lookup: lookups per second and recall of the best match.

For each size (10k, 100k, 1M entries by default) the script fills a fresh TM with synthetic
news-like sentences (pseudo-words from a 20,000-word vocabulary drawn with a Zipf-like skew),
then looks up edited copies of random entries (a word replaced, dropped or added; threshold 75)
and compares the TM's best match with a brute-force scan of every entry scored by the same
rapidfuzz ratio. Recall is the share of queries whose TM best score equals the brute-force best.

    python scripts/bench_tm.py                 # 10k, 100k, 1M
    python scripts/bench_tm.py --sizes 10000 --queries 200
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from newsl10n.tm.store import TmEntry, TranslationMemory, fuzzy_key

SYLLABLES = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"] + ["an", "er", "ist", "ov", "ash"]
CONNECT = ["the", "a", "of", "in", "on", "for", "with", "and", "to", "from", "by", "after", "over"]


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    """Pseudo-words of 1-4 syllables: a news-sized vocabulary without any real text."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size)]


def sentence(rng: random.Random, vocab: list[str]) -> str:
    """A sentence of 8-20 words drawn with a Zipf-like skew (a few words are very common)."""
    out = []
    for i in range(rng.randint(8, 20)):
        if i % 3 == 1:
            out.append(rng.choice(CONNECT))
        else:
            out.append(vocab[min(int(rng.paretovariate(0.7)) - 1, len(vocab) - 1)])
    out.append(str(rng.randint(2, 2030)))
    return " ".join(out).capitalize() + "."


def edit(text: str, rng: random.Random, vocab: list[str]) -> str:
    """The sentence with one word replaced, dropped or added (a typical fuzzy-match distance)."""
    words = text.rstrip(".").split()
    op = rng.choice(("replace", "drop", "add"))
    i = rng.randrange(len(words))
    if op == "replace":
        words[i] = rng.choice(vocab)
    elif op == "drop" and len(words) > 4:
        del words[i]
    else:
        words.insert(i, rng.choice(vocab))
    return " ".join(words) + "."


def run(size: int, queries: int, seed: int, folder: Path) -> dict[str, float]:
    """Fill a TM with ``size`` entries, time ``queries`` fuzzy lookups, and check them by brute force."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    sources = [sentence(rng, vocab) for _ in range(size)]
    path = folder / f"tm-{size}.sqlite"
    tm = TranslationMemory(path)
    t0 = time.perf_counter()
    tm.add(
        TmEntry(source=s, target=f"[pt] {s}", source_lang="en", target_lang="pt", context="paragraph")
        for s in sources
    )
    build = time.perf_counter() - t0
    keys = [fuzzy_key(s) for s in sources]
    probes = [edit(rng.choice(sources), rng, vocab) for _ in range(queries)]
    tm.fuzzy(probes[0], source_lang="en", target_lang="pt")  # reads the trigram counts once
    t0 = time.perf_counter()
    found = [tm.fuzzy(p, source_lang="en", target_lang="pt", threshold=75, limit=1) for p in probes]
    elapsed = time.perf_counter() - t0
    hits = truth_n = 0
    t1 = time.perf_counter()
    for probe, got in zip(probes, found, strict=True):
        best = process.extractOne(fuzzy_key(probe), keys, scorer=fuzz.ratio, score_cutoff=75)
        if best is None:
            continue
        truth_n += 1
        if got and abs(got[0][0] - round(best[1], 1)) < 0.05:
            hits += 1
    brute = time.perf_counter() - t1
    t2 = time.perf_counter()
    tm.close()
    TranslationMemory(path).close()  # open = integrity check (PRAGMA quick_check)
    reopen = time.perf_counter() - t2
    return {
        "size": size,
        "build_s": build,
        "inserts_per_s": size / build,
        "lookups_per_s": queries / elapsed,
        "brute_lookups_per_s": queries / brute,
        "recall": hits / truth_n if truth_n else 1.0,
        "open_s": reopen,
        "file_mb": path.stat().st_size / 1e6,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    head = ("entries", "build s", "ins/s", "lookups/s", "brute/s", "recall", "open s", "MB")
    print(" ".join(f"{h:>9}" for h in head))
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            queries = args.queries if size < 1_000_000 else max(50, args.queries // 3)
            r = run(size, queries, args.seed, Path(tmp))
            print(
                f"{r['size']:>9,} {r['build_s']:>9.1f} {r['inserts_per_s']:>9.0f} "
                f"{r['lookups_per_s']:>9.1f} {r['brute_lookups_per_s']:>9.1f} {r['recall']:>9.3f} "
                f"{r['open_s']:>9.2f} {r['file_mb']:>9.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
