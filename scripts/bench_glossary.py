#!/usr/bin/env python3
"""Glossary check benchmark: a 20,000-term glossary against 100,000 segments, in one process.

Reports segments per second for newsl10n's check (one Aho–Corasick pass over each source, then
the target side of each hit), for a naive loop that searches every term's regular expression in
every segment, and their ratio. The naive loop runs on a sample (it would take hours on all),
which is fair: its cost per segment does not depend on which segments it sees. Linear scaling is
shown by timing newsl10n on growing numbers of segments and glossaries.

    python scripts/bench_glossary.py [--terms 20000] [--segments 100000] [--naive-sample 300]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time

from newsl10n.formats.bilingual import BilingualUnit
from newsl10n.glossary.model import Concept, Glossary, Term
from newsl10n.qa.terminology import TerminologyChecker

SYLLABLES = ["ka", "ra", "to", "mi", "sa", "na", "lo", "ve", "du", "pe", "zi", "qu", "bo", "ne", "ti", "ya"]
FILLER = [
    "the",
    "ministers",
    "said",
    "that",
    "cooperation",
    "on",
    "trade",
    "and",
    "security",
    "would",
    "continue",
    "next",
    "year",
    "while",
    "officials",
    "from",
    "several",
    "member",
    "states",
    "discussed",
    "new",
    "programmes",
    "for",
    "research",
    "and",
    "energy",
]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def build(terms: int, segments: int, seed: int = 0) -> tuple[Glossary, list[BilingualUnit]]:
    rng = random.Random(seed)
    concepts = []
    seen: set[str] = set()
    while len(concepts) < terms:
        src = " ".join(word(rng) for _ in range(rng.randint(1, 3)))
        if src in seen:
            continue
        seen.add(src)
        tgt = src.upper().replace("A", "А").lower()  # a "translation" that differs from the source
        concepts.append(
            Concept(id=f"c{len(concepts)}", terms=(Term(text=src, lang="en"), Term(text=tgt, lang="ru")))
        )
    glossary = Glossary(concepts=tuple(concepts), source_lang="en")
    units = []
    for i in range(segments):
        parts = [rng.choice(FILLER) for _ in range(rng.randint(8, 20))]
        tparts = list(parts)
        for _ in range(rng.randint(0, 2)):
            c = rng.choice(concepts)
            pos = rng.randrange(len(parts))
            parts.insert(pos, c.terms[0].text)
            tparts.insert(pos, c.terms[1].text if rng.random() < 0.9 else "something")
        units.append(
            BilingualUnit("bench", f"u{i}", None, " ".join(parts) + ".", " ".join(tparts) + ".", "en", "ru")
        )
    return glossary, units


def naive(glossary: Glossary, units: list[BilingualUnit]) -> int:
    """Every term's regex over every segment: the approach a quick script takes."""
    patterns = [
        (
            re.compile(rf"\b{re.escape(c.terms[0].text)}\b", re.IGNORECASE),
            re.compile(rf"\b{re.escape(c.terms[1].text)}\w*", re.IGNORECASE),
        )
        for c in glossary.concepts
    ]
    found = 0
    for u in units:
        for src, tgt in patterns:
            if src.search(u.source) and not tgt.search(u.target):
                found += 1
    return found


def rate(fn, units: list[BilingualUnit]) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(units)
    return len(units) / (time.perf_counter() - start), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terms", type=int, default=20_000)
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=300)
    args = parser.parse_args(argv)
    glossary, units = build(args.terms, args.segments)
    print(f"{args.terms} terms, {args.segments} segments\n")

    checker = TerminologyChecker([glossary])
    start = time.perf_counter()
    checker.index(0, "en")
    print(f"index build: {time.perf_counter() - start:.2f} s")
    ours, violations = rate(checker.check_units, units)
    print(f"newsl10n: {ours:>12,.0f} segments/s  ({len(violations)} findings)")  # type: ignore[arg-type]
    naive_rate, _ = rate(lambda us: naive(glossary, us), units[: args.naive_sample])
    print(f"naive:    {naive_rate:>12,.1f} segments/s  (regex per term, on {args.naive_sample} segments)")
    print(f"ratio:    {ours / naive_rate:>12,.0f}×\n")

    print("Scaling (newsl10n), segments/s should stay flat:")
    for n in (args.segments // 4, args.segments // 2, args.segments):
        r, _ = rate(TerminologyChecker([glossary]).check_units, units[:n])
        print(f"  {n:>8} segments, {args.terms:>6} terms: {r:>10,.0f} segments/s")
    for t in (args.terms // 10, args.terms // 2):
        g, us = build(t, args.segments // 4, seed=1)
        r, _ = rate(TerminologyChecker([g]).check_units, us)
        print(f"  {len(us):>8} segments, {t:>6} terms: {r:>10,.0f} segments/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
