#!/usr/bin/env python3
"""Benchmark newsl10n's transformers and CTranslate2 engines on a model shaped like OPUS-MT.

Builds (once, cached in the temp folder) a Marian model with the shape of a Helsinki-NLP OPUS-MT
checkpoint (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary 65k) with random weights,
converts it to CTranslate2 float32 and int8, and translates 256 news sentences through newsl10n's
engine objects with every engine writing exactly the same number of tokens per sentence
(``fixed_output_tokens``: min = max new tokens in transformers, min = max decoding length in
CTranslate2), so the figures compare the same work. Each configuration runs in its own process, so
its peak memory (max RSS) is its own. Also measures the segment cache: the rerun of an unchanged
article against its first run.

End to end, it also runs a whole ``translate`` through the library's run API (what the CLI calls:
:func:`newsl10n.run.translate_files`; glossary ``glossaries/sco-news.tbx`` on, en→pt so that its
terms are checked and enforced, every default output written) on an article made of the same
sentences, with the transformers engine and the CTranslate2 engine (float32 and int8) at beam 4,
and times the engine's own calls inside it: the end-to-end ratios (``e2e_ratio_*``) and the share
of a run spent outside the engine (reading, segmentation, glossary, checks, writing).
Engine-level figures are ``engine_ratio_*``.

    python scripts/bench_mt.py                     # full: 256 sentences, 48 tokens each
    python scripts/bench_mt.py --quick --json mt.json

Nothing is downloaded. Do not set CT2_USE_MKL=1 on AMD CPUs (int8 becomes 10–16× slower).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_tiny_model.py"

# Sentences written for this benchmark: agency-style news copy, short to long.
BASE = """\
The Shanghai Cooperation Organisation opened its annual summit in Astana on Monday.
Leaders from ten member states are expected to sign a joint declaration on regional security.
The host government said the talks would focus on trade, transport and energy.
China's foreign minister arrived a day early for meetings with his Kazakh counterpart.
Officials said a new railway link could cut freight times between the two countries by a third.
The agreement still needs the approval of national parliaments.
Inflation in the region slowed to 6.2% in May, the central bank said.
Wheat exports rose 14.5% last year, helped by a record harvest in the north.
Russia and India discussed payments in national currencies.
A spokesperson declined to comment on the timing of the next round of talks.
Protesters gathered outside the parliament building on Tuesday evening.
Police said three people had been detained and later released.
The ministry of health reported 120 new cases of measles in the capital.
Schools will remain closed until the end of the week because of flooding.
Heavy rain has damaged roads and bridges in four provinces.
Rescue teams reached the village of Saryagash after a six-hour drive.
"We are ready to work together on artificial intelligence," the secretary-general said.
The plan includes a fund worth 2.4 billion yuan for joint research.
Analysts say the deal signals closer ties between Beijing and Central Asia.
Uzbekistan will host a conference on water management in September.
The Aral Sea has lost most of its volume since the 1960s.
Farmers in the Fergana Valley depend on irrigation from shared rivers.
The president signed a decree raising the minimum wage by 10%.
Opposition parties called the measure too little, too late.
The national airline ordered twelve new aircraft from a European manufacturer.
Flights between Almaty and Delhi will resume next month after a three-year pause.
The football federation appointed a new head coach on a two-year contract.
The team lost 2-1 in the final minutes of the qualifying match.
A new museum of modern art opened in the old tram depot.
The exhibition features work by more than forty artists from the region.
Tickets for the opera festival sold out within hours.
The weather service warned of temperatures above 40 degrees in the south.
Power cuts affected about 200,000 homes during the heatwave.
Engineers are inspecting the dam after a small earthquake on Sunday night.
No injuries were reported, the emergency ministry said.
The stock exchange index closed 1.3% higher, led by energy shares.
The currency weakened slightly against the dollar.
Mining companies said output of copper and gold rose in the first quarter.
The government plans to sell a minority stake in the state telecoms operator.
Investors welcomed the decision but asked for more details on the timetable.
Journalists were not allowed to attend the closed session.
The court postponed the hearing until 4 July 2026 at the request of the defence.
A former minister was sentenced to eight years in prison for corruption.
His lawyers said they would appeal against the verdict.
Human rights groups urged the authorities to release detained bloggers.
The foreign ministry summoned the ambassador over remarks made at a press conference.
Both sides said the dispute should be settled through dialogue.
The border crossing reopened after repairs to the customs terminal.
Trucks waited up to three days to cross during the closure.
The new highway will connect the capital with the Caspian port of Aktau.
Construction is due to finish in 2028, two years later than planned.
A delegation from Pakistan visited the technology park in Tashkent.
Start-ups in the region raised a record amount of venture capital last year.
Universities will offer more courses in Chinese, Russian and English.
Thousands of students applied for government scholarships to study abroad.
The census shows the population of the capital has passed 1.5 million.
Housing prices rose by almost a fifth in the largest cities.
The central bank kept its key interest rate unchanged at 14.25%.
It said further cuts were possible if inflation continued to ease.
The summit ended with a family photo and a gala dinner.
The next meeting of foreign ministers will take place in Bishkek in October.
Tajikistan and Kyrgyzstan agreed to finish marking their shared border.
The deal ends a dispute that led to deadly clashes in recent years.
Residents of border villages said they hoped for a lasting peace.
"""

SHORTLIST_PER_TOKEN = 50
SHORTLIST_FREQUENT = 1000

VARIANTS = ("{s}", "On Tuesday, {l}", "Officials said that {l}", "{s} Details were not disclosed.")


def sentences(n: int) -> list[str]:
    base = [s for s in BASE.splitlines() if s.strip()]
    out: list[str] = []
    for variant in VARIANTS:
        for s in base:
            out.append(variant.format(s=s, l=s[0].lower() + s[1:]))
    return out[:n]


def build_models(cache: Path) -> dict[str, Path]:
    """The OPUS-shaped transformers model and its CTranslate2 float32 and int8 conversions."""
    sys.path.insert(0, str(ROOT / "src"))
    from newsl10n.mt.convert import convert_model

    digest = hashlib.sha256(SCRIPT.read_bytes() + BASE.encode()).hexdigest()[:12]
    base = cache / digest
    hf = base / "opus-shaped"
    if not (hf / "config.json").is_file():
        base.mkdir(parents=True, exist_ok=True)
        text = base / "sentences.txt"
        text.write_text(BASE, encoding="utf-8")
        tmp = Path(tempfile.mkdtemp(dir=base))
        cmd = [sys.executable, str(SCRIPT), "--kind", "marian", "--opus-shape", "--max-positions", "512"]
        subprocess.run([*cmd, "--text", str(text), "--out", str(tmp / "m")], check=True, capture_output=True)
        shutil.rmtree(hf, ignore_errors=True)
        os.replace(tmp / "m", hf)
        tmp.rmdir()
    out = {"transformers": hf}
    for quant in ("float32", "int8"):
        target = base / f"ct2-{quant}"
        if not (target / "newsl10n.json").is_file():
            convert_model(str(hf), target, quantization=quant, force=True)
        out[f"ct2-{quant}"] = target
    out["ct2-int8-shortlist"] = shortlisted(out["ct2-int8"], base / "ct2-int8-shortlist")
    return out


def shortlisted(model: Path, target: Path) -> Path:
    """The int8 model with a target-vocabulary shortlist of the size a learned one has.

    A shortlist learned from a corpus keeps, per source token, the ``SHORTLIST_PER_TOKEN`` target
    tokens most associated with it, plus the ``SHORTLIST_FREQUENT`` commonest target tokens. The
    model's weights are random, so its own output teaches nothing (it repeats a few tokens): the
    bench gives every source token of its sentences that many candidates, drawn with a fixed seed,
    and the commonest tokens are the first ones of the SentencePiece vocabulary (ordered by score).
    Speed depends on the number of candidates per batch, which the JSON reports.
    """
    import random

    from newsl10n.mt.shortlist import VMAP, Shortlist

    if (target / VMAP).is_file():
        return target
    tmp = Path(tempfile.mkdtemp(dir=target.parent))
    for item in model.iterdir():  # hard links: the 80 MB model.bin is not copied
        if item.is_dir():
            shutil.copytree(item, tmp / item.name)
        else:
            os.link(item, tmp / item.name)
    vocab = json.loads((model / "shared_vocabulary.json").read_text(encoding="utf-8"))
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model / "tokenizer"), local_files_only=True)
    source = {t for s in sentences(256) for t in tok.convert_ids_to_tokens(tok(s)["input_ids"])}
    rng = random.Random(0)
    ordinary = vocab[4:]
    table = {s: tuple(rng.sample(ordinary, SHORTLIST_PER_TOKEN)) for s in sorted(source)}
    shortlist = Shortlist(tuple(ordinary[:SHORTLIST_FREQUENT]), table)
    (tmp / VMAP).write_text(shortlist.to_vmap(), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(tmp, target)
    return target


def shortlist_size(model: Path, n: int, batch: int) -> float:
    """Mean candidates per batch of ``batch`` bench sentences (in length order, as the engine batches)."""
    from newsl10n.mt.shortlist import VMAP, Shortlist

    shortlist = Shortlist.from_vmap((model / VMAP).read_text(encoding="utf-8"))
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model / "tokenizer"), local_files_only=True)
    rows = sorted((tok.convert_ids_to_tokens(tok(s)["input_ids"]) for s in sentences(n)), key=len)
    return shortlist.mean_candidates(rows, batch)


def child(spec: dict[str, Any]) -> dict[str, Any]:
    """Run every configuration of one engine in this process (one model load) and return figures.

    Each configuration runs ``reps`` times, interleaved, and the fastest run counts: the machine is
    shared, and the fastest run is the one least disturbed by other work.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    from dataclasses import replace

    from newsl10n.mt.base import EngineOptions
    from newsl10n.mt.cache import CachedEngine, SegmentCache
    from newsl10n.mt.ct2 import CTranslate2Engine
    from newsl10n.mt.hf import TransformersEngine

    texts = sentences(spec["sentences"])
    extra: dict[str, Any] = {"fixed_output_tokens": spec["tokens"]}
    if spec["engine"] == "ctranslate2":
        extra.update(inter_threads=spec["inter"], intra_threads=spec["intra"])
        cls: Any = CTranslate2Engine
    else:
        import torch

        torch.set_num_threads(spec["threads"])
        cls = TransformersEngine
    options = EngineOptions(model=spec["model"], guards=False, extra=extra)
    engine = cls(options)
    engine.translate(texts[:2], source_lang="en", target_lang="de")  # load and warm up
    if spec.get("cache_db"):
        engine.options = replace(options, beam_size=4, batch_size=16)
        first_engine = CachedEngine(engine, SegmentCache(spec["cache_db"]))
        article = texts[: spec["article"]]
        t0 = time.perf_counter()
        first_engine.translate(article, source_lang="en", target_lang="de")
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        # A new process would start like this: a fresh engine that never loads its model.
        rerun_engine = CachedEngine(cls(engine.options), SegmentCache(spec["cache_db"]))
        rerun_out = rerun_engine.translate(article, source_lang="en", target_lang="de")
        rerun = time.perf_counter() - t0
        return {
            "article_sentences": len(article),
            "first_s": first,
            "rerun_s": rerun,
            "ratio": first / rerun,
            "rerun_engine_calls": rerun_engine.misses,
            "all_cached": all(o.cached for o in rerun_out),
        }
    best: dict[tuple[int, int], float] = {}
    for _ in range(spec["reps"]):
        for beam in spec["beams"]:
            for batch in spec["batches"]:
                engine.options = replace(options, beam_size=beam, batch_size=batch)
                t0 = time.perf_counter()
                out = engine.translate(texts, source_lang="en", target_lang="de")
                elapsed = time.perf_counter() - t0
                if len(out) != len(texts):
                    raise SystemExit("wrong number of outputs")
                best[(beam, batch)] = min(elapsed, best.get((beam, batch), elapsed))
    generated = spec["tokens"] * len(texts)
    return {
        "peak_rss_mb": peak_rss_mb(),
        "runs": [
            {
                "beam": beam,
                "batch": batch,
                "seconds": elapsed,
                "sentences_per_s": len(texts) / elapsed,
                "tokens_per_s": generated / elapsed,
            }
            for (beam, batch), elapsed in best.items()
        ],
    }


