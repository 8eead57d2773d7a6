"""The band index of near-duplicate keys (store/bands.py): each item's keys stored with it, the
index held in memory, read by spans of publication time and by the ids written since the last
look, changed only by writes that committed."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    create_engine,
)

from aggregator.config.loading import STORE_VARIABLE, SourceSettings
from aggregator.models import FeedIntent
from aggregator.store import Store
from aggregator.store.bands import BandIndex, Pending, merged, missing, packed, unpacked
from aggregator.stories.dedupe import DedupeContext, decide
from tests.support.items import NOW, OTHER_CASE, RELEASE, no_tags
from tests.support.items import release_item as _entry
from tests.support.items import store_items as _store_entries

DAY = timedelta(days=1)
WEEK = timedelta(days=7)


def _at(day: int) -> datetime:
    return NOW + day * DAY


# -- plain values ---------------------------------------------------------------------------


@given(st.lists(st.integers(-(2**63), 2**63 - 1), max_size=25))
def test_keys_are_stored_and_read_back_distinct_in_order(keys: list[int]) -> None:
    assert unpacked(packed(keys)) == list(dict.fromkeys(keys))
    assert (packed(keys) is None) == (not keys)


_spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (_at(p[0]), _at(p[0] + p[1]))),
    max_size=6,
)


@given(_spans, _spans, st.integers(0, 90))
def test_the_missing_parts_of_spans_and_the_covered_ones_hold_every_wanted_time(
    covered: list[tuple[datetime, datetime]], wanted: list[tuple[datetime, datetime]], day: int
) -> None:
    have, want = merged(covered), merged(wanted)
    gaps = missing(have, want)
    time = _at(day)

    def inside(spans: list[tuple[datetime, datetime]]) -> bool:
        return any(start <= time <= end for start, end in spans)

    if inside(want):
        assert inside(have) or inside(gaps)
    if inside(gaps):
        assert inside(want)
    # a gap never runs inside a covered span
    for start, end in gaps:
        assert not any(a < start and end < b for a, b in have)


def test_spans_are_merged_in_order_and_gaps_are_what_is_not_covered() -> None:
    assert merged([(_at(5), _at(9)), (_at(0), _at(2)), (_at(2), _at(3))]) == [
        (_at(0), _at(3)),
        (_at(5), _at(9)),
    ]
    assert missing([(_at(2), _at(4))], [(_at(0), _at(6))]) == [(_at(0), _at(2)), (_at(4), _at(6))]
    assert missing([(_at(0), _at(9))], [(_at(2), _at(4))]) == []
    assert missing([], [(_at(1), _at(2))]) == [(_at(1), _at(2))]


def _committed(index: BandIndex, *entries: tuple[int, int]) -> None:
    index.commit(Pending(added=list(entries)))


def test_holders_are_found_before_and_after_a_fold_and_crowded_keys_are_left_out() -> None:
    index = BandIndex()
    index.SMALL = 3
    _committed(index, (7, 1), (8, 1), (7, 2))
    assert index.holders([7, 8, 9], crowded=10) == {7: [1, 2], 8: [1]}
    _committed(index, (7, 3), (9, 3))  # over SMALL: folded into the sorted arrays
    assert index.small == {} and len(index.keys) == 5
    _committed(index, (7, 4))
    assert index.holders([7, 9], crowded=10) == {7: [1, 2, 3, 4], 9: [3]}
    # more holders than `crowded`: boilerplate, no candidates
    assert index.holders([7, 9], crowded=3) == {9: [3]}


def test_a_transactions_own_writes_are_seen_by_it_and_undone_by_a_savepoint() -> None:
    index = BandIndex()
    _committed(index, (7, 1))
    pending = Pending()
    pending.added.append((7, 2))
    mark = pending.mark()
    pending.added.append((7, 3))
    assert index.holders([7], crowded=10, pending=pending) == {7: [1, 2, 3]}
    pending.undo_to(mark)
    assert index.holders([7], crowded=10, pending=pending) == {7: [1, 2]}
    assert index.holders([7], crowded=10) == {7: [1]}  # nothing shared before a commit


def test_an_edited_items_old_keys_leave_the_index_wherever_they_are() -> None:
    index = BandIndex()
    index.SMALL = 2
    _committed(index, (7, 1), (8, 1), (7, 2))  # folded: in the arrays
    _committed(index, (9, 2))  # in the small dict
    index.commit(Pending(added=[(10, 2)], removed=[(7, 2), (9, 2)]))
    assert index.holders([7, 9, 10], crowded=10) == {7: [1], 10: [2]}
    _committed(index, (11, 3), (12, 3), (13, 3))  # a fold drops the tombstones
    assert -1 not in index.items.tolist()
    assert index.holders([7, 10], crowded=10) == {7: [1], 10: [2]}


def test_the_index_is_bounded_and_read_again_past_its_limit() -> None:
    index = BandIndex()
    index.LIMIT = 4
    index.covered = [(_at(0), _at(1))]
    _committed(index, (7, 1), (8, 1), (7, 2))
    _committed(index, (9, 3), (10, 3))  # over the limit: all forgotten, then these held
    assert index.holders([7, 9], crowded=10) == {9: [3]}
    assert index.covered == [] and index.last_id is None and index.known == {3}


# -- read from a database: spans and ids ----------------------------------------------------


def _items_table() -> tuple[Table, Engine]:
    """A store's `items` as the index reads it (id, publication time, keys), in memory."""
    metadata = MetaData()
    table = Table(
        "items",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("published_at", DateTime),
        Column("text_bands", LargeBinary),
    )
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    return table, engine


