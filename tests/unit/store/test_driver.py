"""The plain-SQL helpers of the store (store/driver.py): a list of integers is one parameter
(the statement's text stays the same, so the driver prepares it once), only integers are
accepted, and an executemany with nothing to write sends nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Column, Engine, Integer, MetaData, Table, create_engine

from aggregator.store.driver import in_list, insert_rows, run, run_many
from aggregator.store.schema import UTCDateTime


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'd.sqlite'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (a INTEGER, b TEXT)")
    return engine


def test_in_list_selects_by_any_number_of_integers_with_one_statement(engine: Engine) -> None:
    big = 2**62 + 1  # band keys are 64-bit: JSON must not round them
    with engine.begin() as connection:
        run_many(connection, "INSERT INTO t VALUES (?, ?)", [(n, str(n)) for n in range(40_000)])
        run_many(connection, "INSERT INTO t VALUES (?, ?)", [(big, "big")])
        wanted = [*range(0, 40_000, 3), big]  # more values than SQLite can bind one by one
        chosen, values = in_list(connection, "a", wanted)
        found = {a for (a,) in run(connection, f"SELECT a FROM t WHERE {chosen}", values)}
        assert found == set(wanted)
        assert in_list(connection, "a", [1, 2])[0] == chosen  # the same text for other values
        with pytest.raises(ValueError):
            in_list(connection, "a", ["1) OR (1=1"])  # type: ignore[list-item]
    engine.dispose()


def test_run_many_sends_nothing_for_no_rows(engine: Engine) -> None:
    with engine.begin() as connection:
        run_many(connection, "INSERT INTO missing VALUES (?)", [])  # not sent: no error
        assert run(connection, "SELECT count(*) FROM t").scalar() == 0
    engine.dispose()


def test_insert_rows_stores_values_as_sqlalchemy_does_and_returns_new_ids(
    engine: Engine,
) -> None:
    """Dates compared as text in SQLite must be stored in one format, whichever path wrote
    them (the driver's own datetime adapter drops SQLAlchemy's microseconds)."""
    table = Table(
        "dated",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("at", UTCDateTime),
        Column("flag", Boolean),
    )
    table.create(engine)
    moment = datetime(2024, 6, 1, 6, 2, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(table.insert(), {"at": moment, "flag": True})
        ids = insert_rows(
            connection, table, [{"at": moment, "flag": True}, {"at": moment, "flag": False}]
        )
        assert ids == [2, 3]
        stored = run(connection, "SELECT id, at, flag FROM dated ORDER BY id").all()
    assert [tuple(row) for row in stored] == [
        (1, "2024-06-01 06:02:00.000000", 1),
        (2, "2024-06-01 06:02:00.000000", 1),
        (3, "2024-06-01 06:02:00.000000", 0),
    ]
    engine.dispose()