HEADLINE = "Leaders of the Shanghai Cooperation Organisation meet in Astana"
E2E_BEAM = 4
E2E_BATCH = 16
E2E_TARGET = "pt"
E2E_TERM_METHOD = (
    "repair"  # a language the glossary has terms in, so term checks and enforcement do their work
)


def write_article(path: Path, texts: list[str], per_paragraph: int = 4) -> Path:
    """A plain-text article of the bench sentences: a headline, then paragraphs of a few sentences."""
    paragraphs = [" ".join(texts[i : i + per_paragraph]) for i in range(0, len(texts), per_paragraph)]
    path.write_text(HEADLINE + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


class EngineClock:
    """Time spent inside an engine class's public calls (``translate``, ``translate_nbest``, …).

    Patches the class in this (child) process only; nested calls count once. ``load_s`` is the
    part spent loading the model (on the engine's first call).
    """

    def __init__(self, cls: Any) -> None:
        self.seconds = 0.0
        self.load_s = 0.0
        self.calls = 0
        self._depth = 0
        for name in dir(cls):  # translate, translate_nbest, translate_constrained…
            if name.startswith("translate") and callable(getattr(cls, name)):
                setattr(cls, name, self._wrap(getattr(cls, name), "seconds"))
        cls._load = self._wrap(cls._load, "load_s")

    def _wrap(self, fn: Any, field: str) -> Any:
        clock = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            outer = clock._depth == 0 or field == "load_s"
            clock._depth += field != "load_s"
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                clock._depth -= field != "load_s"
                if outer:
                    setattr(clock, field, getattr(clock, field) + time.perf_counter() - t0)
                    clock.calls += field == "seconds"

        return timed

    def reset(self) -> None:
        self.seconds = self.load_s = 0.0
        self.calls = 0


def e2e_child(spec: dict[str, Any]) -> dict[str, Any]:
    """One whole ``translate`` run through the library run API, as the CLI makes it.

    A warm-up run on a two-sentence article first (imports, first-use set-up), then the timed run
    on the bench article with a new :class:`~newsl10n.run.Translator` (glossary read, model loaded,
    every sentence translated, checks, every default output written and fsynced). The engine's
    share is the time inside its ``translate`` calls, model loading included.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    from newsl10n.mt.base import EngineOptions
    from newsl10n.run import TranslateJob, translate_files

    extra: dict[str, Any] = {"fixed_output_tokens": spec["tokens"]}
    if spec["engine"] == "ctranslate2":
        from newsl10n.mt.ct2 import CTranslate2Engine as cls

        extra.update(inter_threads=spec["inter"], intra_threads=spec["intra"])
    else:
        import torch

        from newsl10n.mt.hf import TransformersEngine as cls  # type: ignore[assignment]

        torch.set_num_threads(spec["threads"])
    clock = EngineClock(cls)
    work = Path(spec["workdir"])
    options = EngineOptions(
        model=spec["model"], beam_size=E2E_BEAM, batch_size=E2E_BATCH, guards=False, extra=extra
    )

    # Terms enforced the same way on every engine (engine-agnostic repair: one batch of term
    # renderings), so that each engine does the same work; "auto" would pick constrained decoding
    # for transformers only.
    same_work = {"term_method": E2E_TERM_METHOD} if "term_method" in TranslateJob.__dataclass_fields__ else {}

    def job(article: Path, outdir: Path) -> TranslateJob:
        return TranslateJob(
            **same_work,  # type: ignore[arg-type]
            articles=(str(article),),
            targets=(E2E_TARGET,),
            engine=spec["engine"],
            engine_options=options,
            outdir=outdir,
            glossaries=(spec["glossary"],),
            force=True,
            use_cache=False,  # every run translates every sentence
            use_tm=False,
        )

    warm = write_article(work / f"warm-{spec['label']}.txt", sentences(2))
    translate_files(job(warm, work / f"warm-{spec['label']}"))
    clock.reset()
    t0 = time.perf_counter()
    report = translate_files(job(Path(spec["article"]), work / f"out-{spec['label']}"))
    wall = time.perf_counter() - t0
    if report.failed:
        raise SystemExit(f"translate failed: {report.failed[0].error}")
    item = report.items[0]
    return {
        "wall_s": wall,
        "engine_s": clock.seconds,
        "model_load_s": clock.load_s,
        "engine_calls": clock.calls,
        "outside_engine_s": wall - clock.seconds,
        "outside_engine_share": (wall - clock.seconds) / wall,
        "segments": item.segments,
        "files": len(item.files),
        "peak_rss_mb": peak_rss_mb(),
    }


def e2e_stage(
    models: dict[str, Path],
    common: dict[str, Any],
    reps: int,
    workdir: Path,
    labels: tuple[str, ...] = ("transformers", "ct2-float32", "ct2-int8", "ct2-int8-shortlist"),
) -> dict[str, Any]:
    """Whole ``translate`` runs, each configuration in its own process, interleaved; fastest counts."""
    article = write_article(workdir / "bench-article.txt", sentences(common["sentences"]))
    glossary = ROOT / "glossaries" / "sco-news.tbx"
    best: dict[str, dict[str, Any]] = {}
    for _ in range(reps):
        for label in labels:
            r = run_child(
                {
                    **common,
                    "e2e": True,
                    "label": label,
                    "engine": "transformers" if label == "transformers" else "ctranslate2",
                    "model": str(models[label]),
                    "article": str(article),
                    "glossary": str(glossary),
                    "workdir": str(workdir),
                }
            )
            print(f"  e2e {label}: {json.dumps(r)}", file=sys.stderr)
            if label not in best or r["wall_s"] < best[label]["wall_s"]:
                best[label] = r
    out: dict[str, Any] = {
        "e2e_runs": best,
        "e2e_beam": E2E_BEAM,
        "e2e_batch": E2E_BATCH,
        "e2e_pair": f"en-{E2E_TARGET}",
        "e2e_term_method": E2E_TERM_METHOD,
    }
    if "transformers" in best:
        for label in labels:
            if label != "transformers":
                key = f"e2e_ratio_{label.replace('-', '_')}_vs_transformers_beam{E2E_BEAM}"
                out[key] = best["transformers"]["wall_s"] / best[label]["wall_s"]
    for label, r in best.items():
        out[f"outside_engine_share_{label.replace('-', '_')}"] = r["outside_engine_share"]
    return out


def peak_rss_mb() -> float:
    """This process's peak resident memory. ru_maxrss would do, but Linux carries it over from the
    parent across fork and exec, so VmHWM (reset by exec) is read where there is one."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT / "src"))
    env.pop("CT2_USE_MKL", None)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True, text=True, env=env
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer sentences and tokens (a few minutes)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--reps", type=int, help="runs per configuration, fastest counts (default 2, full 3)")
    parser.add_argument(
        "--stages", default="engine,e2e,cache", help="what to run, comma-separated (default: all three)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsl10n-bench-models")
    args = parser.parse_args(argv)
    if args.child:
        spec = json.loads(args.child)
        print(json.dumps(e2e_child(spec) if spec.get("e2e") else child(spec)))
        return 0
    cores = os.cpu_count() or 1
    load_at_start = list(os.getloadavg())
    n_sent, n_tok, reps = (48, 24, 2) if args.quick else (256, 48, 3)
    reps = args.reps or reps
    beams, batches = ((1, 4), (16, 32))
    t0 = time.perf_counter()
    models = build_models(args.cache)
    build_s = time.perf_counter() - t0
    inter = 2 if cores >= 2 else 1
    common = {
        "sentences": n_sent,
        "tokens": n_tok,
        "threads": cores,
        "inter": inter,
        "intra": max(1, cores // inter),
    }
    stages = set(args.stages.split(","))
    unknown = stages - {"engine", "e2e", "cache"}
    if unknown:
        parser.error(f"unknown stage {sorted(unknown)[0]!r}: use engine, e2e, cache")
    # End to end first: whole translate runs, the figures the issue asks for.
    e2e: dict[str, Any] = {}
    if "e2e" in stages:
        with tempfile.TemporaryDirectory() as tmp:
            e2e = e2e_stage(models, common, reps, Path(tmp))
        for label, r in e2e["e2e_runs"].items():
            print(
                f"{label:13} translate (beam {E2E_BEAM}): {r['wall_s']:7.2f} s, "
                f"engine {r['engine_s']:7.2f} s "
                f"(model load {r['model_load_s']:.2f} s), outside the engine {r['outside_engine_s']:.3f} s "
                f"= {100 * r['outside_engine_share']:.2f}%",
                file=sys.stderr,
            )
    rows: list[dict[str, Any]] = []
    peaks: dict[str, float] = {}
    for label in (
        ("transformers", "ct2-float32", "ct2-int8", "ct2-int8-shortlist") if "engine" in stages else ()
    ):
        spec = {
            **common,
            "engine": "transformers" if label == "transformers" else "ctranslate2",
            "model": str(models[label]),
            "beams": beams,
            "batches": batches,
            "reps": reps,
        }
        r = run_child(spec)
        peaks[label] = r["peak_rss_mb"]
        for run in r["runs"]:
            rows.append({"engine": label, **run})
            print(
                f"{label:13} beam {run['beam']} batch {run['batch']:2}: {run['tokens_per_s']:8.1f} tokens/s "
                f"{run['sentences_per_s']:7.2f} sentences/s",
                file=sys.stderr,
            )
        print(f"{label:13} peak memory {r['peak_rss_mb']:.0f} MB", file=sys.stderr)

    def best(label: str, beam: int) -> float:
        return float(max(r["tokens_per_s"] for r in rows if r["engine"] == label and r["beam"] == beam))

    # Engine-level: newsl10n's engine objects alone, no file read or written.
    ratios = {
        f"engine_ratio_{label.replace('-', '_')}_vs_transformers_beam{beam}": best(label, beam)
        / best("transformers", beam)
        for label in ("ct2-float32", "ct2-int8", "ct2-int8-shortlist")
        for beam in beams
        if rows
    }
    cache: dict[str, Any] = {}
    if "cache" in stages:
        with tempfile.TemporaryDirectory() as tmp:
            cache = run_child(
                {
                    **common,
                    "engine": "ctranslate2",
                    "model": str(models["ct2-int8"]),
                    "cache_db": str(Path(tmp) / "segments.sqlite"),
                    "article": min(40, n_sent),
                }
            )
    figures = {
        "schema": 2,
        "quick": args.quick,
        "cpu_cores": cores,
        "load_average_at_start": load_at_start,
        "load_average_at_end": list(os.getloadavg()),
        "sentences": n_sent,
        "output_tokens_per_sentence": n_tok,
        "model": "random-weight Marian, OPUS-MT shape: d_model 512, 6+6 layers, 8 heads, FFN 2048, 65k vocab",
        "ct2_threads": {"inter_threads": common["inter"], "intra_threads": common["intra"]},
        "shortlist": {
            "per_source_token": SHORTLIST_PER_TOKEN,
            "always_allowed": SHORTLIST_FREQUENT,
            "mean_candidates_per_batch_16": shortlist_size(models["ct2-int8-shortlist"], n_sent, 16),
            "vocabulary": len(
                json.loads((models["ct2-int8"] / "shared_vocabulary.json").read_text(encoding="utf-8"))
            ),
        },
        "build_and_convert_s": build_s,
        "repetitions_best_of": reps,
        "runs": rows,
        "peak_rss_mb": peaks,
        **ratios,
        **e2e,
        "total_s": time.perf_counter() - t0,
    }
    if cache:
        figures.update(cache_rerun=cache, cache_rerun_speedup=cache["ratio"])
    for key, value in {**ratios, **{k: v for k, v in e2e.items() if "ratio" in k or "share" in k}}.items():
        print(f"{key}: {value:.3f}", file=sys.stderr)
    if cache:
        print(
            f"cache: first run {cache['first_s']:.3f} s, rerun {cache['rerun_s'] * 1000:.1f} ms "
            f"({cache['ratio']:.0f}× faster, {cache['rerun_engine_calls']} engine calls)",
            file=sys.stderr,
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    else:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
