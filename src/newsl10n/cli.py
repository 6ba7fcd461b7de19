"""The ``newsl10n`` command line: parse options, call the library, render; exit 0 ok, 1 findings, 2 error."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from . import langs
from .errors import ConfigError, GlossaryError, Newsl10nError
from .glossary import load_glossary
from .glossary.io import FORMATS as GLOSSARY_FORMATS
from .inputs import read_input
from .model import Document, LocalisedDocument
from .mt.base import EngineOptions
from .mt.routing import ROUTES, route
from .outputs import all_exist, fingerprint, prepare_dir, recorded_fingerprint, write_all
from .pipeline import (
    EngineChooser,
    article_format,
    check_terminology,
    engine_requests,
    format_for_path,
    read_document,
    read_srx,
    translate_document,
)
from .qa.report import REPORT_FORMATS
from .registry import names
from .version import __version__

OUTPUT_KINDS = ("xlf", "html", "jsonl", "article")


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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsl10n")
@click.option("--debug", is_flag=True, help="Show tracebacks (also: NEWSL10N_DEBUG=1).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Translate and localise news articles; write aligned files for review.

    \b
    Environment:
      NEWSL10N_DEBUG=1   show tracebacks on errors
      HF_HUB_OFFLINE=1   never contact the Hugging Face hub (use cached or local models)
      NO_COLOR           no colour in messages
    """
    ctx.obj = {"debug": debug}


@dataclass(frozen=True)
class _Job:
    path: Path
    data: bytes
    document: Document
    fmt: str


def _read_jobs(
    paths: tuple[str, ...], source_lang: str, fmt: str | None, srx: str | None = None
) -> list[_Job]:
    rules = read_srx(srx) if srx else None
    jobs: list[_Job] = []
    for raw in paths:
        path = Path(raw)
        data = read_input(path, what="article file")
        name = fmt or format_for_path(path)
        document = read_document(data, doc_id=raw, source_lang=source_lang, fmt=name, srx=rules)
        jobs.append(_Job(path, data, document, name))
    return jobs


