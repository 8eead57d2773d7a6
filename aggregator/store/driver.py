"""Plain SQL through the DB-API driver, for the statements run for every new item: built
with SQLAlchemy's expression language, their compiling and per-row parameter processing cost
more than SQLite's work (a cold round's profile). Both dialects take the same text: `?`
marks a parameter, and integers are written into the statement."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection


def run_many(connection: Connection, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """One executemany straight through the DB-API driver, `?` marking the parameters: for
    the writes of every new item (its band keys, tags, search text), where SQLAlchemy's
    per-row parameter processing was a fifth of the store thread's time in a cold round."""
    if rows:
        connection.exec_driver_sql(driver_sql(connection, sql), list(rows))


def driver_sql(connection: Connection, sql: str) -> str:
    """`sql` with `?` placeholders in the driver's parameter style (psycopg's is %s)."""
    return sql if connection.dialect.paramstyle == "qmark" else sql.replace("?", "%s")


def int_list(values: Iterable[int]) -> str:
    """Integers written into a statement, for IN (...): nothing to bind, and no limit on
    the number of bound parameters (SQLite's is 32,766)."""
    return ",".join(str(int(value)) for value in values)
