"""The translation memory store: approved translations in one SQLite file, with exact and fuzzy lookup.

One file holds every language pair (default ``$XDG_DATA_HOME/newsl10n/tm.sqlite``, moved by
``NEWSL10N_TM``; see :func:`default_path`). It runs in WAL mode, so any number of readers work
while one process writes; every :meth:`TranslationMemory.add` is one transaction, so a process
killed during an import leaves the memory as it was before or after, never between.

Lookups:

- :meth:`~TranslationMemory.exact` — the same *normalised* source (NFC, whitespace runs as one
  space, placeholders ``⟦n⟧`` kept), and the same context (block kind) where both sides know it;
  the most recently approved translation wins.
- :meth:`~TranslationMemory.fuzzy` — candidates come from an FTS5 index with the ``trigram``
  tokenizer (SQLite 3.34+): the query's rarest trigrams (document frequencies from
  ``fts5vocab``) pick a few hundred rows, bm25 orders them, and ``rapidfuzz``'s normalised
  Indel ratio (0–100, placeholders left out) scores the best. A source too short to have a
  trigram (a CJK word of one or two characters) is compared with every entry whose length
  could reach the threshold instead (an index on the length keeps that a range scan).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from ..errors import ConfigError, InputError, MissingDependencyError
from ..model import PLACEHOLDER_RE, Code
from ..sqlitelock import is_locked, retry_locked

ENV_VAR = "NEWSL10N_TM"
"""Environment variable naming the translation-memory file (instead of the default location)."""

APPLICATION_ID = 0x4E4C544D
"""``PRAGMA application_id`` of a newsl10n TM ("NLTM"), at byte 68 of the SQLite header."""

SCHEMA_VERSION = 1
_SQLITE_MAGIC = b"SQLite format 3\x00"

_CANDIDATES = 1000
"""Rows the FTS index hands to the scorer per fuzzy lookup."""
_TRIGRAM_BUDGET = 30000
"""Rarest trigrams are OR-ed until their document frequencies add up to about this many rows."""
_MIN_TRIGRAMS = 8
"""At least this many trigrams pick the candidates, however common (recall at 1M entries)."""
_SHORT_SCAN = 5000
"""Most entries compared by the short-source fallback (sources without a trigram)."""

_WS_RE = re.compile(r"\s+")

_SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    ukey TEXT NOT NULL UNIQUE,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    shash INTEGER NOT NULL,
    flen INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    article TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'human',
    state TEXT NOT NULL DEFAULT '',
    provenance TEXT NOT NULL DEFAULT '',
    codes TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    rev INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_exact ON entries (source_lang, target_lang, shash);
CREATE INDEX IF NOT EXISTS entries_length ON entries (source_lang, target_lang, flen);
CREATE VIRTUAL TABLE IF NOT EXISTS entries_fts USING fts5 (fkey, content='', tokenize='trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS entries_vocab USING fts5vocab (entries_fts, 'row');
"""


