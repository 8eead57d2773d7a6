"""A round holds a bounded number of fetched bodies (aggregator/update.py): a body waits in
memory for the parse workers and the store, so a round that started every source at once held
every body while the store was busy (a real server on 127.0.0.1, a real store)."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest

from aggregator.store import Store
from aggregator.update.runtime import open_updater
from tests.support.feed_server import Document, FeedServer
from tests.support.feeds import rss
from tests.support.rounds import Clock, write_config

SOURCES = 60
WINDOW = 20  # fetch.concurrency 10 by default: max(20, 2 x 10)


@pytest.mark.sqlite_only  # holds SQLite's write lock from outside
def test_a_busy_store_holds_back_fetching_instead_of_piling_up_bodies(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    lines = ["store: store.sqlite", "output: {dir: public}", "sources:"]
    for n in range(SOURCES):
        feed_server.put(f"f{n}.rss", Document(rss(f"Feed {n}", f"Item {n}").encode()))
        lines += [f"  - id: s{n}", f"    url: {feed_server.url(f'f{n}.rss')}"]
    config = write_config(tmp_path, "\n".join(lines) + "\n")
    store = Store(config.store_url)

    async def go() -> tuple[int, int]:
        async with open_updater(config, store, clock=clock, jitter=lambda: 0.0) as updater:
            await updater.sync_sources()
            # Another process writing (a retag, say): the store waits for its lock.
            other = sqlite3.connect(tmp_path / "store.sqlite", isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            round_ = asyncio.create_task(updater.run_round(due_only=False))
            deadline = time.monotonic() + 1.5
            while time.monotonic() < deadline and len(feed_server.requests) < SOURCES:
                await asyncio.sleep(0.05)
            fetched_while_blocked = len(feed_server.requests)
            other.execute("COMMIT")
            other.close()
            summary = await round_
            return fetched_while_blocked, sum(r.outcome == "ok" for r in summary.results)

    try:
        fetched_while_blocked, ok = asyncio.run(go())
    finally:
        store.close()
    assert 0 < fetched_while_blocked <= WINDOW
    assert ok == SOURCES  # and nothing was lost by waiting


def test_a_cancelled_round_ends_its_sources_with_it(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    """A leased round cancelled mid-way (a daemon's stop past its grace period) cancels the
    sources it has in hand instead of leaving them running against a store thread that is
    being closed; what was written stays written."""
    lines = ["store: store.sqlite", "output: {dir: public}", "sources:"]
    for n in range(4):
        slow = n == 3
        feed_server.put(
            f"f{n}.rss", Document(rss(f"Feed {n}", f"Item {n}").encode(), delay=30 if slow else 0)
        )
        lines += [f"  - id: s{n}", f"    url: {feed_server.url(f'f{n}.rss')}"]
    config = write_config(tmp_path, "\n".join(lines) + "\n")
    store = Store(config.store_url)
    left: list[str] = []

    async def go() -> None:
        async with open_updater(config, store, clock=clock, jitter=lambda: 0.0) as updater:
            await updater.sync_sources()
            round_ = asyncio.create_task(updater.run_round())  # leased, as the daemon runs it
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and len(store.latest_stories(10)) < 3:
                await asyncio.sleep(0.05)
            round_.cancel()
            with pytest.raises(asyncio.CancelledError):
                await round_
            # Still running right after the round's cancellation: sources' tasks, by name.
            left.extend(
                task.get_coro().__qualname__  # type: ignore[union-attr]
                for task in asyncio.all_tasks()
                if not task.done() and task is not asyncio.current_task()
            )

    try:
        asyncio.run(go())
        stored = {s.title for s in store.latest_stories(10)}
    finally:
        store.close()
    assert [name for name in left if "run_round" in name] == []  # no source left running
    assert stored == {"Item 0", "Item 1", "Item 2"}
