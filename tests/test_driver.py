"""The plain-SQL helpers of the store (store/driver.py): integers written into statements must
be integers, and an executemany with nothing to write sends nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from aggregator.store.driver import int_list, run_many


def test_int_list_writes_integers_and_refuses_anything_else() -> None:
    assert int_list([3, -7, 2**62]) == f"3,-7,{2**62}"
    assert int_list([]) == ""
    with pytest.raises(ValueError):
        int_list(["1) OR (1=1"])  # type: ignore[list-item]


def test_run_many_writes_rows_and_sends_nothing_for_none(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'd.sqlite'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (a INTEGER, b TEXT)")
        run_many(connection, "INSERT INTO t VALUES (?, ?)", [(1, "x"), (2, "y")])
        run_many(connection, "INSERT INTO missing VALUES (?)", [])  # nothing sent: no error
        rows = connection.exec_driver_sql("SELECT a, b FROM t ORDER BY a").all()
    assert [tuple(row) for row in rows] == [(1, "x"), (2, "y")]
    engine.dispose()