def test_items_written_by_another_process_are_read_by_id_gaps_included() -> None:
    """Ids handed out but not yet committed (PostgreSQL: another daemon's open transaction)
    are gaps, read again at each look until they appear or are given up."""
    table, engine = _items_table()
    index = BandIndex()

    def write(item_id: int, key: int) -> None:
        with engine.begin() as connection:
            connection.execute(
                table.insert().values(id=item_id, published_at=NOW, text_bands=packed([key]))
            )

    write(1, 70)
    with engine.connect() as connection:
        index.catch_up(connection, NOW)  # the first look: the largest id, nothing read
        assert index.last_id == 1 and index.holders([70], 10) == {}
    write(2, 70)
    write(4, 70)  # 3 is another transaction's, still open
    with engine.connect() as connection:
        index.catch_up(connection, NOW)
    assert index.holders([70], 10) == {70: [2, 4]} and set(index.gaps) == {3}
    write(3, 70)
    with engine.connect() as connection:
        index.catch_up(connection, NOW + timedelta(minutes=1))
    assert index.holders([70], 10) == {70: [2, 4, 3]} and index.gaps == {}
    # a gap that never fills is given up after a while
    write(6, 71)
    with engine.connect() as connection:
        index.catch_up(connection, NOW)
        assert set(index.gaps) == {5}
        index.catch_up(connection, NOW + BandIndex.GAP_PATIENCE + timedelta(seconds=1))
    assert index.gaps == {}


def test_a_transactions_own_uncommitted_items_are_not_read_as_stored() -> None:
    table, engine = _items_table()
    index = BandIndex()
    with engine.connect() as connection:
        index.catch_up(connection, NOW)
    with engine.begin() as connection:
        connection.execute(table.insert().values(id=1, published_at=NOW, text_bands=packed([7])))
        index.catch_up(connection, NOW, own={1})
        index.cover(connection, [(NOW - WEEK, NOW + WEEK)], own={1})
        assert 1 not in index.known and index.holders([7], 10) == {}
    with engine.connect() as connection:
        index.catch_up(connection, NOW)  # committed after all: read now
    assert index.holders([7], 10) == {7: [1]}


def test_spans_of_publication_time_are_read_once() -> None:
    table, engine = _items_table()
    index = BandIndex()
    with engine.begin() as connection:
        connection.execute(
            table.insert(),
            [
                {"id": 1, "published_at": NOW - 300 * DAY, "text_bands": packed([7])},
                {"id": 2, "published_at": NOW, "text_bands": packed([7])},
                {"id": 3, "published_at": NOW + DAY, "text_bands": None},
            ],
        )
    with engine.connect() as connection:
        index.catch_up(connection, NOW)
        index.cover(connection, [(NOW - WEEK, NOW + WEEK)])
        assert index.holders([7], 10) == {7: [2]}  # the old release is not read yet
        index.cover(connection, [(NOW - 301 * DAY, NOW - 299 * DAY)])
        assert index.holders([7], 10) == {7: [2, 1]}
        index.cover(connection, [(NOW - 301 * DAY, NOW + WEEK)])  # nothing new: no doubles
    assert index.holders([7], 10) == {7: [2, 1]}
    assert index.covered == [(NOW - 301 * DAY, NOW + WEEK)]


