"""The worker side of a batch: a Translator per option set per process, one article (all languages) a task.

A worker never stops on an article: an unreadable file, a reader error, an engine that fails
or a language without a model becomes a ``failed`` outcome with its reason. Workers write
outputs through :meth:`newsl10n.run.Translator.translate` (all-or-nothing renames and a
sidecar record), so what they write is exactly what ``newsl10n translate`` writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InvariantError, Newsl10nError
from ..model import LocalisedDocument
from ..pipeline import Checker
from ..run import ItemResult, TranslateJob, Translator
from .plan import ArticleOptions

CRASH_ENV = "NEWSL10N_BATCH_CRASH_ONCE"
"""Fault injection for the retry tests: ``NAME_PART:MARKER``. The first worker to take an article
whose name contains ``NAME_PART`` creates ``MARKER`` and dies at once (``os._exit``), as a killed
worker would; later attempts find the marker and carry on."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    """One article to translate into its languages."""

    name: str
    subdir: str
    key: str
    targets: tuple[str, ...]
    options: ArticleOptions = field(default_factory=ArticleOptions)


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """One article in one language, as a worker finished it, with the counts a summary needs."""

    key: str
    item: ItemResult
    cache_hits: int = 0
    tm_hits: int = 0
    kinds: tuple[tuple[str, int], ...] = ()
    """QA findings (warnings and errors) by kind, sorted."""
    resumed: bool = False
    """Finished by an earlier run of the same batch (not dispatched this time)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.item.to_dict(),
            "key": self.key,
            "cache_hits": self.cache_hits,
            "tm_hits": self.tm_hits,
            "findings_by_kind": dict(self.kinds),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, resumed: bool = False) -> Outcome:
        item = ItemResult(
            article=str(data["article"]),
            target_lang=str(data["target_lang"]),
            status=data["status"],
            files=tuple(data.get("files", ())),
            segments=int(data.get("segments", 0)),
            findings=int(data.get("findings", 0)),
            engine=str(data.get("engine", "")),
            model=str(data.get("model", "")),
            error=str(data.get("error", "")),
        )
        kinds = tuple(sorted((str(k), int(v)) for k, v in dict(data.get("findings_by_kind", {})).items()))
        return cls(
            key=str(data["key"]),
            item=item,
            cache_hits=int(data.get("cache_hits", 0)),
            tm_hits=int(data.get("tm_hits", 0)),
            kinds=kinds,
            resumed=resumed,
        )


def failed(task_key: str, name: str, target: str, error: str) -> Outcome:
    """A failed outcome with its reason."""
    return Outcome(
        key=task_key, item=ItemResult(article=name, target_lang=target, status="failed", error=error)
    )


class _RecordingChecker(Checker):
    """The run's Checker, keeping the last checked document so the worker can count its findings."""

    last: LocalisedDocument | None = None

    def check_document(self, result: LocalisedDocument) -> LocalisedDocument:
        checked = super().check_document(result)
        self.last = checked
        return checked


def _job_for(base: TranslateJob, options: ArticleOptions, targets: tuple[str, ...]) -> TranslateJob:
    engine_options = base.engine_options
    if options.model is not None:
        engine_options = replace(engine_options, model=options.model)
    return replace(
        base,
        articles=(),
        targets=targets,
        engine=options.engine or base.engine,
        engine_options=engine_options,
        fmt=options.fmt or base.fmt,
        glossaries=options.glossaries if options.glossaries is not None else base.glossaries,
    )


def build_translator(base: TranslateJob, options: ArticleOptions, targets: tuple[str, ...]) -> Translator:
    """The Translator for articles with these options (glossaries and checks loaded, no model yet)."""
    tr = Translator(_job_for(base, options, targets))
    tr.checker = _RecordingChecker(tr.glossaries, tr.job.checks)
    return tr


def _crash_if_asked(name: str) -> None:
    spec = os.environ.get(CRASH_ENV, "")
    if ":" not in spec:
        return
    part, marker = spec.split(":", 1)
    if part and part in name:
        try:
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return
        os.close(fd)
        os._exit(70)


