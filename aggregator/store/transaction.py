"""Reads and writes of one source's update, inside one transaction (see Store.transaction)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Select,
    func,
    select,
    update,
)

from aggregator.models import Enclosure, FeedIntent, ItemIntent, StoredItemState, StoryCopy
from aggregator.store import bands as bands_index
from aggregator.store import feed_index, outcomes, rounds, search
from aggregator.store.driver import ConnectionStatements, insert_rows, run_many
from aggregator.store.engine import in_chunks
from aggregator.store.schema import item_tags, items, sources, stories


class StoreTransaction:
    """Reads and writes of one source's update, inside one transaction."""

    def __init__(
        self,
        connection: Connection,
        crowded_bands: bands_index.CrowdedBands | None = None,
        fold_clock: bands_index.FoldClock | None = None,
    ) -> None:
        self.connection = connection
        self.crowded_bands = (
            crowded_bands if crowded_bands is not None else bands_index.CrowdedBands()
        )
        self.fold_clock = fold_clock if fold_clock is not None else bands_index.FoldClock()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """What is written inside is undone, alone, if it raises."""
        with self.connection.begin_nested():
            yield

    def stored_items(self, source_id: str, keys: Sequence[str]) -> dict[str, StoredItemState]:
        found: dict[str, StoredItemState] = {}
        for chunk in in_chunks(keys):
            query = _stored_state_query().where(
                items.c.source_id == source_id, items.c.key.in_(chunk)
            )
            for row in self.connection.execute(query):
                found[row.key] = _stored_state(row)
        return found

    def stored_by_link(self, source_id: str, links: Sequence[str]) -> dict[str, StoredItemState]:
        """The source's stored items by canonical link (the newest, when several share one):
        where a republished item with a new guid is recognised."""
        found: dict[str, StoredItemState] = {}
        for chunk in in_chunks(links):
            # By link alone (its index), the source filtered here: with the source in the
            # query, SQLite walks the source's every item through the (source, key) index.
            query = (
                _stored_state_query()
                .add_columns(items.c.source_id)
                .where(items.c.canonical_link.in_(chunk))
                .order_by(items.c.id)
            )
            for row in self.connection.execute(query):
                if row.source_id == source_id:
                    found[row.canonical_link] = _stored_state(row)
        return found

    def stories_by_link(self, links: Sequence[str]) -> dict[str, int]:
        """Canonical link -> the oldest story that has an item with it."""
        found: dict[str, int] = {}
        for chunk in in_chunks(links):
            query = (
                select(items.c.canonical_link, func.min(items.c.story_id))
                .where(items.c.canonical_link.in_(chunk))
                .group_by(items.c.canonical_link)
            )
            for link, story_id in self.connection.execute(query):
                found[link] = story_id
        return found

    def band_hits(self, bands: Collection[int], crowded: int) -> dict[int, list[int]]:
        """Band key -> the stored items that have it (see bands.hits)."""
        return bands_index.hits(self.connection, bands, crowded, self.crowded_bands)

    def candidate_items(self, ids: Collection[int]) -> dict[int, dict[str, Any]]:
        """{id: {id, story_id, published_at, title, summary_html, content_html}}."""
        found: dict[int, dict[str, Any]] = {}
        for chunk in in_chunks(sorted(set(ids))):
            query = select(
                items.c.id,
                items.c.story_id,
                items.c.published_at,
                items.c.title,
                items.c.summary_html,
                items.c.content_html,
            ).where(items.c.id.in_(chunk))
            for row in self.connection.execute(query):
                found[row.id] = dict(row._mapping)
        return found

    def has_items(self, source_id: str) -> bool:
        query = select(items.c.id).where(items.c.source_id == source_id).limit(1)
        return self.connection.execute(query).first() is not None

    def recent_item_counts(self, source_ids: Collection[str], since: datetime) -> dict[str, int]:
        """Items of each source published since `since` (their publishing rates), in one
        statement for a batch of sources: one per source was the largest part of the store
        thread's time in a round of 304s (docs/performance.md, "Figures (2026-11-29, eighth
        session)", "What changed this session")."""
        return rounds.recent_item_counts(ConnectionStatements(self.connection), source_ids, since)

    def apply(self, intent: FeedIntent) -> tuple[int, int]:
        """Write one source's outcome and its items; returns (new, updated) counts."""
        fresh = [item for item in intent.items if item.action == "new"]
        source_updated = intent.feed_updated or intent.checked_at
        self._insert(intent.source_id, fresh, source_updated)
        edited = [item for item in intent.items if item.action != "new"]
        for item in edited:
            self._update(item, source_updated)
        # An edited text is findable by its new lead (its story stays what it was): the edited
        # items' old keys go in one statement (the small table is read whole for them).
        bands_index.forget(self.connection, [item.item_id for item in edited if item.item_id])
        bands_index.add(
            self.connection,
            [
                (band, item.item_id)
                for item in edited
                if item.item_id
                for band in dict.fromkeys(item.data.text_bands)
            ],
            self.fold_clock,
        )
        new, updated = len(fresh), len(intent.items) - len(fresh)
        outcomes.write(ConnectionStatements(self.connection), [(intent, new, updated)])
        return new, updated

    def apply_outcomes(self, intents: Sequence[FeedIntent]) -> None:
        """Outcomes without items (not modified, unchanged, errors) of many sources at once."""
        assert not any(intent.items for intent in intents)
        outcomes.write(
            ConnectionStatements(self.connection), [(intent, 0, 0) for intent in intents]
        )

    def _insert(
        self, source_id: str, fresh: Sequence[ItemIntent], source_updated: datetime
    ) -> None:
        """New items in a few statements, whatever their number: their new stories, the
        items, the stories' representatives, their tags and band keys (one executemany each;
        a feed's first fetch brings hundreds)."""
        if not fresh:
            return
        story_ids = self._create_stories(fresh)
        item_ids = insert_rows(
            self.connection,
            items,
            [
                {
                    "source_id": source_id,
                    "key": item.data.key,
                    "guid": item.data.guid,
                    "link": item.data.link,
                    "canonical_link": item.data.canonical_link,
                    "title": item.data.title,
                    "summary_html": item.data.summary_html,
                    "content_html": item.data.content_html,
                    "author": item.data.author,
                    "categories": json.dumps(list(item.data.categories), ensure_ascii=False),
                    "published_at": item.published_at,
                    "updated_at": item.updated_at,
                    "first_seen_at": item.first_seen_at,
                    "content_hash": item.data.content_hash,
                    "story_id": _story_id(item, story_ids),
                    "listed": item.listed,
                    "merge_reason": item.merge_reason,
                    "date_note": item.data.date_note,
                    "enclosures": enclosures_json(item.data.enclosures),
                    "image": item.data.image,
                    "source_updated": source_updated,
                }
                for item in fresh
            ],
        )
        # The items the decider chose for their stories to show (representative.py): the
        # story of a new one starts with it; a story that changes hands keeps its entry id and
        # first publication, and its `updated` says the text changed.
        run_many(
            self.connection,
            "UPDATE stories SET representative_item_id = ?, updated_at = CASE WHEN ? THEN ?"
            " ELSE updated_at END WHERE id = ?",
            [
                (
                    item_id,
                    isinstance(item.story, int),
                    item.first_seen_at,
                    _story_id(item, story_ids),
                )
                for item, item_id in zip(fresh, item_ids, strict=True)
                if item.shown
            ],
        )
        _add_tags(self.connection, zip(item_ids, fresh, strict=True))
        feed_index.items_changed(self.connection, item_ids)
        search.index(
            self.connection,
            [search.row_of(item_id, item) for item, item_id in zip(fresh, item_ids, strict=True)],
            fresh=True,
        )
        bands_index.add(
            self.connection,
            [
                (band, item_id)
                for item, item_id in zip(fresh, item_ids, strict=True)
                for band in dict.fromkeys(item.data.text_bands)
            ],
            self.fold_clock,
        )

    def _create_stories(self, fresh: Sequence[ItemIntent]) -> dict[str, int]:
        """The stories the new items start (a token each), dated by the first item naming it."""
        first: dict[str, ItemIntent] = {}
        for item in fresh:
            if isinstance(item.story, str):
                first.setdefault(item.story, item)
        if not first:
            return {}
        ids = insert_rows(
            self.connection,
            stories,
            [
                {
                    "entry_id": token,
                    "published_at": item.published_at,
                    "updated_at": item.updated_at,
                    "created_at": item.first_seen_at,
                }
                for token, item in first.items()
            ],
        )
        return dict(zip(first, ids, strict=True))

    def shown_copies(self, story_ids: Collection[int]) -> dict[int, StoryCopy]:
        """The copy each of these stories shows now (stories.lookup.StoryLookup)."""
        found: dict[int, StoryCopy] = {}
        for chunk in in_chunks(sorted(set(story_ids))):
            query = (
                select(
                    stories.c.id.label("story_id"),
                    items.c.id,
                    items.c.source_id,
                    items.c.link,
                    items.c.published_at,
                    sources.c.kind,
                    sources.c.url,
                )
                .join(items, items.c.id == stories.c.representative_item_id)
                .join(sources, sources.c.id == items.c.source_id)
                .where(stories.c.id.in_(chunk))
            )
            for row in self.connection.execute(query):
                found[row.story_id] = _copy(row)
        return found

    def _update(self, item: ItemIntent, source_updated: datetime) -> None:
        data = item.data
        assert item.item_id is not None
        self.connection.execute(
            update(items)
            .where(items.c.id == item.item_id)
            .values(
                key=data.key,  # a republished item recognised by its link takes its new key
                guid=data.guid,
                link=data.link,
                title=data.title,
                summary_html=data.summary_html,
                content_html=data.content_html,
                author=data.author,
                categories=json.dumps(list(data.categories), ensure_ascii=False),
                updated_at=item.updated_at,
                content_hash=data.content_hash,
                date_note=data.date_note,
                enclosures=enclosures_json(data.enclosures),
                image=data.image,
                source_updated=source_updated,
            )
        )
        # The story's `updated` follows its representative's edits only.
        self.connection.execute(
            update(stories)
            .where(stories.c.id == item.story, stories.c.representative_item_id == item.item_id)
            .values(updated_at=item.updated_at)
        )
        self.connection.execute(item_tags.delete().where(item_tags.c.item_id == item.item_id))
        _add_tags(self.connection, [(item.item_id, item)])
        feed_index.items_changed(self.connection, [item.item_id])
        search.index(self.connection, [search.row_of(item.item_id, item)])


