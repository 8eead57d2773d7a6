"""Looking at and correcting what the aggregator decided: an item taken out of a story it was
wrongly merged into (the story left showing the copy representative.py prefers among the
rest), and the topic tags a name kept from counting, for `explain`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from aggregator.config import Config
from aggregator.models import StoryCopy
from aggregator.store import Store
from aggregator.stories.representative import representative
from aggregator.tagging.tagger import TaggableItem, blocked_by_names, source_facts, tagger


def unmerge(store: Store, config: Config, item_id: int, now: datetime) -> str | None:
    """Take the item into a story of its own for good; its new entry id, or None if it was
    alone already."""
    prefer_kinds = config.settings.stories.prefer_kinds

    def choose(copies: Sequence[StoryCopy]) -> int:
        return representative(copies, prefer_kinds)

    return store.unmerge(item_id, now, choose)


def not_counted(config: Config, item: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """The topic tags a stored item would have if names counted, and the names in its text
    (`explain` shows them): why a term in an agency's name gave no tag."""
    source = config.source(item["source_id"])
    facts = source_facts(source, item["source_id"])
    taggable = TaggableItem(
        item["title"],
        item["summary_html"] or "",
        item["content_html"] or "",
        item["link"],
        item["author"],
    )
    return blocked_by_names(tagger(config), facts, taggable)
