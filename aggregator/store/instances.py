"""Several daemons and one store: who may run, who publishes, and whether others changed it.

- SQLite: one daemon per store file. The file's neighbour `<store>.daemon.lock` is locked
  (flock) for the daemon's life; a second daemon is refused with the first one's pid.
- PostgreSQL: any number of daemons. Due sources are leased (Store.claim_due); publishing
  takes an advisory lock per output folder, so two daemons sharing a folder never write it at
  once; each daemon republishes when another one's round changed the store.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy import Engine, func, select

from aggregator.errors import StoreError
from aggregator.store.schema import sources


@contextmanager
def single_daemon(engine: Engine) -> Iterator[None]:
    """Refuse a second daemon on one SQLite file (no-op on a database server)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    path = Path(f"{database}.daemon.lock")
    handle: IO[str] = path.open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(
                f"another `aggregator run` (pid {holder}) is using the store {database}; "
                "one daemon per SQLite store (several daemons need PostgreSQL: docs/scaling.md)"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


@contextmanager
def publishing_lock(engine: Engine, output_dir: Path) -> Iterator[None]:
    """Held while publishing into `output_dir`: on PostgreSQL, an advisory lock named after
    the folder, waited for; on SQLite there is one daemon, so nothing to wait for."""
    if engine.dialect.name != "postgresql":
        yield
        return
    key = int.from_bytes(hashlib.sha256(str(output_dir.resolve()).encode()).digest()[:8], "big")
    key -= 1 << 63  # a signed bigint
    with engine.connect() as connection:
        connection.exec_driver_sql("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            connection.exec_driver_sql("SELECT pg_advisory_unlock(%s)", (key,))
            connection.commit()


def last_change(engine: Engine) -> datetime | None:
    """When any daemon last stored a new or edited item (sources.content_changed_at)."""
    with engine.connect() as connection:
        return connection.execute(select(func.max(sources.c.content_changed_at))).scalar()
