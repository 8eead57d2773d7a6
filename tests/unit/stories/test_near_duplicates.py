"""Near-duplicate candidates through the real store: a cross-post found by its band keys, none
when the feature is off or outside the time window (stories/near_duplicates.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from aggregator.config.settings import SimilarTextSettings
from aggregator.store import Store
from aggregator.stories.near_duplicates import similar_stories
from tests.support.items import CROSS_POST, NOW, OTHER_CASE, RELEASE
from tests.support.items import release_item as _entry
from tests.support.items import store_items as _store_entries


def test_the_store_finds_a_near_duplicate_by_its_bands(tmp_path: Path) -> None:
    from aggregator.config.loading import SourceSettings

    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        store.sync_sources(
            [
                SourceSettings(id="a", url="https://a.example/f"),
                SourceSettings(id="b", url="https://b.example/f"),
            ],
            NOW,
        )
        first = _entry("VAT fraud network dismantled", RELEASE, "https://a.example/1")
        _store_entries(store, "a", [first])
        cross = _entry("14 arrests in VAT carousel fraud", CROSS_POST, "https://b.example/9")
        other = _entry("Another VAT fraud", OTHER_CASE, "https://b.example/10")
        with store.transaction() as tx:
            found = similar_stories(
                tx, [cross, other], skip_keys=(), linked={}, settings=SimilarTextSettings(), now=NOW
            )
            assert set(found) == {cross.key}
            story, why = found[cross.key]
            assert isinstance(story, int) and why.startswith("text similarity 0.")
            off = similar_stories(
                tx,
                [cross],
                skip_keys=(),
                linked={},
                settings=SimilarTextSettings(enabled=False),
                now=NOW,
            )
            assert off == {}
            # Outside the time window, no candidate at all.
            late = _entry("14 arrests in VAT carousel fraud", CROSS_POST, "https://b.example/11")
            late = replace(late, published=NOW + timedelta(days=30))
            assert (
                similar_stories(
                    tx, [late], skip_keys=(), linked={}, settings=SimilarTextSettings(), now=NOW
                )
                == {}
            )
    finally:
        store.close()
