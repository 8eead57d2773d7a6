"""A SQLite store file reached through the stdlib driver alone, for the statements every round
runs (rounds.py): a round in which every source answers 304, or sends the bytes the store
already has, then never imports SQLAlchemy, whose import and first statements were a fifth of
such a round's time per process (docs/performance.md, "Figures (2026-12-06, night)").

Each thread has its own connection, set up as SQLAlchemy's are (engine.py takes the same
PRAGMAS): WAL, foreign keys, a busy timeout, and real BEGIN statements, a writer's taking the
write lock up front. Everything else the store does goes through SQLAlchemy (Store.engine),
on connections of its own; the two never share a transaction."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aggregator.errors import StoreError
from aggregator.store.statements import stored, stored_row

# What every connection to a store file runs first (SQLAlchemy's too: engine.py).
PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers never block the writer
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA synchronous=NORMAL",
    # 32 MB of page cache (the default is 2 MB): the index pages of a store of a million
    # items stay in memory, and lookups stay as fast as in a small one.
    "PRAGMA cache_size=-32768",
)

_URL_PREFIX = "sqlite:///"


def plain_file(url: str) -> Path | None:
    """The file a `sqlite:///PATH` URL names, when SQLAlchemy reads the URL as exactly that
    path; None for anything else (PostgreSQL, a database in memory or named by a `file:`
    URI, a driver named in the scheme, query options, escapes)."""
    if not url.startswith(_URL_PREFIX):
        return None
    path = url[len(_URL_PREFIX) :]
    if not path or path.startswith((":memory:", "file:")) or any(c in path for c in "?%#\0"):
        return None
    return Path(path)


class DirectSqlite:
    """Statements (statements.py) on a SQLite file: a connection per thread, each statement
    on its own unless inside `writing()`."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[tuple[threading.Thread, sqlite3.Connection]] = []

    @classmethod
    def open(cls, url: str) -> DirectSqlite | None:
        """The store at `url` if it is an existing SQLite file, else None (a new store is
        created, and an older one migrated, through SQLAlchemy)."""
        path = plain_file(url)
        if path is None or not path.is_file():
            return None
        return cls(path)

    def schema_version(self) -> int | None:
        """The version the store's `meta` table gives; None without one."""
        found = self.rows("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(found[0][0]) if found else None

    def rows(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        cursor = self._connection().execute(sql, stored_row(parameters, "sqlite"))
        try:
            return cursor.fetchall()
        finally:
            cursor.close()

    def run(self, sql: str, *parameters: Any) -> int:
        cursor = self._connection().execute(sql, stored_row(parameters, "sqlite"))
        cursor.close()
        return cursor.rowcount

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            cursor = self._connection().executemany(
                sql, [tuple(stored(value, "sqlite") for value in row) for row in rows]
            )
            cursor.close()

    @contextmanager
    def writing(self) -> Iterator[DirectSqlite]:
        """One write transaction on this thread's connection, committed at the end, rolled
        back if anything raises; the database's errors become StoreError."""
        connection = self._connection()
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        except sqlite3.Error as exc:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise StoreError(f"store write failed: {exc}") from exc

    def close(self) -> None:
        """Close every thread's connection (the store is closing: none is in use)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for _, connection in opened:
            connection.close()
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # Autocommit: transactions are the BEGIN statements of `writing()`, as on
            # SQLAlchemy's connections (engine.py). Used by one thread only, but closed by
            # the one that closes the store.
            connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            try:
                for pragma in PRAGMAS:
                    connection.execute(pragma).close()
            except BaseException:
                connection.close()
                raise
            with self._lock:
                # The connections of threads that have ended (a round's store thread, a
                # daemon's earlier one) are closed here: nothing else would use them.
                ended = [pair for pair in self._opened if not pair[0].is_alive()]
                self._opened = [pair for pair in self._opened if pair[0].is_alive()]
                self._opened.append((threading.current_thread(), connection))
            for _, old in ended:
                old.close()
            self._local.connection = connection
        return connection
