#!/usr/bin/env python3
"""Term accuracy, chrF and speed of every term enforcement method, per engine and per split.

    HF_HUB_OFFLINE=1 nice -n 10 python scripts/bench_terms.py [--tiny DIR ...] [--shapes]
        [--json FILE] [--quick]

Term accuracy: share of source terms (TermAnnotator.source_spans) whose allowed target term (or
kept DNT form) appears in the output (TermAnnotator.target_spans). chrF: sacrebleu. Speed:
sentences/s of the whole split (plain translation included), best of 3 runs interleaved across
methods (the machine is shared). Rows are reported per split (``tune``, ``hold``, ``hold2``): only
``tune`` rows were looked at while choosing methods and shapes.

``--shapes``: which placeholder token shapes survive Bergamot (each term of the ``tune`` rows
replaced by a token; a token survives when it is in the output exactly once). ``--tiny DIR``: the
transformers engine on a tiny random-weight model (``scripts/make_tiny_model.py``), where only
constrained decoding can produce the terms; "forced" counts terms whose tokens, decoded the way the
output is, are in the output (the tiny vocabularies lack some letters). Random-weight models write
until the length limit, so they are slow: the tiny runs use the first ``--tiny-rows`` rows of each
split and one run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("tune", "hold", "hold2")


def accuracy(ann: Any, src: Sequence[str], out: Sequence[str], lang: str = "pt") -> tuple[int, int]:
    """(terms met, terms) over a split."""
    total = hit = 0
    for s, o in zip(src, out, strict=True):
        spans = [sp for sp in ann.source_spans(s, "en", lang) if sp.kind == "term"]
        ok = {t.id for t in ann.target_spans(o, spans, lang) if t.attrs["status"] in ("allowed", "dnt")}
        total += len(spans)
        hit += sum(sp.id in ok for sp in spans)
    return hit, total


def runner(method: str, glossary: Any, engine: Any) -> Callable[[list[str]], list[str]]:
    """Translate sentences with a method ("none": no enforcement)."""
    from newsl10n.enforce import TermEnforcer

    if method == "none":
        return lambda src: [o.text for o in engine.translate(src, source_lang="en", target_lang="pt")]
    enf = TermEnforcer([glossary], method=method)

    def run(src: list[str]) -> list[str]:
        pairs: list[tuple[str, str, str | None]] = [(str(i), s, None) for i, s in enumerate(src)]
        return [e.text for e in enf.enforce_all(pairs, engine, source_lang="en", target_lang="pt")]

    return run


def bench(
    label: str,
    engine: Any,
    methods: Sequence[str],
    glossary: Any,
    splits: dict[str, list[list[str]]],
    reps: int,
    extra: Callable[[str, list[str], list[str]], dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One row per (split, method): term accuracy, chrF, sentences/s (best of ``reps``, interleaved)."""
    import sacrebleu

    from newsl10n.enforce import TermEnforcer

    ann = TermEnforcer([glossary]).annotator
    engine.translate(["Warm up."], source_lang="en", target_lang="pt")
    rows: list[dict[str, Any]] = []
    for split, part in splits.items():
        src = [r[1] for r in part]
        ref = [r[2] for r in part]
        best: dict[str, float] = {}
        outs: dict[str, list[str]] = {}
        for _ in range(reps):
            for m in methods:
                run = runner(m, glossary, engine)
                t0 = time.perf_counter()
                outs[m] = run(src)
                dt = time.perf_counter() - t0
                best[m] = min(best.get(m, dt), dt)
        for m in methods:
            hit, total = accuracy(ann, src, outs[m])
            row: dict[str, Any] = {
                "engine": label,
                "split": split,
                "sentences": len(part),
                "terms": total,
                "method": m,
                "term_accuracy": round(100 * hit / max(1, total), 1),
                "chrf": round(sacrebleu.corpus_chrf(outs[m], [ref]).score, 1),
                "sentences_per_s": round(len(part) / best[m], 1),
                "speed_vs_none": round(best["none"] / best[m], 2) if "none" in best else None,
                "leftover_placeholders": sum(_has_token(o) for o in outs[m]),
            }
            if extra is not None:
                row.update(extra(m, src, outs[m]))
            rows.append(row)
    return rows


def _has_token(text: str) -> bool:
    import re

    from newsl10n.enforce_methods import PSEUDO_WORDS

    return bool(re.search(r"TERM\d|⟦\d|Zorvak|" + "|".join(PSEUDO_WORDS), text))


