"""Plain SQL that runs on either database and through either way of reaching it: SQLAlchemy's
connection (driver.py), or the stdlib driver alone on a SQLite file (direct.py), which a round
of 304s uses so that it never imports SQLAlchemy (a fifth of such a round's time per process:
docs/performance.md, "Figures (2026-12-06, night)").

The text marks parameters with `?`; datetimes go in and come out as the store keeps them:
aware UTC in Python, naive UTC in the database, written on SQLite as SQLAlchemy's `DATETIME`
writes them ("2026-12-06 18:02:00.000000"), so that text comparisons of dates hold whichever
way a row was written (tests/unit/store/test_direct_sqlite.py checks both against SQLAlchemy)."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol


class Statements(Protocol):
    """One connection's statements, in the transaction its owner opened."""

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        ...

    def rows(self, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
        """The rows a query returns."""
        ...

    def run(self, sql: str, *parameters: Any) -> int:
        """Run one statement; the number of rows it changed."""
        ...

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters (executemany)."""
        ...


def stored(value: Any, dialect: str) -> Any:
    """A parameter as the store keeps it: a datetime as naive UTC (text on SQLite)."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store")
    naive = value.astimezone(UTC).replace(tzinfo=None)
    if dialect == "sqlite":
        return naive.strftime("%Y-%m-%d %H:%M:%S.%f")
    return naive


def stored_row(values: Sequence[Any], dialect: str) -> tuple[Any, ...]:
    return tuple(stored(value, dialect) for value in values)


def read_time(value: datetime | str | None) -> datetime | None:
    """A stored datetime (naive UTC, or SQLite's text of it) as an aware UTC one."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC)


def quoted(names: Sequence[str]) -> str:
    """Column names for SQL text, each quoted: the same text on both databases, keywords
    ("new") included."""
    return ", ".join(f'"{name}"' for name in names)


def any_of(column: str, values: Collection[str], dialect: str) -> tuple[str, Any]:
    """`column` is one of these texts, as SQL with one parameter and that parameter: the
    same text whatever the values, so the driver prepares it once, and no limit on their
    number (a JSON array read by `json_each` on SQLite, an array on PostgreSQL)."""
    listed = sorted(values)
    if dialect == "postgresql":
        return f"{column} = ANY(CAST(? AS TEXT[]))", listed
    return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(listed)
