#!/usr/bin/env python3
"""Term accuracy, chrF and speed of the bergamot engine on glossary-heavy news, with and without enforcement.

    HF_HUB_OFFLINE=1 python scripts/bench_terms.py [--data tests/data/terms/bench.tsv]

Term accuracy: share of source terms (TermAnnotator.source_spans) whose allowed target term (or
kept DNT form) appears in the output (TermAnnotator.target_spans). chrF: sacrebleu. Rows marked
``hold`` were written last and never tuned on; they are reported separately.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    import sacrebleu

    from newsl10n.enforce import TermEnforcer
    from newsl10n.glossary import load_glossary
    from newsl10n.mt.base import create_engine

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "terms" / "bench.tsv")
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossaries" / "sco-news.tbx")
    parser.add_argument("--tiny", type=Path, help="also: constrained decoding on this tiny marian model")
    args = parser.parse_args(argv)
    rows = [line.split("\t") for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    glossary = load_glossary(args.glossary)
    enforcer = TermEnforcer([glossary])
    ann = enforcer.annotator
    print("| split | sentences | terms | method | term accuracy | chrF | sentences/s |")
    print("|---|---|---|---|---|---|---|")
    for split in ("tune", "hold"):
        part = [r for r in rows if r[0] == split]
        src = [r[1] for r in part]
        ref = [r[2] for r in part]
        for method in ("none", "repair"):
            engine = create_engine("bergamot")  # a fresh engine: no cache shared between methods
            engine.translate(["Warm up."], source_lang="en", target_lang="pt")
            t0 = time.perf_counter()
            out = [o.text for o in engine.translate(src, source_lang="en", target_lang="pt")]
            if method == "repair":
                done = enforcer.enforce_all(
                    [(str(i), s, o) for i, (s, o) in enumerate(zip(src, out, strict=True))],
                    engine,
                    source_lang="en",
                    target_lang="pt",
                )
                out = [d.text for d in done]
            dt = time.perf_counter() - t0
            total = hit = 0
            for s, o in zip(src, out, strict=True):
                spans = ann.source_spans(s, "en", "pt")
                ok = {
                    t.id for t in ann.target_spans(o, spans, "pt") if t.attrs["status"] in ("allowed", "dnt")
                }
                total += len(spans)
                hit += sum(sp.id in ok for sp in spans)
            chrf = sacrebleu.corpus_chrf(out, [ref]).score
            print(
                f"| {split} | {len(part)} | {total} | {method} | {100 * hit / max(1, total):.1f}% "
                f"| {chrf:.1f} | {len(part) / dt:.0f} |"
            )
    if args.tiny:
        tiny(args.tiny, rows, enforcer)
    return 0


def tiny(path: Path, rows: list[list[str]], enforcer: object) -> None:
    """Term accuracy and speed of plain and constrained beam search on a tiny random-weight model."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from newsl10n.mt.constrained import constrained_generate, phrase_ids

    ann = enforcer.annotator  # type: ignore[attr-defined]
    tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    model = AutoModelForSeq2SeqLM.from_pretrained(str(path), local_files_only=True).eval()
    src = [r[1] for r in rows]
    spans = [ann.source_spans(s, "en", "pt") for s in src]
    wanted = [
        [sp.attrs["matched"] if sp.attrs.get("dnt") else sp.attrs["preferred"].splitlines()[0] for sp in ss]
        for ss in spans
    ]
    print("\n| tiny marian | term accuracy | constraint present (decoded) | sentences/s |\n|---|---|---|---|")
    for name, cons in (("plain beam 4", [[] for _ in src]), ("constrained beam 4", wanted)):
        t0 = time.perf_counter()
        out: list[str] = []
        for i in range(0, len(src), 16):
            out += constrained_generate(model, tok, src[i : i + 16], cons[i : i + 16], num_beams=4)
        dt = time.perf_counter() - t0
        total = sum(len(ss) for ss in spans)
        hit = sum(
            sum(t.attrs["status"] in ("allowed", "dnt") for t in ann.target_spans(o, ss, "pt"))
            for o, ss in zip(out, spans, strict=True)
        )
        # The tiny vocabulary lacks some letters (ú, E, G → <unk>): a constraint is present when its
        # tokens, decoded the same way as the output, are in the output.
        present = sum(
            tok.decode(phrase_ids(tok, w), skip_special_tokens=True).strip() in o
            for o, ws in zip(out, wanted, strict=True)
            for w in ws
        )
        print(
            f"| {name} | {100 * hit / max(1, total):.1f}% | {100 * present / max(1, total):.1f}% "
            f"| {len(src) / dt:.1f} |"
        )


if __name__ == "__main__":
    sys.exit(main())
