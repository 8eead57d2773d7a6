"""Building and closing the long-lived parts (store thread, fetcher, parse pool) commands share."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from aggregator.config.loading import Config, SourceSettings
from aggregator.errors import ParseError
from aggregator.fetch.client import DEFAULT_USER_AGENT, Fetcher, FetchLimits
from aggregator.models import FeedData, ParseOptions
from aggregator.processes import exit_with
from aggregator.store import Store
from aggregator.update.round import Clock, Updater, utc_now

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from aggregator.parse.article import ArticleData
    from aggregator.tagging.tagger import TaggingJob

# The pool, its processes and the parsers are imported when the first document is parsed: a
# round of 304s and unchanged bodies parses nothing and does not pay for importing them.

log = logging.getLogger("aggregator.runtime")
T = TypeVar("T")


def fetch_limits(config: Config) -> FetchLimits:
    settings = config.settings.fetch
    return FetchLimits(
        timeout=settings.timeout,
        max_size=settings.max_size,
        concurrency=settings.concurrency,
        max_redirects=settings.max_redirects,
        per_host=settings.per_host,
        host_gap=settings.host_gap,
        exempt_loopback=settings.exempt_loopback,
        allow_private_redirects=settings.allow_private_redirects,
        user_agent=settings.user_agent or DEFAULT_USER_AGENT,
    )


class ParsePool:
    """Parsing in worker processes, where a runaway parse can be stopped.

    feedparser's time grows with a document's items (docs/performance.md, "Figures (2026-11-28,
    third session)", parsing), so a hostile feed at the 10 MiB size cap can hold a CPU for many
    seconds. A parse that outlives `timeout` gets its workers killed and the pool replaced; parses
    that were running beside it in the old pool are retried once in the new one.

    The pool starts at the first document to read: a round where every source answers 304 or
    sends the same bytes again starts no process (multiprocessing's queues start a resource
    tracker process as they are made).
    """

    def __init__(self, timeout: timedelta, workers: int | None = None) -> None:
        self.timeout = timeout
        self.workers = workers or max(1, os.cpu_count() or 1)
        self._started: ProcessPoolExecutor | None = None

    @property
    def _executor(self) -> ProcessPoolExecutor:
        if self._started is None:
            self._started = self._start()
        return self._started

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # forkserver: workers start from a clean single-threaded process, never from a copy
        # of the daemon's threads (fork after threads can deadlock on a held lock).
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["aggregator.update.worker"])
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=exit_with,
            initargs=(os.getpid(),),
        )

    async def parse(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        now: datetime,
        max_items: int,
        options: ParseOptions,
        tagging: TaggingJob | None = None,
    ) -> FeedData:
        from aggregator.update.worker import parse_document

        return await self._run(
            parse_document, body, url, content_type, now, max_items, options, tagging
        )

    async def parse_article(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        now: datetime,
        source: SourceSettings,
    ) -> ArticleData:
        from aggregator.update.worker import parse_article_document

        selectors = source.article
        return await self._run(
            parse_article_document,
            body,
            url,
            content_type,
            now,
            selectors.summary if selectors else None,
            selectors.date if selectors else None,
            source.language,
        )

    async def _run(self, function: Callable[..., T], *args: object) -> T:
        from concurrent.futures.process import BrokenProcessPool

        for attempt in (1, 2):
            executor = self._executor
            try:
                # (inside the try: a pool already broken refuses the submission itself)
                future = asyncio.get_running_loop().run_in_executor(executor, function, *args)
                return await asyncio.wait_for(future, self.timeout.total_seconds())
            except TimeoutError:
                self._restart(executor, "a parse overran its time limit")
                raise ParseError(
                    f"parsing took longer than {self.timeout.total_seconds():g} s; stopped"
                ) from None
            except BrokenProcessPool:
                # A worker died (a crash, the kernel's out-of-memory killer): a new pool either
                # way, so that a document that kills its worker stops no parse after it.
                self._restart(executor, "a parse worker died")
                if attempt == 2:
                    raise ParseError(
                        "the parse worker died twice reading this document; skipped"
                    ) from None
            except asyncio.CancelledError:
                # Either this task is being cancelled (a stop), or another parse overran and
                # the pool it was queued in was replaced, which cancels what it held: that
                # parse is tried again in the new pool, never ends the round.
                task = asyncio.current_task()
                if (task is not None and task.cancelling()) or executor is self._executor:
                    raise
                if attempt == 2:
                    raise ParseError("the parse pool was restarted twice meanwhile") from None
        raise AssertionError("unreachable")

    def _restart(self, executor: ProcessPoolExecutor, why: str) -> None:
        if executor is not self._executor:
            return  # another parse already replaced it
        # The executor has no public way to stop a running task: end its processes.
        for process in list(getattr(executor, "_processes", {}).values()):
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        self._started = self._start()
        log.warning("parse pool restarted: %s", why)

    def close(self) -> None:
        if self._started is not None:
            self._started.shutdown(wait=True, cancel_futures=True)


@asynccontextmanager
async def open_updater(
    config: Config,
    store: Store,
    *,
    clock: Clock = utc_now,
    jitter: Callable[[], float] | None = None,
) -> AsyncIterator[Updater]:
    fetcher = Fetcher(fetch_limits(config), clock=clock)
    pool = ParsePool(config.settings.fetch.parse_timeout)
    db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
    try:
        updater = Updater(config, store, fetcher, parser=pool, db_thread=db_thread, clock=clock)
        if jitter is not None:
            updater.jitter = jitter
        yield updater
    finally:
        await fetcher.aclose()
        pool.close()
        db_thread.shutdown(wait=True)
