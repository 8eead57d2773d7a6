"""Opening a database: engine settings per dialect, write transactions, migrations."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Table,
    create_engine,
    event,
    inspect,
    select,
    update,
)
from sqlalchemy.exc import OperationalError

from aggregator.errors import SearchTimeout, StoreError
from aggregator.store import schema, search
from aggregator.store.direct import PRAGMAS
from aggregator.store.migrations import MIGRATIONS
from aggregator.store.schema import meta

MIGRATE_LOCK = 0x61676773  # an advisory lock key of our own
IN_LIST = 500  # the most values bound in one IN (...) list
T = TypeVar("T")


def in_chunks(values: Iterable[T]) -> Iterator[list[T]]:
    """`values` in lists of at most IN_LIST, for IN (...) conditions."""
    values = list(values)
    for start in range(0, len(values), IN_LIST):
        yield values[start : start + IN_LIST]


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            _store_folder(Path(database).expanduser().parent)
        _make_sqlite_transactional(engine)
    return engine


def _store_folder(folder: Path) -> None:
    """A first run with `store: data/agg.sqlite` must not fail for a missing folder, but a
    mistyped path must not create a tree of folders either: the folder is made when its own
    parent exists, and anything else is a one-line error."""
    if folder.is_dir():
        return
    if folder.exists():
        raise StoreError(f"the store's folder {folder} is a file, not a folder (see `store:`)")
    if not folder.parent.is_dir():
        raise StoreError(
            f"the store's folder {folder} does not exist, nor its parent: create it, or "
            "change `store:`"
        )
    try:
        folder.mkdir()
    except OSError as exc:
        raise StoreError(f"cannot create the store's folder {folder}: {exc.strerror}") from exc


def _make_sqlite_transactional(engine: Engine) -> None:
    """WAL (readers never block the writer), foreign keys, and real BEGIN statements: the
    stdlib driver otherwise starts transactions late, after the first read of a transaction."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in PRAGMAS:  # as direct.py's connections
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A writer takes the write lock up front, so that two processes never deadlock
        # upgrading a read lock; readers stay deferred and never block anyone (WAL).
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def insert_ignoring_duplicates(connection: Connection, table: Table) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING in the connection's dialect: for rows that two
    writers may both add (index rows, archive boundaries worked out by two publishers)."""
    # Imported here: the PostgreSQL dialect's import is start-up time for nothing on SQLite
    # (docs/performance.md, "Figures (2026-11-28, third session)", start-up).
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        connection.execution_options(write=True)
        with connection.begin():
            yield connection


@contextmanager
def time_limited(connection: Connection, seconds: float) -> Iterator[None]:
    """Statements run inside stop once `seconds` have passed, with SearchTimeout: SQLite
    through a progress handler that interrupts the statement, PostgreSQL through its own
    `statement_timeout` for this transaction."""
    if connection.dialect.name == "sqlite":
        raw = connection.connection.driver_connection
        assert raw is not None
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
        try:
            yield
        except OperationalError as exc:
            if "interrupted" in str(exc.orig):
                raise SearchTimeout(f"stopped after {seconds:g} s") from exc
            raise
        finally:
            raw.set_progress_handler(None, 0)
        return
    connection.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, round(seconds * 1000))}")
    try:
        yield
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == "57014":  # query_canceled
            raise SearchTimeout(f"stopped after {seconds:g} s") from exc
        raise


def created_at(connection: Connection) -> datetime | None:
    """When the store was created (schema 14 on; older stores: their first item)."""
    raw = connection.execute(select(meta.c.value).where(meta.c.key == "created_at")).scalar()
    return datetime.fromisoformat(raw).replace(microsecond=0) if raw else None


def migrate(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Daemons starting together on a new or older store: one creates or migrates it, the
        # others wait and find it done.
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
    if not inspect(connection).has_table("meta"):
        schema.metadata.create_all(connection)
        search.create(connection)
        connection.execute(
            meta.insert().values(key="schema_version", value=str(schema.SCHEMA_VERSION))
        )
        connection.execute(
            meta.insert().values(
                key="created_at", value=datetime.now(UTC).replace(microsecond=0).isoformat()
            )
        )
        return
    raw = connection.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    if raw is None or not raw.isdigit():
        raise StoreError(
            f"the store's meta table gives no schema version ({raw!r}): not a store this "
            "aggregator wrote, or a damaged one"
        )
    version = int(raw)
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {version}, newer than this aggregator knows "
            f"({schema.SCHEMA_VERSION}): upgrade aggregator"
        )
    for target in range(version + 1, schema.SCHEMA_VERSION + 1):
        MIGRATIONS[target](connection)
        connection.execute(
            update(meta).where(meta.c.key == "schema_version").values(value=str(target))
        )
