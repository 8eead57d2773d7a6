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

from sqlalchemy import Connection, delete, select, update

from aggregator.store.driver import in_list, run
from aggregator.store.schema import stories, story_keys

TAG = "t:"
SOURCE = "s:"
_CHUNK = 500  # bound on IN (...) lists


def tag_key(tag: str) -> str:
    return TAG + tag


def source_key(source_id: str) -> str:
    return SOURCE + source_id


def _add(connection: Connection, chosen_items: str, *parameters: Any) -> None:
    """Index the stories of the chosen items (an SQL condition on `items`, its parameters
    given for each of its two uses) under their tags and their sources. Plain SQL: built with
    SQLAlchemy's expression language for each write, this union cost more to compile than to
    run (docs/performance.md, "Figures (2026-11-29, fifth session)")."""
    run(
        connection,
        "INSERT INTO story_keys (key, story_id, published_at)"
        " SELECT key, story_id, published_at FROM ("
        f" SELECT '{TAG}' || item_tags.tag AS key, items.story_id, stories.published_at"
        " FROM item_tags JOIN items ON items.id = item_tags.item_id"
        f" JOIN stories ON stories.id = items.story_id WHERE {chosen_items}"
        " UNION"
        f" SELECT '{SOURCE}' || items.source_id, items.story_id, stories.published_at"
        f" FROM items JOIN stories ON stories.id = items.story_id WHERE {chosen_items}"
        # The WHERE keeps SQLite from reading the ON CONFLICT as a join's ON.
        ") AS found WHERE true ON CONFLICT DO NOTHING",
        *parameters,
    )


def items_changed(connection: Connection, item_ids: Sequence[int]) -> None:
    """After these items were written, got new tags or moved to another story: index their
    stories under the items' tags and sources, and raise the stories' revisions."""
    for start in range(0, len(item_ids), _CHUNK):
        chosen, ids = in_list(connection, "items.id", item_ids[start : start + _CHUNK])
        _add(connection, chosen, ids, ids)
        run(
            connection,
            "UPDATE stories SET revision = revision + 1"
            f" WHERE id IN (SELECT story_id FROM items WHERE {chosen})",
            ids,
        )


def stories_changed(connection: Connection, story_ids: Sequence[int]) -> None:
    """Raise the revision of these stories: what their published entries show changed."""
    for start in range(0, len(story_ids), _CHUNK):
        chunk = story_ids[start : start + _CHUNK]
        connection.execute(
            update(stories).where(stories.c.id.in_(chunk)).values(revision=stories.c.revision + 1)
        )


def rebuild(connection: Connection) -> None:
    """The index from scratch: exactly the stored items' tags and sources."""
    connection.execute(delete(story_keys))
    _add(connection, "true")


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
