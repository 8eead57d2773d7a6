"""Sources that finish together share a store transaction (aggregator/update.py), with their
items: fewer commits, and a source whose write fails is retried alone and fails alone.
The real store (SQLite file or PostgreSQL), the bundled sample feeds, parsed for real."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from aggregator.config.loading import Config, SourceSettings
from aggregator.errors import StoreError
from aggregator.models import FetchResult, SourceState
from aggregator.store import Store
from aggregator.store.schema import items
from aggregator.update.decide import Check
from aggregator.update.runtime import open_updater
from aggregator.update.worker import parse_document
from tests.support.demo_feeds import demo_config_text, demo_feed
from tests.support.feed_server import FeedServer
from tests.support.rounds import Clock, write_config

FILES = {"eppo": "eppo.rss", "sfo": "sfo.atom", "europol": "europol.rss", "mpf-pgr": "mpf.rss"}


def _job(config: Config, source: SourceSettings, state: SourceState, clock: Clock) -> Check:
    """What a check hands to the store: the source, the answer and its parsed document."""
    body = demo_feed(FILES[source.id.removeprefix("ghost-")])
    fetched = FetchResult(source.id, source.url, 200, body=body, size=len(body))
    feed = parse_document(body, source.url, None, clock(), 100, source.parse_options())
    return Check(source, state, fetched, clock(), "ok", source.id, feed)


def _write_together(
    config: Config, store: Store, clock: Clock, ghost: bool = False
) -> tuple[list[Any], int]:
    """All sample sources' outcomes handed to the store at once (as when they finish
    together); `ghost` adds one for a source the store does not have (removed from the
    config mid-round). Returns each write's result (or error) and the commits made."""
    commits: list[object] = []

    async def go() -> list[Any]:
        async with open_updater(config, store, clock=clock, jitter=lambda: 0.0) as updater:
            await updater.sync_sources()
            states = {state.id: state for state in store.source_states()}
            jobs = [_job(config, s, states[s.id], clock) for s in config.sources]
            if ghost:
                first = config.sources[0]
                source = first.model_copy(update={"id": "ghost-eppo"})
                jobs.insert(1, _job(config, source, replace(states[first.id], id=source.id), clock))
            event.listen(store.engine, "commit", lambda _connection: commits.append(1))
            return list(
                await asyncio.gather(
                    *(updater._write(job) for job in jobs),
                    return_exceptions=True,
                )
            )

    return asyncio.run(go()), len(commits)


def _stored_per_source(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        query = select(items.c.source_id, func.count()).group_by(items.c.source_id)
        return {source: count for source, count in connection.execute(query)}


@pytest.fixture
def sample(tmp_path: Path, feed_server: FeedServer) -> Iterator[tuple[Config, Store]]:
    """The bundled sample sources' config and an empty store."""
    config = write_config(tmp_path, demo_config_text(feed_server))
    store = Store(config.store_url)
    yield config, store
    store.close()


def test_sources_finishing_together_share_one_commit(
    sample: tuple[Config, Store], clock: Clock
) -> None:
    config, store = sample
    results, commits = _write_together(config, store, clock)
    assert commits == 1  # one per source before
    assert [r.source_id for r in results] == [s.id for s in config.sources]
    assert all(r.outcome == "ok" and r.new > 0 for r in results)
    assert {r.source_id: r.new for r in results} == _stored_per_source(store)
    assert {s.id for s in store.source_statuses() if s.outcome == "ok"} == set(FILES)


def test_a_source_whose_write_fails_is_retried_alone_and_fails_alone(
    sample: tuple[Config, Store], clock: Clock
) -> None:
    config, store = sample
    results, commits = _write_together(config, store, clock, ghost=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], StoreError)
    # The shared transaction was rolled back and each source written alone: nothing of the
    # good sources is lost.
    assert commits == len(FILES)
    assert set(_stored_per_source(store)) == set(FILES)