def shapes(engine: Any, glossary: Any, part: list[list[str]]) -> list[dict[str, Any]]:
    """Survival of each placeholder shape through the engine on ``part``."""
    from newsl10n.enforce import TermEnforcer
    from newsl10n.enforce_methods import SHAPES, _token_re, masked

    ann = TermEnforcer([glossary]).annotator
    out = []
    for shape in SHAPES:
        made = [
            masked(r[1], [s for s in ann.source_spans(r[1], "en", "pt") if s.kind == "term"], shape)
            for r in part
        ]
        res = engine.translate([m for m, _ in made], source_lang="en", target_lang="pt")
        total = sum(len(p) for _m, p in made)
        ok = sum(
            len(list(_token_re(tok).finditer(o.text))) == 1
            for (_m, pairs), o in zip(made, res, strict=True)
            for tok, _sp in pairs
        )
        example = next((m for m, p in made if p), "")
        out.append({"shape": shape, "example": example, "survived": ok, "tokens": total})
    return out


def table(rows: list[dict[str, Any]], keys: Sequence[str]) -> str:
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r.get(k, "")) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def tiny(
    path: Path, glossary: Any, splits: dict[str, list[list[str]]], keys: Sequence[str]
) -> list[dict[str, Any]]:
    """Every method the transformers engine has, on a tiny random-weight model."""
    from transformers import AutoTokenizer

    from newsl10n.enforce import TermEnforcer
    from newsl10n.enforce_methods import wanted
    from newsl10n.mt.base import EngineOptions, create_engine
    from newsl10n.mt.constrained import phrase_ids

    engine = create_engine("transformers", EngineOptions(model=str(path), beam_size=4, batch_size=16))
    tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    if "m2m" in path.name:
        tok.tgt_lang = "pt"
    ann = TermEnforcer([glossary]).annotator

    def forced(method: str, src: list[str], out: list[str]) -> dict[str, Any]:
        total = present = 0
        for s, o in zip(src, out, strict=True):
            for sp in ann.source_spans(s, "en", "pt"):
                w = wanted(sp)
                if sp.kind != "term" or not w:
                    continue
                total += 1
                present += tok.decode(phrase_ids(tok, w), skip_special_tokens=True).strip() in o
        return {"forced": round(100 * present / max(1, total), 1)}

    label = f"transformers {path.name} (tiny)"
    got = bench(label, engine, ("none", "repair", "nbest", "constrain"), glossary, splits, 1, forced)
    print(table(got, (*keys, "forced")) + "\n", flush=True)
    return got


def main(argv: list[str] | None = None) -> int:
    from newsl10n.glossary import load_glossary
    from newsl10n.mt.base import create_engine

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "terms" / "bench.tsv")
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossaries" / "sco-news.tbx")
    parser.add_argument("--tiny", type=Path, action="append", default=[], help="a tiny model directory")
    parser.add_argument("--shapes", action="store_true", help="placeholder shape survival on tune rows")
    parser.add_argument("--no-bergamot", action="store_true")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--quick", action="store_true", help="12 rows per split, one run")
    parser.add_argument("--tiny-rows", type=int, default=8, help="rows per split on the tiny models")
    args = parser.parse_args(argv)
    rows = [line.split("\t") for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    glossary = load_glossary(args.glossary)
    splits = {s: [r for r in rows if r[0] == s] for s in SPLITS}
    splits = {s: (p[:12] if args.quick else p) for s, p in splits.items() if p}
    reps = 1 if args.quick else 3
    report: dict[str, Any] = {"data": str(args.data), "reps": reps}
    keys = ("engine", "split", "sentences", "terms", "method", "term_accuracy", "chrf", "sentences_per_s")
    keys = (*keys, "speed_vs_none", "leftover_placeholders")
    if not args.no_bergamot:
        engine = create_engine("bergamot")
        if args.shapes:
            report["shapes"] = shapes(engine, glossary, splits["tune"])
            print(table(report["shapes"], ("shape", "example", "survived", "tokens")) + "\n")
        methods = ("none", "repair", "placeholder", "mask", "annotate")
        report["bergamot"] = bench("bergamot en→pt", engine, methods, glossary, splits, reps)
        print(table(report["bergamot"], keys) + "\n")
    for path in args.tiny:
        got = tiny(path, glossary, {s: p[: args.tiny_rows] for s, p in splits.items()}, keys)
        report.setdefault("tiny", []).extend(got)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
