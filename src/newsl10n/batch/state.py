"""The job table of a batch: one SQLite row per article and language, so a killed batch resumes where it was.

The table lives next to the outputs, in ``OUTDIR/.newsl10n/jobs.sqlite`` (WAL mode, full sync:
a row marked done survives ``kill -9``). Only the batch's driver process writes it. A row is
marked done *after* its files are in place, so a crash between the two redoes nothing but a
cheap up-to-date check on the next run (the sidecar records say the files are complete).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

FILE_NAME = "jobs.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    key TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    article TEXT NOT NULL,
    status TEXT NOT NULL,
    input TEXT NOT NULL,
    options TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    result TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (key, target_lang)
);
"""


@dataclass(frozen=True, slots=True)
class Row:
    """The recorded state of one article and language."""

    status: str
    input: str
    options: str
    attempts: int
    result: dict[str, Any]


class JobTable:
    """The batch's job table (``jobs.sqlite``); use as a context manager."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            self._db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
            )
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"the batch's job table cannot be opened ({exc}); delete it to start the batch afresh",
                path=str(self.path),
            ) from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> JobTable:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def rows(self) -> dict[tuple[str, str], Row]:
        """Every recorded row, by ``(key, target_lang)``."""
        out = {}
        for key, target, status, inp, options, attempts, result in self._db.execute(
            "SELECT key, target_lang, status, input, options, attempts, result FROM items"
        ):
            out[(key, target)] = Row(status, inp, options, attempts, json.loads(result))
        return out

    def plan(self, entries: list[tuple[str, str, str, str, str]]) -> None:
        """Record ``(key, target, article, input, options)`` as pending unless already recorded with
        the same input and options (a changed input or option makes the row pending again)."""
        with self._transaction():
            for key, target, article, inp, options in entries:
                self._db.execute(
                    "INSERT INTO items (key, target_lang, article, status, input, options) "
                    "VALUES (?, ?, ?, 'pending', ?, ?) "
                    "ON CONFLICT (key, target_lang) DO UPDATE SET status = 'pending', "
                    "article = excluded.article, input = excluded.input, options = excluded.options "
                    "WHERE items.input != excluded.input OR items.options != excluded.options",
                    (key, target, article, inp, options),
                )

    def started(self, pairs: list[tuple[str, str]]) -> None:
        """Count an attempt for each ``(key, target)`` handed to a worker."""
        with self._transaction():
            self._db.executemany(
                "UPDATE items SET attempts = attempts + 1, status = CASE WHEN status IN ('done', 'skipped') "
                "THEN status ELSE 'running' END WHERE key = ? AND target_lang = ?",
                pairs,
            )

    def finish(self, key: str, target: str, status: str, result: dict[str, Any]) -> None:
        """Record the outcome of one article and language (after its files are in place)."""
        with self._transaction():
            self._db.execute(
                "UPDATE items SET status = ?, result = ? WHERE key = ? AND target_lang = ?",
                (status, json.dumps(result, ensure_ascii=False, sort_keys=True), key, target),
            )
