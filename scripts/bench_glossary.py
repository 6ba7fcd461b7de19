#!/usr/bin/env python3
"""Glossary check benchmark: accuracy per language on the morphology test set, then speed.

Accuracy: precision, recall and F1 of the terms check per language on
tests/data/glossary/units-dev.jsonl (written with the morphology data) and units-heldout.jsonl
(written after it), each finding counted as ``kind:concept`` against the gold labels.

Speed: a 20,000-term glossary against 100,000 segments, in one process. Reports segments per
second for newsl10n's check (``pipeline.check_units``: one Aho–Corasick pass over each source,
then the target side of each hit), for a naive loop that searches every term's regular
expression in every segment, and their ratio. The naive loop runs on a sample (it would take
hours on all), which is fair: its cost per segment does not depend on which segments it sees.
Linear scaling is shown by timing newsl10n on growing numbers of segments and glossaries.

    python scripts/bench_glossary.py [--terms 20000] [--segments 100000] [--naive-sample 300]
                                     [--accuracy-only | --speed-only]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsl10n.glossary import load_glossary
from newsl10n.glossary.model import Concept, Glossary, Term
from newsl10n.model import BilingualUnit, Finding
from newsl10n.pipeline import check_units

ROOT = Path(__file__).resolve().parents[1]
SETS = ("units-dev.jsonl", "units-heldout.jsonl")

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


def check(glossary: Glossary):  # type: ignore[no-untyped-def]
    return lambda us: check_units(us, [glossary], checks=("terms",))


def accuracy(name: str) -> dict[str, tuple[float, float, float, int]]:
    """Precision, recall, F1 and unit count per language on one file of the test set."""
    base = [
        load_glossary(ROOT / "glossaries" / "sco-news.yaml"),
        load_glossary(ROOT / "tests/data/glossary/traps.yaml"),
    ]
    rows = [json.loads(x) for x in (ROOT / "tests/data/glossary" / name).read_text("utf-8").splitlines() if x]
    by_options: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_options[str(row.get("options", ""))].append(row)
    found: dict[str, set[str]] = defaultdict(set)
    for options, group in by_options.items():
        gs = [
            dataclasses.replace(g, meta={**g.meta, "match-options": options}) if options else g for g in base
        ]
        bilingual = [
            BilingualUnit(name, str(u["id"]), None, str(u["source"]), str(u["target"]), "en", str(u["lang"]))
            for u in group
        ]
        f: Finding
        for f in check_units(bilingual, gs, checks=("terms",)):
            if f.unit:
                found[f.unit].add(f"{f.kind}:{f.attrs.get('concept', '')}")
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    for u in rows:
        lang, gold, pred = str(u["lang"]), set(u["gold"]), found[str(u["id"])]  # type: ignore[call-overload]
        count[lang] += 1
        tp[lang] += len(gold & pred)
        fp[lang] += len(pred - gold)
        fn[lang] += len(gold - pred)
    out = {}
    for lang in sorted(count):
        p = tp[lang] / (tp[lang] + fp[lang]) if tp[lang] + fp[lang] else 1.0
        r = tp[lang] / (tp[lang] + fn[lang]) if tp[lang] + fn[lang] else 1.0
        out[lang] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, count[lang])
    return out


def print_accuracy() -> None:
    for name in SETS:
        result = accuracy(name)
        print(f"{name}: {sum(n for *_, n in result.values())} units")
        print("  lang  units  precision  recall    F1")
        for lang, (p, r, f1, n) in result.items():
            print(f"  {lang:<4} {n:>6} {p:>10.2f} {r:>7.2f} {f1:>5.2f}")
        exact = sum(1 for p, *_ in result.values() if p == 1.0)
        lowest = min(v[2] for v in result.values())
        print(f"  precision 1.00 in {exact} of {len(result)} languages; lowest F1 {lowest:.2f}\n")


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
    parser.add_argument("--accuracy-only", action="store_true")
    parser.add_argument("--speed-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.speed_only:
        print_accuracy()
    if args.accuracy_only:
        return 0
    glossary, units = build(args.terms, args.segments)
    print(f"{args.terms} terms, {args.segments} segments\n")

    start = time.perf_counter()
    check(glossary)(units[:1])
    print(f"index build: {time.perf_counter() - start:.2f} s")
    ours, violations = rate(check(glossary), units)
    print(f"newsl10n: {ours:>12,.0f} segments/s  ({len(violations)} findings)")  # type: ignore[arg-type]
    naive_rate, _ = rate(lambda us: naive(glossary, us), units[: args.naive_sample])
    print(f"naive:    {naive_rate:>12,.1f} segments/s  (regex per term, on {args.naive_sample} segments)")
    print(f"ratio:    {ours / naive_rate:>12,.0f}×\n")

    print("Scaling (newsl10n), segments/s should stay flat:")
    for n in (args.segments // 4, args.segments // 2, args.segments):
        r, _ = rate(check(glossary), units[:n])
        print(f"  {n:>8} segments, {args.terms:>6} terms: {r:>10,.0f} segments/s")
    for t in (args.terms // 10, args.terms // 2):
        g, us = build(t, args.segments // 4, seed=1)
        r, _ = rate(check(g), us)
        print(f"  {len(us):>8} segments, {t:>6} terms: {r:>10,.0f} segments/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
