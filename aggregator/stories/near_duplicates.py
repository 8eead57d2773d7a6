"""Which new items are a stored release under another link, or the same release as an
earlier new item of the same batch: the lookups around the pure comparison in similarity.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from aggregator.config.settings import SimilarTextSettings
from aggregator.models import ItemData
from aggregator.normalize.entries import release_text, site_key
from aggregator.normalize.similarity import TextProfile, profile, same_release
from aggregator.stories.lookup import StoryLookup

# A band key held by more stored items than this (or by more new items of one batch than
# CROWDED_IN_BATCH) is boilerplate: a template sentence in every release of a source, which
# says nothing about two texts being one release. Real copies share most of their 20 keys,
# boilerplate-free ones among them; without this, a source whose items all open alike made
# every new item a candidate of thousands, and a cold round of such feeds many times longer
# (docs/performance.md, "What changed in this round of work").
CROWDED = 100
CROWDED_IN_BATCH = 10


def similar_stories(
    tx: StoryLookup,
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
    hits = tx.band_hits([band for item in fresh for band in item.text_bands], CROWDED)
    shared = {item.key: _ranked(item, hits) for item in fresh}
    # Keys common to many items of this batch are its feed's boilerplate, as above.
    in_batch = Counter(band for item in fresh for band in set(item.text_bands))
    boilerplate = {band for band, count in in_batch.items() if count > CROWDED_IN_BATCH}
    stored = tx.candidate_items({c for ranked in shared.values() for c in ranked})
    earlier: list[ItemData] = []  # new items of this batch, feed order
    profiles: dict[str, TextProfile] = {}  # made only for items that have a candidate
    stored_profiles: dict[int, TextProfile] = {}  # a stored item may be several's candidate

    def profile_of(item: ItemData) -> TextProfile:
        if item.key not in profiles:
            profiles[item.key] = _profile(item.title, item.summary_html, item.content_html)
        return profiles[item.key]

    def stored_profile(row: Mapping[str, Any]) -> TextProfile:
        if row["id"] not in stored_profiles:
            stored_profiles[row["id"]] = _profile(
                row["title"], row["summary_html"], row["content_html"]
            )
        return stored_profiles[row["id"]]

    for item in fresh:
        if item.key in found:
            continue
        if item.canonical_link is None or site_key(item.canonical_link) not in linked:
            published = item.published or now
            candidates = [
                stored[c]
                for c in shared[item.key]
                if c in stored and abs(stored[c]["published_at"] - published) <= settings.within
            ]
            bands = set(item.text_bands) - boilerplate
            neighbours = [other for other in earlier if not bands.isdisjoint(other.text_bands)]
            if candidates or neighbours:
                mine = profile_of(item)
                match = _best_stored(candidates, mine, stored_profile, settings) or _best_earlier(
                    mine, [(other, profile_of(other)) for other in neighbours], settings
                )
                if match is not None:
                    found[item.key] = match
        earlier.append(item)
    return found


def _ranked(item: ItemData, hits: Mapping[int, list[int]], limit: int = 5) -> list[int]:
    """The stored items sharing most band keys with the item, at most `limit` of them: a real
    copy shares most of its keys and ranks first, and each candidate costs a text profile,
    so many near-alike releases of one source must not make one decision slow (a higher
    limit made such a cold round much slower, for no better recall: docs/performance.md,
    "What changed in this round of work")."""
    counts = Counter(c for band in set(item.text_bands) for c in hits.get(band, ()))
    return [c for c, _ in counts.most_common(limit)]


def _best_stored(
    candidates: Sequence[Mapping[str, Any]],
    mine: TextProfile,
    profile_of: Callable[[Mapping[str, Any]], TextProfile],
    settings: SimilarTextSettings,
) -> tuple[int | str, str] | None:
    best: tuple[float, int, int] | None = None
    for candidate in candidates:
        theirs = profile_of(candidate)
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
