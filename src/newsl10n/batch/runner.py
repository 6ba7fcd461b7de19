"""Running a batch: plan the articles, lock the output directory, resume from the job table, run, summarise.

The outputs of a batch are exactly those ``newsl10n translate`` writes for each article (the
same writers, the same sidecar records), in the input's folder structure, whatever the number
of workers or the executor. ``OUTDIR/run.json`` (written atomically at the end) holds the
summary and every item; its ``wall_s`` is the only field that differs between two runs of the
same batch (and ``resumed`` counts, after an interrupted run), so compare outputs without it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .. import langs
from ..errors import ConfigError, InputError, Newsl10nError
from ..outputs import prepare_dir, recover_dir, write_all
from ..run import SIDECAR_DIR, TranslateJob
from ..version import __version__
from .local import run_local
from .plan import ArticleOptions, WorkItem, read_manifest, scan
from .state import JobTable
from .worker import Outcome, Task, build_translator, failed, workers_lock

RUN_RECORD = "run.json"
Executor = Literal["local", "ray"]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchJob:
    """A batch: where the articles are, the run options shared by all, and how to execute it."""

    sources: tuple[str, ...] = ()
    """Folders, files or glob patterns (``wire/**/*.txt``)."""
    manifest: str | None = None
    """A CSV or JSONL manifest (articles, their languages and options), beside or instead of sources."""
    translate: TranslateJob = field(default_factory=lambda: TranslateJob(articles=(), targets=()))
    """Options for every article (targets, engine, outputs, outdir…); ``articles`` is ignored."""
    jobs: int = 1
    executor: Executor = "local"
    ray_address: str | None = None
    gpus_per_worker: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchEvent:
    """Progress of a batch: ``plan`` (what there is to do), ``start`` of an article, ``article``
    finished (with its outcomes, one per language)."""

    kind: Literal["plan", "start", "article"]
    name: str = ""
    outcomes: tuple[Outcome, ...] = ()
    totals: tuple[tuple[str, int], ...] = ()
    """``plan``: articles to do per language (resumed ones included)."""
    notes: tuple[str, ...] = ()


BatchHook = Callable[[BatchEvent], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchReport:
    """Every article and language of a batch, in plan order, with the summary's counts."""

    outcomes: tuple[Outcome, ...]
    outdir: str
    wall_s: float
    executor: str
    jobs: int
    notes: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.item.status == "failed")

    def summary(self) -> dict[str, Any]:
        counts = Counter(o.item.status for o in self.outcomes)
        kinds: Counter[str] = Counter()
        for o in self.outcomes:
            kinds.update(dict(o.kinds))
        return {
            "done": counts["done"],
            "skipped": counts["skipped"],
            "failed": counts["failed"],
            "resumed": sum(o.resumed for o in self.outcomes),
            "articles": len({o.key for o in self.outcomes}),
            "segments": sum(o.item.segments for o in self.outcomes),
            "cache_hits": sum(o.cache_hits for o in self.outcomes),
            "tm_hits": sum(o.tm_hits for o in self.outcomes),
            "findings_by_kind": dict(sorted(kinds.items())),
            "wall_s": round(self.wall_s, 3),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": 1,
            "tool": f"newsl10n {__version__}",
            "outdir": self.outdir,
            "executor": self.executor,
            "jobs": self.jobs,
            "summary": self.summary(),
            "notes": list(self.notes),
            "items": [o.to_dict() for o in self.outcomes],
        }


def _plan(job: BatchJob) -> tuple[list[WorkItem], list[str]]:
    base = job.translate
    if not job.sources and job.manifest is None:
        raise ConfigError("nothing to translate: name folders, files or patterns, or pass --manifest")
    items: list[WorkItem] = []
    notes: list[str] = []
    if job.sources:
        if not base.targets:
            raise ConfigError("no target language given: pass --to with one or more tags, e.g. --to zh,ru")
        items, notes = scan(job.sources, outdir=base.outdir, targets=base.targets, fmt=base.fmt)
    if job.manifest is not None:
        from .plan import mark_collisions

        items = mark_collisions(
            [*items, *read_manifest(job.manifest, outdir=base.outdir, default_targets=base.targets)]
        )
    if not items:
        raise InputError("no articles found", path=", ".join(job.sources))
    return items, notes


def _stat_sig(path: str | None) -> str:
    if not path:
        return ""
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def _options_sig(base: TranslateJob, options: ArticleOptions) -> str:
    """What a finished row was finished with; a different value sends the article to a worker again."""
    job = replace(base, articles=(), targets=(), stdin=None, count_requests=False)
    glossaries = options.glossaries if options.glossaries is not None else base.glossaries
    model = options.model or base.engine_options.model
    parts = [__version__, repr(job), options.key(), *map(_stat_sig, glossaries), _stat_sig(base.srx)]
    parts.append(_stat_sig(model) if model and Path(model).exists() else model or "")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _validate(job: BatchJob, items: list[WorkItem]) -> list[WorkItem]:
    """Bad batch-wide options fail now; a manifest row whose own options fail fails alone."""
    seen: dict[str, str] = {}
    out = []
    for item in items:
        key = item.options.key()
        if key not in seen:
            try:
                build_translator(job.translate, item.options, item.targets)
                seen[key] = ""
            except Newsl10nError as exc:
                if item.options == ArticleOptions():
                    raise
                seen[key] = str(exc)
        out.append(item if not seen[key] or item.problem else replace(item, problem=seen[key]))
    return out


def _files_exist(result: dict[str, Any]) -> bool:
    files = result.get("files") or []
    return bool(files) and all(Path(f).is_file() for f in files)