@contextmanager
def _progress(document: Document, label: str, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr over the engine requests, only for a terminal and no --quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    total = len(engine_requests(document)[1])
    if total < 2:
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


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
    default=",".join(OUTPUT_KINDS),
    show_default=True,
    help="Which files to write: xlf, html (review page), jsonl, article.",
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
    """
    source_lang = langs.normalise_tag(source)
    targets = langs.parse_tag_list(to)
    kinds = [k.strip() for k in outputs.split(",") if k.strip()]
    bad = [k for k in kinds if k not in OUTPUT_KINDS]
    if bad or not kinds:
        raise ConfigError(
            f"unknown output kind {bad[0] if bad else outputs!r}: choose from {', '.join(OUTPUT_KINDS)}"
        )
    if fmt is not None and fmt not in names("format"):
        from .errors import UnknownNameError

        raise UnknownNameError("format", fmt, names("format"))
    options = EngineOptions(model=model, device=device, beam_size=beam_size, batch_size=batch_size)
    chooser = EngineChooser(engine, options)
    glossaries = [load_glossary(g) for g in glossary_paths]
    jobs = _read_jobs(articles, source_lang, fmt, srx)
    stems = [j.path.stem for j in jobs]
    dupes = {s for s in stems if stems.count(s) > 1}
    if dupes:
        raise ConfigError(
            f"two articles share the name {sorted(dupes)[0]!r}; their outputs would overwrite each other"
        )
    # Resolve every engine before translating anything: an unsupported pair fails the run at once.
    for target in targets:
        chooser.engine_for(source_lang, target)
    out = Path(outdir)
    prepare_dir(out)
    for job in jobs:
        ext = job.path.suffix or article_format(job.fmt).extensions[0]
        for target in targets:
            eng = chooser.engine_for(source_lang, target)
            paths = {
                "xlf": out / f"{job.path.stem}.{target}.xlf",
                "html": out / f"{job.path.stem}.{target}.html",
                "jsonl": out / f"{job.path.stem}.{target}.jsonl",
                # An HTML article would collide with the review page: it takes an .article infix.
                "article": out
                / f"{job.path.stem}.{target}{'.article' if ext.lower() in ('.html', '.htm') else ''}{ext}",
            }
            wanted = {k: paths[k] for k in kinds}
            fp = fingerprint(
                job.document.meta.get("segmenter", ""),
                "+".join(g.digest() for g in glossaries),
                __version__,
                job.data,
                job.fmt,
                source_lang,
                target,
                eng.name,
                repr(replace(options, model=eng.options.model)),
                ",".join(kinds),
            )
            if (
                not force
                and "xlf" in wanted
                and all_exist(wanted.values())
                and recorded_fingerprint(wanted["xlf"]) == fp
            ):
                if not quiet:
                    click.echo(f"{job.path} → {target}: up to date (use --force to redo)", err=True)
                continue
            with _progress(job.document, f"{job.path.name} → {target}", quiet) as update:
                result = translate_document(job.document, target, eng, progress=update)
            result = check_terminology(result, glossaries)
            result = replace(result, run=replace(result.run, fingerprint=fp))
            write_all({path: _render(kind, result, job.fmt) for kind, path in wanted.items()})
            if not quiet:
                n = len(result.translations)
                findings = len([i for i in result.issues if i.severity != "info"])
                shown = ", ".join(p.name for p in wanted.values())
                click.echo(
                    f"{job.path} → {target}: {n} segments, {findings} findings "
                    f"[{result.run.engine}: {result.run.model}] → {out}/{{{shown}}}",
                    err=True,
                )


def _render(kind: str, result: LocalisedDocument, fmt: str) -> bytes:
    from .formats.jsonl import JsonlWriter
    from .formats.review import ReviewPageWriter
    from .formats.xliff import XliffWriter

    if kind == "xlf":
        return XliffWriter().write(result)
    if kind == "html":
        return ReviewPageWriter().write(result)
    if kind == "jsonl":
        return JsonlWriter().write(result)
    return article_format(fmt).write_localised(result)


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
    source_lang = langs.normalise_tag(lang)
    (job,) = _read_jobs((article,), source_lang, fmt, srx)
    doc = job.document
    if as_json:
        payload = {
            "schema": 1,
            "doc": doc.id,
            "format": doc.format,
            "source_lang": doc.source_lang,
            "segmenter": doc.meta.get("segmenter", ""),
            "blocks": [
                {
                    "id": b.id,
                    "kind": b.kind,
                    "text": b.text,
                    "codes": [
                        {
                            "id": c.id,
                            "kind": c.kind,
                            "type": c.ctype,
                            "opening": c.opening,
                            "closing": c.closing,
                        }
                        for c in b.codes
                    ],
                    "segments": [
                        {"id": s.id, "start": s.start, "end": s.end, "text": s.text} for s in b.segments
                    ],
                }
                for b in doc.blocks
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
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
    required=True,
    metavar="FILE",
    help="Glossary (TBX, CSV, TSV, YAML); repeatable.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
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
    default="en",
    show_default=True,
    help="Source language of PO files (XLIFF, TMX and JSONL declare their own).",
)
@click.option(
    "-o", "--output", default="-", show_default=True, help="Write the report here instead of stdout."
)
def check(
    files: tuple[str, ...],
    glossary_paths: tuple[str, ...],
    report_format: str,
    fail_on: str,
    source_lang: str,
    output: str,
) -> None:
    """Check bilingual files against glossaries: missing, deprecated and changed do-not-translate terms.

    Reads XLIFF 2.x and 1.2, TMX, PO and newsl10n JSONL. Exit status: 0 clean, 1 findings at or
    above --fail-on, 2 bad input (an unreadable file or glossary).

    \b
    Examples:
      newsl10n check review/*.xlf --glossary glossaries/sco-news.tbx
      newsl10n check out/story.ru.xlf --glossary g.tbx --format sarif -o terms.sarif
      newsl10n check po/ru.po --glossary desk.csv --format github --fail-on warning
    """
    from .formats.bilingual import read_bilingual
    from .qa.report import render
    from .qa.terminology import TerminologyChecker

    glossaries = [load_glossary(g) for g in glossary_paths]
    units = []
    for path in files:
        data = read_input(path, what="bilingual file")
        units.extend(read_bilingual(data, path=path, source_lang=langs.normalise_tag(source_lang)))
    violations = TerminologyChecker(glossaries).check_units(units)
    report = render(report_format, violations, units, list(files))
    if output == "-":
        click.echo(report, nl=False)
    else:
        write_all({Path(output): report.encode("utf-8")})
    failing = {"error"} if fail_on == "error" else {"error", "warning"}
    if any(v.severity in failing for v in violations):
        sys.exit(1)


@cli.group()
def glossary() -> None:
    """Work with glossaries: convert between formats, lint."""


@glossary.command("convert")
@click.argument("source", metavar="IN")
@click.argument("target", metavar="OUT")
@click.option(
    "--to",
    "to_format",
    type=click.Choice(GLOSSARY_FORMATS),
    default=None,
    help="Output format (default: from OUT's extension; tbx is TBX v3, tbx2008 the martif form).",
)
def glossary_convert(source: str, target: str, to_format: str | None) -> None:
    """Convert a glossary between TBX (v3 and 2008), CSV, TSV and YAML.

    \b
    Examples:
      newsl10n glossary convert glossaries/sco-news.yaml glossaries/sco-news.tbx
      newsl10n glossary convert desk.tbx desk.csv
      newsl10n glossary convert desk.tbx old-tool.tbx --to tbx2008
    """
    from .glossary.io import dump_glossary, format_of

    g = load_glossary(source)
    data = dump_glossary(g, to_format or format_of(target))
    if target == "-":
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_all({Path(target): data})
        click.echo(f"{source} → {target}: {len(g)} concepts, {len(g.languages)} languages", err=True)


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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newsl10n")
