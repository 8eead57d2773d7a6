"""One update round: fetch due sources, parse, dedupe, tag, schedule, store.

This module orchestrates and decides nothing itself: each decision is a pure function of another
module. Fetching is async; parsing (CPU) runs in a process pool; store work runs on one thread,
so each source's read-decide-write is one transaction with no other writer in between.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import TypeVar

from .config import Config, SourceSettings
from .dedupe import DedupeContext, decide
from .errors import ParseError
from .fetch import Fetcher
from .models import (
    FeedData,
    FeedIntent,
    FetchResult,
    ItemData,
    Outcome,
    SourceState,
    TagAssignment,
    UpdateResult,
)
from .normalize import normalize_entry, plain_text
from .parse import parse_feed
from .schedule import next_check_after_error, next_check_after_success
from .store import Store
from .tags import CompiledRule, compile_rules, merge_tags, rule_tags, source_tags

log = logging.getLogger("aggregator.update")
T = TypeVar("T")
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def parse_document(body: bytes, url: str, content_type: str | None, now: datetime) -> FeedData:
    """Bytes -> normalized items. Runs in a worker process: everything here is picklable."""
    parsed = parse_feed(body, url=url, content_type=content_type)
    base = parsed.link or url
    items = tuple(normalize_entry(entry, base=base, now=now) for entry in parsed.entries)
    return FeedData(parsed.title, parsed.link, parsed.language, items, parsed.warning)


@dataclass(frozen=True, slots=True)
class RoundSummary:
    results: tuple[UpdateResult, ...]

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if r.outcome == "error")

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.results)

    @property
    def changed(self) -> bool:
        return self.new > 0 or self.updated > 0


class Updater:
    """Runs update rounds for one config against one store."""

    def __init__(
        self,
        config: Config,
        store: Store,
        fetcher: Fetcher,
        *,
        parse_pool: Executor,
        db_thread: ThreadPoolExecutor,
        clock: Clock = utc_now,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.parse_pool = parse_pool
        self.db_thread = db_thread
        self.clock = clock
        self.config = config
        self.rules: tuple[CompiledRule, ...] = compile_rules(config.settings.rules)

    def use_config(self, config: Config) -> None:
        self.config = config
        self.rules = compile_rules(config.settings.rules)

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
        states: list[SourceState] = await self.in_db(
            partial(self.store.source_states, source_ids, due_at=now if due_only else None)
        )
        if on_start:
            on_start(len(states))

        async def one(state: SourceState) -> UpdateResult:
            result = await self.update_source(state)
            _log_result(result)
            if on_result:
                on_result(result)
            return result

        results = await asyncio.gather(*(one(state) for state in states))
        return RoundSummary(tuple(results))

    async def update_source(self, state: SourceState) -> UpdateResult:
        source = self.config.source(state.id)
        if source is None:  # removed from the config while the round ran
            return UpdateResult(
                state.id, "error", None, 0, 0, "not in the config", 0.0, self.clock()
            )
        fetched = await self.fetcher.fetch(state)
        now = self.clock()
        if fetched.error is not None:
            return await self._record(self._error_intent(state, fetched, fetched.error, now))
        if fetched.not_modified:
            return await self._record(
                self._success_intent(state, source, fetched, now, "not-modified")
            )
        body = fetched.body or b""
        body_hash = hashlib.sha256(body).hexdigest()
        if body_hash == state.body_hash:
            # Same bytes as last time (a server without validators): nothing to parse.
            return await self._record(
                self._success_intent(state, source, fetched, now, "unchanged", body_hash=body_hash)
            )
        try:
            feed = await asyncio.get_running_loop().run_in_executor(
                self.parse_pool, parse_document, body, fetched.url, fetched.content_type, now
            )
        except ParseError as exc:
            return await self._record(self._error_intent(state, fetched, str(exc), now))
        except Exception as exc:  # a parser crash must not stop the round
            log.exception("parser crashed on source %s", state.id)
            return await self._record(
                self._error_intent(
                    state, fetched, f"parser failed: {type(exc).__name__}: {exc}", now
                )
            )
        intent = self._success_intent(
            state, source, fetched, now, "ok", body_hash=body_hash, feed=feed
        )
        return await self.in_db(self._ingest, intent, source, feed.items, now)

    def _ingest(
        self, intent: FeedIntent, source: SourceSettings, items: tuple[ItemData, ...], now: datetime
    ) -> UpdateResult:
        """Runs on the store thread: read what is known, decide, write; one transaction."""
        static_tags = source_tags(source)

        def tags_of(item: ItemData) -> tuple[TagAssignment, ...]:
            texts = (item.title, plain_text(item.summary_html), plain_text(item.content_html))
            return merge_tags(static_tags, rule_tags(self.rules, *texts))

        with self.store.transaction() as tx:
            context = DedupeContext(
                source_id=source.id,
                entry_id_prefix=self.config.settings.output.id,
                stored=tx.stored_items(source.id, [item.key for item in items]),
                stories_by_link=tx.stories_by_link(
                    sorted({i.canonical_link for i in items if i.canonical_link})
                ),
            )
            intents = decide(items, context, now, tags_of)
            new, updated = tx.apply(replace(intent, items=intents))
        return _result(intent, new, updated)

    async def _record(self, intent: FeedIntent) -> UpdateResult:
        def write() -> UpdateResult:
            with self.store.transaction() as tx:
                tx.apply(intent)
            return _result(intent, 0, 0)

        return await self.in_db(write)

    def _success_intent(
        self,
        state: SourceState,
        source: SourceSettings,
        fetched: FetchResult,
        now: datetime,
        outcome: Outcome,
        *,
        body_hash: str | None = None,
        feed: FeedData | None = None,
    ) -> FeedIntent:
        return FeedIntent(
            source_id=state.id,
            checked_at=now,
            outcome=outcome,
            next_check_at=next_check_after_success(now, self.config.interval_of(source)),
            consecutive_errors=0,
            http_status=fetched.status,
            error=feed.warning if feed is not None and feed.warning and not feed.items else None,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            body_hash=body_hash or state.body_hash,
            feed_title=feed.title if feed else None,
            feed_link=feed.link if feed else None,
            duration_s=fetched.duration_s,
            size=fetched.size,
        )

    @staticmethod
    def _error_intent(
        state: SourceState, fetched: FetchResult, message: str, now: datetime
    ) -> FeedIntent:
        errors = state.consecutive_errors + 1
        return FeedIntent(
            source_id=state.id,
            checked_at=now,
            outcome="error",
            next_check_at=next_check_after_error(now, errors),
            consecutive_errors=errors,
            http_status=fetched.status,
            error=message,
            duration_s=fetched.duration_s,
            size=fetched.size,
        )


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
    )


def _log_result(result: UpdateResult) -> None:
    level = logging.WARNING if result.outcome == "error" else logging.INFO
    log.log(
        level,
        "source=%s status=%s http=%s new=%d updated=%d duration=%.2fs next=%s%s",
        result.source_id,
        result.outcome,
        result.http_status or "-",
        result.new,
        result.updated,
        result.duration_s,
        result.next_check_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        f' error="{result.error}"' if result.error else "",
        extra={
            "event": {
                "source": result.source_id,
                "status": result.outcome,
                "http": result.http_status,
                "new": result.new,
                "updated": result.updated,
                "duration_s": round(result.duration_s, 3),
                "next_check_at": result.next_check_at.isoformat(),
                "error": result.error,
            }
        },
    )
