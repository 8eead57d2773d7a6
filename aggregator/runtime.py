"""Building and closing the long-lived parts (store, fetcher, pools) that commands share."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import asynccontextmanager

from .config import Config
from .fetch import DEFAULT_USER_AGENT, Fetcher, FetchLimits
from .store import Store
from .update import Clock, Updater, utc_now


def fetch_limits(config: Config) -> FetchLimits:
    settings = config.settings.fetch
    return FetchLimits(
        timeout=settings.timeout,
        max_size=settings.max_size,
        concurrency=settings.concurrency,
        user_agent=settings.user_agent or DEFAULT_USER_AGENT,
    )


def parse_pool() -> ProcessPoolExecutor:
    # forkserver: workers start from a clean single-threaded process, never from a copy of
    # the daemon's threads (fork after threads can deadlock on a held lock).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["aggregator.update"])
    return ProcessPoolExecutor(max_workers=max(1, os.cpu_count() or 1), mp_context=context)


@asynccontextmanager
async def open_updater(
    config: Config, store: Store, *, clock: Clock = utc_now
) -> AsyncIterator[Updater]:
    fetcher = Fetcher(fetch_limits(config))
    pool = parse_pool()
    db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
    try:
        yield Updater(config, store, fetcher, parse_pool=pool, db_thread=db_thread, clock=clock)
    finally:
        await fetcher.aclose()
        pool.shutdown(wait=True, cancel_futures=True)
        db_thread.shutdown(wait=True)
