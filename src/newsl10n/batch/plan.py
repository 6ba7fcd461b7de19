"""What a batch has to do: the articles in folders, globs or a manifest, with their languages and options.

Scanning keeps the relative folder structure (an article's ``subdir``), skips hidden files and
the output directory's own files, follows symlinked folders once (a symlink loop is reported,
not followed), and reports files whose outputs would collide instead of letting one overwrite
the other. A manifest (CSV with a header row, or JSONL) names articles one per row, with their
languages and per-article options; a bad row is an :class:`~newsl10n.errors.InputError` naming
its line.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import langs
from ..errors import ConfigError, InputError, Newsl10nError
from ..inputs import read_input
from ..pipeline import format_for_path
from ..registry import names

MANIFEST_FIELDS = ("article", "languages", "glossary", "engine", "model", "format")
"""Manifest columns (CSV header / JSONL keys); only ``article`` is required."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleOptions:
    """Per-article options from a manifest row; None (or empty) means the batch's own option."""

    engine: str | None = None
    model: str | None = None
    fmt: str | None = None
    glossaries: tuple[str, ...] | None = None

    def key(self) -> str:
        """A stable text key: articles with equal options share one Translator per worker."""
        return json.dumps(
            [
                self.engine,
                self.model,
                self.fmt,
                list(self.glossaries) if self.glossaries is not None else None,
            ]
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkItem:
    """One article of a batch: where it is, where its outputs go, its languages and options."""

    name: str
    """The article's path as found (what reports show)."""
    subdir: str
    """Folder under the output directory, relative (``""`` for the top)."""
    stem: str
    targets: tuple[str, ...]
    options: ArticleOptions = field(default_factory=ArticleOptions)
    problem: str = ""
    """Why the article cannot be done (found but unusable); empty when it can."""

    @property
    def key(self) -> str:
        """Where its outputs go, unique in a batch: ``subdir/stem``."""
        return f"{self.subdir}/{self.stem}" if self.subdir else self.stem


def _is_inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _glob_base(pattern: str) -> Path:
    """The folder part of a pattern before its first wildcard: matches keep their path below it."""
    parts = Path(pattern).parts
    base: list[str] = []
    for part in parts:
        if glob.has_magic(part):
            break
        base.append(part)
    return Path(*base) if base else Path(".")


class _Scanner:
    def __init__(self, outdir: Path, fmt: str | None) -> None:
        self.outdir = outdir.resolve()
        self.fmt = fmt
        self.found: list[tuple[Path, Path]] = []  # (file, root it was found under)
        self.problems: list[tuple[str, str]] = []
        self.notes: list[str] = []

    def _is_article(self, path: Path) -> bool:
        if self.fmt is not None:
            return True
        try:
            format_for_path(path)
        except InputError:
            return False
        return True

    def add_file(self, path: Path, root: Path) -> None:
        if _is_inside(path.resolve(), self.outdir):
            raise ConfigError(
                f"{path}: the article is inside the output directory {self.outdir}; "
                "move it or choose another -o"
            )
        self.found.append((path, root))

    def walk(self, root: Path) -> None:
        real_root = root.resolve()
        if self.outdir == real_root:
            raise ConfigError(
                f"{root}: the output directory is the input folder itself; outputs would be read "
                "as articles on the next run: choose another -o"
            )
        if _is_inside(real_root, self.outdir):
            raise ConfigError(f"{root}: the input folder is inside the output directory; choose another -o")
        seen: set[tuple[int, int]] = set()
        skipped = 0

        def onerror(exc: OSError) -> None:
            self.problems.append((str(exc.filename), f"cannot read the folder: {exc.strerror}"))

        for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=True):
            here = Path(dirpath)
            st = here.stat()
            if (st.st_dev, st.st_ino) in seen:  # a symlink back to a folder already scanned
                self.notes.append(f"{here}: symlink loop or repeated folder, not scanned again")
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            kept = []
            for d in sorted(dirnames):
                sub = here / d
                if _hidden(d) or _is_inside(sub.resolve(), self.outdir):
                    continue  # .newsl10n, .git … and the output directory's own files
                kept.append(d)
            dirnames[:] = kept
            for f in sorted(filenames):
                path = here / f
                if _hidden(f):
                    continue
                if not self._is_article(path):
                    skipped += 1
                    continue
                self.found.append((path, root))
        if skipped:
            self.notes.append(f"{root}: {skipped} files with no article extension were ignored")

    def source(self, source: str) -> None:
        path = Path(source)
        if path.is_dir():
            self.walk(path)
        elif path.is_file() or path.is_symlink():
            self.add_file(path, path.parent)
        elif glob.has_magic(source):
            matches = sorted(glob.glob(source, recursive=True))
            base = _glob_base(source)
            files = [Path(m) for m in matches if not _hidden(Path(m).name)]
            for m in files:
                if m.is_dir():
                    continue
                if _is_inside(m.resolve(), self.outdir):
                    continue  # a broad glob may reach into the output directory: never read outputs
                if self._is_article(m):
                    self.found.append((m, base))
            if not any(p.is_file() for p in files):
                raise InputError("no article matches this pattern", path=source)
        else:
            raise InputError("no such file or folder", path=source)


def scan(
    sources: Sequence[str], *, outdir: Path, targets: Sequence[str], fmt: str | None = None
) -> tuple[list[WorkItem], list[str]]:
    """The articles under folders, files and glob patterns, and notes on what was left out.

    Raises:
        InputError: a source that does not exist or a pattern that matches nothing.
        ConfigError: the output directory is an input folder, or an input is inside it.
    """
    scanner = _Scanner(outdir, fmt)
    for s in sources:
        scanner.source(s)
    items = []
    for path, root in scanner.found:
        rel = path.parent.relative_to(root) if _is_inside(path.parent, root) else Path(".")
        subdir = "" if str(rel) == "." else rel.as_posix()
        items.append(WorkItem(name=str(path), subdir=subdir, stem=path.stem, targets=tuple(targets)))
    for name, why in scanner.problems:
        items.append(WorkItem(name=name, subdir="", stem=name, targets=tuple(targets), problem=why))
    return mark_collisions(items), scanner.notes


