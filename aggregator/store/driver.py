"""Plain SQL through the DB-API driver, for the statements run for every new item: built
with SQLAlchemy's expression language, their compiling and per-row parameter processing cost
more than SQLite's work (a cold round's profile). Both dialects take the same text: `?`
marks a parameter, and a list of integers is one parameter (`in_list`), so that each
statement's text is the same whatever the values: the driver prepares it once and keeps it
(the stdlib driver caches 128 prepared statements per connection; with the integers written
into the text, every statement was new and the cache filled with them: docs/performance.md,
"Figures (2026-11-29, fifth session)")."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table

from aggregator.store.statements import stored, stored_row


class ConnectionStatements:
    """Statements (statements.py) on a SQLAlchemy connection, in its transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name

    def rows(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        result = run(self.connection, sql, *stored_row(parameters, self.dialect))
        return [tuple(row) for row in result]

    def run(self, sql: str, *parameters: Any) -> int:
        return int(run(self.connection, sql, *stored_row(parameters, self.dialect)).rowcount)

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        run_many(
            self.connection,
            sql,
            [tuple(stored(value, self.dialect) for value in row) for row in rows],
        )


def run_many(connection: Connection, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """One executemany straight through the DB-API driver, `?` marking the parameters: for
    the writes of every new item (its band keys, tags, search text), where SQLAlchemy's
    per-row parameter processing was a large part of the store thread's time in a cold round
    (docs/performance.md, "Figures (2026-11-29, fifth session)")."""
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


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows (dicts of the same columns) with new ids, returned in the rows' order: one
    executemany, each value converted by its column's own type (UTC datetimes stored as
    SQLAlchemy stores them), none of SQLAlchemy's other per-row work. Must run in a write
    transaction (on SQLite the ids follow the largest, which no other writer can take)."""
    if not rows:
        return []
    ids = _new_ids(connection, table.name, len(rows))
    columns = list(rows[0])
    convert = converters(connection, table, columns)
    values = [
        (new_id, *(f(row[c]) if f else row[c] for c, f in zip(columns, convert, strict=True)))
        for new_id, row in zip(ids, rows, strict=True)
    ]
    marks = ", ".join("?" * (len(columns) + 1))
    run_many(
        connection,
        f"INSERT INTO {table.name} (id, {quoted(connection, columns)}) VALUES ({marks})",
        values,
    )
    return ids


def converters(
    connection: Connection, table: Table, columns: Sequence[str]
) -> list[Callable[[Any], Any] | None]:
    """Each column's conversion of a value to what the driver stores, as SQLAlchemy does it:
    a naive datetime given to the stdlib driver would be stored without SQLAlchemy's
    microseconds ("06:02:00", not "06:02:00.000000"), and text comparisons of dates would go
    wrong."""
    dialect = connection.dialect
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]


def converted(
    convert: Sequence[Callable[[Any], Any] | None], values: Sequence[Any]
) -> tuple[Any, ...]:
    return tuple(f(value) if f else value for f, value in zip(convert, values, strict=True))


def quoted(connection: Connection, columns: Sequence[str]) -> str:
    """Column names for SQL text, quoted where the dialect needs it ("new" is a keyword)."""
    quote = connection.dialect.identifier_preparer.quote
    return ", ".join(quote(name) for name in columns)


def _new_ids(connection: Connection, table: str, count: int) -> list[int]:
    if connection.dialect.name == "postgresql":
        rows = run(
            connection,
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, ?)",
            count,
        )
        return sorted(row[0] for row in rows)
    last = run(connection, f"SELECT coalesce(max(id), 0) FROM {table}").scalar()
    return list(range(last + 1, last + 1 + count))
