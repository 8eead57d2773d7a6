"""What the parse workers run (update/worker.py) on plain values: the items of one document
keep distinct keys."""

from __future__ import annotations

from datetime import UTC, datetime

from aggregator.normalize.entries import normalize_entry
from tests.support.items import entry

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_one_guid_for_different_items_keeps_them_all() -> None:
    from aggregator.update.worker import distinct_keys

    items = tuple(
        normalize_entry(
            entry(guid="same", link=f"/n/{n}", title=f"T{n}"), base="https://e.org/", now=NOW
        )
        for n in range(3)
    )
    fixed = distinct_keys((*items, items[0]))
    assert [i.key for i in fixed] == ["same", "https://e.org/n/1", "https://e.org/n/2", "same"]
