"""The store's band index of near-duplicate keys: crowded keys skipped, the small index of new
keys folded into the big one, every key found wherever it is (store/bands.py)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from aggregator.config.loading import STORE_VARIABLE
from aggregator.store import Store
from tests.support.items import NOW, OTHER_CASE, RELEASE
from tests.support.items import release_item as _entry
from tests.support.items import store_items as _store_entries


def test_a_crowded_band_key_is_boilerplate_and_finds_no_candidates(tmp_path: Path) -> None:
    """A key held by more than CROWDED stored items says nothing about a copy: it is skipped
    (without it a source whose items all open alike made every new item a candidate of
    thousands), while a key of a real copy still finds it."""
    from sqlalchemy import insert

    from aggregator.store.schema import item_bands
    from aggregator.stories.near_duplicates import CROWDED

    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        from aggregator.config.loading import SourceSettings

        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        entries = [
            _entry(f"Release {n}", f"{RELEASE} Case {n}.", f"https://a.example/{n}")
            for n in range(CROWDED + 2)
        ]
        _store_entries(store, "a", entries)
        with store.engine.begin() as connection:  # one key every stored item has, one only two
            ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM items")]
            connection.execute(insert(item_bands), [{"band": 7, "item_id": i} for i in ids])
            connection.execute(insert(item_bands), [{"band": 8, "item_id": i} for i in ids[:2]])
        with store.transaction() as tx:
            hits = tx.band_hits([7, 8], CROWDED)
            assert hits == {8: ids[:2]}
            assert tx.band_hits([7], len(ids)) == {7: ids}
        # The store remembers the crowded key: later lookups do not read its rows again
        # (none would be returned), whatever rows it gains; a key that is not crowded is
        # read as before.
        assert store.crowded_bands.over == {7: CROWDED}
        with store.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM item_bands WHERE band = 7")
        with store.transaction() as tx:
            assert tx.band_hits([7, 8], CROWDED) == {8: ids[:2]}  # not read: still skipped
            assert tx.band_hits([7], len(ids)) == {}  # a higher limit reads it: no rows now
    finally:
        store.close()


def test_the_memory_of_crowded_keys_is_forgotten_when_holders_may_have_gone(
    tmp_path: Path,
) -> None:
    """A failed write transaction (whose own rows a lookup counted) and a prune forget every
    crowded key the store remembered."""
    from aggregator.stories.near_duplicates import CROWDED

    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        store.crowded_bands.learn([7], CROWDED)
        with pytest.raises(RuntimeError), store.transaction():
            raise RuntimeError("a source's write failed")
        assert store.crowded_bands.over == {}
        store.crowded_bands.learn([7], CROWDED)
        store.prune(seen_before=NOW, keep_per_source=0, protected_stories=set())
        assert store.crowded_bands.over == {}
    finally:
        store.close()


def test_the_memory_of_crowded_keys_is_bounded() -> None:
    from aggregator.store.bands import CrowdedBands

    memo = CrowdedBands()
    memo.LIMIT = 3
    memo.learn([1, 2], 100)
    assert memo.skipped({1, 2, 3}, 100) == {1, 2} and memo.skipped({1}, 101) == set()
    memo.learn([3, 4], 100)  # over the limit: forgotten, then these learnt
    assert set(memo.over) == {3, 4}


def test_band_keys_are_found_before_and_after_the_small_index_folds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New keys go to a small index that moves into the big one when full (bands.py): every
    stored item is found by each of its keys wherever they are, and none is lost or doubled."""
    from sqlalchemy import text

    from aggregator.config.loading import SourceSettings
    from aggregator.store import bands

    monkeypatch.setattr(bands, "FOLD_ITEMS", 2)  # a fold every 2 items
    # On the PostgreSQL pass, its database (the fold is one statement of its own there).
    store = Store(os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        entries = [
            _entry(f"Case {n}", f"{text} Case number {n}.", f"https://a.example/{n}")
            for n, text in enumerate((RELEASE, OTHER_CASE, RELEASE[::-1], OTHER_CASE[::-1]))
        ]
        for entry in entries:
            _store_entries(store, "a", [entry])
        with store.engine.connect() as connection:
            count = "SELECT count(*) FROM {}"
            big, small = (
                connection.execute(text(count.format(t))).scalar()
                for t in ("item_bands", "recent_bands")
            )
            ids = [row[0] for row in connection.execute(text("SELECT id FROM items ORDER BY id"))]
        keys = [set(entry.text_bands) for entry in entries]
        # The third item made the small index span 2 items: it folded; the fourth's wait.
        assert big == sum(len(k) for k in keys[:3]) and small == len(keys[3])
        with store.transaction() as tx:
            hits = tx.band_hits(set().union(*keys), 100)
            for item_id, own in zip(ids, keys, strict=True):
                assert all(item_id in hits[key] for key in own)
            bands.forget(tx.connection, [ids[0], ids[3]])  # one in each table
            hits = tx.band_hits(keys[0] | keys[3], 100)
            assert not any(ids[0] in found or ids[3] in found for found in hits.values())
    finally:
        store.close()


def test_the_small_table_folds_by_the_span_this_process_knows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an item-id index, the small table's oldest item is read once per process and
    then kept: a fold resets it, a new process reads it again."""
    from aggregator.config.loading import SourceSettings
    from aggregator.store import bands

    monkeypatch.setattr(bands, "FOLD_ITEMS", 2)
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        _store_entries(
            store, "a", [_entry(f"Case {n}", RELEASE, f"https://a.example/{n}") for n in range(3)]
        )
        count = "SELECT count(*) FROM {}"
        with store.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM recent_bands")
            clock = bands.FoldClock()
            bands.add(connection, [(1, 1), (2, 1)], clock)
            assert clock.oldest == 1 and clock.read
            bands.add(connection, [(3, 2)], clock)
            assert clock.oldest == 1  # spans 1 item id: no fold yet
            later = bands.FoldClock()  # another process: reads the oldest from the table
            bands.add(connection, [(4, 3)], later)
            assert later.oldest is None  # it spanned 2: folded
            assert connection.exec_driver_sql(count.format("recent_bands")).scalar() == 0
            folded = "SELECT count(*) FROM item_bands WHERE band BETWEEN 1 AND 4"
            assert connection.exec_driver_sql(folded).scalar() == 4
    finally:
        store.close()


def test_a_pruned_items_keys_leave_both_tables(tmp_path: Path) -> None:
    from sqlalchemy import text

    from aggregator.config.loading import SourceSettings

    store = Store(os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        _store_entries(store, "a", [_entry("Case 1", RELEASE, "https://a.example/1")])
        with store.engine.begin() as connection:  # half of its keys folded, half not
            connection.exec_driver_sql(
                "INSERT INTO item_bands (band, item_id) SELECT band, item_id FROM recent_bands"
                " WHERE band > 0"
            )
            connection.exec_driver_sql("DELETE FROM recent_bands WHERE band > 0")
        store.prune(seen_before=NOW + timedelta(days=1), keep_per_source=0, protected_stories=set())
        with store.engine.connect() as connection:
            for table in ("item_bands", "recent_bands"):
                assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    finally:
        store.close()


def test_an_edited_items_new_keys_replace_its_old_ones_in_both_tables(tmp_path: Path) -> None:
    """Edited items' old keys go in one statement per source (the small table has no item-id
    index); their new keys are found, the old ones no longer find them."""
    from aggregator.config.loading import SourceSettings
    from aggregator.models import FeedIntent
    from aggregator.stories.dedupe import DedupeContext, decide
    from tests.support.items import no_tags

    store = Store(os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        first = [
            _entry(f"Case {n}", f"{text} Case number {n}.", f"https://a.example/{n}")
            for n, text in enumerate((RELEASE, OTHER_CASE))
        ]
        _store_entries(store, "a", first)
        with store.engine.begin() as connection:  # one item's keys folded, the other's not
            connection.exec_driver_sql(
                "INSERT INTO item_bands (band, item_id) SELECT band, item_id FROM recent_bands"
                " WHERE item_id = (SELECT min(id) FROM items)"
            )
            connection.exec_driver_sql(
                "DELETE FROM recent_bands WHERE item_id = (SELECT min(id) FROM items)"
            )
            ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM items ORDER BY id")]
        edited = [
            _entry(f"Case {n}", f"{text[::-1]} Case number {n}.", f"https://a.example/{n}")
            for n, text in enumerate((RELEASE, OTHER_CASE))
        ]
        with store.transaction() as tx:
            stored = tx.stored_items("a", [item.key for item in edited])
            intents = decide(edited, DedupeContext("a", "p", stored, {}), NOW, no_tags)
            assert {intent.action for intent in intents} == {"update"}
            tx.apply(FeedIntent("a", NOW, "ok", NOW, 0, items=tuple(intents)))
        with store.transaction() as tx:
            for item_id, old, new in zip(ids, first, edited, strict=True):
                gone = set(old.text_bands) - set(new.text_bands)
                assert not any(item_id in held for held in tx.band_hits(gone, 100).values())
                found = tx.band_hits(set(new.text_bands), 100)
                assert all(item_id in found[key] for key in new.text_bands)
    finally:
        store.close()
