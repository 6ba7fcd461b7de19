"""The ``newsl10n`` command line: parse options, call the library, render; exit 0 ok, 1 findings, 2 error."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import langs
from .batch.commands import batch_command
from .errors import ConfigError, GlossaryError, Newsl10nError
from .formats.base import WriterOptions
from .glossary import Glossary, load_glossary
from .mt.base import EngineOptions
from .mt.routing import ROUTES, route
from .outputs import write_all
from .pipeline import read_path, read_srx
from .postedit.commands import import_command, tm
from .registry import LABELS, load, names
from .run import (
    DEFAULT_OUTPUTS,
    CheckJob,
    ItemResult,
    ProgressEvent,
    TranslateJob,
    check_files,
    translate_files,
)
from .serial import document_to_dict
from .version import __version__


def _debug_enabled(ctx: click.Context | None) -> bool:
    if os.environ.get("NEWSL10N_DEBUG", "").lower() in ("1", "true", "yes", "on"):
        return True
    while ctx is not None:
        if ctx.obj and ctx.obj.get("debug"):
            return True
        ctx = ctx.parent
    return False


class _Group(click.Group):
    """Turns library errors into one line on stderr and exit status 2 (unless --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Newsl10nError as exc:
            if _debug_enabled(ctx):
                raise
            problems = (
                exc.problems if isinstance(exc, GlossaryError) and len(exc.problems) > 1 else [str(exc)]
            )
            for problem in problems:
                click.echo(f"Error: {problem}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("Interrupted; finished outputs were kept, nothing partial was written.", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:
            # A bug must not look like "findings" (exit 1) to a CI job: one line, exit 2.
            if _debug_enabled(ctx):
                raise
            click.echo(
                f"Error: internal error ({type(exc).__name__}: {exc}). This is a bug in newsl10n: "
                "please report it with the input; --debug shows the traceback.",
                err=True,
            )
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsl10n")
@click.option("--debug", is_flag=True, help="Show tracebacks (also: NEWSL10N_DEBUG=1).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Translate and localise news articles; write aligned files for review.

    \b
    Environment:
      NEWSL10N_DEBUG=1          show tracebacks on errors
      NEWSL10N_CACHE_DIR        where the segment cache lives (default: the user cache directory)
      NEWSL10N_CONFIG           a newsl10n.toml with model routes (default: the nearest one upwards)
      NEWSL10N_MODELS_DIR       where converted (CTranslate2) models are found
      NEWSL10N_TM               the translation memory file (default: the user data directory)
      NEWSL10N_MAX_ARTICLE_MB   the largest article file read, in MiB (default: 20)
      NEWSL10N_MAX_GLOSSARY_MB  the largest glossary file read, in MiB (default: 64)
      NEWSL10N_MAX_INPUT_MB     the largest other input (bilingual files, manifests…), in MiB (default: 512)
      NEWSL10N_SRX_MAX_RULES    the most rules an SRX file may hold (default: 10,000)
      HF_HUB_OFFLINE=1          never contact the Hugging Face hub (use cached or local models)
      NO_COLOR                  no colour in messages
    """
    ctx.obj = {"debug": debug}


class _Progress:
    """A progress bar on stderr per article and language, only for a terminal and no --quiet."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, event: ProgressEvent) -> None:
        if event.kind == "start" and event.total >= 2:
            label = f"{Path(event.article).name} → {event.target_lang}"
            self._bar = click.progressbar(length=event.total, label=label, file=sys.stderr)
            self._bar.__enter__()
        elif event.kind == "advance" and self._bar is not None:
            self._bar.update(event.n)
        elif event.kind == "item":
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _summary_line(item: ItemResult, outdir: str) -> str:
    if item.status == "skipped":
        return f"{item.article} → {item.target_lang}: up to date (use --force to redo)"
    if item.status == "failed":
        return f"{item.article} → {item.target_lang}: failed: {item.error}"
    shown = ", ".join(Path(f).name for f in item.files)
    return (
        f"{item.article} → {item.target_lang}: {item.segments} segments, {item.findings} findings "
        f"[{item.engine}: {item.model}] → {os.path.join(outdir, '{' + shown + '}')}"
    )


@cli.command()
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@click.option(
    "--to",
    "to",
    required=True,
    metavar="LANGS",
    help="Target languages, comma-separated: zh,ru,ur.",
)
@click.option("--from", "source", default="en", show_default=True, metavar="LANG", help="Source language.")
@click.option(
    "--engine",
    default="auto",
    show_default=True,
    help="auto, or an engine name (see `newsl10n engines`).",
)
@click.option(
    "--model",
    default=None,
    metavar="ID_OR_DIR",
    help="Hugging Face model id or local model directory (or a Bergamot model directory).",
)
@click.option(
    "--format",
    "fmt",
    default=None,
    help="Article format (text, markdown, html); default: from the extension.",
)
@click.option(
    "-o",
    "--output-dir",
    "outdir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the output files go.",
)
@click.option(
    "--outputs",
    default=",".join(DEFAULT_OUTPUTS),
    show_default=True,
    help="Which files to write: any output kind of `newsl10n formats` (xlf, html, jsonl, article…).",
)
@click.option(
    "--device",
    default="cpu",
    show_default=True,
    help="cpu, cuda, cuda:N or auto (transformers engine).",
)
@click.option("--beam-size", default=4, show_default=True, type=int, help="Beam size (transformers engine).")
@click.option("--batch-size", default=16, show_default=True, type=int, help="Sentences per batch.")
@click.option("--force", is_flag=True, help="Translate again even when up-to-date outputs exist.")
@click.option("--srx", default=None, metavar="FILE", help="Segment with the rules of an SRX 2.0 file.")
@click.option(
    "--glossary",
    "glossary_paths",
    multiple=True,
    metavar="FILE",
    help="Check the translation against a glossary (repeatable); findings go into the outputs.",
)
@click.option(
    "--xliff",
    type=click.Choice(["2.1", "1.2"]),
    default="2.1",
    show_default=True,
    help="XLIFF version of the xlf output (1.2 for OmegaT, Trados, memoQ and most CAT tools).",
)
@click.option(
    "--xliff-target",
    type=click.Choice(["mt", "source-copy"]),
    default="mt",
    show_default=True,
    help="What <target> holds: the MT, or a copy of the source (OmegaT; the MT travels in the TMX).",
)
@click.option("--unit-per-sentence", is_flag=True, help="One XLIFF 1.2/PO unit per sentence, not per block.")
@click.option("--no-cache", is_flag=True, help="Do not read or fill the segment cache.")
@click.option(
    "--tm",
    "tm_path",
    default=None,
    metavar="FILE",
    help="Translation memory to consult before MT (default: NEWSL10N_TM or the user data "
    "directory's tm.sqlite, when it exists). Exact matches are reused, fuzzy ones offered.",
)
@click.option("--no-tm", is_flag=True, help="Do not consult the translation memory.")
@click.option(
    "--enforce-terms/--no-enforce-terms",
    default=True,
    show_default=True,
    help="With --glossary: make the MT use the glossary's target terms, or only check them.",
)
@click.option(
    "--term-method",
    type=click.Choice(["auto", "repair", "placeholder", "mask", "annotate", "nbest", "constrain"]),
    default="auto",
    show_default=True,
    help="How terms are enforced: auto picks the engine's default (bergamot: repair, transformers: "
    "constrain, ctranslate2: nbest); an engine without n-best or constraints gets its default.",
)
@click.option(
    "--fuzzy",
    default=75.0,
    show_default=True,
    type=float,
    help="Offer TM matches at or above this similarity (0–100).",
)
@click.option(
    "--cache",
    "cache_path",
    default=None,
    metavar="FILE",
    envvar="NEWSL10N_CACHE",
    help="Segment cache file (default: the user cache directory; NEWSL10N_CACHE_DIR moves it).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary lines.")
def translate(
    articles: tuple[str, ...],
    to: str,
    source: str,
    engine: str,
    model: str | None,
    fmt: str | None,
    outdir: str,
    outputs: str,
    device: str,
    beam_size: int,
    batch_size: int,
    force: bool,
    srx: str | None,
    glossary_paths: tuple[str, ...],
    xliff: str,
    xliff_target: str,
    unit_per_sentence: bool,
    no_cache: bool,
    tm_path: str | None,
    no_tm: bool,
    enforce_terms: bool,
    term_method: str,
    fuzzy: float,
    cache_path: str | None,
    quiet: bool,
) -> None:
    """Translate articles and write review files per target language.

    For each ARTICLE and target language LANG this writes OUTDIR/STEM.LANG.xlf (XLIFF 2.1),
    STEM.LANG.html (side-by-side review page), STEM.LANG.jsonl (aligned segments) and
    STEM.LANG.EXT (the translated article in its own format; STEM.LANG.article.html for
    HTML articles, whose plain .html name the review page takes).

    \b
    Examples:
      newsl10n translate examples/sco-ai-cooperation.txt --to pt -o review/
      newsl10n translate story.html --to zh,ru --model Helsinki-NLP/opus-mt-en-zh
      newsl10n translate story.md --to kk --engine transformers --model ./models/nllb-600m
      cat story.txt | newsl10n translate - --to pt -o review/

    ARTICLE may be - for standard input (read as plain text unless --format says otherwise).
    Exit status: 0 done, 2 bad input or an article/language that failed (the others are written).
    """
    stdin = sys.stdin.buffer.read() if "-" in articles else None
    job = TranslateJob(
        articles=articles,
        targets=_target_langs(to),
        source_lang=source,
        engine=engine,
        engine_options=EngineOptions(model=model, device=device, beam_size=beam_size, batch_size=batch_size),
        fmt=fmt,
        outdir=Path(outdir),
        outputs=tuple(k.strip() for k in outputs.split(",") if k.strip()),
        xliff_version=xliff,
        writer_options=WriterOptions(unit_per_sentence=unit_per_sentence, target_mode=xliff_target),
        force=force,
        srx=srx,
        glossaries=glossary_paths,
        stdin=stdin,
        use_cache=not no_cache,
        cache_path=cache_path,
        use_tm=not no_tm,
        enforce_terms=enforce_terms,
        term_method=term_method,
        tm=tm_path,
        fuzzy=fuzzy,
        count_requests=not quiet and sys.stderr.isatty(),
    )
    bar = _Progress() if job.count_requests else None
    try:
        report = translate_files(job, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for item in report.items:
        if item.status == "failed":
            click.echo(f"Error: {_summary_line(item, outdir)}", err=True)
        elif not quiet:
            click.echo(_summary_line(item, outdir), err=True)
    if report.failed:
        sys.exit(2)


def _target_langs(to: str) -> tuple[str, ...]:
    """``--to``: comma-separated tags, none empty, none twice (after normalisation)."""
    items = [item.strip() for item in to.split(",")]
    if not any(items):
        raise ConfigError("no target language given: pass --to with one or more tags, e.g. --to zh,ru")
    if "" in items:
        raise ConfigError(f"--to {to!r} has an empty language (item {items.index('') + 1}); e.g. --to zh,ru")
    tags = [langs.normalise_tag(item) for item in items]
    dupes = [t for n, t in enumerate(tags) if t in tags[:n]]
    if dupes:
        raise ConfigError(f"--to {to!r} names {dupes[0]} twice")
    return tuple(tags)


@cli.command()
@click.argument("article", metavar="ARTICLE")
@click.option("--lang", default="en", show_default=True, help="Language of the article.")
@click.option(
    "--format",
    "fmt",
    default=None,
    help="Article format (text, markdown, html); default: from the extension.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (schema 1).")
@click.option("--srx", default=None, metavar="FILE", help="Segment with the rules of an SRX 2.0 file.")
def segment(article: str, lang: str, fmt: str | None, as_json: bool, srx: str | None) -> None:
    """Show an article's structure: blocks and sentences with their offsets.

    \b
    Examples:
      newsl10n segment examples/sco-ai-cooperation.txt
      newsl10n segment story.html --json | jq '.blocks[].kind'
    """
    doc = read_path(article, source_lang=lang, fmt=fmt, srx=read_srx(srx) if srx else None)
    if as_json:
        click.echo(json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2))
        return
    for b in doc.blocks:
        click.echo(f"{b.id:<5} {b.kind}")
        for s in b.segments:
            click.echo(f"  {s.id:<8} [{s.start}:{s.end})  {s.content}")


@cli.command()
def engines() -> None:
    """List translation engines and the default routing table (with model licences).

    \b
    Example:
      newsl10n engines
    """
    click.echo("Engines: " + ", ".join(sorted(names("engine"))))
    click.echo("")
    click.echo("Default routes for --engine auto (any other pair: the NLLB-200 route below):")
    for s, t in sorted(ROUTES):
        r = ROUTES[(s, t)]
        click.echo(f"  {s}→{t:<4} {r.engine:<13} {r.model or '(bundled)':<32} {r.licence}")
    fallback = route("en", "kk")
    click.echo(f"  *→*    {fallback.engine:<13} {fallback.model:<32} {fallback.licence}")


@cli.command("export-srx")
@click.option(
    "--lang", "lang_list", default=None, metavar="LANGS", help="Languages to export (default: all)."
)
@click.option("-o", "--output", default="-", show_default=True, help="File to write, or - for stdout.")
def export_srx_command(lang_list: str | None, output: str) -> None:
    """Write newsl10n's segmentation rules as an SRX 2.0 file for CAT tools.

    \b
    Examples:
      newsl10n export-srx -o newsl10n.srx
      newsl10n export-srx --lang en,ru,kk
    """
    from .segment.srx import export_srx

    data = export_srx(langs.parse_tag_list(lang_list) if lang_list else None)
    if output == "-":
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_all({Path(output): data})


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--glossary",
    "glossary_paths",
    multiple=True,
    metavar="FILE",
    help="Glossary (TBX, CSV, TSV, YAML); repeatable. Needed by the terms check.",
)
@click.option(
    "--checks",
    default=None,
    metavar="NAMES",
    help="Checks to run, comma-separated (default: every registered check that applies; "
    "terms only with --glossary). See `newsl10n formats`.",
)
@click.option(
    "--format",
    "report_format",
    default="text",
    show_default=True,
    help="Report format: text, json, sarif, junit, github (or any registered report).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Exit 1 when findings of this severity (or worse) exist.",
)
@click.option(
    "--source-lang",
    default=None,
    help="Source language, for files that do not declare one (PO; default en).",
)
@click.option("--target-lang", default=None, help="Target language, for files that do not declare one.")
@click.option(
    "-o", "--output", default="-", show_default=True, help="Write the report here instead of stdout."
)
def check(
    files: tuple[str, ...],
    glossary_paths: tuple[str, ...],
    checks: str | None,
    report_format: str,
    fail_on: str,
    source_lang: str | None,
    target_lang: str | None,
    output: str,
) -> None:
    """Check bilingual files: glossary terms (missing, deprecated, changed do-not-translate terms)
    and every other registered check.

    Reads XLIFF 2.x and 1.2, TMX, PO and newsl10n JSONL. Exit status: 0 clean, 1 findings at or
    above --fail-on, 2 bad input (an unreadable file or glossary).

    \b
    Examples:
      newsl10n check review/*.xlf --glossary glossaries/sco-news.tbx
      newsl10n check out/story.ru.xlf --glossary g.tbx --format sarif -o terms.sarif
      newsl10n check po/ru.po --glossary desk.csv --format github --fail-on warning
    """
    render = load("report", report_format)  # an unknown format fails before any reading
    job = CheckJob(
        files=files,
        glossaries=glossary_paths,
        checks=tuple(c.strip() for c in checks.split(",") if c.strip()) if checks is not None else None,
        source_lang=source_lang,
        target_lang=target_lang,
    )
    report = check_files(job)
    text = render(report)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_all({Path(output): text.encode("utf-8")})
    if report.failing("error" if fail_on == "error" else "warning"):
        sys.exit(1)


@cli.command()
def formats() -> None:
    """List every registered plugin: article formats, output kinds, bilingual readers, glossary
    formats, report formats and checks.

    \b
    Example:
      newsl10n formats
    """
    for kind, label in LABELS.items():
        click.echo(f"{label}s: " + ", ".join(names(kind)))


@cli.group()
def glossary() -> None:
    """Work with glossaries: convert between formats, lint."""


@glossary.command("convert")
@click.argument("source", metavar="IN")
@click.argument("target", metavar="OUT")
@click.option(
    "--to",
    "to_format",
    default=None,
    help="Output format: tbx (TBX v3), tbx2008 (martif), csv, tsv, yaml, omegat-tsv, or any "
    "registered glossary format (default: from OUT's extension).",
)
@click.option(
    "--lang",
    default=None,
    metavar="LANG",
    help="Write the source and this target language only (OmegaT's form holds one pair); a "
    "language the glossary lacks is named in a warning.",
)
@click.option("--from-lang", default=None, metavar="LANG", help="Source language of an OmegaT glossary (IN).")
@click.option("--to-lang", default=None, metavar="LANG", help="Target language of an OmegaT glossary (IN).")
def glossary_convert(
    source: str,
    target: str,
    to_format: str | None,
    lang: str | None,
    from_lang: str | None,
    to_lang: str | None,
) -> None:
    """Convert a glossary between TBX (v3 and 2008), CSV, TSV, YAML and OmegaT's glossary form.

    \b
    Examples:
      newsl10n glossary convert glossaries/sco-news.yaml glossaries/sco-news.tbx
      newsl10n glossary convert desk.tbx desk.csv
      newsl10n glossary convert desk.tbx old-tool.tbx --to tbx2008
      newsl10n glossary convert desk.tbx desk.pt.utf8 --to omegat-tsv --lang pt
    """
    from .glossary.io import export_glossary, format_of, read_glossary
    from .inputs import read_input

    g = read_glossary(
        read_input(source, what="glossary file"), path=source, source_lang=from_lang, target_lang=to_lang
    )
    _glossary_warnings(g)
    export = export_glossary(g, to_format or format_of(target), target_lang=lang)
    for warning in export.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if target == "-":
        click.echo(export.data.decode("utf-8"), nl=False)
    else:
        write_all({Path(target): export.data})
        click.echo(f"{source} → {target}: {len(g)} concepts, {len(g.languages)} languages", err=True)


def _glossary_warnings(g: Glossary) -> None:
    """Print what a glossary reader skipped (empty terms, …) as warnings on stderr."""
    for line in g.meta.get("warnings", "").splitlines():
        click.echo(f"Warning: {line}", err=True)


@glossary.command("lint")
@click.argument("path", metavar="GLOSSARY")
def glossary_lint(path: str) -> None:
    """Find duplicates, conflicting preferred terms, empty languages and ambiguous source terms.

    Overlapping terms are reported as notes. Exit status: 0 no problems, 1 problems found,
    2 the glossary cannot be read.

    \b
    Example:
      newsl10n glossary lint glossaries/sco-news.tbx
    """
    from .glossary.lint import lint

    g = load_glossary(path)
    findings = lint(g)
    for f in findings:
        where = f"{path}:{f.line}" if f.line else path
        click.echo(f"{where}: {f.severity}: {f.kind}: {f.message}")
    problems = [f for f in findings if f.severity == "error"]
    click.echo(
        f"{len(problems)} problems, {len(findings) - len(problems)} notes in {len(g)} concepts "
        f"({', '.join(g.languages)})",
        err=True,
    )
    if problems:
        sys.exit(1)


@cli.group()
def models() -> None:
    """Machine-translation models: the routing table, and conversion to CTranslate2."""


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def models_list(as_json: bool) -> None:
    """List the routes: language pair → engine, model, licence, size, installed or not.

    A newsl10n.toml (NEWSL10N_CONFIG, or the nearest one upwards) overrides routes per pair.

    \b
    Example:
      newsl10n models list
    """
    from .mt.routing import find_config, list_routes, load_config

    rows = list_routes(load_config(find_config()))
    if as_json:
        click.echo(
            json.dumps({"schema": 1, "routes": [r.to_dict() for r in rows]}, ensure_ascii=False, indent=2)
        )
        return
    for r in rows:
        pair = f"{r.source_lang}→{r.target_lang}"
        how = f" (pivot {r.pivot})" if r.pivot else ""
        state = "installed" if r.installed else "not installed"
        click.echo(f"  {pair:<8} {r.engine:<13} {r.model or '(bundled)':<40} {state:<14} {r.licence}{how}")


@models.command("convert")
@click.argument("model", metavar="MODEL_ID_OR_DIR")
@click.argument("outdir", metavar="OUTDIR")
@click.option(
    "--quantization",
    type=click.Choice(["int8", "int8_float32", "float16", "float32"]),
    default="int8",
    show_default=True,
    help="Weight type of the converted model.",
)
@click.option("--force", is_flag=True, help="Replace OUTDIR if it exists.")
def models_convert(model: str, outdir: str, quantization: str, force: bool) -> None:
    """Convert a Marian/OPUS-MT, NLLB or M2M100 model for the ctranslate2 engine (extra: newsl10n[ct2]).

    \b
    Examples:
      newsl10n models convert Helsinki-NLP/opus-mt-en-zh models/opus-mt-en-zh-ct2
      newsl10n translate story.txt --to zh --model models/opus-mt-en-zh-ct2 -o review/
    """
    from .mt.convert import convert_model

    q = None if quantization == "float32" else quantization
    out = convert_model(model, outdir, quantization=q, force=force)
    click.echo(f"{model} → {out} ({quantization})", err=True)


@models.command("shortlist")
@click.argument("model_dir", metavar="MODEL_DIR")
@click.argument("corpus", metavar="CORPUS", required=False)
@click.option("--from", "source_lang", default="en", show_default=True, help="Source language.")
@click.option("--to", "target_lang", default=None, help="Target language (required with CORPUS).")
@click.option(
    "--per-token",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="Candidates per source token.",
)
@click.option(
    "--frequent",
    default=1000,
    show_default=True,
    type=click.IntRange(min=0),
    help="Commonest target tokens always allowed.",
)
@click.option(
    "--check",
    default=0,
    type=click.IntRange(min=0),
    help="Translate this many corpus sentences with and without the shortlist; report how many agree.",
)
@click.option("--beam-size", default=4, show_default=True, type=click.IntRange(min=1))
@click.option("--remove", is_flag=True, help="Delete MODEL_DIR's shortlist instead.")
def models_shortlist(
    model_dir: str,
    corpus: str | None,
    source_lang: str,
    target_lang: str | None,
    per_token: int,
    frequent: int,
    check: int,
    beam_size: int,
    remove: bool,
) -> None:
    """Learn a target-vocabulary shortlist for a CTranslate2 model (faster decoding on CPU).

    CORPUS is a bilingual file (TMX, XLIFF, PO, JSONL: your translation memory) or a .txt file of
    source sentences, one per line, that the model translates itself. The shortlist is written as
    MODEL_DIR/vmap.txt and used by the ctranslate2 engine from then on; the segment cache keys on it.

    \b
    Examples:
      newsl10n models shortlist models/opus-mt-en-de-int8 memory.tmx --to de --check 200
      newsl10n models shortlist models/opus-mt-en-de-int8 news-en.txt --to de
      newsl10n models shortlist models/opus-mt-en-de-int8 --remove
    """
    from .corpus import read_corpus
    from .mt.shortlist import build_shortlist, remove_shortlist

    if remove:
        gone = remove_shortlist(model_dir)
        click.echo(f"{model_dir}: shortlist {'removed' if gone else 'not found'}", err=True)
        return
    if corpus is None or target_lang is None:
        raise click.UsageError("give CORPUS and --to LANG (or --remove)")
    sources, targets = read_corpus(Path(corpus), source_lang, target_lang)
    r = build_shortlist(
        model_dir,
        sources,
        targets,
        source_lang=source_lang,
        target_lang=target_lang,
        per_token=per_token,
        frequent=frequent,
        check=check,
        beam_size=beam_size,
    )
    click.echo(
        f"{r.path}: {r.pairs} sentence pairs, {r.source_tokens} source tokens, {r.fixed} always allowed; "
        f"about {r.mean_candidates:.0f} of {r.vocabulary} target tokens scored per batch of 16",
        err=True,
    )
    if r.agreement is not None:
        checked = min(check, r.pairs)
        click.echo(f"check: {100 * r.agreement:.1f}% of {checked} sentences translated the same", err=True)


@cli.group()
def cache() -> None:
    """The segment cache: translated sentences reused by later runs."""


@cache.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def cache_stats(as_json: bool) -> None:
    """Show where the segment cache is and what it holds.

    \b
    Example:
      newsl10n cache stats
    """
    from .mt.cache import SegmentCache

    with SegmentCache() as store:
        stats = store.stats()
        for warning in store.warnings:
            click.echo(f"Warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps({"schema": 1, **stats}, ensure_ascii=False, indent=2))
    else:
        for key, value in stats.items():
            click.echo(f"{key}: {value}")


@cache.command("clear")
@click.option("--engine", default=None, help="Only entries of this engine.")
@click.option("--model", default=None, help="Only entries of this model.")
def cache_clear(engine: str | None, model: str | None) -> None:
    """Remove entries from the segment cache (all of them by default).

    \b
    Examples:
      newsl10n cache clear
      newsl10n cache clear --engine bergamot
    """
    from .mt.cache import SegmentCache

    with SegmentCache() as store:
        removed = store.clear(engine=engine, model=model)
    click.echo(f"removed {removed} cached sentences", err=True)


cli.add_command(import_command)
cli.add_command(tm)
cli.add_command(batch_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newsl10n")
