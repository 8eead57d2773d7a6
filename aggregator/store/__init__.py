"""The store: SQLAlchemy Core over SQLite (or any SQLAlchemy URL). The only place that talks SQL.

Every method is synchronous; async callers run them on one dedicated thread (see update.py), so
that the read-decide-write of one source happens in one transaction with no other writer between.

SQLAlchemy is imported at the first statement that needs it: on a current SQLite file, what
every round runs (rounds.py: the sources to check, their outcomes, the last publish) goes
through the stdlib driver (direct.py), so that a round in which nothing changed never imports
it (docs/performance.md, "Figures (2026-12-06, night)"). The methods below import what they use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aggregator.errors import StoreError
from aggregator.models import (
    FeedIntent,
    PublishState,
    SourceState,
    SourceStatus,
    StoryCopy,
    StoryEntry,
)
from aggregator.redact import public_url, redact_urls
from aggregator.store import rounds
from aggregator.store.direct import DirectSqlite
from aggregator.store.outcomes import OutcomesTransaction
from aggregator.store.schema_version import SCHEMA_VERSION
from aggregator.store.statements import Statements

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from aggregator.config.loading import SourceSettings
    from aggregator.store.bands import CrowdedBands, FoldClock
    from aggregator.store.prune import PruneResult
    from aggregator.store.retag import TagsOf
    from aggregator.store.stories import StoryFilter
    from aggregator.store.transaction import StoreTransaction

__all__ = ["OutcomesTransaction", "Store", "StoreTransaction", "StoryFilter"]

_LAZY = {
    "StoreTransaction": "aggregator.store.transaction",
    "StoryFilter": "aggregator.store.stories",
}


def __getattr__(name: str) -> Any:
    """StoreTransaction and StoryFilter, imported (with SQLAlchemy) at their first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aggregator.store' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


SYNC_LOCK = 0x61676772  # an advisory lock key of our own ("aggr")
SEARCH_TIMEOUT = 2.0