# -- the store ------------------------------------------------------------------------------


def _store(tmp_path: Path, name: str = "s.sqlite") -> Store:
    # On the PostgreSQL pass, its database: two stores on it are two daemons.
    return Store(os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / name}")


def _hits(store: Store, keys: set[int], published: datetime = NOW) -> dict[int, list[int]]:
    with store.transaction() as tx:
        return tx.band_hits(keys, 100, [(published - WEEK, published + WEEK)])


def test_each_stored_item_is_found_by_its_keys_by_this_daemon_and_another(
    tmp_path: Path,
) -> None:
    """Two stores on one database are two daemons: what one writes, the other finds at its
    next write transaction (read by id), and an edited text is found by its new keys only."""
    one, other = _store(tmp_path), _store(tmp_path)
    try:
        one.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        first = _entry("Case 1", f"{RELEASE} Case number 1.", "https://a.example/1")
        _store_entries(one, "a", [first])
        assert _hits(other, set(first.text_bands))  # the other has looked once: read it
        second = _entry("Case 2", f"{OTHER_CASE} Case number 2.", "https://a.example/2")
        _store_entries(one, "a", [second])
        with one.engine.connect() as connection:
            ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM items ORDER BY id")]
        for store in (one, other):
            found = _hits(store, set(first.text_bands) | set(second.text_bands))
            assert all(ids[0] in found[key] for key in first.text_bands)
            assert all(ids[1] in found[key] for key in second.text_bands)
        # The first item edited: its new text replaces its old keys.
        edited = _entry("Case 1", f"{OTHER_CASE[::-1]} Case number 1.", "https://a.example/1")
        with one.transaction() as tx:  # decided against what is stored: an edit
            stored = tx.stored_items("a", [edited.key])
            intents = decide([edited], DedupeContext("a", "p", stored, {}), NOW, no_tags)
            assert [intent.action for intent in intents] == ["update"]
            tx.apply(FeedIntent("a", NOW, "ok", NOW, 0, items=tuple(intents)))
        found = _hits(one, set(first.text_bands) | set(edited.text_bands))
        assert all(ids[0] in found.get(key, []) for key in edited.text_bands)
        assert not any(
            ids[0] in found.get(key, []) for key in set(first.text_bands) - set(edited.text_bands)
        )
    finally:
        one.close()
        other.close()


def test_a_write_that_fails_leaves_no_keys_and_a_prune_forgets_the_index(tmp_path: Path) -> None:
    store = _store(tmp_path)
    try:
        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        lost = _entry("Case 1", f"{RELEASE} Case number 1.", "https://a.example/1")
        with pytest.raises(RuntimeError), store.transaction() as tx:
            intents = decide([lost], DedupeContext("a", "p", {}, {}), NOW, no_tags)
            tx.apply(FeedIntent("a", NOW, "ok", NOW, 0, items=tuple(intents)))
            raise RuntimeError("the write fails after the items")
        assert _hits(store, set(lost.text_bands)) == {}
        assert store.band_index.known == set()
        _store_entries(store, "a", [lost])
        assert _hits(store, set(lost.text_bands))
        store.prune(seen_before=NOW + DAY, keep_per_source=0, protected_stories=set())
        assert store.band_index.known == set() and store.band_index.entries == 0
    finally:
        store.close()


def test_an_old_release_is_found_when_a_copy_published_near_it_arrives(tmp_path: Path) -> None:
    """The index reads the spans of time new items need: an item published a year ago is not
    read for today's items, and is read for a copy published the same week as it."""
    store = _store(tmp_path)
    try:
        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        old = replace(
            _entry("Case 1", f"{RELEASE} Case number 1.", "https://a.example/1"),
            published=NOW - 365 * DAY,
        )
        _store_entries(store, "a", [old])
        store.band_index.forget()  # as a daemon started later
        assert _hits(store, set(old.text_bands)) == {}
        assert _hits(store, set(old.text_bands), NOW - 363 * DAY)
    finally:
        store.close()
