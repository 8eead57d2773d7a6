"""What deciding a source's items needs to know of the store: a protocol, so that the stories'
decisions depend on no store (the store's transaction answers it; tests answer it with
plain values)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Protocol

from aggregator.models import StoredItemState, StoryCopy


class StoryLookup(Protocol):
    def stored_items(self, source_id: str, keys: Sequence[str]) -> dict[str, StoredItemState]:
        """The source's stored items with these keys, by key."""
        ...

    def stored_by_link(self, source_id: str, links: Sequence[str]) -> dict[str, StoredItemState]:
        """The source's stored items by canonical link (the newest of several)."""
        ...

    def stories_by_link(self, links: Sequence[str]) -> dict[str, int]:
        """Canonical link -> the oldest story with an item of that link."""
        ...

    def band_hits(self, bands: Collection[int], crowded: int) -> dict[int, list[int]]:
        """Near-duplicate band key -> the stored items that have it."""
        ...

    def candidate_items(self, ids: Collection[int]) -> dict[int, dict[str, Any]]:
        """{id: {id, story_id, published_at, title, summary_html, content_html}}."""
        ...

    def has_items(self, source_id: str) -> bool:
        """Whether the source has stored anything yet (its first fetch, else)."""
        ...

    def shown_copies(self, story_ids: Collection[int]) -> dict[int, StoryCopy]:
        """The copy each of these stories shows now."""
        ...