def run_batch(job: BatchJob, *, progress: BatchHook | None = None) -> BatchReport:
    """Translate every article of a batch into its languages; resume what an earlier run left.

    Raises:
        ConfigError, UnknownNameError: a bad batch-wide option, before anything is written.
        InputError: a source or manifest that cannot be used, or another run holds the output
            directory.
    """
    t0 = time.perf_counter()
    if job.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, not {job.jobs}")
    if job.executor not in ("local", "ray"):
        raise ConfigError(f"unknown executor {job.executor!r}: use local or ray")
    base = replace(
        job.translate,
        articles=(),
        targets=tuple(dict.fromkeys(langs.normalise_tag(t) for t in job.translate.targets)),
        stdin=None,
        count_requests=False,
    )
    items, notes = _plan(replace(job, translate=base))
    items = _validate(job, items)
    if job.executor == "ray":
        from .ray_executor import _import_ray

        _import_ray()  # a missing extra fails before anything is written
    outdir = base.outdir
    prepare_dir(outdir)
    records = outdir / SIDECAR_DIR
    lock_path = workers_lock(records)
    with _locked(outdir, lock_path):
        with JobTable(records) as table:
            outcomes = _execute(job, base, items, table, lock_path, notes, progress)
        report = BatchReport(
            outcomes=tuple(outcomes),
            outdir=str(outdir),
            wall_s=time.perf_counter() - t0,
            executor=job.executor,
            jobs=job.jobs,
            notes=tuple(notes),
        )
        data = json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_all({outdir / RUN_RECORD: data.encode("utf-8")})
    return report


@contextlib.contextmanager
def _locked(outdir: Path, workers: Path) -> Iterator[None]:
    """The output directory's run lock (the one ``newsl10n translate`` takes), then the workers' lock.

    Like :func:`newsl10n.outputs.locked_dir`, but what a killed run left behind is cleaned up
    only once every worker process of that run has exited: a worker holds ``workers.lock``
    shared for its life, and an orphaned one exits within a fraction of a second.
    """
    try:
        workers.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(workers.parent / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(
            f"cannot lock the output directory: {exc.strerror or exc}", path=str(outdir)
        ) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                "another newsl10n run is writing into this output directory; wait for it to finish "
                "or choose another -o",
                path=str(outdir),
            ) from None
        wfd = os.open(workers, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(wfd, fcntl.LOCK_EX)  # blocks until the last orphaned worker is gone
        finally:
            os.close(wfd)
        recover_dir(outdir)
        yield
    finally:
        os.close(fd)


def _execute(
    job: BatchJob,
    base: TranslateJob,
    items: list[WorkItem],
    table: JobTable,
    lock_path: Path,
    notes: list[str],
    progress: BatchHook | None,
) -> list[Outcome]:
    sigs = {item.key: (_stat_sig(item.name), _options_sig(base, item.options)) for item in items}
    table.plan(
        [
            (item.key, t, item.name, *sigs[item.key])
            for item in items
            if not item.problem
            for t in item.targets
        ]
    )
    rows = table.rows()
    results: dict[tuple[str, str], Outcome] = {}
    tasks: list[Task] = []
    for item in items:
        if item.problem:  # its key may be another item's too (a collision): not in ``results``
            continue
        todo = []
        for t in item.targets:
            row = rows.get((item.key, t))
            if (
                not base.force
                and row is not None
                and row.status in ("done", "skipped")
                and (row.input, row.options) == sigs[item.key]
                and _files_exist(row.result)
            ):
                results[(item.key, t)] = Outcome.from_dict(row.result, resumed=True)
            else:
                todo.append(t)
        if todo:
            tasks.append(
                Task(
                    name=item.name,
                    subdir=item.subdir,
                    key=item.key,
                    targets=tuple(todo),
                    options=item.options,
                )
            )
    if progress is not None:
        totals = Counter(t for item in items for t in item.targets)
        progress(BatchEvent(kind="plan", totals=tuple(totals.items()), notes=tuple(notes)))
        for item in items:
            early = [results[(item.key, t)] for t in item.targets if (item.key, t) in results]
            if item.problem:
                early = [failed(item.key, item.name, t, item.problem) for t in item.targets]
            if early:
                progress(BatchEvent(kind="article", name=item.name, outcomes=tuple(early)))

    def on_start(task: Task) -> None:
        table.started([(task.key, t) for t in task.targets])
        if progress is not None:
            progress(BatchEvent(kind="start", name=task.name))

    for outcomes in _dispatch(job, base, tasks, lock_path, on_start):
        for o in outcomes:
            table.finish(o.key, o.item.target_lang, o.item.status, o.to_dict())
            results[(o.key, o.item.target_lang)] = o
        if progress is not None and outcomes:
            progress(BatchEvent(kind="article", name=outcomes[0].item.article, outcomes=tuple(outcomes)))
    return [
        failed(item.key, item.name, t, item.problem) if item.problem else results[(item.key, t)]
        for item in items
        for t in item.targets
    ]


def _dispatch(
    job: BatchJob, base: TranslateJob, tasks: list[Task], lock_path: Path, on_start: Callable[[Task], None]
) -> Iterator[list[Outcome]]:
    if job.executor == "ray":
        from .ray_executor import run_ray

        return run_ray(
            tasks,
            base,
            workers=job.jobs,
            lock_path=lock_path,
            address=job.ray_address,
            num_gpus=job.gpus_per_worker,
            on_start=on_start,
        )
    return run_local(tasks, base, jobs=job.jobs, lock_path=lock_path, on_start=on_start)
