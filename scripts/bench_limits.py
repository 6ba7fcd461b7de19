#!/usr/bin/env python3
"""Peak memory and time of newsl10n on big inputs: articles, bilingual files, glossaries.

Generates, in a temporary folder, a 50 MB article (text, Markdown, HTML), a 200 MB XLIFF 2.1, a
200 MB TMX 1.4 and a 1,000,000-term CSV glossary, and measures each case in its own process (peak
resident memory read from ``VmHWM`` in ``/proc/self/status``, which exec resets, so a child's
figure is its own; the resident memory after imports is given too):

- ``article-*``: reading and segmenting the article (``pipeline.read_document``), the whole file
  in memory; and ``read_input`` of it, which refuses it above the article limit;
- ``xliff-read``/``tmx-read``: the streaming bilingual readers (``read_units``);
- ``xliff-check``: ``check`` of the whole XLIFF (default checks, no glossary);
- ``glossary-load``: reading the CSV glossary and building its term index (``TermIndex``);
- ``glossary-check``: ``check`` of a 20-unit XLIFF against the big glossary.

    python scripts/bench_limits.py                  # full sizes (several minutes, ~3 GB peak)
    python scripts/bench_limits.py --quick --json limits.json   # sizes / 10

Every limit lifted in the children that measure (``NEWSL10N_MAX_*_MB``), except in
``article-limit``, which shows the refusal. The text is made up here (no third-party text).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

_TEXT = (
    "the council said on Tuesday that its members had agreed a new budget for regional transport "
    "after talks in the capital lasted until late evening while officials from several ministries "
    "described the plan as modest but necessary and critics argued that rural lines would still "
    "lose services next winter unless funding was raised by at least a tenth"
)
WORDS = _TEXT.split()


def sentence(i: int) -> str:
    """A made-up news sentence of 14 to 24 words, different for every ``i``."""
    n = 14 + i % 11
    words = [WORDS[(i * 7 + k * 13) % len(WORDS)] for k in range(n)]
    return f"{words[0].capitalize()} {' '.join(words[1:])} in {1990 + i % 35} ({i})."


def _write(path: Path, head: str, items: Iterator[str], tail: str, size: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        written = len(head)
        for item in items:
            out.write(item)
            written += len(item.encode("utf-8"))
            if written >= size:
                break
        out.write(tail)
    return path


def _count() -> Iterator[int]:
    i = 0
    while True:
        yield i
        i += 1


def make_article(path: Path, fmt: str, size: int) -> Path:
    def paragraphs() -> Iterator[str]:
        for i in _count():
            body = " ".join(sentence(i * 4 + k) for k in range(4))
            if fmt == "html":
                yield (f"<h2>Section {i}</h2>\n" if i % 20 == 0 else "") + f"<p>{body}</p>\n"
            elif fmt == "markdown":
                yield (f"## Section {i}\n\n" if i % 20 == 0 else "") + f"{body}\n\n"
            else:
                yield f"{body}\n\n"

    if fmt == "html":
        return _write(
            path, "<!DOCTYPE html>\n<html><body><article>\n", paragraphs(), "</article></body></html>\n", size
        )
    head = (
        "# Regional transport budget agreed\n\n"
        if fmt == "markdown"
        else "Regional transport budget agreed\n\n"
    )
    return _write(path, head, paragraphs(), "", size)


def make_xliff(path: Path, size: int) -> Path:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr">\n'
        '<file id="f1">\n'
    )

    def units() -> Iterator[str]:
        for i in _count():
            s = sentence(i)
            yield (
                f'<unit id="u{i}"><segment id="s{i}" state="translated">'
                f'<source>{s} <pc id="1">bold</pc></source>'
                f'<target>{s.upper()} <pc id="1">gras</pc></target></segment></unit>\n'
            )

    return _write(path, head, units(), "</file>\n</xliff>\n", size)


def make_tmx(path: Path, size: int) -> Path:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="x" '
        'adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n'
    )

    def tus() -> Iterator[str]:
        for i in _count():
            s = sentence(i)
            yield (
                f'<tu tuid="{i}"><prop type="x-state">translated</prop>'
                f'<tuv xml:lang="en"><seg>{s} <bpt i="1">&lt;b&gt;</bpt>bold'
                f'<ept i="1">&lt;/b&gt;</ept></seg></tuv>'
                f'<tuv xml:lang="fr"><seg>{s.upper()}</seg></tuv></tu>\n'
            )

    return _write(path, head, tus(), "</body>\n</tmx>\n", size)


def make_glossary(path: Path, terms: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("en,fr,concept_id\n")
        for i in range(terms):
            a, b = WORDS[i % len(WORDS)], WORDS[(i // len(WORDS)) % len(WORDS)]
            out.write(f"{a} {b} {i},{b} {a} {i},c{i}\n")
    return path


def make_small_xliff(path: Path, units: int) -> Path:
    body = "".join(
        f'<unit id="u{i}"><segment id="s{i}"><source>{WORDS[i]} {WORDS[i + 1]} {i} and {sentence(i)}</source>'
        f"<target>{sentence(i).upper()}</target></segment></unit>\n"
        for i in range(units)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr">\n'
        f'<file id="f1">\n{body}</file>\n</xliff>\n',
        encoding="utf-8",
    )
    return path


# --- children ---------------------------------------------------------------------------------


def _status(key: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: reset by exec, unlike ru_maxrss)."""
    peak = _status("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(spec: dict[str, Any]) -> dict[str, Any]:
    from newsl10n.errors import InputError
    from newsl10n.glossary.io import load_glossary
    from newsl10n.glossary.matcher import TermIndex
    from newsl10n.inputs import read_input
    from newsl10n.pipeline import read_document
    from newsl10n.run import CheckJob, check_files, read_units

    case, path = spec["case"], spec["path"]
    base = _status("VmRSS") or 0.0
    result: dict[str, Any] = {}
    t0 = time.perf_counter()
    if case.startswith("article-limit"):
        try:
            read_input(path, what="article file")
            result["outcome"] = "read"
        except InputError as exc:
            result["outcome"] = f"refused: {exc}"
    elif case.startswith("article"):
        data = Path(path).read_bytes()
        doc = read_document(data, doc_id="bench", source_lang="en", fmt=spec["fmt"])
        result["outcome"] = f"{sum(len(b.segments) for b in doc.blocks)} sentences"
    elif case.endswith("-read"):
        result["outcome"] = f"{len(read_units(path))} units"
    elif case == "xliff-check":
        report = check_files(CheckJob(files=(path,)))
        result["outcome"] = f"{len(report.units)} units, {len(report.findings)} findings"
    elif case == "glossary-load":
        glossary = load_glossary(path)
        t1 = time.perf_counter()
        index = TermIndex(glossary)
        result["outcome"] = f"{len(glossary.concepts)} concepts, {index.size} keys"
        result["detail"] = f"load {t1 - t0:.1f} s, index {time.perf_counter() - t1:.1f} s"
    elif case == "glossary-check":
        report = check_files(CheckJob(files=(spec["small"],), glossaries=(path,)))
        result["outcome"] = f"{len(report.units)} units, {len(report.findings)} findings"
    result.update(seconds=time.perf_counter() - t0, peak_mb=peak_rss_mb(), base_mb=base)
    return result


def run_child(spec: dict[str, Any], *, limits: bool) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if not limits:
        env.update(
            NEWSL10N_MAX_ARTICLE_MB="100000",
            NEWSL10N_MAX_GLOSSARY_MB="100000",
            NEWSL10N_MAX_INPUT_MB="100000",
        )
    proc = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True, text=True, env=env
    )
    if proc.returncode != 0:
        return {"outcome": f"failed: {proc.stderr.strip().splitlines()[-1:]}", "seconds": None}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes / 10")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--only", help="comma-separated case names (default: all)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0
    scale = 10 if args.quick else 1
    article_mb, bilingual_mb, terms = 50 // scale, 200 // scale, 1_000_000 // scale
    only = set(args.only.split(",")) if args.only else None
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="newsl10n-limits-") as tmp:
        work = Path(tmp)

        def once(name: str, make: Callable[[Path], Path]) -> str:
            path = work / name
            return str(path if path.exists() else make(path))

        article = {
            f: (lambda p, f=f: make_article(p, f, article_mb * MB)) for f in ("text", "markdown", "html")
        }
        cases: list[tuple[str, Callable[[], dict[str, Any]], bool]] = [
            *(
                (f"article-{f}", lambda f=f, e=e: {"fmt": f, "path": once(f"a.{e}", article[f])}, False)
                for f, e in (("text", "txt"), ("markdown", "md"), ("html", "html"))
            ),
            ("article-limit", lambda: {"path": once("a.txt", article["text"])}, True),
            (
                "xliff-read",
                lambda: {"path": once("big.xlf", lambda p: make_xliff(p, bilingual_mb * MB))},
                False,
            ),
            (
                "xliff-check",
                lambda: {"path": once("big.xlf", lambda p: make_xliff(p, bilingual_mb * MB))},
                False,
            ),
            ("tmx-read", lambda: {"path": once("big.tmx", lambda p: make_tmx(p, bilingual_mb * MB))}, False),
            ("glossary-load", lambda: {"path": once("big.csv", lambda p: make_glossary(p, terms))}, False),
            (
                "glossary-check",
                lambda: {
                    "path": once("big.csv", lambda p: make_glossary(p, terms)),
                    "small": once("small.xlf", lambda p: make_small_xliff(p, 20)),
                },
                False,
            ),
        ]
        for name, make, limits in cases:
            if only and name not in only:
                continue
            spec = {**make(), "case": name}
            size = Path(spec["path"]).stat().st_size / MB
            result = run_child(spec, limits=limits)
            row = {"case": name, "input_mb": round(size, 1), **result}
            rows.append(row)
            print(f"{name}: {row}", file=sys.stderr, flush=True)
    print("| case | input | time (s) | peak RSS (MB) | RSS after imports (MB) | result |")
    print("|---|---:|---:|---:|---:|---|")
    for r in rows:
        secs = f"{r['seconds']:.1f}" if r.get("seconds") is not None else "–"
        peak = f"{r['peak_mb']:.0f}" if r.get("peak_mb") is not None else "–"
        base = f"{r['base_mb']:.0f}" if r.get("base_mb") is not None else "–"
        outcome = r["outcome"] + (f" ({r['detail']})" if r.get("detail") else "")
        print(f"| {r['case']} | {r['input_mb']} MB | {secs} | {peak} | {base} | {outcome} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"quick": args.quick, "cases": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