def default_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the translation memory lives unless ``--tm`` says otherwise.

    ``NEWSL10N_TM`` if set, else ``$XDG_DATA_HOME/newsl10n/tm.sqlite``, else
    ``~/.local/share/newsl10n/tm.sqlite`` (the XDG Base Directory default for user data).
    """
    env = os.environ if environ is None else environ
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path("~/.local/share").expanduser())
    return Path(base) / "newsl10n" / "tm.sqlite"


def normalise(text: str) -> str:
    """The form exact matches compare: NFC, whitespace runs as one space, no outer whitespace.

    >>> normalise("  The  deal\\u00a0was signed. ")
    'The deal was signed.'
    """
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fuzzy_key(text: str) -> str:
    """The form fuzzy matches score: normalised, with the inline-code placeholders left out.

    >>> fuzzy_key("Read ⟦1⟧the report⟦/1⟧ here.")
    'Read the report here.'
    """
    return normalise(PLACEHOLDER_RE.sub("", text))


def _hash64(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _ratio() -> Callable[[str, str], float]:
    try:
        from rapidfuzz.fuzz import ratio
    except ImportError as exc:  # pragma: no cover - rapidfuzz is a core dependency
        raise MissingDependencyError(
            "fuzzy translation-memory matches need rapidfuzz: pip install rapidfuzz"
        ) from exc
    fn: Callable[[str, str], float] = ratio
    return fn


@dataclass(frozen=True, slots=True, kw_only=True)
class TmEntry:
    """One approved translation: the pair, where it came from, and when it was stored.

    ``source`` and ``target`` carry newsl10n placeholders (``⟦1⟧``) for inline markup, whose
    original markup is in ``codes``. ``context`` is the block kind (headline, caption…).
    """

    source: str
    target: str
    source_lang: str
    target_lang: str
    context: str = ""
    article: str = ""
    unit: str = ""
    origin: str = "human"
    """``human`` for a post-edit, ``tmx`` for an entry imported from a TMX file."""
    state: str = "reviewed"
    provenance: str = ""
    """The file the entry was imported from (and the tool that wrote it, when known)."""
    codes: tuple[Code, ...] = ()
    created: str = ""
    updated: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class TmMatch:
    """An entry found for a query, with its similarity to the query (0–100)."""

    score: float
    entry: TmEntry


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    """What one :meth:`TranslationMemory.add` did: entries new to the memory, and entries it had."""

    added: int
    unchanged: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TmStats:
    """Counts for ``newsl10n tm stats``."""

    path: str
    entries: int
    pairs: Mapping[str, int] = field(default_factory=dict)
    """``"en→pt"`` → number of entries."""
    articles: int = 0
    origins: Mapping[str, int] = field(default_factory=dict)
    oldest: str = ""
    newest: str = ""
    size_bytes: int = 0

    def to_dict(self) -> dict[str, object]:
        """The stats as JSON (``schema`` 1)."""
        return {
            "schema": 1,
            "path": self.path,
            "entries": self.entries,
            "pairs": dict(self.pairs),
            "articles": self.articles,
            "origins": dict(self.origins),
            "oldest": self.oldest,
            "newest": self.newest,
            "size_bytes": self.size_bytes,
        }


def _codes_json(codes: tuple[Code, ...]) -> str:
    return json.dumps(
        [
            {"id": c.id, "kind": c.kind, "ctype": c.ctype, "opening": c.opening, "closing": c.closing}
            for c in codes
        ],
        ensure_ascii=False,
        sort_keys=True,
    )


def _codes_from_json(raw: str) -> tuple[Code, ...]:
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(
        Code(
            id=int(c["id"]),
            kind="pair" if c.get("kind") == "pair" else "standalone",
            ctype=str(c.get("ctype", "")),
            opening=str(c.get("opening", "")),
            closing=str(c.get("closing", "")),
        )
        for c in items
        if isinstance(c, dict) and "id" in c
    )


_COLUMNS = (
    "source, target, source_lang, target_lang, context, article, unit, origin, state, provenance, codes, "
    "created, updated"
)


def _entry(row: tuple[str, ...]) -> TmEntry:
    return TmEntry(
        source=row[0],
        target=row[1],
        source_lang=row[2],
        target_lang=row[3],
        context=row[4],
        article=row[5],
        unit=row[6],
        origin=row[7],
        state=row[8],
        provenance=row[9],
        codes=_codes_from_json(row[10]),
        created=row[11],
        updated=row[12],
    )


class TranslationMemory:
    """An open translation memory (see the module docstring); a context manager that closes it.

    Args:
        path: the SQLite file (created with its folder when missing); None: :func:`default_path`.
        timeout: seconds to wait for another process's write to finish before giving up.
        clock: returns the ISO timestamp recorded on new entries (tests freeze it).

    Raises:
        InputError: the file is not a newsl10n TM (it is left untouched), or another process
            holds it locked beyond ``timeout``.

    A damaged TM (it fails SQLite's integrity check) is moved aside to
    ``<name>.corrupt-<time>`` and a new empty one is created; :attr:`warnings` says so.
    """

    def __init__(
        self, path: str | Path | None = None, *, timeout: float = 5.0, clock: Callable[[], str] = _now
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.timeout = timeout
        self.clock = clock
        self.warnings: list[str] = []
        self._df: dict[str, int] | None = None
        self._ratio = _ratio()
        self._check_header()
        try:
            self.conn = self._connect()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and is_locked(exc):
                raise self._locked_error(exc) from exc
            self._move_aside(str(exc))
            self.conn = self._connect()

    # -- opening -------------------------------------------------------------------------------

    def _check_header(self) -> None:
        """InputError when the file exists, has content, and is not a newsl10n TM."""
        try:
            with self.path.open("rb") as fh:
                header = fh.read(100)
        except FileNotFoundError:
            return
        except IsADirectoryError:
            raise InputError("is a directory, not a translation memory file", path=str(self.path)) from None
        except OSError as exc:
            raise InputError(
                f"cannot read the translation memory: {exc.strerror}", path=str(self.path)
            ) from exc
        if not header:
            return  # an empty file becomes a new TM
        if not header.startswith(_SQLITE_MAGIC):
            raise InputError(
                "is not a newsl10n translation memory (not an SQLite database); "
                "pass another --tm path, or move the file away",
                path=str(self.path),
            )
        app_id = int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0
        user_version = int.from_bytes(header[60:64], "big") if len(header) >= 64 else 0
        if app_id == 0 and user_version == 0:
            return  # a new database, perhaps being created by another process: _connect decides
        if app_id != APPLICATION_ID:
            raise InputError(
                "is an SQLite database but not a newsl10n translation memory; "
                "pass another --tm path, or move the file away",
                path=str(self.path),
            )

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"cannot create the folder of the translation memory: {exc.strerror}",
                path=str(self.path.parent),
            ) from exc
        try:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.OperationalError as exc:
            raise InputError(f"cannot open the translation memory: {exc}", path=str(self.path)) from exc
        try:
            # A new database (user_version 0) must hold nothing but what a TM holds: never write into
            # someone else's SQLite file.
            if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                foreign = conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('meta', "
                    "'entries', 'entries_fts', 'entries_vocab') AND name NOT LIKE 'entries_fts_%' LIMIT 1"
                ).fetchone()
                if foreign is not None:
                    conn.close()
                    raise InputError(
                        "is an SQLite database but not a newsl10n translation memory; "
                        "pass another --tm path, or move the file away",
                        path=str(self.path),
                    )
            # Switching to WAL can meet another opener's lock without SQLite's busy handler: retried.
            retry_locked(partial(conn.execute, "PRAGMA journal_mode=WAL"), seconds=self.timeout)
            # WAL with NORMAL sync: a killed process loses nothing it committed (power loss may).
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else 'no answer'}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                # Idempotent (IF NOT EXISTS): a second process creating the TM at once waits, then
                # finds it made.
                conn.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")
            elif version > SCHEMA_VERSION:
                conn.close()
                raise InputError(
                    f"was written by a newer newsl10n (TM schema {version}, this one reads "
                    f"{SCHEMA_VERSION}); upgrade newsl10n",
                    path=str(self.path),
                )
            conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'zzz'").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _move_aside(self, why: str) -> None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
        except OSError as exc:
            raise InputError(
                f"the translation memory is damaged ({why}) and cannot be moved aside: {exc.strerror}",
                path=str(self.path),
            ) from exc
        self.warnings.append(
            f"{self.path}: the translation memory was damaged ({why}); it was moved to {aside} "
            "and a new, empty one was created"
        )

    def _locked_error(self, exc: sqlite3.Error) -> InputError:
        return InputError(
            f"the translation memory is locked by another process ({exc}); "
            "try again when that process has finished",
            path=str(self.path),
        )

    # -- life cycle ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database (the TM stays valid on disk whether or not this is called)."""
        self.conn.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def add(self, entries: Iterable[TmEntry]) -> AddResult:
        """Store entries, all in one transaction (an entry the TM already has is not added twice).

        Re-adding an entry that is not the latest translation of its source makes it the latest
        again (the translator went back to it); re-adding the latest one changes nothing, so an
        import can be run twice.

        Raises:
            InputError: another process holds the TM beyond the timeout; nothing was stored.
            ConfigError: an entry without source, target or languages; nothing was stored.
        """
        added = unchanged = 0
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._locked_error(exc) if is_locked(exc) else exc from exc
        try:
            rev = self._next_rev()
            for e in entries:
                if self._add_one(e, rev):
                    added += 1
                else:
                    unchanged += 1
            self.conn.execute("COMMIT")
            self._df = None
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and is_locked(exc):
                raise self._locked_error(exc) from exc
            raise
        return AddResult(added=added, unchanged=unchanged)

    def _next_rev(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'rev'").fetchone()
        rev = int(row[0]) + 1 if row else 1
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('rev', ?)", (str(rev),))
        return rev

    def _add_one(self, e: TmEntry, rev: int) -> bool:
        skey, target = normalise(e.source), normalise(e.target)
        if not skey or not target or not e.source_lang or not e.target_lang:
            raise ConfigError(
                f"a translation-memory entry needs a source, a target and both languages "
                f"(unit {e.unit or '?'} of {e.provenance or e.article or '?'})"
            )
        context = e.context or ""
        ukey = hashlib.sha256("\x1f".join((e.source_lang, e.target_lang, skey, context, target)).encode())
        ukey_hex = ukey.hexdigest()[:32]
        shash = _hash64(skey)
        found = self.conn.execute("SELECT id, rev FROM entries WHERE ukey = ?", (ukey_hex,)).fetchone()
        now = self.clock()
        if found is not None:
            entry_id, entry_rev = found
            latest = self.conn.execute(
                "SELECT max(rev) FROM entries WHERE source_lang = ? AND target_lang = ? AND shash = ? "
                "AND context = ?",
                (e.source_lang, e.target_lang, shash, context),
            ).fetchone()[0]
            if entry_rev < latest:
                self.conn.execute(
                    "UPDATE entries SET rev = ?, updated = ?, provenance = ? WHERE id = ?",
                    (rev, now, e.provenance, entry_id),
                )
            return False
        fkey = fuzzy_key(e.source)
        cur = self.conn.execute(
            "INSERT INTO entries (ukey, source_lang, target_lang, shash, flen, source, target, context, "
            "article, unit, origin, state, provenance, codes, created, updated, rev) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ukey_hex,
                e.source_lang,
                e.target_lang,
                shash,
                len(fkey),
                e.source.strip(),
                e.target.strip(),
                context,
                e.article,
                e.unit,
                e.origin,
                e.state,
                e.provenance,
                _codes_json(e.codes),
                e.created or now,
                now,
                rev,
            ),
        )
        self.conn.execute("INSERT INTO entries_fts (rowid, fkey) VALUES (?, ?)", (cur.lastrowid, fkey))
        return True

    # -- lookup --------------------------------------------------------------------------------

    def exact(self, source: str, *, source_lang: str, target_lang: str, context: str = "") -> str | None:
        """The approved translation of exactly this (normalised) source, or None.

        An entry recorded with another context (block kind) is not an exact match when both
        contexts are known; the latest approved entry wins among the rest.
        """
        match = self.exact_entry(source, source_lang=source_lang, target_lang=target_lang, context=context)
        return match.target if match is not None else None

    def exact_entry(
        self, source: str, *, source_lang: str, target_lang: str, context: str = ""
    ) -> TmEntry | None:
        """Like :meth:`exact`, with the whole entry."""
        skey = normalise(source)
        if not skey:
            return None
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE source_lang = ? AND target_lang = ? AND shash = ? "
            "ORDER BY (context = ?) DESC, rev DESC, id DESC",
            (source_lang, target_lang, _hash64(skey), context),
        ).fetchall()
        for row in rows:
            entry = _entry(row)
            if normalise(entry.source) != skey:
                continue  # a 64-bit hash collision
            if context and entry.context and entry.context != context:
                continue
            return entry
        return None

    def fuzzy(
        self, source: str, *, source_lang: str, target_lang: str, threshold: float = 75.0, limit: int = 3
    ) -> list[tuple[float, str, str]]:
        """``(score, source, target)`` of the entries most similar to ``source``, best first.

        Scores are 0–100 (100: the same text once placeholders and whitespace are set aside);
        only scores at or above ``threshold`` are returned, at most ``limit``, one per distinct
        (source, target).
        """
        return [
            (m.score, m.entry.source, m.entry.target)
            for m in self.matches(
                source, source_lang=source_lang, target_lang=target_lang, threshold=threshold, limit=limit
            )
        ]

    def matches(
        self, source: str, *, source_lang: str, target_lang: str, threshold: float = 75.0, limit: int = 3
    ) -> list[TmMatch]:
        """Like :meth:`fuzzy`, with whole entries."""
        if not 0 <= threshold <= 100:
            raise ConfigError(f"a fuzzy threshold is a score from 0 to 100, not {threshold}")
        q = fuzzy_key(source)
        if not q:
            return []
        n = len(q)
        # Indel ratio r = 200·M/(n+m) ≤ 200·min(n,m)/(n+m): only lengths in [lo, hi] can reach it.
        t = max(threshold, 1.0)
        lo, hi = int(n * t / (200 - t)), int(n * (200 - t) / t) + 1
        best: dict[str, tuple[float, int]] = {}
        for entry_id, cand in self._candidates(q, source_lang, target_lang, lo, hi):
            score = round(float(self._ratio(q, fuzzy_key(cand))), 1)
            if score >= threshold:
                best.setdefault(cand, (score, entry_id))
        if not best:
            return []
        ids = {entry_id: score for score, entry_id in best.values()}
        rows = self.conn.execute(
            f"SELECT {_COLUMNS}, id FROM entries WHERE id IN ({','.join('?' * len(ids))}) "
            "ORDER BY rev DESC, id DESC",
            list(ids),
        ).fetchall()
        scored: dict[tuple[str, str], TmMatch] = {}
        for row in rows:
            entry = _entry(row[:-1])
            key = (normalise(entry.source), normalise(entry.target))
            if key not in scored:
                scored[key] = TmMatch(score=ids[row[-1]], entry=entry)
        ranked = sorted(scored.values(), key=lambda m: -m.score)
        return ranked[:limit]

    def _candidates(
        self, q: str, source_lang: str, target_lang: str, lo: int, hi: int
    ) -> list[tuple[int, str]]:
        """``(id, source)`` of the entries worth scoring against the fuzzy key ``q``, most promising first."""
        grams = sorted({q.lower()[i : i + 3] for i in range(len(q) - 2)})
        grams = [g for g in grams if '"' not in g]
        if not grams:  # too short for a trigram (a one- or two-character CJK word): scan by length
            return self.conn.execute(
                "SELECT id, source FROM entries WHERE source_lang = ? AND target_lang = ? "
                "AND flen BETWEEN ? AND ? ORDER BY rev DESC, id DESC LIMIT ?",
                (source_lang, target_lang, lo, hi, _SHORT_SCAN),
            ).fetchall()
        freq = self._document_frequencies()
        present = sorted((freq[g], g) for g in grams if g in freq)
        chosen: list[str] = []
        total = 0
        for doc, g in present:
            if chosen and total + doc > _TRIGRAM_BUDGET and len(chosen) >= _MIN_TRIGRAMS:
                break
            chosen.append(g)
            total += doc
        if not chosen:
            return []
        # Rows holding the most of the chosen trigrams first (one index read per trigram: cheaper
        # than FTS5's bm25 ORDER BY, which reads every position list of every matching row).
        hits: Counter[int] = Counter()
        for g in chosen:
            hits.update(
                r
                for (r,) in self.conn.execute(
                    "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", (f'"{g}"',)
                )
            )
        best = [rowid for rowid, _ in hits.most_common(_CANDIDATES * 2)]
        if not best:
            return []
        # Filtered here, not in SQL: given the language and length columns, SQLite's planner walks
        # the (pair, length) index instead of looking the few ids up.
        rows = [
            (rowid, src)
            for rowid, src, sl, tl, flen in self.conn.execute(
                "SELECT id, source, source_lang, target_lang, flen FROM entries "
                f"WHERE id IN ({','.join('?' * len(best))})",
                best,
            )
            if sl == source_lang and tl == target_lang and lo <= flen <= hi
        ]
        rank = {rowid: i for i, rowid in enumerate(best)}
        rows.sort(key=lambda r: rank[r[0]])
        return rows[:_CANDIDATES]

    def _document_frequencies(self) -> dict[str, int]:
        """Trigram → number of entries holding it, read once per connection and kept until an add.

        ``fts5vocab`` answers a lookup by scanning the whole index, so reading it once costs what
        one lookup would, and every later lookup is a dictionary access. Counts that another
        process makes stale only change which trigrams pick the candidates, never a score.
        """
        if self._df is None:
            self._df = dict(self.conn.execute("SELECT term, doc FROM entries_vocab").fetchall())
        return self._df

    def search(self, text: str, *, lang: str | None = None, limit: int = 20) -> list[TmEntry]:
        """Entries whose source or target contains ``text`` (case-insensitive), newest first.

        ``lang`` keeps entries whose target (or source) language is ``lang`` or one of its
        regional forms (``pt`` finds ``pt-BR``). Texts of three characters or more use the
        trigram index for sources; shorter ones (CJK words) are looked for by a scan.
        """
        needle = normalise(text)
        if not needle:
            return []
        clause = "(instr(lower(e.target), lower(?)) > 0"
        params = [needle]
        if len(needle) >= 3 and '"' not in needle:
            clause += " OR e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?))"
            params.append(f'"{needle}"')
        else:
            clause += " OR instr(lower(e.source), lower(?)) > 0)"
            params.append(needle)
        if lang:
            clause += " AND (e.target_lang = ? OR e.target_lang LIKE ?"
            clause += " OR e.source_lang = ? OR e.source_lang LIKE ?)"
            params += [lang, f"{lang}-%", lang, f"{lang}-%"]
        rows = self.conn.execute(
            f"SELECT {', '.join('e.' + c.strip() for c in _COLUMNS.split(','))} FROM entries e "
            f"WHERE {clause} ORDER BY e.rev DESC, e.id DESC LIMIT ?",
            (*params, limit),
        ).fetchall()
        out = []
        low = needle.lower()
        for row in rows:
            entry = _entry(row)
            # The trigram index folds case and matches the placeholder-free key: confirm on the text.
            texts = (fuzzy_key(entry.source), entry.source, entry.target)
            if any(low in t.lower() for t in texts):
                out.append(entry)
        return out

    def entries(self, *, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[TmEntry]:
        """Every entry (of one language pair, when given), oldest first."""
        clause, params = [], []
        if source_lang:
            clause.append("source_lang = ?")
            params.append(source_lang)
        if target_lang:
            clause.append("(target_lang = ? OR target_lang LIKE ?)")
            params += [target_lang, f"{target_lang}-%"]
        where = f"WHERE {' AND '.join(clause)}" if clause else ""
        for row in self.conn.execute(f"SELECT {_COLUMNS} FROM entries {where} ORDER BY id", params):
            yield _entry(row)

    @property
    def revision(self) -> int:
        """A number that grows with every :meth:`add` that stored or re-approved something.

        ``translate`` puts it in its run fingerprint: outputs made before the TM learned a
        translation are redone, outputs made since are up to date.
        """
        row = self.conn.execute("SELECT max(rev) FROM entries").fetchone()
        return int(row[0] or 0)

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def stats(self) -> TmStats:
        """Entries per language pair and origin, articles, the oldest and newest entry, file size."""
        pairs = {
            f"{s}→{t}": n
            for s, t, n in self.conn.execute(
                "SELECT source_lang, target_lang, count(*) FROM entries GROUP BY 1, 2 ORDER BY 1, 2"
            )
        }
        origins = dict(self.conn.execute("SELECT origin, count(*) FROM entries GROUP BY 1 ORDER BY 1"))
        articles, oldest, newest = self.conn.execute(
            "SELECT count(DISTINCT nullif(article, '')), min(created), max(updated) FROM entries"
        ).fetchone()
        size = 0
        for suffix in ("", "-wal"):
            with contextlib.suppress(OSError):
                size += self.path.with_name(self.path.name + suffix).stat().st_size
        return TmStats(
            path=str(self.path),
            entries=len(self),
            pairs=pairs,
            articles=int(articles or 0),
            origins=origins,
            oldest=oldest or "",
            newest=newest or "",
            size_bytes=size,
        )
