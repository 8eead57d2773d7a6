"""Shared fixtures: a real feed server on 127.0.0.1, configs in tmp_path, an injectable clock."""

from __future__ import annotations

import asyncio
import os
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from aggregator.config.loading import STORE_VARIABLE, Config, load_config
from aggregator.demo.server import Document, FeedServer
from aggregator.models import RoundSummary
from aggregator.store import Store
from aggregator.update.runtime import open_updater

from .postgres import PostgresServer, postgres_server

DATA = Path(__file__).parent / "data"
ON_POSTGRES = os.environ.get("AGGREGATOR_TEST_DATABASE") == "postgresql"


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


class Clock:
    """A clock the test moves by hand: no sleeping to wait for time."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


def demo_feed(name: str) -> bytes:
    return (resources.files("aggregator.demo") / "feeds" / name).read_bytes()


def serve_demo_feeds(server: FeedServer) -> None:
    """The four bundled sample feeds; eppo.rss has a second, edited version."""
    server.put(
        "eppo.rss",
        Document(demo_feed("eppo.rss")),
        Document(demo_feed("eppo.v2.rss"), modified=1_780_000_600.0),
    )
    server.put("sfo.atom", Document(demo_feed("sfo.atom"), content_type="application/atom+xml"))
    server.put("europol.rss", Document(demo_feed("europol.rss")))
    server.put("mpf.rss", Document(demo_feed("mpf.rss"), content_type="text/xml"))


def demo_config_text(server: FeedServer, extra_sources: str = "") -> str:
    template = (resources.files("aggregator.demo") / "feeds" / "feeds.yaml.template").read_text(
        encoding="utf-8"
    )
    text = template.replace("{base}", server.base_url).replace(
        "{public}", "http://feeds.example.org/"
    )
    if extra_sources:
        text = text.replace(
            "rules:\n", textwrap.indent(textwrap.dedent(extra_sources), "  ") + "rules:\n", 1
        )
    return text


def write_config(folder: Path, text: str) -> Config:
    path = folder / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def run_round(config: Config, store: Store, clock: Clock, **options: Any) -> RoundSummary:
    async def go() -> RoundSummary:
        async with open_updater(config, store, clock=clock, jitter=lambda: 0.0) as updater:
            await updater.sync_sources()
            return await updater.run_round(**options)

    return asyncio.run(go())
