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
    on its own unless inside `writing()`. The database's errors become StoreError."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        # Opened read-write, never created: a store file deleted while open must not come
        # back empty when a new thread connects (a health probe, a lease heartbeat).
        self._uri = f"{path.resolve().as_uri()}?mode=rw"
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[tuple[threading.Thread, sqlite3.Connection]] = []

    @classmethod
    def open_current(cls, url: str, version: int) -> DirectSqlite | None:
        """The store at `url` if it is an existing SQLite file whose schema is at `version`;
        None for anything else (a new store is created, an older one migrated, and a file
        that is no store reported, through SQLAlchemy). Its write lock is taken and let go,
        as SQLAlchemy's opening did: a store another writer holds past the busy timeout is
        refused now (StoreError), not after a round's fetching."""
        path = plain_file(url)
        if path is None or not path.is_file():
            return None
        direct = cls(path)
        try:
            with direct.writing() as transaction:
                found = transaction.rows("SELECT value FROM meta WHERE key = 'schema_version'")
        except StoreError as exc:
            direct.close()
            cause = exc.__cause__
            if isinstance(cause, sqlite3.Error) and _busy(cause):
                raise StoreError(f"cannot open the store {url}: {cause}") from cause
            return None
        if not found or found[0][0] != str(version):
            direct.close()
            return None
        return direct

    def rows(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        return _rows(self._connection(), sql, parameters)

    def run(self, sql: str, *parameters: Any) -> int:
        return _run(self._connection(), sql, parameters)

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        _run_many(self._connection(), sql, rows)

    @contextmanager
    def writing(self) -> Iterator[Transaction]:
        """One write transaction on this thread's connection, committed at the end, rolled
        back if anything raises. Its statements go through what it yields, whichever thread
        runs them and whatever happens meanwhile to the store's other connections."""
        connection = self._connection()
        if connection.in_transaction:
            # A second BEGIN would fail, and undoing it would undo the first transaction.
            raise RuntimeError("a write transaction is already open on this thread")
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(connection)
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
        """Close this thread's connection and those of threads that have ended. Another
        live thread may be inside a statement (a lease heartbeat as a daemon stops): its
        connection is let go, not closed under it, and closes when that thread drops it."""
        with self._lock:
            opened, self._opened = self._opened, []
            self._local = threading.local()
        me = threading.current_thread()
        for thread, connection in opened:
            if thread is me or not thread.is_alive():
                connection.close()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # Autocommit: transactions are the BEGIN statements of `writing()`, as on
            # SQLAlchemy's connections (engine.py). Used by one thread only, but closed by
            # another once its thread has ended.
            try:
                connection = sqlite3.connect(
                    self._uri, uri=True, isolation_level=None, check_same_thread=False
                )
            except sqlite3.Error as exc:
                raise StoreError(f"cannot reach the store {self.path}: {exc}") from exc
            try:
                for pragma in PRAGMAS:
                    connection.execute(pragma).close()
            except BaseException as exc:
                connection.close()
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot reach the store {self.path}: {exc}") from exc
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


class Transaction:
    """Statements (statements.py) in one write transaction of DirectSqlite.writing()."""

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def rows(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        return _rows(self._connection, sql, parameters)

    def run(self, sql: str, *parameters: Any) -> int:
        return _run(self._connection, sql, parameters)

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        _run_many(self._connection, sql, rows)


def _rows(
    connection: sqlite3.Connection, sql: str, parameters: Sequence[Any]
) -> list[tuple[Any, ...]]:
    try:
        cursor = connection.execute(sql, stored_row(parameters, "sqlite"))
        try:
            return cursor.fetchall()
        finally:
            cursor.close()
    except sqlite3.Error as exc:
        raise StoreError(f"store statement failed: {exc}") from exc


def _run(connection: sqlite3.Connection, sql: str, parameters: Sequence[Any]) -> int:
    try:
        cursor = connection.execute(sql, stored_row(parameters, "sqlite"))
        cursor.close()
    except sqlite3.Error as exc:
        raise StoreError(f"store statement failed: {exc}") from exc
    return cursor.rowcount


def _run_many(connection: sqlite3.Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    if not rows:
        return
    values = [tuple(stored(value, "sqlite") for value in row) for row in rows]
    try:
        connection.executemany(sql, values).close()
    except sqlite3.Error as exc:
        raise StoreError(f"store statement failed: {exc}") from exc


def _busy(error: sqlite3.Error) -> bool:
    """Whether the database refused for another connection's lock (after the busy
    timeout), rather than for what the file holds."""
    return getattr(error, "sqlite_errorname", "") in {"SQLITE_BUSY", "SQLITE_LOCKED"}
