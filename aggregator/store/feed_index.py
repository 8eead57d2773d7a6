"""The feed index: for every tag and every source, the stories its feed may show, with their
first publication date, in an index ordered by that date.

Why: a tag feed's newest stories, looked up through the items' tags, meant collecting every
story with the tag and sorting them (100,000 of them per tag in a store of a million items);
through this index it is a range scan that stops after the page is full.

The index is a superset, kept by every write that gives an item a tag or a story (`items_changed`):
rows are added, never corrected when a tag goes away (an edit, a retag, an unmerge), because
the queries (stories.py) check each candidate's real tags and visibility anyway. `rebuild`
(after a retag, and by the migration) makes it exact again. Deleted stories take their rows
with them (foreign key cascade).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    delete,
    literal,
    select,
    true,
    union,
    update,
)

from .engine import insert_ignoring_duplicates
from .schema import item_tags, items, stories, story_keys

TAG = "t:"
SOURCE = "s:"
_CHUNK = 500  # bound on IN (...) lists


def tag_key(tag: str) -> str:
    return TAG + tag


def source_key(source_id: str) -> str:
    return SOURCE + source_id


def _rows(chosen_items: ColumnElement[bool]) -> Select[tuple[str, int, object]]:
    """(key, story id, story date) for the tags and the sources of the chosen items."""
    by_tag = (
        select(
            (literal(TAG) + item_tags.c.tag).label("key"),
            items.c.story_id,
            stories.c.published_at,
        )
        .join(items, items.c.id == item_tags.c.item_id)
        .join(stories, stories.c.id == items.c.story_id)
        .where(chosen_items)
    )
    by_source = (
        select(
            (literal(SOURCE) + items.c.source_id).label("key"),
            items.c.story_id,
            stories.c.published_at,
        )
        .join(stories, stories.c.id == items.c.story_id)
        .where(chosen_items)
    )
    found = union(by_tag, by_source).subquery()
    # The WHERE keeps SQLite from reading the ON CONFLICT below as a join's ON.
    return select(found.c.key, found.c.story_id, found.c.published_at).where(true())


def _add(connection: Connection, rows: Select[tuple[str, int, object]]) -> None:
    statement = insert_ignoring_duplicates(connection, story_keys)
    connection.execute(statement.from_select(["key", "story_id", "published_at"], rows))


def items_changed(connection: Connection, item_ids: Sequence[int]) -> None:
    """After these items were written, got new tags or moved to another story: index their
    stories under the items' tags and sources, and raise the stories' revisions."""
    for start in range(0, len(item_ids), _CHUNK):
        chunk = item_ids[start : start + _CHUNK]
        _add(connection, _rows(items.c.id.in_(chunk)))
        stories_changed(connection, select(items.c.story_id).where(items.c.id.in_(chunk)))


def stories_changed(connection: Connection, story_ids: Sequence[int] | Select[Any]) -> None:
    """Raise the revision of these stories: what their published entries show changed."""
    chunks = (
        [story_ids]
        if isinstance(story_ids, Select)
        else [story_ids[start : start + _CHUNK] for start in range(0, len(story_ids), _CHUNK)]
    )
    for chunk in chunks:
        connection.execute(
            update(stories).where(stories.c.id.in_(chunk)).values(revision=stories.c.revision + 1)
        )


def rebuild(connection: Connection) -> None:
    """The index from scratch: exactly the stored items' tags and sources."""
    connection.execute(delete(story_keys))
    _add(connection, _rows(true()))


def next_key(connection: Connection, prefix: str, after: str) -> str | None:
    """The first key starting with `prefix` after `after`: walking the keys one index lookup
    each, rather than reading every row for a DISTINCT."""
    end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    found = connection.execute(
        select(story_keys.c.key)
        .where(story_keys.c.key > max(after, prefix), story_keys.c.key < end)
        .order_by(story_keys.c.key)
        .limit(1)
    ).scalar()
    return found
