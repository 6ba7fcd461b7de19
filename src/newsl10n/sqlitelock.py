"""Another process's lock on an SQLite store (TM, segment cache): how to recognise it, how to wait it out."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def is_locked(exc: sqlite3.Error) -> bool:
    """True for SQLite's "database is locked" / "database is busy": another process's transaction."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def retry_locked(call: Callable[[], T], *, seconds: float) -> T:
    """Run ``call()``, retrying while another process holds the database, for at most ``seconds``.

    For the statements SQLite's own busy handler does not wait on, such as switching a new database
    to WAL while another process is creating it.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            return call()
        except sqlite3.OperationalError as exc:
            if not is_locked(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
