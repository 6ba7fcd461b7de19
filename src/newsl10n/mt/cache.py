"""The segment cache: a persistent SQLite store of machine translations, and the CachedEngine wrapper.

A cached translation is keyed by everything that decides it: the engine, its model and revision, the
options that change output (beam size, variant, …), the language pair and the normalised source
sentence (see :meth:`newsl10n.mt.base.Engine.cache_identity`). A rerun of an unchanged article is
served from the cache without calling the engine; an edited sentence misses and is translated.

There is one cache per user, at ``$NEWSL10N_CACHE_DIR/segments.sqlite`` when that variable is
set, else ``$XDG_CACHE_HOME/newsl10n/segments.sqlite``, else ``~/.cache/newsl10n/segments.sqlite``
(``%LOCALAPPDATA%\\newsl10n\\segments.sqlite`` on Windows, ``~/Library/Caches/newsl10n`` on macOS).
The database runs in WAL mode, so several newsl10n processes can share it. A file that fails its
integrity check is moved aside (``segments.sqlite.corrupt-<time>``) and a new one created; the
move is reported in :attr:`SegmentCache.warnings`, never raised.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, TypedDict

from ..errors import ConfigError, EngineError
from ..model import Issue
from ..sqlitelock import is_locked, retry_locked
from .base import Engine, EngineOutput, ProgressCallback, normalise

SCHEMA_VERSION = 1
FILE_NAME = "segments.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS segments (
    key TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    issues TEXT NOT NULL,
    score REAL,
    created REAL NOT NULL,
    used REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS segments_model ON segments (engine, model);
"""


