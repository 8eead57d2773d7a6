"""Which new items are a stored release under another link, or the same release as an
earlier new item of the same batch: the lookups around the pure comparison in similarity.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from .models import ItemData
from .normalize import release_text
from .settings import SimilarTextSettings
from .similarity import TextProfile, profile, same_release
from .store import StoreTransaction


def similar_stories(
    tx: StoreTransaction,
    items: Sequence[ItemData],
    *,
    skip_keys: Collection[str],
    linked: Mapping[str, int],
    settings: SimilarTextSettings,
    now: datetime,
) -> dict[str, tuple[int | str, str]]:
    """Item key -> (story id, or the key of an earlier item of `items`; why) for the items
    that are new (`skip_keys` are stored), have no link an existing story has (`linked`), and
    whose text matches a stored item's or an earlier new item's."""
    found: dict[str, tuple[int | str, str]] = {}
    if not settings.enabled:
        return found
    fresh = [i for i in items if i.key not in skip_keys and i.text_bands]
    # One lookup of every band key of the batch, then of the items that share any.
    hits = tx.band_hits([band for item in fresh for band in item.text_bands])
    shared = {item.key: _ranked(item, hits) for item in fresh}
    stored = tx.candidate_items({c for ranked in shared.values() for c in ranked})
    earlier: list[ItemData] = []  # new items of this batch, feed order
    profiles: dict[str, TextProfile] = {}  # made only for items that have a candidate

    def profile_of(item: ItemData) -> TextProfile:
        if item.key not in profiles:
            profiles[item.key] = _profile(item.title, item.summary_html, item.content_html)
        return profiles[item.key]

    for item in fresh:
        if item.key in found:
            continue
        if item.canonical_link is None or item.canonical_link not in linked:
            published = item.published or now
            candidates = [
                stored[c]
                for c in shared[item.key]
                if c in stored and abs(stored[c]["published_at"] - published) <= settings.within
            ]
            bands = set(item.text_bands)
            neighbours = [other for other in earlier if not bands.isdisjoint(other.text_bands)]
            if candidates or neighbours:
                mine = profile_of(item)
                match = _best_stored(candidates, mine, settings) or _best_earlier(
                    mine, [(other, profile_of(other)) for other in neighbours], settings
                )
                if match is not None:
                    found[item.key] = match
        earlier.append(item)
    return found


def _ranked(item: ItemData, hits: Mapping[int, list[int]], limit: int = 20) -> list[int]:
    """The stored items sharing most band keys with the item, at most `limit` of them (a
    bucket crowded by boilerplate text must not make one decision slow)."""
    counts = Counter(c for band in set(item.text_bands) for c in hits.get(band, ()))
    return [c for c, _ in counts.most_common(limit)]


def _best_stored(
    candidates: Sequence[Mapping[str, Any]], mine: TextProfile, settings: SimilarTextSettings
) -> tuple[int | str, str] | None:
    best: tuple[float, int, int] | None = None
    for candidate in candidates:
        theirs = _profile(candidate["title"], candidate["summary_html"], candidate["content_html"])
        score = same_release(
            mine, theirs, threshold=settings.threshold, min_words=settings.min_words
        )
        if score is not None and (best is None or score > best[0]):
            best = (score, candidate["story_id"], candidate["id"])
    if best is None:
        return None
    score, story_id, item_id = best
    return story_id, f"text similarity {score:.2f} with item {item_id}"


def _best_earlier(
    mine: TextProfile,
    neighbours: Sequence[tuple[ItemData, TextProfile]],
    settings: SimilarTextSettings,
) -> tuple[int | str, str] | None:
    """The best match among earlier new items of the batch that share a band key."""
    best: tuple[float, ItemData] | None = None
    for other, theirs in neighbours:
        score = same_release(
            mine, theirs, threshold=settings.threshold, min_words=settings.min_words
        )
        if score is not None and (best is None or score > best[0]):
            best = (score, other)
    if best is None:
        return None
    score, other = best
    return other.key, f"text similarity {score:.2f} with {other.title!r} of the same fetch"


def _profile(title: str, summary_html: str, content_html: str) -> TextProfile:
    return profile(release_text(title, summary_html, content_html))
