"""Which stored item and which story each fetched item belongs to. Pure.

An item is known by its key within its source; a changed content hash is an edit of the same
item; items of any source that share a canonical link are one story, and so are items whose
texts the caller found to be the same release (`similar`, see near_duplicates.py). A new
story's token is its permanent Atom entry id, derived from the first item that made it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aggregator.models import ItemData, ItemIntent, StoredItemState, TagAssignment
from aggregator.normalize.entries import plain_title_key, site_key


@dataclass(frozen=True, slots=True)
class DedupeContext:
    """What the store knows that matters for one batch of one source."""

    source_id: str
    entry_id_prefix: str
    stored: Mapping[str, StoredItemState]
    # Stories of other items by their page, keyed by site_key (www. and bare hosts as one).
    stories_by_link: Mapping[str, int]
    # On a source's first fetch, items published before this are stored but not published.
    list_after: datetime | None = None
    # The source's stored items by canonical link: a new guid on a stored link with the same
    # title or text is the same item republished (guids that change on every edit).
    stored_by_link: Mapping[str, StoredItemState] = field(default_factory=dict)
    # Item key -> (story, why) for new items whose text matched a near-duplicate: a stored
    # story's id, or the key of an earlier item of this batch (the same release twice).
    similar: Mapping[str, tuple[int | str, str]] = field(default_factory=dict)


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
    new_stories: dict[str, int | str] = {}
    story_of_key: dict[str, int | str] = {}
    batch_keys = {item.key for item in items}
    for position, item in enumerate(items):
        if item.key in seen_keys:
            continue  # a feed that repeats an entry: the first copy wins
        seen_keys.add(item.key)
        stored = context.stored.get(item.key)
        if stored is None:
            stored = _republished(item, context, batch_keys)
            if stored is not None:
                batch_keys.add(stored.key)  # one new guid takes over one stored item
        if stored is not None:
            story_of_key[item.key] = stored.story_id
            if stored.content_hash != item.content_hash or stored.key != item.key:
                intents.append(_edit(item, stored, now, tags_of(item)))
            continue
        story: int | str
        merge_reason = None
        link = site_key(item.canonical_link) if item.canonical_link else None
        if link is not None and link in context.stories_by_link:
            story = context.stories_by_link[link]
        elif link is not None and link in new_stories:
            story = new_stories[link]
        elif item.key in context.similar:
            target, merge_reason = context.similar[item.key]
            story = story_of_key[target] if isinstance(target, str) else target
            if link is not None:
                new_stories[link] = story
        else:
            story = story_entry_id(context.entry_id_prefix, context.source_id, item.key)
            if link is not None:
                new_stories[link] = story
        story_of_key[item.key] = story
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
                merge_reason=merge_reason,
            )
        )
    return tuple(intents)


def _republished(
    item: ItemData, context: DedupeContext, batch_keys: set[str]
) -> StoredItemState | None:
    """The stored item this one is under a new guid: same source, same canonical link, the
    same title or text, and its old key gone from the feed (so two items that share a link
    while both are listed stay two)."""
    if item.canonical_link is None:
        return None
    stored = context.stored_by_link.get(item.canonical_link)
    if stored is None or stored.key in batch_keys:
        return None
    if stored.content_hash == item.content_hash or plain_title_key(stored.title) == plain_title_key(
        item.title
    ):
        return stored
    return None


def _edit(
    item: ItemData, stored: StoredItemState, now: datetime, tags: tuple[TagAssignment, ...]
) -> ItemIntent:
    # The publisher's own `updated` when it moved forward, else the time we saw the change
    # (a new guid on the same text is no change a reader can see).
    if item.updated and item.updated > stored.updated_at:
        updated = item.updated
    elif item.content_hash == stored.content_hash:
        updated = stored.updated_at
    else:
        updated = now
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
