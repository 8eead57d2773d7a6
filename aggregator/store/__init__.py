"""The store: SQLAlchemy Core over SQLite (or any SQLAlchemy URL). The only place that talks SQL.

Every method is synchronous; async callers run them on one dedicated thread (see update.py), so
that the read-decide-write of one source happens in one transaction with no other writer between.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    create_engine,
    event,
    exists,
    func,
    inspect,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from ..config import SourceSettings
from ..errors import StoreError
from ..models import (
    FeedIntent,
    ItemIntent,
    SourceRef,
    SourceState,
    SourceStatus,
    StoredItemState,
    StoryEntry,
)
from . import schema
from .schema import checks, item_tags, items, meta, sources, stories

__all__ = ["Store", "StoreTransaction"]
_CHUNK = 500  # bound on IN (...) lists


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine = _make_engine(url)
            with _writing(self.engine) as connection:
                _migrate(connection)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store {url}: {_first_line(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()

    # -- sources --------------------------------------------------------------------------

    def sync_sources(self, configured: Sequence[SourceSettings], now: datetime) -> None:
        """Make the sources table follow the config. A source removed from the config keeps
        its row and its items (marked not in config); a new one is due at once."""
        with _writing(self.engine) as connection:
            known = {row.id: row for row in connection.execute(select(sources))}
            wanted = {source.id for source in configured}
            for source in configured:
                values: dict[str, Any] = {
                    "url": source.url,
                    "title": source.title,
                    "kind": source.kind,
                    "country": source.country,
                    "language": source.language,
                    "in_config": True,
                    "enabled": source.enabled,
                }
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
                        body_hash=None,
                        next_check_at=now,
                        fetch_url=None,
                        moved_to=None,
                        moved_since=None,
                        moved_rounds=None,
                        disabled_reason=None,
                    )
                if any(getattr(row, key) != value for key, value in values.items()):
                    connection.execute(
                        update(sources).where(sources.c.id == source.id).values(**values)
                    )
            gone = [source_id for source_id in known if source_id not in wanted]
            if gone:
                connection.execute(
                    update(sources).where(sources.c.id.in_(gone)).values(in_config=False)
                )

    def source_states(
        self, ids: Sequence[str] | None = None, *, due_at: datetime | None = None
    ) -> list[SourceState]:
        """Enabled sources in the config: all, the given ids, or those due at `due_at`.
        Sources disabled automatically (HTTP 410) are left out until enabled again."""
        query = select(sources).where(
            sources.c.in_config, sources.c.enabled, sources.c.disabled_reason.is_(None)
        )
        if ids is not None:
            query = query.where(sources.c.id.in_(list(ids)))
        if due_at is not None:
            query = query.where(sources.c.next_check_at <= due_at)
        query = query.order_by(sources.c.next_check_at, sources.c.id)
        with self.engine.connect() as connection:
            return [
                SourceState(
                    id=row.id,
                    url=row.fetch_url or row.url,
                    etag=row.etag,
                    last_modified=row.last_modified,
                    body_hash=row.body_hash,
                    consecutive_errors=row.consecutive_errors,
                    next_check_at=row.next_check_at,
                    config_url=row.url,
                    moved_to=row.moved_to,
                    moved_since=row.moved_since,
                    moved_rounds=row.moved_rounds or 0,
                )
                for row in connection.execute(query)
            ]

    def known_keys(self, source_id: str, keys: Sequence[str]) -> set[str]:
        """Which of these item keys the source already has."""
        found: set[str] = set()
        with self.engine.connect() as connection:
            for chunk in _chunks(keys):
                query = select(items.c.key).where(
                    items.c.source_id == source_id, items.c.key.in_(chunk)
                )
                found.update(connection.execute(query).scalars())
        return found

    def next_due_at(self) -> datetime | None:
        query = select(func.min(sources.c.next_check_at)).where(
            sources.c.in_config, sources.c.enabled
        )
        with self.engine.connect() as connection:
            value = connection.execute(query).scalar()
        return schema.UTCDateTime().process_result_value(value, self.engine.dialect)

    def source_statuses(self) -> list[SourceStatus]:
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
        with self.engine.connect() as connection:
            return [
                SourceStatus(
                    id=row.id,
                    url=row.url,
                    title=row.title or row.feed_title,
                    in_config=row.in_config,
                    enabled=row.enabled,
                    last_checked_at=row.last_checked_at,
                    outcome=row.outcome,
                    http_status=row.http_status,
                    items=row.n,
                    next_check_at=row.next_check_at,
                    last_error=row.last_error,
                    consecutive_errors=row.consecutive_errors,
                    next_check_reason=row.next_check_reason,
                    disabled_reason=row.disabled_reason,
                    fetch_url=row.fetch_url,
                    moved_to=row.moved_to,
                    size=row.size,
                    duration_s=row.duration_s,
                    notice=row.notice,
                    error_kind=row.error_kind,
                )
                for row in connection.execute(query)
            ]

    def enable(self, source_id: str, now: datetime) -> bool:
        """Clear an automatic disabling (HTTP 410) and make the source due now."""
        with _writing(self.engine) as connection:
            result = connection.execute(
                update(sources)
                .where(sources.c.id == source_id, sources.c.disabled_reason.is_not(None))
                .values(disabled_reason=None, next_check_at=now, consecutive_errors=0)
            )
            return result.rowcount > 0

    def recent_checks(self, source_id: str, limit: int = 20) -> list[dict[str, Any]]:
        query = (
            select(checks)
            .where(checks.c.source_id == source_id)
            .order_by(checks.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    # -- writing one source's update --------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        try:
            with _writing(self.engine) as connection:
                yield StoreTransaction(connection)
        except SQLAlchemyError as exc:
            raise StoreError(f"store write failed: {_first_line(exc)}") from exc

    # -- reading for publishing -------------------------------------------------------------

    def tags_in_use(self) -> list[str]:
        query = (
            select(item_tags.c.tag)
            .join(items, items.c.id == item_tags.c.item_id)
            .join(sources, sources.c.id == items.c.source_id)
            .where(sources.c.in_config)
            .distinct()
            .order_by(item_tags.c.tag)
        )
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def latest_stories(self, limit: int, *, tag: str | None = None) -> list[StoryEntry]:
        """The newest stories (by first publication), optionally only those with a tag.
        A story shows only while one of its sources is still in the config."""
        in_config = (
            select(items.c.id)
            .join(sources, sources.c.id == items.c.source_id)
            .where(items.c.story_id == stories.c.id, sources.c.in_config)
        )
        query = select(stories.c.id).where(exists(in_config))
        if tag is not None:
            tagged = (
                select(items.c.id)
                .join(item_tags, item_tags.c.item_id == items.c.id)
                .where(items.c.story_id == stories.c.id, item_tags.c.tag == tag)
            )
            query = query.where(exists(tagged))
        query = query.order_by(stories.c.published_at.desc(), stories.c.id.desc()).limit(limit)
        with self.engine.connect() as connection:
            story_ids = list(connection.execute(query).scalars())
            return _story_entries(connection, story_ids)


class StoreTransaction:
    """Reads and writes of one source's update, inside one transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def stored_items(self, source_id: str, keys: Sequence[str]) -> dict[str, StoredItemState]:
        found: dict[str, StoredItemState] = {}
        for chunk in _chunks(keys):
            query = select(
                items.c.id,
                items.c.key,
                items.c.content_hash,
                items.c.story_id,
                items.c.updated_at,
            ).where(items.c.source_id == source_id, items.c.key.in_(chunk))
            for row in self.connection.execute(query):
                found[row.key] = StoredItemState(
                    item_id=row.id,
                    key=row.key,
                    content_hash=row.content_hash,
                    story_id=row.story_id,
                    updated_at=row.updated_at,
                )
        return found

    def stories_by_link(self, links: Sequence[str]) -> dict[str, int]:
        """Canonical link -> the oldest story that has an item with it."""
        found: dict[str, int] = {}
        for chunk in _chunks(links):
            query = (
                select(items.c.canonical_link, func.min(items.c.story_id))
                .where(items.c.canonical_link.in_(chunk))
                .group_by(items.c.canonical_link)
            )
            for link, story_id in self.connection.execute(query):
                found[link] = story_id
        return found

    def recent_item_count(self, source_id: str, since: datetime) -> int:
        """Items of the source published since `since`: its publishing rate."""
        query = select(func.count()).where(
            items.c.source_id == source_id, items.c.published_at >= since
        )
        return int(self.connection.execute(query).scalar() or 0)

    def apply(self, intent: FeedIntent) -> tuple[int, int]:
        """Write one source's outcome and its items; returns (new, updated) counts."""
        new = updated = 0
        created: dict[str, int] = {}
        for item in intent.items:
            if item.action == "new":
                self._insert(intent.source_id, item, created)
                new += 1
            else:
                self._update(item)
                updated += 1
        values: dict[str, Any] = {
            "last_checked_at": intent.checked_at,
            "next_check_at": intent.next_check_at,
            "outcome": intent.outcome,
            "http_status": intent.http_status,
            "consecutive_errors": intent.consecutive_errors,
            "duration_s": intent.duration_s,
            "size": intent.size,
            "last_new": new,
            "last_updated": updated,
            "last_error": intent.error,
            "error_kind": intent.error_kind,
            "next_check_reason": intent.next_check_reason,
            "moved_to": intent.moved_to,
            "moved_since": intent.moved_since,
            "moved_rounds": intent.moved_rounds,
            "notice": intent.notice,
        }
        if intent.disable_reason is not None:
            values["disabled_reason"] = intent.disable_reason
        if intent.fetch_url is not None:
            values["fetch_url"] = intent.fetch_url
        if new or updated:
            values["content_changed_at"] = intent.checked_at
        if intent.outcome != "error":
            values["last_success_at"] = intent.checked_at
            values.update(
                etag=intent.etag, last_modified=intent.last_modified, body_hash=intent.body_hash
            )
            if intent.feed_title is not None:
                values.update(feed_title=intent.feed_title, feed_link=intent.feed_link)
        self.connection.execute(
            update(sources).where(sources.c.id == intent.source_id).values(**values)
        )
        self._log_check(intent, new, updated)
        return new, updated

    def _log_check(self, intent: FeedIntent, new: int, updated: int) -> None:
        self.connection.execute(
            checks.insert().values(
                source_id=intent.source_id,
                checked_at=intent.checked_at,
                outcome=intent.outcome,
                http_status=intent.http_status,
                size=intent.size,
                duration_s=intent.duration_s,
                new=new,
                updated=updated,
                error=intent.error,
                next_check_at=intent.next_check_at,
                next_check_reason=intent.next_check_reason,
                notice=intent.notice,
            )
        )
        kept = (
            select(checks.c.id)
            .where(checks.c.source_id == intent.source_id)
            .order_by(checks.c.id.desc())
            .limit(schema.CHECKS_KEPT_PER_SOURCE)
        )
        self.connection.execute(
            checks.delete().where(
                checks.c.source_id == intent.source_id, checks.c.id.not_in(kept.scalar_subquery())
            )
        )

    def _insert(self, source_id: str, item: ItemIntent, created: dict[str, int]) -> None:
        story_id: int | None
        story_id = item.story if isinstance(item.story, int) else created.get(item.story)
        new_story = story_id is None
        if story_id is None:
            assert isinstance(item.story, str)
            story_id = _new_id(
                self.connection.execute(
                    stories.insert().values(
                        entry_id=item.story,
                        published_at=item.published_at,
                        updated_at=item.updated_at,
                        created_at=item.first_seen_at,
                    )
                )
            )
            created[item.story] = story_id
        data = item.data
        item_id = _new_id(
            self.connection.execute(
                items.insert().values(
                    source_id=source_id,
                    key=data.key,
                    guid=data.guid,
                    link=data.link,
                    canonical_link=data.canonical_link,
                    title=data.title,
                    summary_html=data.summary_html,
                    content_html=data.content_html,
                    author=data.author,
                    categories=json.dumps(list(data.categories), ensure_ascii=False),
                    published_at=item.published_at,
                    updated_at=item.updated_at,
                    first_seen_at=item.first_seen_at,
                    content_hash=data.content_hash,
                    story_id=story_id,
                )
            )
        )
        if new_story:
            self.connection.execute(
                update(stories)
                .where(stories.c.id == story_id)
                .values(representative_item_id=item_id)
            )
        self._write_tags(item_id, item)

    def _update(self, item: ItemIntent) -> None:
        data = item.data
        assert item.item_id is not None
        self.connection.execute(
            update(items)
            .where(items.c.id == item.item_id)
            .values(
                guid=data.guid,
                link=data.link,
                title=data.title,
                summary_html=data.summary_html,
                content_html=data.content_html,
                author=data.author,
                categories=json.dumps(list(data.categories), ensure_ascii=False),
                updated_at=item.updated_at,
                content_hash=data.content_hash,
            )
        )
        # The story's `updated` follows its representative's edits only.
        self.connection.execute(
            update(stories)
            .where(stories.c.id == item.story, stories.c.representative_item_id == item.item_id)
            .values(updated_at=item.updated_at)
        )
        self.connection.execute(item_tags.delete().where(item_tags.c.item_id == item.item_id))
        self._write_tags(item.item_id, item)

    def _write_tags(self, item_id: int, item: ItemIntent) -> None:
        if item.tags:
            self.connection.execute(
                item_tags.insert(),
                [
                    {"item_id": item_id, "tag": t.tag, "origin": t.origin, "detail": t.detail}
                    for t in item.tags
                ],
            )


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _story_entries(connection: Connection, story_ids: list[int]) -> list[StoryEntry]:
    if not story_ids:
        return []
    story_rows = {
        row.id: row
        for row in connection.execute(select(stories).where(stories.c.id.in_(story_ids)))
    }
    item_rows: dict[int, list[Any]] = {story_id: [] for story_id in story_ids}
    query = (
        select(
            items,
            sources.c.title.label("source_title"),
            sources.c.feed_title,
            sources.c.url.label("source_url"),
            sources.c.feed_link,
            sources.c.content_changed_at,
        )
        .join(sources, sources.c.id == items.c.source_id)
        .where(items.c.story_id.in_(story_ids))
        .order_by(items.c.id)
    )
    for row in connection.execute(query):
        item_rows[row.story_id].append(row)
    tags: dict[int, set[str]] = {story_id: set() for story_id in story_ids}
    tag_query = (
        select(items.c.story_id, item_tags.c.tag)
        .join(item_tags, item_tags.c.item_id == items.c.id)
        .where(items.c.story_id.in_(story_ids))
    )
    for story_id, tag in connection.execute(tag_query):
        tags[story_id].add(tag)
    entries = []
    for story_id in story_ids:
        story = story_rows[story_id]
        rows = item_rows[story_id]
        main = next((r for r in rows if r.id == story.representative_item_id), rows[0])
        entries.append(
            StoryEntry(
                entry_id=story.entry_id,
                title=main.title,
                link=main.link,
                summary_html=main.summary_html,
                content_html=main.content_html,
                author=main.author,
                published=story.published_at,
                updated=story.updated_at,
                source=_source_ref(main),
                tags=tuple(sorted(tags[story_id])),
                also=tuple((_source_ref(r), r.link) for r in rows if r.id != main.id),
            )
        )
    return entries


