"""Reading stories for publishing: the newest, filtered by tags or source, and archive pages.

A story is published while at least one of its items is *listed* (not held back by the first-run
catch-up window) and comes from a source still in the config.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    Select,
    exists,
    false,
    select,
)

from aggregator.models import SourceRef, StoryEntry
from aggregator.redact import public_url
from aggregator.store import feed_index, search
from aggregator.store.schema import item_tags, items, sources, stories, story_keys
from aggregator.store.transaction import enclosures_of


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories a published feed holds: all of `all_tags`, none of `none_tags`, and
    (optionally) only those one source carried."""

    all_tags: tuple[str, ...] = ()
    none_tags: tuple[str, ...] = ()
    source_id: str | None = None
    text: str | None = None  # full-text search: stories with an item matching these words


def _has_tag(tag: str, story_id: ColumnElement[int]) -> ColumnElement[bool]:
    # Nested rather than a join: as a join, SQLite (without statistics) walks every item_tags
    # row of the tag for each candidate story; nested, it looks up the story's few items and
    # then each one's (item, tag) key.
    tagged = select(item_tags.c.item_id).where(
        item_tags.c.item_id == items.c.id, item_tags.c.tag == tag
    )
    return exists(select(items.c.id).where(items.c.story_id == story_id, exists(tagged)))


@dataclass(frozen=True, slots=True)
class _Candidates:
    """The stories of a feed as a query, with the columns that order them by date and by
    arrival (the story id)."""

    query: Select[Any]
    published: ColumnElement[Any]
    story_id: ColumnElement[int]


def _visible(connection: Connection, chosen: StoryFilter) -> _Candidates:
    # A tag or source filter drives the query through the feed index (feed_index.py): its
    # candidates come in date (or id) order from an index, and each is checked, so with a
    # LIMIT the query stops after the page is full. Unfiltered, the stories' own date index
    # plays that part.
    key = (
        feed_index.tag_key(chosen.all_tags[0])
        if chosen.all_tags
        else feed_index.source_key(chosen.source_id)
        if chosen.source_id is not None
        else None
    )
    if key is None:
        query = select(stories.c.id)
        published, story_id = stories.c.published_at, stories.c.id
    else:
        query = select(story_keys.c.story_id).where(story_keys.c.key == key)
        published, story_id = story_keys.c.published_at, story_keys.c.story_id
    listed = (
        select(items.c.id)
        .join(sources, sources.c.id == items.c.source_id)
        .where(items.c.story_id == story_id, sources.c.in_config, items.c.listed)
    )
    query = query.where(exists(listed))
    if chosen.source_id is not None:
        query = query.where(
            exists(
                select(items.c.id).where(
                    items.c.story_id == story_id,
                    items.c.source_id == chosen.source_id,
                    items.c.listed,
                )
            )
        )
    for tag in chosen.all_tags:
        query = query.where(_has_tag(tag, story_id))
    for tag in chosen.none_tags:
        query = query.where(~_has_tag(tag, story_id))
    if chosen.text is not None:
        matching = search.matching_items(connection, chosen.text)
        if matching is None:
            query = query.where(false())
        else:
            found = matching.columns(item_id=Integer, rank=Float).subquery()
            query = query.where(
                story_id.in_(
                    select(items.c.story_id).where(items.c.id.in_(select(found.c.item_id)))
                )
            )
    return _Candidates(query, published, story_id)


def latest(connection: Connection, chosen: StoryFilter, limit: int) -> list[StoryEntry]:
    """The newest stories by first publication."""
    return story_entries(connection, latest_ids(connection, chosen, limit))


def latest_ids(connection: Connection, chosen: StoryFilter, limit: int) -> list[int]:
    found = _visible(connection, chosen)
    query = found.query.order_by(found.published.desc(), found.story_id.desc()).limit(limit)
    return list(connection.execute(query).scalars())


