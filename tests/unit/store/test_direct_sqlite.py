"""A round's own statements on a SQLite file without SQLAlchemy (store/direct.py, rounds.py,
statements.py): values stored and read exactly as SQLAlchemy stores and reads them, URLs read
as SQLAlchemy reads them, the same rows written whichever way the store is reached, and a
failed write undone whole."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from aggregator.config.loading import SourceSettings
from aggregator.errors import StoreError
from aggregator.models import FeedIntent
from aggregator.store import Store
from aggregator.store import direct as direct_module
from aggregator.store.direct import DirectSqlite, plain_file
from aggregator.store.schema import SCHEMA_VERSION, UTCDateTime, sources
from aggregator.store.statements import read_time, stored

pytestmark = pytest.mark.sqlite_only  # its own SQLite files, on either pass

NOW = datetime(2026, 12, 6, 18, 0, 0, 123456, tzinfo=UTC)

aware_datetimes = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 30), timezones=st.timezones()
)


@given(aware_datetimes)
def test_a_datetime_is_stored_and_read_as_sqlalchemy_stores_and_reads_it(moment: datetime) -> None:
    column = UTCDateTime()
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        impl = column.impl_instance.dialect_impl(dialect)
        bind = impl.bind_processor(dialect)
        naive = column.process_bind_param(moment, dialect)
        expected = bind(naive) if bind else naive
        assert stored(moment, dialect.name) == expected
    text = stored(moment, "sqlite")
    parse = (
        UTCDateTime()
        .impl_instance.dialect_impl(sqlite.dialect())
        .result_processor(sqlite.dialect(), None)
    )
    assert read_time(text) == column.process_result_value(parse(text), sqlite.dialect())
    assert read_time(text) == moment.astimezone(UTC)


def test_a_naive_datetime_is_refused_and_other_values_pass_unchanged() -> None:
    with pytest.raises(ValueError, match="naive"):
        stored(datetime(2026, 1, 1), "sqlite")
    assert [stored(v, "sqlite") for v in (1, 2.5, "x", None, True)] == [1, 2.5, "x", None, True]
    assert read_time(None) is None


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_a_plain_file_url_is_read_as_sqlalchemy_reads_it(path: str) -> None:
    url = f"sqlite:///{path}"
    found = plain_file(url)
    if found is not None:
        parsed = make_url(url)
        assert parsed.get_backend_name() == "sqlite" and parsed.query == {}
        assert parsed.database is not None and Path(parsed.database) == found


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file:x?mode=memory&uri=true",
        "sqlite:///s.sqlite?mode=ro",
        "sqlite:///caf%C3%A9.sqlite",
        "sqlite+pysqlite:///s.sqlite",
        "postgresql+psycopg://u@h/db",
    ],
)
def test_other_urls_go_through_sqlalchemy(url: str) -> None:
    assert plain_file(url) is None


def _intent(source_id: str, outcome: str, **extra: object) -> FeedIntent:
    return FeedIntent(
        source_id=source_id,
        checked_at=NOW,
        outcome=outcome,  # type: ignore[arg-type]
        next_check_at=NOW + timedelta(hours=1, microseconds=7),
        consecutive_errors=1 if outcome == "error" else 0,
        **extra,  # type: ignore[arg-type]
    )


def _round_of_writes(store: Store) -> list[object]:
    """What rounds do to a store: sync, read states, lease, renew, write outcomes (a 304, an
    error, a move watched), read the publish state. Returns what the reads gave."""
    configured = [
        SourceSettings(id="a", url="http://127.0.0.1:9/a.xml", title="A"),
        SourceSettings(id="b", url="http://127.0.0.1:9/b.xml", country="FR", language="fr"),
        SourceSettings(id="c", url="http://127.0.0.1:9/c.xml", enabled=False),
    ]
    store.sync_sources(configured, NOW)
    store.sync_sources(configured, NOW + timedelta(minutes=1))  # nothing to change
    seen: list[object] = [store.source_states(), store.source_states(["b"], due_at=NOW)]
    seen.append(store.claim_due("daemon-1", NOW, timedelta(minutes=5), 1))
    seen.append(store.claim_due("daemon-2", NOW, timedelta(minutes=5), 5))
    seen.append(store.renew_leases("daemon-1", NOW + timedelta(minutes=2), timedelta(minutes=5)))
    store.write_outcomes(
        [
            _intent("a", "not-modified", http_status=304, etag='"e1"', duration_s=0.25, size=0),
            _intent(
                "b",
                "error",
                http_status=503,
                error="HTTP 503",
                error_kind="transient",
                moved_to="http://127.0.0.1:9/new.xml",
                moved_since=NOW - timedelta(days=1),
                moved_rounds=2,
                notice="watch",
            ),
        ]
    )
    with store.outcomes_transaction() as tx:
        seen.append(tx.recent_item_counts(["a", "b"], NOW - timedelta(days=7)))
    seen.append(store.source_states())
    # A changed config goes through SQLAlchemy; its rows are read back the same way.
    store.sync_sources([*configured[:1], configured[1].model_copy(update={"title": "B"})], NOW)
    seen.append(store.source_states())
    seen.append(store.publish_state("/out"))
    store.record_publish("/out", NOW, error=None, skipped=2, skipped_detail="two")
    seen.append(store.publish_state("/out"))
    return seen


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("sources", "checks", "publications")
        }
    finally:
        connection.close()


def test_a_current_file_and_sqlalchemy_write_and_read_the_same(tmp_path: Path) -> None:
    """The same calls on two stores, one reached through the stdlib driver (an existing file
    at the current version), one through SQLAlchemy (the driver named in its URL): the same
    answers and the same rows, byte for byte."""
    direct_file, engine_file = tmp_path / "direct.sqlite", tmp_path / "engine.sqlite"
    Store(f"sqlite:///{direct_file}").close()  # created (through SQLAlchemy)
    direct = Store(f"sqlite:///{direct_file}")
    through_engine = Store(f"sqlite+pysqlite:///{engine_file}")
    try:
        assert _round_of_writes(direct) == _round_of_writes(through_engine)
    finally:
        direct.close()
        through_engine.close()
    assert _dump(direct_file) == _dump(engine_file)
    written = _dump(direct_file)
    assert len(written["checks"]) == 2 and written["publications"]
    # Dates as SQLAlchemy writes them on SQLite, so that text comparisons of dates hold.
    row = dict(zip(sources.c.keys(), written["sources"][0], strict=True))
    assert row["last_checked_at"] == "2026-12-06 18:00:00.123456"


def test_leases_taken_through_the_file_are_seen_through_sqlalchemy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store(url).close()
    direct, other = Store(url), Store(url.replace("sqlite:", "sqlite+pysqlite:"))
    try:
        direct.sync_sources([SourceSettings(id="a", url="http://127.0.0.1:9/a.xml")], NOW)
        assert [s.id for s in direct.claim_due("one", NOW, timedelta(minutes=5), 5)] == ["a"]
        assert other.claim_due("two", NOW, timedelta(minutes=5), 5) == []
        later = NOW + timedelta(minutes=6)  # the lease ran out: another daemon takes it
        assert [s.id for s in other.claim_due("two", later, timedelta(minutes=5), 5)] == ["a"]
        assert direct.renew_leases("one", later, timedelta(minutes=5)) == 0
    finally:
        direct.close()
        other.close()


def test_a_failed_write_is_undone_whole_and_reported_as_a_store_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store(url).close()
    direct = DirectSqlite.open_current(url, SCHEMA_VERSION)
    assert direct is not None
    try:
        failing = pytest.raises(StoreError, match=r"store statement failed: no such table")
        with failing, direct.writing() as transaction:
            transaction.run("INSERT INTO meta (key, value) VALUES ('k', 'v')")
            transaction.run("INSERT INTO missing VALUES (1)")
        assert direct.rows("SELECT count(*) FROM meta WHERE key = 'k'") == [(0,)]
        # Not the database's error: raised as it is, and the write undone.
        with pytest.raises(KeyError), direct.writing() as transaction:
            transaction.run("INSERT INTO meta (key, value) VALUES ('k', 'v')")
            raise KeyError("k")
        assert direct.rows("SELECT count(*) FROM meta WHERE key = 'k'") == [(0,)]
    finally:
        direct.close()


def test_a_store_that_is_not_current_is_opened_through_sqlalchemy(tmp_path: Path) -> None:
    """Only an existing file at the current version is opened directly: a new file is
    created (and an older one migrated: test_schema_and_migrations.py) through SQLAlchemy,
    and a file that is no store is refused with its error."""
    assert DirectSqlite.open_current(f"sqlite:///{tmp_path / 'no.sqlite'}", SCHEMA_VERSION) is None
    assert not (tmp_path / "no.sqlite").exists()
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all, " * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(f"sqlite:///{tmp_path / 'junk.sqlite'}")
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    Store(url).close()
    connection = sqlite3.connect(tmp_path / "old.sqlite")
    connection.execute("DELETE FROM meta WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="gives no schema version"):
        Store(url)


def test_each_thread_has_its_own_connection_closed_after_the_thread_ends(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store(url).close()
    direct = DirectSqlite.open_current(url, SCHEMA_VERSION)
    assert direct is not None
    seen: list[sqlite3.Connection] = []

    def read() -> None:
        assert direct.rows("SELECT count(*) FROM sources") == [(0,)]
        seen.append(direct._connection())

    try:
        for _ in range(2):
            worker = threading.Thread(target=read)
            worker.start()
            worker.join()
        read()  # this thread's own: the first two threads have ended
        first, second, mine = seen
        assert len({id(first), id(second), id(mine)}) == 3
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            first.execute("SELECT 1")  # closed when the next thread opened its own
        assert mine.execute("SELECT 1").fetchall() == [(1,)]
    finally:
        direct.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        mine.execute("SELECT 1")


def _current(tmp_path: Path) -> tuple[str, DirectSqlite]:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    Store(url).close()
    direct = DirectSqlite.open_current(url, SCHEMA_VERSION)
    assert direct is not None
    return url, direct


def test_a_store_another_writer_holds_is_refused_when_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As SQLAlchemy's opening did: refused at once (after the busy timeout, here none),
    not after a round has fetched every source."""
    url, direct = _current(tmp_path)
    direct.close()
    holder = sqlite3.connect(tmp_path / "s.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    no_wait = tuple(p for p in direct_module.PRAGMAS if "busy_timeout" not in p)
    monkeypatch.setattr(direct_module, "PRAGMAS", (*no_wait, "PRAGMA busy_timeout=0"))
    try:
        with pytest.raises(StoreError, match=r"cannot open the store .*: database is locked"):
            DirectSqlite.open_current(url, SCHEMA_VERSION)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    reopened = DirectSqlite.open_current(url, SCHEMA_VERSION)
    assert reopened is not None
    reopened.close()


def test_a_store_file_deleted_while_open_is_not_created_again(tmp_path: Path) -> None:
    _, direct = _current(tmp_path)
    store_file = tmp_path / "s.sqlite"
    try:
        assert direct.rows("SELECT count(*) FROM sources") == [(0,)]
        for name in ("s.sqlite", "s.sqlite-wal", "s.sqlite-shm"):
            (tmp_path / name).unlink(missing_ok=True)
        failures: list[BaseException] = []

        def read() -> None:
            try:
                direct.rows("SELECT count(*) FROM sources")
            except BaseException as exc:
                failures.append(exc)

        worker = threading.Thread(target=read)  # a new thread: a new connection
        worker.start()
        worker.join()
        assert [type(exc) for exc in failures] == [StoreError]
        assert "unable to open database file" in str(failures[0])
        assert not store_file.exists()
    finally:
        direct.close()


def test_closing_leaves_another_threads_transaction_to_finish(tmp_path: Path) -> None:
    """A daemon closing its store while a lease heartbeat writes: the write finishes."""
    _, direct = _current(tmp_path)
    inside, closed = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with direct.writing() as transaction:
                transaction.run("INSERT INTO meta (key, value) VALUES ('k', 'v')")
                inside.set()
                closed.wait(timeout=30)
                transaction.run("INSERT INTO meta (key, value) VALUES ('k2', 'v')")
        except BaseException as exc:
            failures.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    assert inside.wait(timeout=30)
    direct.close()
    closed.set()
    worker.join()
    assert failures == []
    check = sqlite3.connect(tmp_path / "s.sqlite")
    assert check.execute("SELECT count(*) FROM meta WHERE key IN ('k', 'k2')").fetchone() == (2,)
    check.close()


def test_a_second_write_transaction_on_one_thread_is_refused_and_the_first_kept(
    tmp_path: Path,
) -> None:
    _, direct = _current(tmp_path)
    try:
        with direct.writing() as transaction:
            transaction.run("INSERT INTO meta (key, value) VALUES ('k', 'v')")
            with pytest.raises(RuntimeError, match="already open"), direct.writing():
                pass
            transaction.run("INSERT INTO meta (key, value) VALUES ('k2', 'v')")
        assert direct.rows("SELECT count(*) FROM meta WHERE key IN ('k', 'k2')") == [(2,)]
    finally:
        direct.close()


def test_a_store_in_a_folder_named_with_spaces_and_accents_is_opened_directly(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "données de l'été [2026]"
    folder.mkdir()
    url = f"sqlite:///{folder / 's.sqlite'}"
    Store(url).close()
    direct = DirectSqlite.open_current(url, SCHEMA_VERSION)
    assert direct is not None
    try:
        assert direct.rows("SELECT value FROM meta WHERE key = 'schema_version'") == [
            (str(SCHEMA_VERSION),)
        ]
    finally:
        direct.close()
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "s.sqlite"
    ]