class Store:
    def __init__(self, url: str, *, search_timeout: float = SEARCH_TIMEOUT) -> None:
        self.url = url
        # A full-text search is stopped (SearchTimeout) after this many seconds.
        self.search_timeout = search_timeout
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._crowded_bands: CrowdedBands | None = None
        self._fold_clock: FoldClock | None = None
        self._direct = DirectSqlite.open_current(url, SCHEMA_VERSION)
        if self._direct is None:
            from sqlalchemy.exc import SQLAlchemyError

            from aggregator.store.engine import make_engine, migrate, writing

            try:
                self._engine = make_engine(url)
                with writing(self._engine) as connection:
                    migrate(connection)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot open the store {url}: {_first_line(exc)}") from exc
            self.file = sqlite_file(self._engine)
        else:
            self.file = self._direct.path.resolve()
        self.file_identity = _identity(self.file)

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine, made at its first use (the store is current: opening it
        through the stdlib driver found its schema version)."""
        with self._lock:
            if self._engine is None:
                from aggregator.store.engine import make_engine

                self._engine = make_engine(self.url)
            return self._engine

    @property
    def crowded_bands(self) -> CrowdedBands:
        """Band keys found boilerplate (held by more items than the lookup's limit): a key
        that is once stays so while items are only added, so later lookups skip it instead
        of reading its rows again (bands.hits)."""
        with self._lock:
            if self._crowded_bands is None:
                from aggregator.store.bands import CrowdedBands

                self._crowded_bands = CrowdedBands()
            return self._crowded_bands

    @property
    def fold_clock(self) -> FoldClock:
        with self._lock:
            if self._fold_clock is None:
                from aggregator.store.bands import FoldClock

                self._fold_clock = FoldClock()
            return self._fold_clock

    def close(self) -> None:
        if self._direct is not None:
            self._direct.close()
        if self._engine is not None:
            self._engine.dispose()

    @contextmanager
    def _reading(self) -> Iterator[Statements]:
        """Plain statements (rounds.py) outside a write transaction."""
        if self._direct is not None:
            yield self._direct
            return
        from aggregator.store.driver import ConnectionStatements

        with self.engine.connect() as connection:
            yield ConnectionStatements(connection)

    @contextmanager
    def _writing(self) -> Iterator[Statements]:
        """Plain statements (rounds.py) in one write transaction."""
        if self._direct is not None:
            with self._direct.writing() as statements:
                yield statements
            return
        from sqlalchemy.exc import SQLAlchemyError

        from aggregator.store.driver import ConnectionStatements
        from aggregator.store.engine import writing

        try:
            with writing(self.engine) as connection:
                yield ConnectionStatements(connection)
        except SQLAlchemyError as exc:
            raise StoreError(f"store write failed: {_first_line(exc)}") from exc

    # -- sources --------------------------------------------------------------------------

    def sync_sources(self, configured: Sequence[SourceSettings], now: datetime) -> None:
        """Make the sources table follow the config. A source removed from the config keeps
        its row and its items (marked not in config); a new one is due at once."""
        with self._reading() as statements:
            if rounds.sources_in_sync(statements, configured):
                return  # nearly every round: one read, no write
        from sqlalchemy import select, update

        from aggregator.store.engine import writing
        from aggregator.store.schema import sources

        with writing(self.engine) as connection:
            if connection.dialect.name == "postgresql":
                # Daemons starting together on one store: one syncs at a time, the next sees
                # its rows (SQLite's write lock does the same for SQLite).
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (SYNC_LOCK,))
            known = {row.id: row for row in connection.execute(select(sources))}
            wanted = {source.id for source in configured}
            for source in configured:
                values = rounds.config_values(source)
                row = known.get(source.id)
                if row is None:
                    connection.execute(
                        sources.insert().values(
                            id=source.id, next_check_at=now, consecutive_errors=0, **values
                        )
                    )
                    continue
                if row.url != source.url:
                    # A new address is a new resource: forget the validators, any move seen
                    # at the old address and any automatic disabling; check it soon.
                    values.update(
                        etag=None,
                        last_modified=None,
                        body_hash=None,  # wire_hash counts only beside a body_hash
                        next_check_at=now,
                        fetch_url=None,
                        moved_to=None,
                        moved_since=None,
                        moved_rounds=None,
                        disabled_reason=None,
                    )
                if rounds.differs(row._mapping, values):
                    connection.execute(
                        update(sources).where(sources.c.id == source.id).values(**values)
                    )
            gone = [source_id for source_id in known if source_id not in wanted]
            if gone:
                connection.execute(
                    update(sources).where(sources.c.id.in_(gone)).values(in_config=False)
                )

    def claim_due(
        self, owner: str, now: datetime, lease: timedelta, limit: int
    ) -> list[SourceState]:
        """Lease up to `limit` due sources to `owner` until `now + lease`, and return them:
        several daemons on one store each take sources no other holds (PostgreSQL's FOR
        UPDATE SKIP LOCKED; SQLite's write lock makes the same read-and-mark atomic). A lease
        ends when the source's check is written, or expires if its daemon died."""
        with self._writing() as statements:
            return rounds.claim_due(statements, owner, now, lease, limit)

    def renew_leases(self, owner: str, now: datetime, lease: timedelta) -> int:
        """Extend every lease `owner` holds to `now + lease`; returns how many it holds."""
        with self._writing() as statements:
            return rounds.renew_leases(statements, owner, now, lease)

    def source_states(
        self, ids: Sequence[str] | None = None, *, due_at: datetime | None = None
    ) -> list[SourceState]:
        """Enabled sources in the config: all, the given ids, or those due at `due_at`.
        Sources disabled automatically (HTTP 410) are left out until enabled again."""
        with self._reading() as statements:
            return rounds.source_states(statements, ids, due_at=due_at)

    def ping(self) -> None:
        """Raise StoreError unless the database answers, and, for SQLite, unless its file is
        still the one opened."""
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        self.check_file()
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1)).scalar()
        except SQLAlchemyError as exc:
            raise StoreError(f"store unreachable: {_first_line(exc)}") from exc

    def check_file(self) -> None:
        """Raise StoreError when the SQLite file opened was deleted or replaced: a process
        keeps writing into the file it holds open, which nobody will ever read again (a
        restart opens whatever is at the path), and everything stored meanwhile is lost."""
        if self.file is None:
            return
        now = _identity(self.file)
        if now != self.file_identity:
            what = "deleted" if now is None else "replaced by another file"
            raise StoreError(
                f"the store file {self.file} was {what} while open: what is stored now is "
                "lost at the next start; restart to open the file at that path"
            )

    def known_keys(self, source_id: str, keys: Sequence[str]) -> set[str]:
        """Which of these item keys the source already has."""
        from sqlalchemy import select

        from aggregator.store.engine import in_chunks
        from aggregator.store.schema import items

        found: set[str] = set()
        with self.engine.connect() as connection:
            for chunk in in_chunks(keys):
                query = select(items.c.key).where(
                    items.c.source_id == source_id, items.c.key.in_(chunk)
                )
                found.update(connection.execute(query).scalars())
        return found

    def recent_item_hashes(self, source_id: str, limit: int) -> frozenset[tuple[str, str]]:
        """(key, content hash) of the source's newest stored items: what a parse worker need
        not tag again."""
        from sqlalchemy import select

        from aggregator.store.schema import items

        query = (
            select(items.c.key, items.c.content_hash)
            .where(items.c.source_id == source_id)
            .order_by(items.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return frozenset((row.key, row.content_hash) for row in connection.execute(query))

    def next_due_at(self) -> datetime | None:
        from sqlalchemy import func, select

        from aggregator.store import schema
        from aggregator.store.schema import sources

        query = select(func.min(sources.c.next_check_at)).where(
            sources.c.in_config, sources.c.enabled
        )
        with self.engine.connect() as connection:
            value = connection.execute(query).scalar()
        return schema.UTCDateTime().process_result_value(value, self.engine.dialect)

    def source_statuses(self) -> list[SourceStatus]:
        from sqlalchemy import func, select

        from aggregator.store.schema import items, sources

        counts = (
            select(items.c.source_id, func.count().label("n"))
            .group_by(items.c.source_id)
            .subquery()
        )
        query = (
            select(sources, func.coalesce(counts.c.n, 0).label("n"))
            .outerjoin(counts, counts.c.source_id == sources.c.id)
            .order_by(sources.c.in_config.desc(), sources.c.id)
        )
        # For people to read (status, pages, metrics): addresses and messages without
        # credentials (redact.py).
        with self.engine.connect() as connection:
            return [
                SourceStatus(
                    id=row.id,
                    url=row.public_url or public_url(row.url),
                    title=row.title or row.feed_title,
                    in_config=row.in_config,
                    enabled=row.enabled,
                    last_checked_at=row.last_checked_at,
                    outcome=row.outcome,
                    http_status=row.http_status,
                    items=row.n,
                    next_check_at=row.next_check_at,
                    last_error=_shown(row.last_error),
                    consecutive_errors=row.consecutive_errors,
                    next_check_reason=row.next_check_reason,
                    disabled_reason=_shown(row.disabled_reason),
                    fetch_url=_shown(row.fetch_url),
                    moved_to=_shown(row.moved_to),
                    size=row.size,
                    duration_s=row.duration_s,
                    notice=_shown(row.notice),
                    error_kind=row.error_kind,
                    last_success_at=row.last_success_at,
                    page_reading=row.page_reading,
                )
                for row in connection.execute(query)
            ]

    def enable(self, source_id: str, now: datetime) -> bool:
        """Clear an automatic disabling (HTTP 410) and make the source due now."""
        from sqlalchemy import update

        from aggregator.store.engine import writing
        from aggregator.store.schema import sources

        with writing(self.engine) as connection:
            result = connection.execute(
                update(sources)
                .where(sources.c.id == source_id, sources.c.disabled_reason.is_not(None))
                .values(disabled_reason=None, next_check_at=now, consecutive_errors=0)
            )
            return result.rowcount > 0

    def recent_checks(self, source_id: str, limit: int = 20) -> list[dict[str, Any]]:
        from sqlalchemy import select

        from aggregator.store.schema import checks

        query = (
            select(checks)
            .where(checks.c.source_id == source_id)
            .order_by(checks.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            rows = [dict(row._mapping) for row in connection.execute(query)]
        for row in rows:  # for people to read: no credentials
            row["error"], row["notice"] = _shown(row["error"]), _shown(row["notice"])
        return rows

    # -- writing one source's update --------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        from sqlalchemy.exc import SQLAlchemyError

        from aggregator.store.engine import writing
        from aggregator.store.transaction import StoreTransaction

        try:
            with writing(self.engine) as connection:
                yield StoreTransaction(connection, self.crowded_bands, self.fold_clock)
        except BaseException as exc:
            self.crowded_bands.forget()  # what it learnt may rest on rows now undone
            if isinstance(exc, SQLAlchemyError):
                raise StoreError(f"store write failed: {_first_line(exc)}") from exc
            raise

    @contextmanager
    def outcomes_transaction(self) -> Iterator[OutcomesTransaction]:
        """A transaction for outcomes without items (304s, the same bytes, errors): what
        most rounds write, without SQLAlchemy on a SQLite file (direct.py)."""
        with self._writing() as statements:
            yield OutcomesTransaction(statements)

    def write_outcomes(self, intents: Sequence[FeedIntent]) -> None:
        """Outcomes without items (errors, 304s), in one transaction."""
        with self.outcomes_transaction() as tx:
            tx.apply_outcomes(intents)

    # -- publishing's own state ---------------------------------------------------------------

    def record_publish(
        self,
        output: str,
        at: datetime,
        *,
        error: str | None,
        skipped: int = 0,
        skipped_detail: str | None = None,
    ) -> None:
        """Keep how a publish into `output` went: a success (error None) or a failure."""
        from sqlalchemy import update
        from sqlalchemy.exc import SQLAlchemyError

        from aggregator.store.engine import insert_ignoring_duplicates, writing
        from aggregator.store.schema import publications

        values: dict[str, Any] = (
            {"last_success_at": at, "skipped": skipped, "skipped_detail": skipped_detail}
            if error is None
            else {"last_failure_at": at, "last_error": error}
        )
        if error is not None and skipped:
            values.update(skipped=skipped, skipped_detail=skipped_detail)
        try:
            with writing(self.engine) as connection:
                # The row first (two daemons publishing into one folder may both add it).
                connection.execute(
                    insert_ignoring_duplicates(connection, publications).values(output=output)
                )
                connection.execute(
                    update(publications).where(publications.c.output == output).values(**values)
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"store write failed: {_first_line(exc)}") from exc

    def publish_state(self, output: str) -> PublishState | None:
        with self._reading() as statements:
            return rounds.publish_state(statements, output)

    # -- reading for publishing -------------------------------------------------------------

    def tags_in_use(self) -> list[str]:
        from aggregator.store import stories as stories_query

        with self.engine.connect() as connection:
            return stories_query.tags_in_use(connection)

    def latest_stories(
        self, limit: int, *, tag: str | None = None, chosen: StoryFilter | None = None
    ) -> list[StoryEntry]:
        """The newest published stories; `tag` is short for StoryFilter(all_tags=(tag,))."""
        from aggregator.store import stories as stories_query
        from aggregator.store.engine import time_limited
        from aggregator.store.stories import StoryFilter

        chosen = chosen or StoryFilter(all_tags=(tag,) if tag else ())
        with self.engine.connect() as connection:
            if chosen.text is None:
                return stories_query.latest(connection, chosen, limit)
            with time_limited(connection, self.search_timeout):
                return stories_query.latest(connection, chosen, limit)

    def find_items(self, reference: str) -> list[dict[str, Any]]:
        """Items named by their number, their story's entry id, or their (canonical) link."""
        from aggregator.store import curation

        with self.engine.connect() as connection:
            return curation.find_items(connection, reference)

    def story_items(self, reference: str) -> list[dict[str, Any]]:
        """The items of the story an item or entry id names, and why each is in it."""
        from aggregator.store import curation

        with self.engine.connect() as connection:
            return curation.story_items(connection, reference)

    def unmerge(
        self, item_id: int, now: datetime, choose: Callable[[Sequence[StoryCopy]], int]
    ) -> str | None:
        """Take an item out of its story into one of its own (see curation.unmerge)."""
        from aggregator.store import curation
        from aggregator.store.engine import writing

        with writing(self.engine) as connection:
            return curation.unmerge(connection, item_id, now, choose)

    def items_per_day(self, since: datetime) -> dict[str, dict[date, int]]:
        """Items first seen per source and UTC day since `since` (for the status chart)."""
        from sqlalchemy import select

        from aggregator.store.schema import items

        counts: dict[str, dict[date, int]] = {}
        query = select(items.c.source_id, items.c.first_seen_at).where(
            items.c.first_seen_at >= since
        )
        with self.engine.connect() as connection:
            for source_id, seen in connection.execute(query):
                day = seen.date()
                per_source = counts.setdefault(source_id, {})
                per_source[day] = per_source.get(day, 0) + 1
        return counts

    def retag(self, tags_of: TagsOf, batch: int = 2000) -> int:
        """Recompute every item's tags with `tags_of`, a batch per transaction; returns the
        number of items. Readers see each batch switch at once, never an item without tags."""
        from aggregator.store import feed_index
        from aggregator.store.engine import writing
        from aggregator.store.retag import retag_batch

        done, last_id = 0, 0
        while True:
            with writing(self.engine) as connection:
                count, last_id = retag_batch(connection, tags_of, last_id, batch)
            done += count
            if count < batch:
                with writing(self.engine) as connection:
                    # Tags that went away leave index rows behind: make it exact again.
                    feed_index.rebuild(connection)
                return done

    def latest_story_ids(self, chosen: StoryFilter, limit: int) -> list[int]:
        from aggregator.store import stories as stories_query

        with self.engine.connect() as connection:
            return stories_query.latest_ids(connection, chosen, limit)

    def prune(
        self,
        *,
        seen_before: datetime,
        keep_per_source: int,
        protected_stories: set[int],
        dry_run: bool = False,
    ) -> PruneResult:
        """Delete old items (see store/prune.py) in one transaction, then reclaim the space."""
        from aggregator.store.engine import writing
        from aggregator.store.prune import prune

        with writing(self.engine) as connection:
            result = prune(
                connection,
                seen_before=seen_before,
                keep_per_source=keep_per_source,
                protected_stories=protected_stories,
                dry_run=dry_run,
            )
        self.crowded_bands.forget()  # pruned items took their band keys with them
        if result.items and not dry_run and self.engine.dialect.name == "sqlite":
            # VACUUM cannot run in a transaction; the driver connection is in autocommit
            # mode (see engine.py), so it runs there.
            raw = self.engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute("VACUUM")
                cursor.close()
            finally:
                raw.close()
        return result

    def search(self, query: str, limit: int = 20) -> list[tuple[StoryEntry, float]]:
        """Published stories matching `query` (full-text), best first, with their rank."""
        from aggregator.store import stories as stories_query
        from aggregator.store.engine import time_limited

        with self.engine.connect() as connection, time_limited(connection, self.search_timeout):
            return stories_query.search_stories(connection, query, limit)

    def arrival_ids(
        self, chosen: StoryFilter, after: int, *, upto: int | None = None, limit: int | None = None
    ) -> list[int]:
        from aggregator.store import stories as stories_query

        with self.engine.connect() as connection:
            return stories_query.arrival_ids(connection, chosen, after, upto=upto, limit=limit)

    def story_entries(self, story_ids: list[int]) -> list[StoryEntry]:
        """The published entries of these stories, in the order given."""
        from aggregator.store import stories as stories_query

        with self.engine.connect() as connection:
            return stories_query.story_entries(connection, story_ids)

    def story_heads(self, story_ids: list[int]) -> dict[int, tuple[int, datetime, str]]:
        """{story id: (revision, first publication, entry id)} (see stories.heads)."""
        from aggregator.store import stories as stories_query

        with self.engine.connect() as connection:
            return stories_query.heads(connection, story_ids)

    def source_subtitles(self) -> dict[str, str]:
        """The subtitle each source's feed gives itself, where it gives one."""
        from sqlalchemy import select

        from aggregator.store.schema import sources

        query = select(sources.c.id, sources.c.feed_subtitle).where(
            sources.c.feed_subtitle.is_not(None)
        )
        with self.engine.connect() as connection:
            return {row.id: row.feed_subtitle for row in connection.execute(query)}

    def source_labels(self) -> list[tuple[Any, ...]]:
        from aggregator.store import stories as stories_query

        with self.engine.connect() as connection:
            return stories_query.source_labels(connection)

    def created_at(self) -> datetime | None:
        """When the store was created: what an empty feed says as its `updated`."""
        from aggregator.store.engine import created_at

        with self.engine.connect() as connection:
            return created_at(connection)

    def archive_bounds(self, feed: str) -> list[int]:
        """The last story id of each frozen archive page of `feed`, page 1 first."""
        from aggregator.store import archives

        with self.engine.connect() as connection:
            return archives.bounds(connection, feed)

    def add_archive_bounds(self, feed: str, first_page: int, bounds: list[int]) -> None:
        from aggregator.store import archives
        from aggregator.store.engine import writing

        with writing(self.engine) as connection:
            archives.add(connection, feed, first_page, bounds)


def _shown(text: str | None) -> str | None:
    return None if text is None else redact_urls(text)


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite store (None for PostgreSQL or an in-memory database)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    if engine.url.database == ":memory:" or engine.url.database.startswith("file::memory"):
        return None
    return Path(engine.url.database).resolve()


def _identity(path: Path | None) -> tuple[int, int] | None:
    """(device, inode) of the file at path, or None when there is none."""
    if path is None:
        return None
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)
