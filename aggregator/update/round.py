"""One update round: the life of a source's check, from its lease to its written outcome.

    lease due sources (store) -> fetch (a SourceFetcher) -> what the answer is (decide)
      an error ............................... -> decide.failure -> the store thread
      not modified, or the same bytes ......... -> a Check ------> the store thread
      a document -> parse, normalize, tag (worker, in the parse pool; pages for HTML lists)
                                                -> a Check ------> the store thread
    the store thread, one transaction for the checks that arrive together:
      what the store knows (stories.lookup) -> stories.deciding (new, edited, which story,
      which copy it shows) -> decide.success (the whole outcome: items, schedule, move)
      -> store.apply, a savepoint per source (a failure is that source's error)

This module orchestrates and decides nothing itself: every decision is a pure function of
`decide`, `stories`, `schedule` or `tagging`, given plain values gathered here. Fetching is
async; parsing (CPU) runs in a process pool; store work runs on one thread, so each source's
read-decide-write is one transaction with no other writer in between.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import random
import secrets
import socket
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import zip_longest
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from aggregator.config.loading import Config, SourceSettings
from aggregator.errors import ParseError
from aggregator.logs import log_update_result
from aggregator.models import (
    FeedIntent,
    FetchResult,
    ItemData,
    ItemIntent,
    RoundSummary,
    SourceState,
    TagAssignment,
    UpdateResult,
)
from aggregator.store import OutcomesTransaction, Store
from aggregator.tagging.spec import TaggingJob, source_facts, tagging_spec
from aggregator.update import decide
from aggregator.update.collaborators import Parser, SourceFetcher
from aggregator.update.decide import Check
from aggregator.update.group_write import GroupWriter
from aggregator.update.pages import follow_pages, read_articles

if TYPE_CHECKING:
    from aggregator.store import StoreTransaction
    from aggregator.tagging.tagger import Tagger

log = logging.getLogger("aggregator.update")
T = TypeVar("T")
Clock = Callable[[], datetime]
IN_FLIGHT = 8  # sources between parse and store at once


def utc_now() -> datetime:
    return datetime.now(UTC)


# What a check hands to the store thread: a failure's whole outcome, or a successful check
# that what the store knows completes.
_Job = FeedIntent | Check


class Updater:
    """Runs update rounds for one config against one store."""

    def __init__(
        self,
        config: Config,
        store: Store,
        fetcher: SourceFetcher,
        *,
        parser: Parser,
        db_thread: ThreadPoolExecutor,
        clock: Clock = utc_now,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.parser = parser
        self.db_thread = db_thread
        self.clock = clock
        self.jitter = jitter
        self.config = config
        self.tagging = tagging_spec(config)
        self._in_flight = asyncio.Semaphore(IN_FLIGHT)
        self._bodies = asyncio.Semaphore(_window(config))
        self._writer: GroupWriter[_Job, UpdateResult]
        self._writer = GroupWriter(
            lambda jobs: self.in_db(self._write_batch_sync, jobs),
            lambda job: self.in_db(lambda: self._write_batch_sync([job])[0]),
        )
        # Who holds a source's lease while checking it (several daemons on one store).
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"

    def use_config(self, config: Config) -> None:
        self.config = config
        self.tagging = tagging_spec(config)

    @property
    def tagger(self) -> Tagger:
        """The config's rules compiled, at the first item the store thread tags (the parse
        workers tag most; a round of 304s tags nothing); compiled once per process."""
        # (the tagger, the stories' decisions and the parsers are imported at their first use:
        # a round of 304s and unchanged bodies uses none of them)
        from aggregator.tagging.tagger import tagger_of

        return tagger_of(self.tagging)

    async def in_db(self, function: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(
            self.db_thread, partial(function, *args)
        )

    async def sync_sources(self) -> None:
        await self.in_db(self.store.sync_sources, self.config.sources, self.clock())

    async def run_round(
        self,
        *,
        source_ids: Sequence[str] | None = None,
        due_only: bool = True,
        on_start: Callable[[int], None] | None = None,
        on_result: Callable[[UpdateResult], None] | None = None,
    ) -> RoundSummary:
        now = self.clock()

        async def one(state: SourceState) -> UpdateResult:
            result = await self.update_source(state)
            log_update_result(result)
            if on_result:
                on_result(result)
            return result

        if not due_only or source_ids is not None:  # the operator named them: no leases
            states: list[SourceState] = await self.in_db(
                partial(self.store.source_states, source_ids, due_at=now if due_only else None)
            )
            if on_start:
                on_start(len(states))
            return RoundSummary(tuple(await self._in_host_turns(states, one)))
        if on_start:
            on_start(len(await self.in_db(partial(self.store.source_states, due_at=now))))
        return RoundSummary(tuple(await self._leased_round(now, one)))

    async def _in_host_turns(
        self,
        states: Sequence[SourceState],
        one: Callable[[SourceState], Coroutine[Any, Any, UpdateResult]],
    ) -> list[UpdateResult]:
        """Every one of `states`, started with hosts taking turns (the window of bodies is
        taken in that order: sources of one host waiting for its politeness spacing must not
        fill it while other hosts' sources wait), results in the states' order."""
        turns = host_turns([state.url for state in states])
        results = await asyncio.gather(*(one(states[p]) for p in turns))
        by_position = dict(zip(turns, results, strict=True))
        return [by_position[position] for position in range(len(states))]

    async def _leased_round(
        self, now: datetime, one: Callable[[SourceState], Coroutine[Any, Any, UpdateResult]]
    ) -> list[UpdateResult]:
        """The due sources, leased a few at a time as the ones in hand finish: other daemons
        on the same store take the rest (see Store.claim_due)."""
        window = _window(self.config)
        lease = self.config.settings.fetch.lease
        running: set[asyncio.Task[UpdateResult]] = set()
        results: list[UpdateResult] = []
        exhausted = False
        heartbeat = asyncio.create_task(self._renew_leases(lease))
        try:
            while True:
                if not exhausted and len(running) < window:
                    wanted = window - len(running)
                    batch = await self.in_db(self.store.claim_due, self.owner, now, lease, wanted)
                    exhausted = len(batch) < wanted
                    running.update(asyncio.create_task(one(state)) for state in batch)
                if not running:
                    return results
                done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                results += [task.result() for task in done]
        except BaseException:
            # Cancelled (a stop past its grace period) or failed: the sources in hand end
            # with the round, not after it on a store thread that is closing.
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
            raise
        finally:
            heartbeat.cancel()
            await asyncio.gather(heartbeat, return_exceptions=True)

    async def _renew_leases(self, lease: timedelta) -> None:
        """While the round works, extend the leases it holds every third of a lease: a
        source that takes longer than one lease (a slow server, a long queue) is never
        taken over by another daemon, and a lease can stay short, so that the sources of a
        daemon that died are taken over soon. Renewed from a thread of its own, not the
        store thread, which may be busy with a long write."""
        while True:
            await asyncio.sleep(lease.total_seconds() / 3)
            try:
                await asyncio.to_thread(self.store.renew_leases, self.owner, self.clock(), lease)
            except Exception:  # the next beat tries again; the round goes on
                log.warning("could not renew this daemon's leases", exc_info=True)

    async def update_source(self, state: SourceState) -> UpdateResult:
        """Check one source and store the outcome. Never raises (but when cancelled): an
        unexpected failure is this source's error, and the round goes on without it."""
        try:
            return await self._update_source(state)
        except Exception as exc:
            log.exception("checking source %s failed", state.id)
            message = f"internal error: {type(exc).__name__}: {exc}"
            failed = FetchResult(state.id, state.url, None, error=message)
            intent = decide.failure(
                state, failed, message, self.clock(), jitter=self.jitter(), kind="transient"
            )
            try:
                await self.in_db(self.store.write_outcomes, [intent])
            except Exception:
                log.exception("could not record the failure of source %s", state.id)
            return _result(intent, 0, 0)

    async def _update_source(self, state: SourceState) -> UpdateResult:
        source = self.config.source(state.id)
        if source is None:  # removed from the config while the round ran
            return UpdateResult(
                state.id, "error", None, 0, 0, "not in the config", 0.0, self.clock()
            )
        # A fetched body waits in memory for the parse workers and the store: a round holds
        # at most a window of them, however many sources it has. A source whose check brought
        # nothing to parse (304, same bytes, an error) leaves the window before its outcome is
        # written, so writes being batched never hold fetching back.
        async with self._bodies:
            # Pages (not feeds) are fetched only where the site's robots.txt allows it.
            fetched = await self.fetcher.fetch(state, robots=source.type == "html")
            now = self.clock()
            if fetched.error is not None:
                return await self._write(
                    decide.failure(state, fetched, fetched.error, now, jitter=self.jitter())
                )
            body = fetched.body or b""
            body_hash = fetched.body_hash or hashlib.sha256(body).hexdigest()
            outcome = decide.answer_outcome(state, fetched, body_hash)
            if outcome is None:
                # Parsed documents wait for the one store thread: at most IN_FLIGHT of them.
                async with self._in_flight:
                    return await self._read_and_store(state, source, fetched, body, body_hash, now)
        # 304, or the same bytes as last time: nothing to read.
        body_hash_written = body_hash if outcome == "unchanged" else None
        return await self._write(Check(source, state, fetched, now, outcome, body_hash_written))

    async def _read_and_store(
        self,
        state: SourceState,
        source: SourceSettings,
        fetched: FetchResult,
        body: bytes,
        body_hash: str,
        now: datetime,
    ) -> UpdateResult:
        max_items = self.config.settings.fetch.max_items
        options = source.parse_options(self.config.settings.stories.ignore_www)
        try:
            unchanged = await self.in_db(self.store.recent_item_hashes, source.id, 2 * max_items)
            feed = await self.parser.parse(
                body,
                fetched.url,
                fetched.content_type,
                now,
                max_items,
                options,
                TaggingJob(self.tagging, source_facts(source, source.id), unchanged),
            )
            if decide.follows_pages(source, state):
                feed = await follow_pages(
                    self.fetcher, self.parser, source, feed, now, max_items, options
                )
            if source.fetch_article:
                known = await self.in_db(
                    self.store.known_keys, source.id, [item.key for item in feed.items]
                )
                feed = await read_articles(self.fetcher, self.parser, source, feed, known, now)
        except Exception as exc:  # a parser crash must not stop the round
            if not isinstance(exc, ParseError):
                log.exception("parser failed on source %s", state.id)
            failure = decide.failure(
                state,
                fetched,
                decide.failure_message(exc),
                now,
                jitter=self.jitter(),
                kind=decide.error_kind(exc) if isinstance(exc, ParseError) else None,
            )
            return await self._write(failure)
        return await self._write(Check(source, state, fetched, now, "ok", body_hash, feed))

    async def _write(self, job: _Job) -> UpdateResult:
        # Sources that finish while a write is running share the next transaction.
        result = await self._writer.write(job)
        return result

    def _write_batch_sync(self, jobs: list[_Job]) -> list[UpdateResult]:
        """On the store thread, one transaction for many sources: read what is known, decide,
        write. Sharing a commit matters for new items: their band keys and index entries go
        to random places in big indexes, and every page they touch is written to the journal
        once per commit (docs/performance.md, "Figures (2026-11-28, fourth session)"). A
        batch without items (304s, the same bytes, errors) writes its outcomes alone, which
        on a SQLite file needs no SQLAlchemy (store/direct.py)."""
        if any(isinstance(job, Check) and job.feed is not None for job in jobs):
            with self.store.transaction() as tx:
                return self._write_batch(jobs, tx, tx)
        with self.store.outcomes_transaction() as quiet:
            return self._write_batch(jobs, quiet, None)

    def _write_batch(
        self,
        jobs: list[_Job],
        tx: OutcomesTransaction | StoreTransaction,
        items_tx: StoreTransaction | None,
    ) -> list[UpdateResult]:
        """The batch's outcomes through `tx`, and its items through `items_tx` (the same
        transaction; None when no job has items)."""
        checks = [job for job in jobs if isinstance(job, Check)]
        # Counted before any of the batch's items are written: a source's own new items are
        # added to its count by the decision, and no other source's items count for it.
        since = decide.recent_window_start([check.checked_at for check in checks])
        rates = {}
        if since is not None:
            rates = tx.recent_item_counts({check.source.id for check in checks}, since)
        results: list[UpdateResult | None] = []
        quiet: list[FeedIntent] = []  # outcomes without items: one statement for all
        for job in jobs:
            intent = job if isinstance(job, FeedIntent) else None
            if isinstance(job, Check):
                try:
                    if job.feed is None or items_tx is None:
                        # Nothing to store but the outcome (a 304, the same bytes): no
                        # write to undo, so no savepoint (they were a fifth of the store
                        # thread's time in a round of 304s).
                        intent = self._decided(None, job, rates.get(job.source.id, 0))
                    else:
                        # A savepoint per source with items: one source's failure (a value
                        # the database refuses, a bug) rolls back its own writes only, and
                        # becomes its error.
                        with items_tx.savepoint():
                            intent = self._decided(items_tx, job, rates.get(job.source.id, 0))
                            if intent.items:
                                results.append(_result(intent, *items_tx.apply(intent)))
                                self._report_move(intent)
                                continue
                except Exception as exc:
                    log.exception("storing the items of source %s failed", job.state.id)
                    intent = decide.failure(
                        job.state,
                        job.fetched,
                        f"storing failed: {type(exc).__name__}: {exc}",
                        job.checked_at,
                        jitter=self.jitter(),
                        kind="transient",
                    )
            assert intent is not None
            self._report_move(intent)
            quiet.append(intent)
            results.append(None)
        tx.apply_outcomes(quiet)
        written = iter(quiet)
        return [
            result if result is not None else _result(next(written), 0, 0) for result in results
        ]

    def _decided(self, tx: StoreTransaction | None, check: Check, recent: int) -> FeedIntent:
        """A successful check's whole outcome: its items decided against what the store
        knows (through `tx`), its next check scheduled."""
        items: tuple[ItemIntent, ...] = ()
        if check.feed is not None:
            assert tx is not None, "a check with a feed is decided in a transaction"
            from aggregator.stories.deciding import decide_items

            items = decide_items(
                tx,
                self.config,
                check.source,
                check.feed.items,
                check.checked_at,
                self._tags_of(check.source, check.feed.item_language),
            )
        return decide.success(
            self.config.settings.fetch,
            check,
            check.checked_at,
            schedule=decide.policy(self.config, check.source),
            recent=recent,
            jitter=self.jitter(),
            items=items,
        )

    def _tags_of(
        self, source: SourceSettings, language: str | None
    ) -> Callable[[ItemData], tuple[TagAssignment, ...]]:
        """Tags of an item the parse worker did not tag (tagged on the store thread)."""
        from aggregator.tagging.tagger import taggable, tags_for_item

        facts = source_facts(source, source.id)

        def tags_of(item: ItemData) -> tuple[TagAssignment, ...]:
            if item.tags is not None:
                return item.tags
            return tags_for_item(self.tagger, facts, taggable(item), language)

        return tags_of

    @staticmethod
    def _report_move(intent: FeedIntent) -> None:
        if intent.fetch_url:
            log.warning(
                "source=%s moved permanently to %s; now fetched from there. "
                "Update feeds.yaml: url: %s",
                intent.source_id,
                intent.fetch_url,
                intent.fetch_url,
            )


def _window(config: Config) -> int:
    """How many sources a round has in hand at once (leased, or between fetch and store)."""
    return max(20, 2 * config.settings.fetch.concurrency)


def host_turns(urls: Sequence[str]) -> list[int]:
    """Positions of `urls` reordered so that hosts take turns: a, b, c, a, b, a... (each
    host's own order kept)."""
    by_host: dict[str | None, list[int]] = {}
    for position, url in enumerate(urls):
        by_host.setdefault(urlsplit(url).hostname, []).append(position)
    return [p for turn in zip_longest(*by_host.values()) for p in turn if p is not None]


def _result(intent: FeedIntent, new: int, updated: int) -> UpdateResult:
    return UpdateResult(
        source_id=intent.source_id,
        outcome=intent.outcome,
        http_status=intent.http_status,
        new=new,
        updated=updated,
        error=intent.error,
        duration_s=intent.duration_s,
        next_check_at=intent.next_check_at,
        next_check_reason=intent.next_check_reason,
    )
