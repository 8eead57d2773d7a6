"""Shared fixtures, for every folder of the tests: the PostgreSQL pass (a fresh database per
test), an injectable clock, a real feed server on 127.0.0.1, two sources ready to publish.
The helpers they are built on are in tests/support."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregator.config.loading import STORE_VARIABLE, Config
from aggregator.store import Store
from tests.support.feed_server import FeedServer
from tests.support.postgres import ON_POSTGRES, PostgresServer, postgres_server
from tests.support.rounds import Clock
from tests.support.two_sources import two_source_config


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer | None]:
    if not ON_POSTGRES:
        yield None
        return
    with postgres_server() as server:
        yield server


@pytest.fixture(autouse=True)
def store_database(
    request: pytest.FixtureRequest, postgres: PostgresServer | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL runs, a fresh database for each test, wherever its config says."""
    if postgres is None:
        return
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("about SQLite itself; runs in the SQLite pass")
    monkeypatch.setenv(STORE_VARIABLE, postgres.new_database())


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture
def two_sources(
    tmp_path: Path, feed_server: FeedServer
) -> Iterator[tuple[Config, Store, FeedServer]]:
    """Alpha and beta (tests/support/two_sources.py) on the feed server, and an empty store."""
    config = two_source_config(tmp_path, feed_server)
    store = Store(config.store_url)
    yield config, store, feed_server
    store.close()
