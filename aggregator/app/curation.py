"""Looking at and correcting what the aggregator decided: an item taken out of a story it was
wrongly merged into (the story left showing the copy representative.py prefers among the
rest), and the topic tags a name or an announcement kept from counting, for `explain`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from aggregator.config import Config
from aggregator.models import StoryCopy
from aggregator.store import Store
from aggregator.stories.representative import representative
from aggregator.tagging.tagger import (
    TaggableItem,
    blocked_by_names,
    set_aside_by_announcement,
    source_facts,
    tagger,
)


def unmerge(store: Store, config: Config, item_id: int, now: datetime) -> str | None:
    """Take the item into a story of its own for good; its new entry id, or None if it was
    alone already."""
    prefer_kinds = config.settings.stories.prefer_kinds

    def choose(copies: Sequence[StoryCopy]) -> int:
        return representative(copies, prefer_kinds)

    return store.unmerge(item_id, now, choose)


def _taggable(item: dict[str, Any]) -> TaggableItem:
    return TaggableItem(
        item["title"],
        item["summary_html"] or "",
        item["content_html"] or "",
        item["link"],
        item["author"],
    )


def not_counted(config: Config, item: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """The topic tags a stored item would have if names counted, and the names in its text
    (`explain` shows them): why a term in an agency's name gave no tag."""
    facts = source_facts(config.source(item["source_id"]), item["source_id"])
    return blocked_by_names(tagger(config), facts, _taggable(item))


def announced(config: Config, item: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The words by which a stored item's title announces an appointment, and the topics its
    summary alone would have given (`explain` shows them), or ("", ())."""
    facts = source_facts(config.source(item["source_id"]), item["source_id"])
    return set_aside_by_announcement(tagger(config), facts, _taggable(item))
