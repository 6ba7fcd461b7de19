"""The ``newsl10n import`` and ``newsl10n tm …`` commands: parse options, call the library, render.

Registered by the CLI with ``cli.add_command(import_command)`` and ``cli.add_command(tm)``. Errors
are :class:`~newsl10n.errors.Newsl10nError`\\s, which the ``newsl10n`` group prints as
``Error: …`` with exit status 2; an import with several problems prints each one.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .. import langs
from ..outputs import write_all
from ..tm.store import ENV_VAR, TranslationMemory, default_path
from .importer import ImportJob, ImportProblems, import_files
from .memory import export_tmx, import_tmx

_TM_HELP = (
    f"Translation memory file (default: ${ENV_VAR}, else $XDG_DATA_HOME/newsl10n/tm.sqlite, "
    "else ~/.local/share/newsl10n/tm.sqlite)."
)


def _debug(ctx: click.Context) -> bool:
    if os.environ.get("NEWSL10N_DEBUG", "").lower() in ("1", "true", "yes", "on"):
        return True
    c: click.Context | None = ctx
    while c is not None:
        if isinstance(c.obj, dict) and c.obj.get("debug"):
            return True
        c = c.parent
    return False


def _warn(messages: list[str] | tuple[str, ...]) -> None:
    for w in messages:
        click.echo(f"Warning: {w}", err=True)


@click.command("import")
@click.argument("files", nargs=-1, required=True, metavar="REVIEWED_FILE...")
@click.option(
    "-o",
    "--output-dir",
    "outdir",
    default="final",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the final articles and their reports go.",
)
@click.option("--tm", "tm_path", default=None, metavar="FILE", help=_TM_HELP)
@click.option("--no-tm", is_flag=True, help="Do not store the approved units in a translation memory.")
@click.option(
    "--require-final", is_flag=True, help="Refuse to publish while any unit is not reviewed or final."
)
@click.option(
    "--article",
    default=None,
    metavar="PATH",
    help="The original article, when the path recorded in the file does not lead to it.",
)
@click.option(
    "--format", "fmt", default=None, help="Article format (text, markdown, html); default: extension."
)
@click.option("--source-lang", default=None, help="Source language, for files that declare none (PO).")
@click.option("--srx", default=None, metavar="FILE", help="The SRX file the article was segmented with.")
@click.option(
    "--glossary",
    "glossary_paths",
    multiple=True,
    metavar="FILE",
    help="Check the edited text against a glossary (repeatable).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when the edited text has findings of this severity (or worse).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (schema 1) on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="No summary lines.")
@click.pass_context
def import_command(
    ctx: click.Context,
    files: tuple[str, ...],
    outdir: str,
    tm_path: str | None,
    no_tm: bool,
    require_final: bool,
    article: str | None,
    fmt: str | None,
    source_lang: str | None,
    srx: str | None,
    glossary_paths: tuple[str, ...],
    fail_on: str,
    as_json: bool,
    quiet: bool,
) -> None:
    """Import post-edited files: write the final article, a report, and fill the translation memory.

    Reads XLIFF 2.x and 1.2 (also as OmegaT, Okapi or translate-toolkit rewrote them), PO,
    newsl10n JSONL and the review page's JSON export. Each unit is matched back to the original
    article (the path the file records, or --article) by id and source text; OUTDIR gets the
    article in its own format (STEM.LANG.EXT; STEM.LANG.article.html for HTML) and
    STEM.LANG.report.json / .report.txt (edited, unreviewed, findings). Reviewed and final units
    go into the translation memory. Importing the same file again changes nothing.

    \b
    Examples:
      newsl10n import review/story.pt.xlf -o final/
      newsl10n import story.pt.review.json --require-final --tm desk.sqlite
      newsl10n import omegat/target/story.pt.xlf --article articles/story.html

    Exit status: 0 imported, 1 findings at or above --fail-on, 2 a file that cannot be imported
    (every problem is listed; nothing is written).
    """
    job = ImportJob(
        files=files,
        outdir=Path(outdir),
        tm=tm_path,
        use_tm=not no_tm,
        require_final=require_final,
        article=article,
        fmt=fmt,
        source_lang=source_lang,
        srx=srx,
        glossaries=glossary_paths,
    )
    try:
        report = import_files(job)
    except ImportProblems as exc:
        if _debug(ctx):
            raise
        for problem in exc.problems:
            click.echo(f"Error: {problem}", err=True)
        ctx.exit(2)
    _warn(report.warnings)
    if as_json:
        doc = {
            "schema": 1,
            "tm": {"path": report.tm_path, "added": report.tm_added, "unchanged": report.tm_unchanged},
            "results": [r.to_dict() for r in report.results],
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    if not quiet:
        for r in report.results:
            c = r.counts
            click.echo(
                f"{r.file} → {r.output}: {c['units']} segments, {c['edited']} edited, "
                f"{c['approved']} reviewed, {c['unreviewed']} unreviewed, {c['untranslated']} untranslated, "
                f"{c['findings']} findings",
                err=True,
            )
        if report.tm_path:
            click.echo(
                f"translation memory {report.tm_path}: {report.tm_added} added, "
                f"{report.tm_unchanged} already there",
                err=True,
            )
    if fail_on != "never":
        worst = {"error"} if fail_on == "error" else {"error", "warning"}
        if any(i.severity in worst for r in report.results for i in r.findings):
            sys.exit(1)


@click.group("tm")
def tm() -> None:
    """Work with the translation memory: import and export TMX, statistics, search.

    \b
    Environment:
      NEWSL10N_TM        the translation memory file (default $XDG_DATA_HOME/newsl10n/tm.sqlite)
    """


def _open(tm_path: str | None) -> TranslationMemory:
    memory = TranslationMemory(tm_path if tm_path else default_path())
    _warn(memory.warnings)
    return memory


@tm.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE.tmx...")
@click.option("--tm", "tm_path", default=None, metavar="FILE", help=_TM_HELP)
@click.option(
    "--lang", "lang_list", default=None, metavar="LANGS", help="Only these target languages (zh,ru)."
)
@click.option("--source-lang", default=None, help="Source language, for a TMX whose header says *all*.")
def tm_import(
    files: tuple[str, ...], tm_path: str | None, lang_list: str | None, source_lang: str | None
) -> None:
    """Import TMX files into the translation memory (each file in one transaction).

    \b
    Examples:
      newsl10n tm import desk-memory.tmx
      newsl10n tm import omegat/tm/project.tmx --lang pt --tm desk.sqlite
    """
    targets = langs.parse_tag_list(lang_list) if lang_list else []
    with _open(tm_path) as memory:
        for path in files:
            r = import_tmx(memory, path, target_langs=targets, source_lang=source_lang)
            click.echo(f"{path}: {r.added} entries added, {r.unchanged} already there", err=True)


@tm.command("export")
@click.option("--tmx", "output", required=True, metavar="OUT", help="The TMX file to write, or - for stdout.")
@click.option("--tm", "tm_path", default=None, metavar="FILE", help=_TM_HELP)
@click.option("--lang", default=None, metavar="LANG", help="Only entries into this language.")
@click.option("--source-lang", default=None, metavar="LANG", help="Only entries from this language.")
def tm_export(output: str, tm_path: str | None, lang: str | None, source_lang: str | None) -> None:
    """Export the translation memory as TMX 1.4b (for CAT tools: OmegaT, Trados, memoQ).

    \b
    Examples:
      newsl10n tm export --tmx desk.tmx
      newsl10n tm export --tmx - --lang pt | xmllint --noout -
    """
    target = langs.normalise_tag(lang) if lang else None
    src = langs.normalise_tag(source_lang) if source_lang else None
    with _open(tm_path) as memory:
        data = export_tmx(list(memory.entries(source_lang=src, target_lang=target)), source_lang=src)
    if output == "-":
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_all({Path(output): data})


@tm.command("stats")
@click.option("--tm", "tm_path", default=None, metavar="FILE", help=_TM_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (schema 1).")
def tm_stats(tm_path: str | None, as_json: bool) -> None:
    """Show the size of the translation memory: entries per language pair and origin.

    \b
    Example:
      newsl10n tm stats
    """
    with _open(tm_path) as memory:
        s = memory.stats()
    if as_json:
        click.echo(json.dumps(s.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{s.path}: {s.entries} entries from {s.articles} articles ({s.size_bytes / 1e6:.1f} MB)")
    for pair, n in s.pairs.items():
        click.echo(f"  {pair:<12} {n}")
    if s.origins:
        click.echo("  origins: " + ", ".join(f"{k} {v}" for k, v in s.origins.items()))
    if s.oldest:
        click.echo(f"  from {s.oldest} to {s.newest}")


@tm.command("search")
@click.argument("text")
@click.option("--lang", default=None, metavar="LANG", help="Only entries into (or from) this language.")
@click.option("--tm", "tm_path", default=None, metavar="FILE", help=_TM_HELP)
@click.option("--limit", default=20, show_default=True, type=int, help="At most this many entries.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (schema 1).")
def tm_search(text: str, lang: str | None, tm_path: str | None, limit: int, as_json: bool) -> None:
    """Find entries whose source or target contains TEXT (any case), newest first.

    \b
    Examples:
      newsl10n tm search "Shanghai Cooperation" --lang pt
      newsl10n tm search 北京 --lang ru
    """
    with _open(tm_path) as memory:
        found = memory.search(text, lang=langs.normalise_tag(lang) if lang else None, limit=limit)
    if as_json:
        rows = [
            {
                "source_lang": e.source_lang,
                "target_lang": e.target_lang,
                "source": e.source,
                "target": e.target,
                "context": e.context,
                "article": e.article,
                "origin": e.origin,
                "updated": e.updated,
            }
            for e in found
        ]
        click.echo(json.dumps({"schema": 1, "query": text, "entries": rows}, ensure_ascii=False, indent=2))
        return
    for e in found:
        where = f"  ({e.article})" if e.article else ""
        click.echo(
            f"{e.source_lang}→{e.target_lang} [{e.context or '-'}] {e.source}\n    ⇒ {e.target}{where}"
        )
    click.echo(f"{len(found)} entries", err=True)


__all__ = ["import_command", "tm"]
