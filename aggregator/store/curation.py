"""Looking at and correcting stories: which items a reference names, what a story holds and
why, and taking a wrongly merged item out of its story."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, or_, select, update

from aggregator.models import StoryCopy
from aggregator.store import feed_index
from aggregator.store.schema import item_tags, items, stories
from aggregator.store.transaction import story_copies


def find_items(connection: Connection, reference: str) -> list[dict[str, Any]]:
    """Items named by their number, their story's entry id, or their (canonical) link,
    each with its tags: [{id, source_id, title, link, story, tags: [(tag, origin, detail)]}].
    """
    condition = or_(
        items.c.link == reference,
        items.c.canonical_link == reference,
        stories.c.entry_id == reference,
    )
    if re.fullmatch(r"[0-9]{1,18}", reference):  # an item number fits a 64-bit integer
        condition = or_(condition, items.c.id == int(reference))
    query = (
        select(
            items.c.id,
            items.c.source_id,
            items.c.title,
            items.c.link,
            items.c.published_at,
            items.c.date_note,
            items.c.summary_html,
            items.c.content_html,
            items.c.author,
            stories.c.entry_id,
        )
        .join(stories, stories.c.id == items.c.story_id)
        .where(condition)
        .order_by(items.c.id)
    )
    found = []
    for row in connection.execute(query):
        tags = connection.execute(
            select(item_tags.c.tag, item_tags.c.origin, item_tags.c.detail)
            .where(item_tags.c.item_id == row.id)
            .order_by(item_tags.c.tag, item_tags.c.origin)
        ).all()
        found.append(
            {
                "id": row.id,
                "source_id": row.source_id,
                "title": row.title,
                "link": row.link,
                "story": row.entry_id,
                "published_at": row.published_at.isoformat(),
                "date_note": row.date_note,
                "summary_html": row.summary_html,
                "content_html": row.content_html,
                "author": row.author,
                "tags": [tuple(tag) for tag in tags],
            }
        )
    return found


def story_items(connection: Connection, reference: str) -> list[dict[str, Any]]:
    """The items of the story an item or entry id names, oldest first, each with why it is
    in the story: the first item, the canonical link it shares with an earlier one, or the
    text similarity recorded when it joined."""
    named = find_items(connection, reference)
    if not named:
        return []
    query = (
        select(
            items.c.id,
            items.c.source_id,
            items.c.title,
            items.c.link,
            items.c.canonical_link,
            items.c.key,
            items.c.first_seen_at,
            items.c.published_at,
            items.c.date_note,
            items.c.merge_reason,
            stories.c.entry_id,
            stories.c.representative_item_id,
        )
        .join(stories, stories.c.id == items.c.story_id)
        .where(stories.c.entry_id == named[0]["story"])
        .order_by(items.c.id)
    )
    found: list[dict[str, Any]] = []
    for row in connection.execute(query):
        earlier = next(
            (i for i in found if i["canonical_link"] == row.canonical_link and row.canonical_link),
            None,
        )
        if not found:
            why = "the story's first item"
        elif earlier:
            why = f"same link as item {earlier['id']}"
        else:
            why = row.merge_reason or "joined the story"

        found.append(
            {
                "id": row.id,
                "source_id": row.source_id,
                "title": row.title,
                "link": row.link,
                "canonical_link": row.canonical_link,
                "key": row.key,
                "first_seen_at": row.first_seen_at.isoformat(),
                "published_at": row.published_at.isoformat(),
                "date_note": row.date_note,
                "story": row.entry_id,
                "shown": row.id == row.representative_item_id,
                "why": why,
            }
        )
    return found


def unmerge(
    connection: Connection,
    item_id: int,
    now: datetime,
    choose: Callable[[Sequence[StoryCopy]], int],
) -> str | None:
    """Take an item out of its story into a story of its own; returns the new entry id, or
    None if it is alone already. The old story keeps its entry id (if the item was what it
    showed, `choose` picks among the remaining ones: stories/representative.py's rule). The
    decision sticks: a stored item keeps its story on every later fetch."""
    row = connection.execute(
        select(
            items.c.id,
            items.c.story_id,
            items.c.source_id,
            items.c.key,
            items.c.published_at,
            items.c.updated_at,
            stories.c.entry_id,
        )
        .join(stories, stories.c.id == items.c.story_id)
        .where(items.c.id == item_id)
    ).first()
    if row is None:
        return None
    others = story_copies(connection, row.story_id, without_item=item_id)
    if not others:
        return None
    entry_id = f"{row.entry_id}:split:{item_id}"
    new_story = connection.execute(
        stories.insert().values(
            entry_id=entry_id,
            representative_item_id=item_id,
            published_at=row.published_at,
            updated_at=row.updated_at,
            created_at=now,
        )
    ).inserted_primary_key
    assert new_story is not None
    feed_index.items_changed(connection, [item_id])  # the story it leaves
    connection.execute(update(items).where(items.c.id == item_id).values(story_id=new_story[0]))
    feed_index.items_changed(connection, [item_id])  # and the one it starts
    connection.execute(
        update(stories)
        .where(stories.c.id == row.story_id, stories.c.representative_item_id == item_id)
        .values(representative_item_id=choose(others), updated_at=now)
    )
    return entry_id