def arrival_ids(
    connection: Connection,
    chosen: StoryFilter,
    after: int,
    *,
    upto: int | None = None,
    limit: int | None = None,
) -> list[int]:
    """Story ids above `after` (and up to `upto`), in the order the stories were first stored:
    the stable order of archive pages."""
    found = _visible(connection, chosen)
    query = found.query.where(found.story_id > after)
    if upto is not None:
        query = query.where(found.story_id <= upto)
    query = query.order_by(found.story_id)
    if limit is not None:
        query = query.limit(limit)
    return list(connection.execute(query).scalars())


def tags_in_use(connection: Connection) -> list[str]:
    """Tags with at least one published story: the index's tag keys, each checked."""
    found: list[str] = []
    key = feed_index.next_key(connection, feed_index.TAG, "")
    while key is not None:
        tag = key.removeprefix(feed_index.TAG)
        if latest_ids(connection, StoryFilter(all_tags=(tag,)), 1):
            found.append(tag)
        key = feed_index.next_key(connection, feed_index.TAG, key)
    return found


def heads(connection: Connection, story_ids: list[int]) -> dict[int, tuple[int, datetime, str]]:
    """{story id: (revision, first publication, entry id)}: what a publish needs to order
    stories and to tell whether a feed changed, without reading their texts."""
    query = select(
        stories.c.id, stories.c.revision, stories.c.published_at, stories.c.entry_id
    ).where(stories.c.id.in_(story_ids))
    return {
        row.id: (row.revision, row.published_at, row.entry_id) for row in connection.execute(query)
    }


def source_labels(connection: Connection) -> list[tuple[Any, ...]]:
    """Every source as published entries name it (title, links, language)."""
    query = select(
        sources.c.id,
        sources.c.title,
        sources.c.feed_title,
        sources.c.url,
        sources.c.public_url,
        sources.c.feed_link,
        sources.c.feed_subtitle,
        sources.c.language,
        sources.c.in_config,
    ).order_by(sources.c.id)
    return [tuple(row) for row in connection.execute(query)]


def story_entries(connection: Connection, story_ids: list[int]) -> list[StoryEntry]:
    # (imported here: publishing needs the links checked, a round of 304s does not)
    from aggregator.normalize.entries import http_url, published_link

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
            sources.c.public_url.label("source_public_url"),
            sources.c.feed_link,
            sources.c.language.label("source_language"),
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
                link=published_link(main.link),
                summary_html=main.summary_html,
                content_html=main.content_html,
                author=main.author,
                published=story.published_at,
                updated=story.updated_at,
                source=_source_ref(main),
                tags=tuple(sorted(tags[story_id])),
                also=tuple(
                    (_source_ref(r), published_link(r.link)) for r in rows if r.id != main.id
                ),
                enclosures=tuple(e for e in enclosures_of(main.enclosures) if http_url(e.url)),
                image=http_url(main.image),
                source_updated=main.source_updated,
            )
        )
    return entries


def _source_ref(row: Any) -> SourceRef:
    # What is published must hold no credentials and no address but http(s) ones, also for
    # rows that an earlier version stored.
    from aggregator.normalize.entries import http_url  # (at first use, as in story_entries)

    return SourceRef(
        id=row.source_id,
        title=row.source_title or row.feed_title or row.source_id,
        feed_url=row.source_public_url or public_url(row.source_url),
        site_link=http_url(public_url(row.feed_link)) if row.feed_link else None,
        language=row.source_language,
    )


def search_stories(
    connection: Connection, query: str, limit: int
) -> list[tuple[StoryEntry, float]]:
    """Published stories with an item matching `query`, best match first, each with its
    rank (lower is better: BM25 on SQLite, minus ts_rank on PostgreSQL)."""
    matching = search.matching_items(connection, query)
    if matching is None:
        return []
    visible = set(connection.execute(_visible(connection, StoryFilter(text=query)).query).scalars())
    best: dict[int, float] = {}
    found = matching.columns(item_id=Integer, rank=Float).subquery()
    ranked = select(items.c.story_id, found.c.rank).join(found, found.c.item_id == items.c.id)
    for story_id, rank in connection.execute(ranked.order_by(found.c.rank)):
        if story_id in visible and story_id not in best:
            best[story_id] = rank
            if len(best) >= limit:
                break
    entries = story_entries(connection, list(best))  # in the order asked
    return list(zip(entries, best.values(), strict=True))
