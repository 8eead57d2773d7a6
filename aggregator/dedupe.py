"""Which stored item and which story each fetched item belongs to. Pure.

Baseline rules (issue #2): an item is known by its key within its source; a changed content
hash is an edit of the same item; items of any source that share a canonical link are one story.
A new story's token is its permanent Atom entry id, derived from the first item that made it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .models import ItemData, ItemIntent, StoredItemState, TagAssignment


@dataclass(frozen=True, slots=True)
class DedupeContext:
    """What the store knows that matters for one batch of one source."""

    source_id: str
    entry_id_prefix: str
    stored: Mapping[str, StoredItemState]
    stories_by_link: Mapping[str, int]
    # On a source's first fetch, items published before this are stored but not published.
    list_after: datetime | None = None


def story_entry_id(prefix: str, source_id: str, key: str) -> str:
    """The permanent id of a story, fixed when its first item is stored."""
    digest = hashlib.sha256(f"{source_id}\x00{key}".encode()).hexdigest()[:24]
    return f"{prefix}:story:{digest}"


def decide(
    items: Sequence[ItemData],
    context: DedupeContext,
    now: datetime,
    tags_of: Callable[[ItemData], tuple[TagAssignment, ...]],
) -> tuple[ItemIntent, ...]:
    """Intents for the items that are new or edited; unchanged items need no write."""
    intents: list[ItemIntent] = []
    seen_keys: set[str] = set()
    new_stories: dict[str, str] = {}
    for position, item in enumerate(items):
        if item.key in seen_keys:
            continue  # a feed that repeats an entry: the first copy wins
        seen_keys.add(item.key)
        stored = context.stored.get(item.key)
        if stored is not None:
            if stored.content_hash != item.content_hash:
                intents.append(_edit(item, stored, now, tags_of(item)))
            continue
        story: int | str
        link = item.canonical_link
        if link is not None and link in context.stories_by_link:
            story = context.stories_by_link[link]
        elif link is not None and link in new_stories:
            story = new_stories[link]
        else:
            story = story_entry_id(context.entry_id_prefix, context.source_id, item.key)
            if link is not None:
                new_stories[link] = story
        # Undated items keep their order in the feed (newest first) by a millisecond apart.
        published = item.published or now - timedelta(milliseconds=position)
        intents.append(
            ItemIntent(
                action="new",
                data=item,
                story=story,
                published_at=published,
                updated_at=max(item.updated or published, published),
                first_seen_at=now,
                tags=tags_of(item),
                listed=context.list_after is None or published >= context.list_after,
            )
        )
    return tuple(intents)


def _edit(
    item: ItemData, stored: StoredItemState, now: datetime, tags: tuple[TagAssignment, ...]
) -> ItemIntent:
    # The publisher's own `updated` when it moved forward, else the time we saw the change.
    updated = item.updated if item.updated and item.updated > stored.updated_at else now
    return ItemIntent(
        action="update",
        data=item,
        story=stored.story_id,
        published_at=item.published or stored.updated_at,
        updated_at=max(updated, stored.updated_at),
        first_seen_at=now,
        tags=tags,
        item_id=stored.item_id,
    )
