"""The Ray executor: the same batch on a Ray cluster, one Translator per actor, one job table at the driver.

Articles are tasks on a pool of Ray actors, one article per call; each actor holds one
:class:`~newsl10n.batch.worker.Worker` (one model load per actor) and asks for ``num_gpus``
when the engine runs on CUDA. Actors write the outputs with the same writers as the local
executor (so the output directory must be storage every node sees, at the same path), and
the driver alone records results in the job table. An actor that dies is restarted and its
article retried (``max_restarts``/``max_task_retries``); a retried article whose files were
already complete is found up to date by its sidecar record and not written again.

Without an address a local Ray runtime is started (and stopped at the end); with one
(``ray://head:10001`` or ``auto``) the batch joins that cluster.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import ConfigError, MissingDependencyError
from ..run import TranslateJob
from .local import MAX_ATTEMPTS, OnStart
from .worker import Outcome, Task, Worker, failed


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise MissingDependencyError(
            "the ray executor needs Ray: pip install 'newsl10n[ray]' (or run with --executor local)"
        ) from None
    return ray


class BatchActor:
    """A Ray actor: one Worker, built when the actor starts."""

    def __init__(self, base: TranslateJob, lock_path: str) -> None:
        self._lock = -1
        with contextlib.suppress(OSError):  # on a node without the output directory's lock: no lock
            self._lock = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._lock, fcntl.LOCK_SH)
        self.worker = Worker(base)

    def run(self, task: Task) -> list[Outcome]:
        return self.worker.run(task)

    def pid(self) -> int:
        return os.getpid()


def run_ray(
    tasks: Iterable[Task],
    base: TranslateJob,
    *,
    workers: int,
    lock_path: Path,
    address: str | None = None,
    num_gpus: float | None = None,
    on_start: OnStart | None = None,
) -> Iterator[list[Outcome]]:
    """Yield each article's outcomes as its actor finishes it (in completion order)."""
    ray = _import_ray()
    if workers < 1:
        raise ConfigError(f"the number of workers must be at least 1, not {workers}")
    gpus = num_gpus
    if gpus is None:
        gpus = 1.0 if base.engine_options.device.startswith("cuda") else 0.0
    started_here = not ray.is_initialized()
    if started_here:
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=workers, **kwargs)
    try:
        actor_cls = ray.remote(
            num_cpus=1, num_gpus=gpus, max_restarts=MAX_ATTEMPTS, max_task_retries=MAX_ATTEMPTS
        )(BatchActor)
        idle = [actor_cls.remote(base, str(lock_path)) for _ in range(workers)]
        running: dict[Any, tuple[Any, Task]] = {}
        it = iter(tasks)
        while True:
            while idle:
                task = next(it, None)
                if task is None:
                    break
                if on_start is not None:
                    on_start(task)
                actor = idle.pop()
                running[actor.run.remote(task)] = (actor, task)
            if not running:
                break
            ready, _ = ray.wait(list(running), num_returns=1)
            actor, task = running.pop(ready[0])
            try:
                outcomes: list[Outcome] = ray.get(ready[0])
            except ray.exceptions.RayError as exc:  # the actor died more often than it may restart
                why = f"the Ray worker failed on this article ({type(exc).__name__})"
                outcomes = [failed(task.key, task.name, t, why) for t in task.targets]
                ray.kill(actor)
                actor = actor_cls.remote(base, str(lock_path))
            idle.append(actor)
            yield outcomes
        for a in idle:
            ray.kill(a)
    finally:
        if started_here:
            ray.shutdown()