def default_cache_dir() -> Path:
    """The per-user cache directory (``NEWSL10N_CACHE_DIR``, else the platform's user cache dir)."""
    override = os.environ.get("NEWSL10N_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "newsl10n" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "newsl10n"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "newsl10n"


def default_cache_path() -> Path:
    """Where the segment cache file lives (see the module docstring)."""
    return default_cache_dir() / FILE_NAME


class CacheStats(TypedDict):
    """Shape of :meth:`SegmentCache.stats` (and of ``newsl10n cache stats --json``)."""

    path: str
    segments: int
    bytes: int
    models: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class CachedTranslation:
    """A stored translation."""

    text: str
    issues: tuple[Issue, ...]
    score: float | None


class SegmentCache:
    """A SQLite segment cache; safe to share between threads (one connection, one lock).

    Args:
        path: the database file; None for :func:`default_cache_path`.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the segment cache directory {self.path.parent}: {exc.strerror}; "
                "set NEWSL10N_CACHE_DIR to a writable directory"
            ) from exc
        try:
            return self._connect()
        except sqlite3.OperationalError as exc:
            if is_locked(exc):  # another process holds it: never taken for damage and moved aside
                raise ConfigError(
                    f"the segment cache {self.path} is locked by another process ({exc}); "
                    "try again, or pass --no-cache or --cache PATH"
                ) from exc
            return self._recreate(exc)
        except sqlite3.DatabaseError as exc:
            return self._recreate(exc)

    def _recreate(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Move a damaged cache aside (with its -wal and -shm files) and start an empty one."""
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                os.replace(src, Path(str(aside) + suffix))
        self.warnings.append(
            f"the segment cache {self.path} was damaged ({exc}); it was moved to {aside.name} "
            "and a new, empty cache created"
        )
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30, isolation_level=None)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else 'no answer'}")
            # Two processes may create the cache at once: switching to WAL can meet the other's lock
            # without SQLite's busy handler, so it is retried; the schema is idempotent.
            retry_locked(partial(conn.execute, "PRAGMA journal_mode=WAL"), seconds=30)
            conn.execute("PRAGMA synchronous=NORMAL")
            for statement in (st for st in _SCHEMA.split(";") if st.strip()):
                retry_locked(partial(conn.execute, statement), seconds=30)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            found = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if found is None or found[0] != str(SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"unknown cache schema {found[0] if found else None}")
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        """Close the database (later calls fail)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SegmentCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def key(identity: dict[str, Any], source: str) -> str:
        """The row key: a hash of the engine identity (see ``cache_identity``) and the source."""
        blob = json.dumps([identity, source], sort_keys=True, ensure_ascii=False, default=repr)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, CachedTranslation]:
        """The stored translations among ``keys``; marks them used."""
        found: dict[str, CachedTranslation] = {}
        now = time.time()
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i : i + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT key, target, issues, score FROM segments WHERE key IN ({marks})", chunk
                ).fetchall()
                for key, target, issues, score in rows:
                    found[key] = CachedTranslation(target, _issues_from_json(issues), score)
                if rows:
                    hit_marks = ",".join("?" * len(rows))
                    self._conn.execute(
                        f"UPDATE segments SET used = ? WHERE key IN ({hit_marks})",
                        [now, *[r[0] for r in rows]],
                    )
        return found

    def put_many(self, rows: Sequence[tuple[str, dict[str, Any], str, EngineOutput]]) -> None:
        """Store ``(key, identity, source, output)`` rows in one transaction."""
        now = time.time()
        values = [
            (
                key,
                str(identity.get("engine", "")),
                str(identity.get("model", "")),
                str(identity.get("source_lang", "")),
                str(identity.get("target_lang", "")),
                source,
                out.text,
                _issues_to_json(out.issues),
                out.score,
                now,
                now,
            )
            for key, identity, source, out in rows
        ]
        with self._lock, self._transaction():
            self._conn.executemany(
                "INSERT OR REPLACE INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def stats(self) -> CacheStats:
        """How many segments the cache holds, its size on disk and a count per engine and model."""
        with self._lock:
            total = self._conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0]
            per = self._conn.execute(
                "SELECT engine, model, source_lang, target_lang, COUNT(*) FROM segments "
                "GROUP BY engine, model, source_lang, target_lang "
                "ORDER BY engine, model, source_lang, target_lang"
            ).fetchall()
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return {
            "path": str(self.path),
            "segments": int(total),
            "bytes": size,
            "models": [
                {"engine": e, "model": m, "source_lang": s, "target_lang": t, "segments": int(n)}
                for e, m, s, t, n in per
            ],
        }

    def clear(self, *, engine: str | None = None, model: str | None = None) -> int:
        """Delete cached segments (all, or those of one engine and/or model); returns how many."""
        where, args = [], []
        if engine is not None:
            where.append("engine = ?")
            args.append(engine)
        if model is not None:
            where.append("model = ?")
            args.append(model)
        sql = "DELETE FROM segments" + (" WHERE " + " AND ".join(where) if where else "")
        with self._lock:
            with self._transaction():
                deleted = self._conn.execute(sql, args).rowcount
            self._conn.execute("VACUUM")
        return int(deleted)


def _issues_to_json(issues: Sequence[Issue]) -> str:
    return json.dumps(
        [
            {"code": i.code, "severity": i.severity, "message": i.message, "attrs": dict(i.attrs)}
            for i in issues
        ],
        ensure_ascii=False,
    )


def _issues_from_json(raw: str) -> tuple[Issue, ...]:
    return tuple(
        Issue(code=d["code"], severity=d["severity"], message=d["message"], attrs=d.get("attrs") or {})
        for d in json.loads(raw)
    )


class CachedEngine(Engine):
    """An engine in front of a :class:`SegmentCache`: hits skip the inner engine entirely.

    ``name`` and ``capabilities`` are the inner engine's, so provenance names the real engine;
    outputs served from the cache have ``cached=True``. ``hits`` and ``misses`` count sentences.
    """

    name: ClassVar[str] = "cached"

    def __init__(self, inner: Engine, cache: SegmentCache) -> None:
        super().__init__(inner.options)
        self.inner = inner
        self.cache = cache
        self.hits = 0
        self.misses = 0
        # The wrapper speaks for the engine it wraps: provenance and capability checks see the inner
        # engine (instance attributes shadow the class defaults).
        vars(self)["name"] = inner.name
        vars(self)["capabilities"] = inner.capabilities

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return self.inner.supports(source_lang, target_lang)

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        return self.inner.describe(source_lang, target_lang)

    def output_lang(self, source_lang: str, target_lang: str) -> str:
        return self.inner.output_lang(source_lang, target_lang)

    def cache_identity(self, source_lang: str, target_lang: str) -> dict[str, Any]:
        return self.inner.cache_identity(source_lang, target_lang)

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        return self.inner.translate(texts, source_lang=source_lang, target_lang=target_lang)

    def translate_nbest(
        self, texts: list[str], *, source_lang: str, target_lang: str, n: int
    ) -> list[list[EngineOutput]]:
        """The inner engine's n-best lists (not cached); EngineError when it has none."""
        method = getattr(self.inner, "translate_nbest", None)
        if method is None:
            raise EngineError(f"the {self.inner.name} engine cannot give n-best translations")
        result: list[list[EngineOutput]] = method(
            texts, source_lang=source_lang, target_lang=target_lang, n=n
        )
        return result

    def translate(
        self,
        texts: Sequence[str],
        *,
        source_lang: str,
        target_lang: str,
        progress: ProgressCallback | None = None,
    ) -> list[EngineOutput]:
        """Serve what the cache has, translate the rest with the inner engine and store it."""
        normalised = [normalise(t) for t in texts]
        unique = sorted({t for t in normalised if t}, key=lambda t: (len(t), t))
        identity = {
            **self.inner.cache_identity(source_lang, target_lang),
            "source_lang": source_lang,
            "target_lang": target_lang,
        }
        keys = {t: SegmentCache.key(identity, t) for t in unique}
        stored = self.cache.get_many(list(keys.values()))
        done: dict[str, EngineOutput] = {}
        for t in unique:
            hit = stored.get(keys[t])
            if hit is not None:
                done[t] = EngineOutput(hit.text, hit.issues, cached=True, score=hit.score)
        self.hits += len(done)
        if progress is not None and done:
            progress(len(done))
        missing = [t for t in unique if t not in done]
        self.misses += len(missing)
        if missing:
            fresh = self.inner.translate(
                missing, source_lang=source_lang, target_lang=target_lang, progress=progress
            )
            self.cache.put_many([(keys[t], identity, t, out) for t, out in zip(missing, fresh, strict=True)])
            done.update((t, replace(out, cached=False)) for t, out in zip(missing, fresh, strict=True))
        return [done[t] if t else EngineOutput("") for t in normalised]


def cached_engine(inner: Engine, cache: SegmentCache | None = None) -> CachedEngine:
    """Wrap ``inner`` with the per-user segment cache (or the one given)."""
    return CachedEngine(inner, cache if cache is not None else SegmentCache())


__all__ = [
    "CacheStats",
    "CachedEngine",
    "SegmentCache",
    "cached_engine",
    "default_cache_dir",
    "default_cache_path",
]
