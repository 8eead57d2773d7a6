"""Reading stories for publishing: the newest, filtered by tags or source, and archive pages.

A story is published while at least one of its items is *listed* (not held back by the first-run
catch-up window) and comes from a source still in the config.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    Select,
    exists,
    false,
    func,
    select,
)

from ..models import SourceRef, StoryEntry
from . import search
from .schema import item_tags, items, sources, stories


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories a published feed holds: all of `all_tags`, none of `none_tags`, and
    (optionally) only those one source carried."""

    all_tags: tuple[str, ...] = ()
    none_tags: tuple[str, ...] = ()
    source_id: str | None = None
    text: str | None = None  # full-text search: stories with an item matching these words


def _tagged(tag: str) -> ColumnElement[bool]:
    """Stories with the tag, looked up through the tag index (not story by story)."""
    return stories.c.id.in_(
        select(items.c.story_id)
        .join(item_tags, item_tags.c.item_id == items.c.id)
        .where(item_tags.c.tag == tag)
    )


def _visible(connection: Connection, chosen: StoryFilter) -> Select[Any]:
    # Unfiltered, the newest stories are scanned by date and each checked for a listed item of
    # a configured source: with LIMIT that stops early. A source or tag filter first narrows
    # the candidates through an index, since scanning every story for a rare tag is slow.
    listed = (
        select(items.c.id)
        .join(sources, sources.c.id == items.c.source_id)
        .where(items.c.story_id == stories.c.id, sources.c.in_config, items.c.listed)
    )
    query = select(stories.c.id).where(exists(listed))
    if chosen.source_id is not None:
        query = query.where(
            stories.c.id.in_(
                select(items.c.story_id).where(
                    items.c.source_id == chosen.source_id, items.c.listed
                )
            )
        )
    for tag in chosen.all_tags:
        query = query.where(_tagged(tag))
    for tag in chosen.none_tags:
        query = query.where(~_tagged(tag))
    if chosen.text is not None:
        matching = search.matching_items(connection, chosen.text)
        if matching is None:
            return query.where(false())
        found = matching.columns(item_id=Integer, rank=Float).subquery()
        query = query.where(
            stories.c.id.in_(
                select(items.c.story_id).where(items.c.id.in_(select(found.c.item_id)))
            )
        )
    return query


def latest(connection: Connection, chosen: StoryFilter, limit: int) -> list[StoryEntry]:
    """The newest stories by first publication."""
    query = _visible(connection, chosen).order_by(
        stories.c.published_at.desc(), stories.c.id.desc()
    )
    return story_entries(connection, list(connection.execute(query.limit(limit)).scalars()))


def latest_ids(connection: Connection, chosen: StoryFilter, limit: int) -> list[int]:
    query = _visible(connection, chosen).order_by(
        stories.c.published_at.desc(), stories.c.id.desc()
    )
    return list(connection.execute(query.limit(limit)).scalars())


def count(connection: Connection, chosen: StoryFilter) -> int:
    query = select(func.count()).select_from(_visible(connection, chosen).subquery())
    return int(connection.execute(query).scalar() or 0)


def in_arrival_order(
    connection: Connection, chosen: StoryFilter, offset: int, limit: int
) -> list[StoryEntry]:
    """Stories in the order they were first stored: the stable order of archive pages."""
    query = _visible(connection, chosen).order_by(stories.c.id).offset(offset).limit(limit)
    return story_entries(connection, list(connection.execute(query).scalars()))


def tags_in_use(connection: Connection) -> list[str]:
    query = (
        select(item_tags.c.tag)
        .join(items, items.c.id == item_tags.c.item_id)
        .join(sources, sources.c.id == items.c.source_id)
        .where(sources.c.in_config, items.c.listed)
        .distinct()
        .order_by(item_tags.c.tag)
    )
    return list(connection.execute(query).scalars())


def story_entries(connection: Connection, story_ids: list[int]) -> list[StoryEntry]:
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
    visible = set(connection.execute(_visible(connection, StoryFilter(text=query))).scalars())
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