def story_copies(
    connection: Connection, story_id: int, *, without_item: int | None = None
) -> list[StoryCopy]:
    """A story's items as representative.py weighs them (`without_item`: leave it out)."""
    query = (
        select(
            items.c.id,
            items.c.source_id,
            items.c.link,
            items.c.published_at,
            sources.c.kind,
            sources.c.url,
        )
        .join(sources, sources.c.id == items.c.source_id)
        .where(items.c.story_id == story_id)
    )
    if without_item is not None:
        query = query.where(items.c.id != without_item)
    return [_copy(row) for row in connection.execute(query)]


def _copy(row: Any) -> StoryCopy:
    # The source's own site is its configured address (never what its feed claims).
    return StoryCopy(row.id, row.source_id, row.kind, row.link, (row.url,), row.published_at)


def enclosures_json(enclosures: Sequence[Enclosure]) -> str | None:
    """How an item's enclosures are stored (None for none)."""
    if not enclosures:
        return None
    return json.dumps(
        [{"url": e.url, "type": e.type, "length": e.length} for e in enclosures],
        ensure_ascii=False,
    )


def enclosures_of(stored: str | None) -> tuple[Enclosure, ...]:
    if not stored:
        return ()
    return tuple(
        Enclosure(str(e["url"]), e.get("type"), e.get("length")) for e in json.loads(stored)
    )


def _add_tags(connection: Connection, tagged: Iterable[tuple[int, ItemIntent]]) -> None:
    run_many(
        connection,
        "INSERT INTO item_tags (item_id, tag, origin, detail) VALUES (?, ?, ?, ?)",
        [(item_id, t.tag, t.origin, t.detail) for item_id, item in tagged for t in item.tags],
    )


def _stored_state_query() -> Select[Any]:
    return select(
        items.c.id,
        items.c.key,
        items.c.content_hash,
        items.c.story_id,
        items.c.updated_at,
        items.c.title,
        items.c.canonical_link,
    )


def _stored_state(row: Row[Any]) -> StoredItemState:
    return StoredItemState(
        item_id=row.id,
        key=row.key,
        content_hash=row.content_hash,
        story_id=row.story_id,
        updated_at=row.updated_at,
        title=row.title,
    )


def _story_id(item: ItemIntent, created: dict[str, int]) -> int:
    return item.story if isinstance(item.story, int) else created[item.story]
