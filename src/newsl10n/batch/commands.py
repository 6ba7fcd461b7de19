"""The ``newsl10n batch`` command: options into a BatchJob, one library call, progress, summary, exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import langs
from ..formats.base import WriterOptions
from ..mt.base import EngineOptions
from ..run import DEFAULT_OUTPUTS, TranslateJob
from .display import LiveDisplay, PlainLog
from .runner import RUN_RECORD, BatchJob, BatchReport, run_batch


def _summary(report: BatchReport) -> list[str]:
    s = report.summary()
    kinds = ", ".join(f"{k} {n}" for k, n in s["findings_by_kind"].items()) or "none"
    return [
        f"{s['articles']} articles: {s['done']} done, {s['skipped']} up to date, {s['failed']} failed "
        f"({s['resumed']} items finished by an earlier run); {s['segments']} segments; "
        f"cache hits {s['cache_hits']}, TM hits {s['tm_hits']}; {s['wall_s']:.1f} s",
        f"QA findings by kind: {kinds}",
        f"summary: {Path(report.outdir) / RUN_RECORD}",
    ]


@click.command("batch")
@click.argument("sources", nargs=-1, metavar="SOURCE_DIR_OR_GLOB...")
@click.option(
    "--manifest",
    default=None,
    metavar="FILE",
    help="CSV or JSONL: article, languages, glossary, engine, model, format.",
)
@click.option(
    "--to",
    "to",
    default=None,
    metavar="LANGS",
    help="Target languages, comma-separated (a manifest row may name its own).",
)
@click.option("--from", "source", default="en", show_default=True, metavar="LANG", help="Source language.")
@click.option(
    "--engine", default="auto", show_default=True, help="auto, or an engine name (see `newsl10n engines`)."
)
@click.option("--model", default=None, metavar="ID_OR_DIR", help="Model id or local model directory.")
@click.option(
    "--format", "fmt", default=None, help="Article format for every file (default: from each extension)."
)
@click.option(
    "-o",
    "--output-dir",
    "outdir",
    required=True,
    type=click.Path(file_okay=False),
    help="Where the outputs go.",
)
@click.option(
    "--outputs",
    default=",".join(DEFAULT_OUTPUTS),
    show_default=True,
    help="Which files to write per article and language.",
)
@click.option(
    "--glossary",
    "glossary_paths",
    multiple=True,
    metavar="FILE",
    help="Glossary for every article (repeatable).",
)
@click.option(
    "--device", default="cpu", show_default=True, help="cpu, cuda, cuda:N or auto (transformers engine)."
)
@click.option("--beam-size", default=4, show_default=True, type=int, help="Beam size (transformers engine).")
@click.option("--batch-size", default=16, show_default=True, type=int, help="Sentences per engine batch.")
@click.option(
    "-j", "--jobs", default=1, show_default=True, type=int, help="Worker processes (or Ray actors)."
)
@click.option(
    "--executor",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where workers run.",
)
@click.option(
    "--ray-address",
    default=None,
    metavar="ADDR",
    help="Join this Ray cluster (default: start a local Ray runtime).",
)
@click.option(
    "--gpus-per-worker",
    default=None,
    type=float,
    help="GPUs per Ray actor (default: 1 with --device cuda, else 0).",
)
@click.option("--force", is_flag=True, help="Translate again even what is up to date.")
@click.option(
    "-q", "--quiet", is_flag=True, help="No progress display or per-article lines; the summary still prints."
)
def batch_command(
    sources: tuple[str, ...],
    manifest: str | None,
    to: str | None,
    source: str,
    engine: str,
    model: str | None,
    fmt: str | None,
    outdir: str,
    outputs: str,
    glossary_paths: tuple[str, ...],
    device: str,
    beam_size: int,
    batch_size: int,
    jobs: int,
    executor: str,
    ray_address: str | None,
    gpus_per_worker: float | None,
    force: bool,
    quiet: bool,
) -> None:
    """Translate folders of articles (or a manifest) into many languages, resumably, in parallel.

    Outputs are those of `newsl10n translate`, in OUTDIR with the input's folder structure;
    OUTDIR/run.json holds the summary. A batch killed at any point (even kill -9) and started
    again with the same arguments finishes what is left; finished articles are not redone.
    A second batch into the same OUTDIR at the same time is refused.

    \b
    Examples:
      newsl10n batch wire/2026-12-01/ --to zh,ru,ur -o out/ --jobs 4
      newsl10n batch 'wire/**/*.html' --to pt -o out/
      newsl10n batch --manifest today.csv -o out/
      newsl10n batch archive/ --to de --executor ray --ray-address auto -o /shared/out

    Exit status: 0 every article done or up to date; 2 an article or language failed (the
    others are written), bad input or options, or the output directory is in use.
    """
    job = BatchJob(
        sources=sources,
        manifest=manifest,
        translate=TranslateJob(
            articles=(),
            targets=tuple(langs.parse_tag_list(to)) if to else (),
            source_lang=source,
            engine=engine,
            engine_options=EngineOptions(
                model=model, device=device, beam_size=beam_size, batch_size=batch_size
            ),
            fmt=fmt,
            outdir=Path(outdir),
            outputs=tuple(k.strip() for k in outputs.split(",") if k.strip()),
            writer_options=WriterOptions(),
            force=force,
            glossaries=glossary_paths,
        ),
        jobs=jobs,
        executor="ray" if executor == "ray" else "local",
        ray_address=ray_address,
        gpus_per_worker=gpus_per_worker,
    )
    display: LiveDisplay | PlainLog | None = None
    if not quiet:
        tty = sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
        display = LiveDisplay(sys.stderr, no_color="NO_COLOR" in os.environ) if tty else PlainLog(sys.stderr)
    try:
        report = run_batch(job, progress=display)
    finally:
        if display is not None:
            display.close()
    for o in report.failed:
        click.echo(f"Error: {o.item.article} → {o.item.target_lang}: {o.item.error}", err=True)
    for line in _summary(report):
        click.echo(line, err=True)
    if report.failed:
        sys.exit(2)