class Worker:
    """What one worker process (or Ray actor) holds: its Translators, built on first use."""

    def __init__(self, base: TranslateJob) -> None:
        self.base = base
        self._translators: dict[str, Translator | str] = {}

    def _translator(self, task: Task) -> Translator | str:
        key = task.options.key()
        if key not in self._translators:
            try:
                self._translators[key] = build_translator(self.base, task.options, task.targets)
            except Newsl10nError as exc:
                self._translators[key] = str(exc)
        return self._translators[key]

    def run(self, task: Task) -> list[Outcome]:
        """Translate one article into each of its languages; never raises for one article's problem."""
        _crash_if_asked(task.name)
        tr = self._translator(task)
        if isinstance(tr, str):
            return [failed(task.key, task.name, t, tr) for t in task.targets]
        try:
            article = tr.read(task.name, subdir=task.subdir)
        except Newsl10nError as exc:
            return [failed(task.key, task.name, t, str(exc)) for t in task.targets]
        except Exception as exc:  # a reader bug must not stop the batch: report it on the article
            return [
                failed(task.key, task.name, t, f"internal error ({type(exc).__name__}: {exc})")
                for t in task.targets
            ]
        return [self._one(tr, article, task, target) for target in task.targets]

    def _one(self, tr: Translator, article: Any, task: Task, target: str) -> Outcome:
        checker = tr.checker
        if not isinstance(checker, _RecordingChecker):
            raise InvariantError("a batch worker's Translator was not built by build_translator")
        checker.last = None
        engine: Any = None
        with contextlib.suppress(Newsl10nError):
            engine = tr.chooser.engine_for(tr.source_lang, target)
        hits_before = int(getattr(engine, "hits", 0) or 0)
        try:
            item = tr.translate(article, target)
        except Newsl10nError as exc:
            return failed(task.key, task.name, target, str(exc))
        except Exception as exc:  # an engine bug: reported on this item, the batch goes on
            return failed(task.key, task.name, target, f"internal error ({type(exc).__name__}: {exc})")
        if item.status != "done" or checker.last is None:
            return Outcome(key=task.key, item=item)
        doc = checker.last
        kinds = Counter(i.code for i in doc.issues if i.severity != "info")
        return Outcome(
            key=task.key,
            item=item,
            cache_hits=int(getattr(engine, "hits", 0) or 0) - hits_before,
            tm_hits=sum(t.origin == "tm" for t in doc.translations.values()),
            kinds=tuple(sorted(kinds.items())),
        )


# -- a local worker process ---------------------------------------------------------------------

_worker: Worker | None = None
_parent = 0
_lock_fd = -1


def init_process(base: TranslateJob, lock_path: str, parent_pid: int, threads: int = 0) -> None:
    """Pool initializer: hold the workers' shared lock for life and build this process's Worker.

    A new run into the same output directory waits for this lock, so a worker orphaned by a
    killed run finishes (or abandons) its article before anyone else writes there.
    """
    global _worker, _parent, _lock_fd
    if threads > 0:  # N workers each using every core would oversubscribe the CPU (torch, ctranslate2)
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, str(threads))
    _lock_fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(_lock_fd, fcntl.LOCK_SH)
    _parent = parent_pid
    _worker = Worker(base)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    # A worker whose driver was killed must not go on writing: the pool's queue never tells it
    # (the worker holds both ends of its pipe), so it checks its parent and exits once orphaned.
    # Whatever it was writing is left as temporary files, which the next run removes.
    while os.getppid() == parent_pid:
        time.sleep(0.2)
    os._exit(0)


def run_in_process(task: Task) -> list[Outcome]:
    """Pool task: one article. An orphaned worker (its run was killed) does nothing and exits."""
    if os.getppid() != _parent or _worker is None:
        os._exit(0)
    return _worker.run(task)


def workers_lock(folder: Path) -> Path:
    """The lock file every local worker process holds shared while it lives."""
    return folder / "workers.lock"
