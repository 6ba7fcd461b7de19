"""The local executor: articles handed to N worker processes on this machine (or run in-process for one).

Each worker process builds its Translators once (one model load per process) and takes one
article at a time; at most a few articles per worker are queued, so a batch of millions does
not sit in memory. A worker process that dies (killed, out of memory, a crash in native code)
has its articles handed out again, up to :data:`MAX_ATTEMPTS` times, then reported as failed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..outputs import recover_dir
from ..run import TranslateJob
from .worker import Outcome, Task, Worker, failed, init_process, run_in_process

MAX_ATTEMPTS = 3
QUEUED_PER_WORKER = 2

OnStart = Callable[[Task], None]


def run_local(
    tasks: Iterable[Task],
    base: TranslateJob,
    *,
    jobs: int,
    lock_path: Path,
    on_start: OnStart | None = None,
) -> Iterator[list[Outcome]]:
    """Yield each article's outcomes as it finishes (in completion order)."""
    if jobs <= 1:
        worker = Worker(base)
        for task in tasks:
            if on_start is not None:
                on_start(task)
            yield worker.run(task)
        return
    yield from _run_pool(iter(tasks), base, jobs=jobs, lock_path=lock_path, on_start=on_start)


def _run_pool(
    tasks: Iterator[Task], base: TranslateJob, *, jobs: int, lock_path: Path, on_start: OnStart | None
) -> Iterator[list[Outcome]]:
    # spawn, not fork: the driver holds an SQLite connection and maybe a display thread.
    ctx = multiprocessing.get_context("spawn")
    attempts: dict[str, int] = {}
    retry: list[Task] = []
    while True:
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=ctx,
            initializer=init_process,
            initargs=(base, str(lock_path), os.getpid(), max(1, (os.cpu_count() or 1) // jobs)),
        )
        running: dict[Future[list[Outcome]], Task] = {}
        broken = False
        try:
            while True:
                while not broken and len(running) < jobs * QUEUED_PER_WORKER:
                    task = retry.pop() if retry else next(tasks, None)
                    if task is None:
                        break
                    attempts[task.key] = attempts.get(task.key, 0) + 1
                    if on_start is not None:
                        on_start(task)
                    try:
                        running[pool.submit(run_in_process, task)] = task
                    except BrokenProcessPool:
                        retry.append(task)
                        broken = True
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in done:
                    task = running.pop(fut)
                    try:
                        yield fut.result()
                    except BrokenProcessPool:
                        broken = True
                        if attempts[task.key] >= MAX_ATTEMPTS:
                            why = f"the worker process died {MAX_ATTEMPTS} times on this article"
                            yield [failed(task.key, task.name, t, why) for t in task.targets]
                        else:
                            retry.append(task)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not broken:
            return
        # The broken pool's other workers were stopped wherever they were, maybe between writing a
        # temporary file and renaming it: put the folder right before the work is handed out again.
        recover_dir(base.outdir)
        # Every article that was in flight when the pool broke failed with it: hand them out again.
        for fut, task in running.items():
            if attempts[task.key] >= MAX_ATTEMPTS:
                why = f"the worker process died {MAX_ATTEMPTS} times on this article"
                yield [failed(task.key, task.name, t, why) for t in task.targets]
            else:
                retry.append(task)
            del fut
