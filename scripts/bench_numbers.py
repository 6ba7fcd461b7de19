"""Score check_numbers on the bilingual news sets in tests/l10n/data, and time annotate on 1 MB of text.

Usage: python scripts/bench_numbers.py [--verbose] [FILE.yaml ...]
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from pathlib import Path

import yaml

from newsl10n.l10n import annotate
from newsl10n.l10n.numparse import to_ascii_digits
from newsl10n.model import Segment, Translation
from newsl10n.qa.base import CheckContext
from newsl10n.qa.numbers import check_numbers

DATA = Path(__file__).resolve().parent.parent / "tests" / "l10n" / "data"


def naive_flags(source: str, target: str) -> bool:
    """The baseline the issue describes: the digit strings of source and target differ."""

    def digits(text: str) -> collections.Counter[str]:
        return collections.Counter(to_ascii_digits(m) for m in re.findall(r"\d+", text))

    return digits(source) != digits(target)


def score(path: Path, verbose: bool, naive: bool = False) -> tuple[int, int, int, int]:
    """(true positives, false positives, false negatives, true negatives) of one set."""
    tp = fp = fn = tn = 0
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        src = item["source"]
        seg = Segment(id="s1", block_id="b1", start=0, end=len(src), text=src, spans=annotate(src, "en"))
        for lang, targets in item.items():
            if lang == "source":
                continue
            for label in ("ok", "broken"):
                for tgt in targets.get(label, []):
                    tr = Translation(
                        segment_id="s1",
                        target_lang=lang,
                        text=tgt,
                        origin="mt",
                        engine="test",
                        spans=annotate(tgt, lang),
                    )
                    issues = list(check_numbers(seg, tr, CheckContext(source_lang="en", target_lang=lang)))
                    flagged = any(i.severity == "error" for i in issues)
                    if naive:
                        flagged, issues = naive_flags(src, tgt), []
                    broken = label == "broken"
                    tp += flagged and broken
                    fp += flagged and not broken
                    fn += broken and not flagged
                    tn += not flagged and not broken
                    if verbose and flagged != broken and not naive:
                        print(f"{'FP' if flagged else 'FN'} [{lang}] {src} => {tgt}")
                        for i in issues:
                            print("     ", i.severity, i.code, i.message)
    return tp, fp, fn, tn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    for path in args.files or sorted(DATA.glob("news_numbers*.yaml")):
        for naive in (False, True):
            tp, fp, fn, tn = score(path, args.verbose, naive)
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            name = "naive digit strings" if naive else "check_numbers"
            print(
                f"{path.name} {name}: units={tp + fp + fn + tn} broken={tp + fn} P={p:.2f} R={r:.2f} "
                f"F1={f1:.2f} (tp={tp} fp={fp} fn={fn} tn={tn})"
            )
    dense = (
        "On June 13, 2025 exports rose 40 percent to $3.2 billion, ⟦1⟧1.5 million⟦/1⟧ people, 10-12 June. "
        "13 июня 2025 года — 1,5 млн долларов. "
    ) * 8000
    prose = (
        "The ministry said on Tuesday that exports of wheat and barley rose sharply in the first half of "
        "the year, to 1.2 million tonnes, as demand from neighbouring countries recovered after the drought. "
    ) * 5000
    annotate("warm up", "en")
    for name, text in (("dense", dense), ("prose", prose)):
        text = text[:1_000_000]
        t0 = time.perf_counter()
        n = len(annotate(text, "en"))
        print(f"annotate {name}: {len(text)} characters, {n} spans in {time.perf_counter() - t0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
