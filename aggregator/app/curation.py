"""Correcting stories by hand: an item taken out of a story it was wrongly merged into, the
story left showing the copy representative.py prefers among the rest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aggregator.config import Config
from aggregator.models import StoryCopy
from aggregator.store import Store
from aggregator.stories.representative import representative


def unmerge(store: Store, config: Config, item_id: int, now: datetime) -> str | None:
    """Take the item into a story of its own for good; its new entry id, or None if it was
    alone already."""
    prefer_kinds = config.settings.stories.prefer_kinds

    def choose(copies: Sequence[StoryCopy]) -> int:
        return representative(copies, prefer_kinds)

    return store.unmerge(item_id, now, choose)