def _source_ref(row: Any) -> SourceRef:
    return SourceRef(
        id=row.source_id,
        title=row.source_title or row.feed_title or row.source_id,
        feed_url=row.source_url,
        site_link=row.feed_link,
        updated=row.content_changed_at,
    )


def _make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _make_sqlite_transactional(engine)
    return engine


def _make_sqlite_transactional(engine: Engine) -> None:
    """WAL (readers never block the writer), foreign keys, and real BEGIN statements: the
    stdlib driver otherwise starts transactions late, after the first read of a transaction."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A writer takes the write lock up front, so that two processes never deadlock
        # upgrading a read lock; readers stay deferred and never block anyone (WAL).
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        connection.execution_options(write=True)
        with connection.begin():
            yield connection


def _migrate(connection: Connection) -> None:
    if not inspect(connection).has_table("meta"):
        schema.metadata.create_all(connection)
        connection.execute(
            meta.insert().values(key="schema_version", value=str(schema.SCHEMA_VERSION))
        )
        return
    raw = connection.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    version = int(raw or 0)
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {version}, newer than this aggregator knows "
            f"({schema.SCHEMA_VERSION}): upgrade aggregator"
        )
    for target in range(version + 1, schema.SCHEMA_VERSION + 1):
        schema.MIGRATIONS[target](connection)
        connection.execute(
            update(meta).where(meta.c.key == "schema_version").values(value=str(target))
        )


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    values = list(values)
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
