"""The parse pool (update/runtime.py): a parse past its time limit is stopped, the pool
restarted, and the parses queued in the old pool run again in the new one."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from aggregator.errors import ParseError
from aggregator.models import ParseOptions

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_a_parse_pool_restart_does_not_cancel_the_parses_queued_in_it() -> None:
    """A parse that overruns its limit restarts the pool, which cancels what was queued in
    the old one: those parses are run again in the new pool, and never end the round with a
    CancelledError."""
    import asyncio

    from aggregator.errors import ParseError
    from aggregator.update.runtime import ParsePool

    async def go() -> list[object]:
        pool = ParsePool(timedelta(seconds=2), workers=1)
        try:

            async def later() -> object:
                await asyncio.sleep(1.5)
                return await pool._run(time.sleep, 0)

            return await asyncio.gather(
                pool._run(time.sleep, 10), *(later() for _ in range(3)), return_exceptions=True
            )
        finally:
            pool.close()

    first, *others = asyncio.run(go())
    assert isinstance(first, ParseError)
    assert others == [None, None, None]


def test_a_runaway_parse_is_stopped_and_the_pool_recovers() -> None:
    import asyncio
    from datetime import timedelta

    from aggregator.update.runtime import ParsePool

    items = "".join(
        f"<item><title>Item {n}</title><link>https://e.org/{n}</link>"
        f"<description>{'text ' * 200}</description></item>"
        for n in range(3000)
    )
    huge = f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>".encode()
    small = (
        b"<rss version='2.0'><channel><title>S</title>"
        b"<item><title>One</title></item></channel></rss>"
    )

    async def go() -> tuple[str, int]:
        pool = ParsePool(timedelta(milliseconds=300), workers=1)
        try:
            try:
                await pool.parse(huge, "https://e.org/", None, NOW, 5000, ParseOptions())
                message = "finished"
            except ParseError as exc:
                message = str(exc)
            pool.timeout = timedelta(seconds=30)
            feed = await pool.parse(small, "https://e.org/", None, NOW, 10, ParseOptions())
            return message, len(feed.items)
        finally:
            pool.close()

    message, count = asyncio.run(go())
    assert message == "parsing took longer than 0.3 s; stopped"
    assert count == 1


def test_the_pool_starts_no_process_until_a_document_is_read() -> None:
    """A round where every source answers 304 reads no document: it starts no worker and no
    resource tracker; the first parse starts the pool, and closing an unstarted pool is fine."""
    import asyncio
    import multiprocessing

    from aggregator.update.runtime import ParsePool

    before = {child.pid for child in multiprocessing.active_children()}
    idle = ParsePool(timedelta(seconds=5), workers=1)
    assert idle._started is None
    idle.close()
    assert {child.pid for child in multiprocessing.active_children()} == before

    async def one_parse() -> object:
        pool = ParsePool(timedelta(seconds=5), workers=1)
        try:
            result = await pool._run(time.sleep, 0)
            assert pool._started is not None
            return result
        finally:
            pool.close()

    assert asyncio.run(one_parse()) is None


def test_a_document_that_kills_its_worker_stops_no_parse_after_it() -> None:
    """A worker that dies (a crash, the out-of-memory killer) breaks the process pool: the
    document is skipped with a clear error after a second try, and the pool is new for the
    parses after it (a broken pool used to refuse every later parse until a restart)."""
    import asyncio
    import os

    from aggregator.update.runtime import ParsePool

    small = (
        b"<rss version='2.0'><channel><title>S</title>"
        b"<item><title>One</title><link>https://e.org/1</link></item></channel></rss>"
    )

    async def go() -> tuple[str, list[int]]:
        pool = ParsePool(timedelta(seconds=30), workers=1)
        try:
            try:
                await pool._run(os._exit, 3)  # the worker process ends itself
                message = "finished"
            except ParseError as exc:
                message = str(exc)
            counts = []
            for _ in range(3):
                feed = await pool.parse(small, "https://e.org/", None, NOW, 10, ParseOptions())
                counts.append(len(feed.items))
            return message, counts
        finally:
            pool.close()

    message, counts = asyncio.run(go())
    assert message == "the parse worker died twice reading this document; skipped"
    assert counts == [1, 1, 1]
