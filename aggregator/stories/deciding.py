"""Deciding a source's fetched items on the store thread: what the store knows (stored keys,
stories by link, the source's items by link, near-duplicates), then the pure dedupe.decide."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aggregator.config.loading import Config, SourceSettings
from aggregator.models import ItemData, ItemIntent, TagAssignment
from aggregator.store import StoreTransaction
from aggregator.stories.dedupe import DedupeContext, decide
from aggregator.stories.near_duplicates import similar_stories
from aggregator.tagging.tagger import Tagger, source_facts, taggable, tags_for_item


def decide_items(
    tx: StoreTransaction,
    config: Config,
    tagger: Tagger,
    source: SourceSettings,
    items: Sequence[ItemData],
    now: datetime,
    language: str | None = None,
) -> tuple[ItemIntent, ...]:
    """Intents for the new and edited items of one source's document; `language`: the
    document's confirmed language (FeedData.item_language)."""
    facts = source_facts(source, source.id)

    def tags_of(item: ItemData) -> tuple[TagAssignment, ...]:
        if item.tags is not None:
            return item.tags  # tagged by the parse worker
        return tags_for_item(tagger, facts, taggable(item), language)

    links = sorted({i.canonical_link for i in items if i.canonical_link})
    stored = tx.stored_items(source.id, [item.key for item in items])
    linked = tx.stories_by_link(links)
    context = DedupeContext(
        source_id=source.id,
        entry_id_prefix=config.settings.output.id,
        stored=stored,
        stories_by_link=linked,
        stored_by_link=tx.stored_by_link(source.id, links),
        list_after=None if tx.has_items(source.id) else now - config.max_age_of(source),
        similar=similar_stories(
            tx,
            items,
            skip_keys=stored.keys(),
            linked=linked,
            settings=config.settings.stories.similar_text,
            now=now,
        ),
    )
    return decide(items, context, now, tags_of)
