"""Plain SQL through the DB-API driver, for the statements run for every new item: built
with SQLAlchemy's expression language, their compiling and per-row parameter processing cost
more than SQLite's work (a cold round's profile). Both dialects take the same text: `?`
marks a parameter, and a list of integers is one parameter (`in_list`), so that each
statement's text is the same whatever the values: the driver prepares it once and keeps it
(the stdlib driver caches 128 prepared statements per connection; with the integers written
into the text, every statement was new and the cache held 20 MB of them)."""

from __future__ import annotations

import json
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


def in_list(connection: Connection, column: str, values: Iterable[int]) -> tuple[str, Any]:
    """`column IN (values)` for integers, as SQL text with one `?` and that parameter: a
    JSON array read by `json_each` on SQLite, an array on PostgreSQL. No limit on the number
    of values (SQLite binds at most 32,766 parameters)."""
    numbers = [int(value) for value in values]
    if connection.dialect.name == "postgresql":
        return f"{column} = ANY(CAST(? AS BIGINT[]))", numbers
    return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(numbers)


def run(connection: Connection, sql: str, *parameters: Any) -> Any:
    """One statement with `?` parameters, through the driver; its result."""
    return connection.exec_driver_sql(driver_sql(connection, sql), parameters)