def mark_collisions(items: Iterable[WorkItem]) -> list[WorkItem]:
    """The same file twice is kept once; two files whose outputs would share names both fail."""
    out: list[WorkItem] = []
    by_key: dict[str, list[int]] = {}
    seen: set[str] = set()
    for item in items:
        real = str(Path(item.name).resolve()) if not item.problem else item.name
        if real in seen:
            continue
        seen.add(real)
        by_key.setdefault(item.key, []).append(len(out))
        out.append(item)
    for idxs in by_key.values():
        if len(idxs) < 2:
            continue
        names_ = [out[i].name for i in idxs]
        for i in idxs:
            others = ", ".join(n for n in names_ if n != out[i].name)
            out[i] = _with_problem(
                out[i], f"its outputs would have the same names as those of {others}; rename one of them"
            )
    return out


def _with_problem(item: WorkItem, problem: str) -> WorkItem:
    return WorkItem(
        name=item.name,
        subdir=item.subdir,
        stem=item.stem,
        targets=item.targets,
        options=item.options,
        problem=item.problem or problem,
    )


def _split_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if value is None:
        return []
    return [v for v in re.split(r"[\s,;]+", str(value)) if v]


def _row_item(
    row: dict[str, object], *, base: Path, outdir: Path, default_targets: Sequence[str]
) -> WorkItem:
    unknown = sorted(k for k in row if k not in MANIFEST_FIELDS)
    if unknown:
        raise ConfigError(f"unknown column {unknown[0]!r} (known: {', '.join(MANIFEST_FIELDS)})")
    article = str(row.get("article") or "").strip()
    if not article:
        raise ConfigError("the row names no article")
    path = Path(article) if Path(article).is_absolute() else base / article
    if _is_inside(path.resolve(), outdir.resolve()):
        raise ConfigError(f"{article}: the article is inside the output directory; choose another -o")
    given = _split_list(row.get("languages"))
    targets = tuple(dict.fromkeys(langs.normalise_tag(t) for t in given)) if given else tuple(default_targets)
    if not targets:
        raise ConfigError("no languages: fill in the languages column or pass --to")
    fmt = str(row.get("format") or "").strip() or None
    if fmt is not None and fmt not in names("reader"):
        raise ConfigError(f"unknown format {fmt!r} (available: {', '.join(names('reader'))})")
    engine = str(row.get("engine") or "").strip() or None
    if engine is not None and engine != "auto" and engine not in names("engine"):
        raise ConfigError(f"unknown engine {engine!r} (available: {', '.join(names('engine'))})")
    glossaries = None
    if row.get("glossary"):
        glossaries = tuple(
            str(g if Path(g).is_absolute() else base / g) for g in _split_list(row.get("glossary"))
        )
    model = str(row.get("model") or "").strip() or None
    if model is not None and not Path(model).is_absolute() and (base / model).exists():
        model = str(base / model)
    rel = path.parent.relative_to(base) if _is_inside(path.parent, base) else Path(".")
    return WorkItem(
        name=str(path),
        subdir="" if str(rel) == "." else rel.as_posix(),
        stem=path.stem,
        targets=targets,
        options=ArticleOptions(engine=engine, model=model, fmt=fmt, glossaries=glossaries),
    )


def read_manifest(path: str | Path, *, outdir: Path, default_targets: Sequence[str]) -> list[WorkItem]:
    """The articles a manifest lists (CSV with a header row, or JSONL), paths relative to it.

    Raises:
        InputError: the manifest cannot be read, or a row is bad (its line is named; every bad
            row is counted in the message).
    """
    p = Path(path)
    data = read_input(p, what="manifest")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the manifest is not UTF-8 text", path=str(p)) from None
    rows: list[tuple[int, dict[str, object]]] = []
    problems: list[tuple[int, str]] = []
    if p.suffix.lower() in (".jsonl", ".ndjson") or text.lstrip().startswith("{"):
        for n, raw in enumerate(text.splitlines(), 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                problems.append((n, f"not valid JSON ({exc.msg})"))
                continue
            if not isinstance(obj, dict):
                problems.append((n, "a row must be a JSON object"))
                continue
            rows.append((n, obj))
    else:
        reader = csv.DictReader(io.StringIO(text))
        if reader.fieldnames is None or "article" not in [f.strip() for f in reader.fieldnames]:
            raise InputError(
                f"the manifest has no header row with an 'article' column (columns: "
                f"{', '.join(MANIFEST_FIELDS)})",
                path=str(p),
                line=1,
            )
        for row in reader:
            extra = row.pop(None, None)
            if extra:
                problems.append((reader.line_num, f"more fields than the header has ({len(extra)} too many)"))
                continue
            rows.append((reader.line_num, {k.strip(): v for k, v in row.items() if k is not None}))
    items: list[WorkItem] = []
    for line, row in rows:
        try:
            items.append(_row_item(row, base=p.parent, outdir=outdir, default_targets=default_targets))
        except Newsl10nError as exc:
            problems.append((line, str(exc)))
    if problems:
        line, message = problems[0]
        more = f" (and {len(problems) - 1} more bad rows)" if len(problems) > 1 else ""
        raise InputError(message + more, path=str(p), line=line)
    if not items:
        raise InputError("the manifest lists no articles", path=str(p))
    return mark_collisions(items)
