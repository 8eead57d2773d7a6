"""The band-key index of near-duplicate detection (similarity.band_keys): which stored items
have a key.

Each item's keys are stored with it (`items.text_bands`, 8 bytes a key); the index that finds
the items of a key is held in memory by the store (`BandIndex`), read from those columns for
the spans of publication time that new items need (a near-duplicate is one published within
`stories.similar_text.within` of the new item), and kept current with what this process
writes and, at each write transaction, what other processes wrote since (read by item id).
As two SQL tables of 20 rows per item, the index was the largest part of the store thread's
time in a cold round: writing the rows, folding them, looking them up (docs/performance.md).

Layout: two sorted numpy arrays (keys, item ids) for most entries, a small dict for the latest
ones, folded into the arrays when it grows; an edited item's old keys are tombstoned (id -1)
in the arrays until the next fold. Bounded: past `BandIndex.LIMIT` entries everything is
forgotten and read again as needed, as after a prune.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from aggregator.store.driver import in_list, run
from aggregator.store.schema import items

# Keys are stored little-endian signed 64-bit, whatever the machine; item ids are 32-bit
# (items.id is an integer column).
KEY, ITEM = "<i8", "<i4"

Span = tuple[datetime, datetime]  # publication times, both ends included


def packed(keys: Iterable[int]) -> bytes | None:
    """An item's band keys as stored (None: the item has none)."""
    distinct = array("q", dict.fromkeys(keys))
    if sys.byteorder == "big":
        distinct.byteswap()
    return distinct.tobytes() if distinct else None


def unpacked(stored: bytes | memoryview | None) -> list[int]:
    """The keys of an `items.text_bands` value."""
    keys = array("q")
    if stored:
        keys.frombytes(stored)
        if sys.byteorder == "big":
            keys.byteswap()
    return keys.tolist()


@lru_cache(maxsize=1)
def _numpy() -> Any:
    """numpy, imported at the first lookup: a round of 304s looks nothing up, and importing
    it is a tenth of a second of such a round's start-up."""
    import numpy

    return numpy


def merged(spans: Iterable[Span]) -> list[Span]:
    """The spans in order, overlapping and touching ones joined."""
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def missing(covered: Sequence[Span], wanted: Sequence[Span]) -> list[Span]:
    """The parts of `wanted` outside `covered` (both merged: sorted, disjoint)."""
    gaps: list[Span] = []
    for start, end in wanted:
        cursor, done = start, False
        for have_start, have_end in covered:
            if have_end < cursor:
                continue
            if have_start > end:
                break
            if have_start > cursor:
                gaps.append((cursor, have_start))
            cursor = have_end
            if cursor >= end:
                done = True
                break
        if not done:
            gaps.append((cursor, end))
    return gaps


@dataclass
class Pending:
    """A write transaction's changes to the index, applied when it commits: the (key, item)
    entries of the items it wrote and the old entries of those it edited."""

    added: list[tuple[int, int]] = field(default_factory=list)
    removed: list[tuple[int, int]] = field(default_factory=list)

    def own_items(self) -> set[int]:
        return {item_id for _, item_id in self.added}

    def mark(self) -> tuple[int, int]:
        return len(self.added), len(self.removed)

    def undo_to(self, mark: tuple[int, int]) -> None:
        """Forget what was added since `mark` (a savepoint rolled back)."""
        del self.added[mark[0] :]
        del self.removed[mark[1] :]


class BandIndex:
    """Band key -> item ids, for the stored items of the spans read so far and of every write
    seen since (see the module's docstring). Used by the store's writing thread only."""

    LIMIT = 2_000_000  # entries (about 100,000 items): ~24 MB of arrays
    SMALL = 50_000  # entries in the dict before they are folded into the arrays
    GAP_PATIENCE = timedelta(minutes=10)

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Drop everything; read again as needed (after a prune, or past the limit)."""
        # The sorted arrays (numpy's), made at the first fold; None before.
        self.keys: Any = None
        self.items: Any = None
        self.small: dict[int, list[int]] = {}
        self.small_entries = 0
        self.entries = 0
        self.known: set[int] = set()  # items whose keys are held
        self.covered: list[Span] = []
        self.last_id: int | None = None  # the largest item id read; None: nothing read yet
        # Ids below last_id not seen when it was read: another process's transaction still
        # open then (PostgreSQL hands ids out before commit), or ids that will never be.
        self.gaps: dict[int, datetime] = {}

    # -- reading what the store holds ---------------------------------------------------

    def catch_up(
        self, connection: Connection, now: datetime, own: Collection[int] = frozenset()
    ) -> None:
        """Read the items written since the last look (by any process): their ids follow the
        largest read, or fill a gap below it. `own`: the items the reading transaction wrote
        itself, not stored until it commits (they stay gaps until then)."""
        if self.last_id is None:
            largest = run(connection, "SELECT max(id) FROM items").scalar()
            self.last_id = int(largest or 0)
            return
        rows = list(
            run(
                connection,
                "SELECT id, text_bands FROM items WHERE id > ?",
                self.last_id,
            )
        )
        if self.gaps:
            expired = [i for i, since in self.gaps.items() if now - since > self.GAP_PATIENCE]
            for item_id in expired:
                del self.gaps[item_id]
            if self.gaps:
                chosen, values = in_list(connection, "id", sorted(self.gaps))
                rows += run(connection, f"SELECT id, text_bands FROM items WHERE {chosen}", values)
        rows = [row for row in rows if int(row[0]) not in own]
        seen = {int(item_id) for item_id, _ in rows}
        for item_id in seen:
            self.gaps.pop(item_id, None)
        newest = max(seen, default=self.last_id)
        for item_id in range(self.last_id + 1, newest):
            if item_id not in seen and item_id not in self.known:
                self.gaps.setdefault(item_id, now)
        self.last_id = max(self.last_id, newest)
        self._hold(rows)

    def cover(
        self, connection: Connection, wanted: Sequence[Span], own: Collection[int] = frozenset()
    ) -> None:
        """Read the stored items of the spans not read yet (`own`: as in catch_up, left out:
        the transaction that wrote them may yet be rolled back)."""
        for start, end in missing(self.covered, merged(wanted)):
            rows = run(
                connection,
                "SELECT id, text_bands FROM items"
                " WHERE published_at >= ? AND published_at <= ? AND text_bands IS NOT NULL",
                *_bound(connection, start, end),
            )
            self._hold([row for row in rows if int(row[0]) not in own])
            self.covered = merged([*self.covered, (start, end)])

    def _hold(self, rows: Iterable[Sequence[Any]]) -> None:
        self._add(
            [
                (key, int(item_id))
                for item_id, stored in rows
                if stored is not None and int(item_id) not in self.known
                for key in unpacked(stored)
            ]
        )

    # -- changes ----------------------------------------------------------------------------

    def commit(self, pending: Pending) -> None:
        """A write transaction's changes, once it committed."""
        for key, item_id in pending.removed:
            self._remove(key, item_id)
        self._add(pending.added)

    def _add(self, entries: Sequence[tuple[int, int]]) -> None:
        if self.entries + len(entries) > self.LIMIT:
            self.forget()  # the rest is read again as the next lookups need it
        for key, item_id in entries:
            self.small.setdefault(key, []).append(item_id)
            self.known.add(item_id)
        self.small_entries += len(entries)
        self.entries += len(entries)
        if self.small_entries > self.SMALL:
            self._fold()

    def _remove(self, key: int, item_id: int) -> None:
        held = self.small.get(key)
        if held is not None and item_id in held:
            held.remove(item_id)
            self.small_entries -= 1
            self.entries -= 1
            return
        if self.keys is None:
            return
        np = _numpy()
        start = int(np.searchsorted(self.keys, key, side="left"))
        end = int(np.searchsorted(self.keys, key, side="right"))
        for position in range(start, end):
            if self.items[position] == item_id:
                self.items[position] = -1
                self.entries -= 1
                return

    def _fold(self) -> None:
        np = _numpy()
        keys = np.fromiter(
            (key for key, held in self.small.items() for _ in held),
            dtype=KEY,
            count=self.small_entries,
        )
        items = np.fromiter(
            (item_id for held in self.small.values() for item_id in held),
            dtype=ITEM,
            count=self.small_entries,
        )
        if self.keys is not None:
            alive = self.items >= 0
            keys = np.concatenate((self.keys[alive], keys))
            items = np.concatenate((self.items[alive], items))
        order = np.argsort(keys, kind="stable")
        self.keys, self.items = keys[order], items[order]
        self.small, self.small_entries = {}, 0

    # -- lookups ----------------------------------------------------------------------------

    def holders(
        self, keys: Iterable[int], crowded: int, pending: Pending | None = None
    ) -> dict[int, list[int]]:
        """Key -> the items that have it, for keys held by at most `crowded` items (a key
        held by more is boilerplate: a template's sentence repeated in every release, no sign
        of a copy) and by at least one. `pending`: a transaction's own writes, seen by it."""
        asked = sorted(set(keys))
        if not asked:
            return {}
        own: dict[int, list[int]] = {}
        if pending is not None:
            for key, item_id in pending.added:
                own.setdefault(key, []).append(item_id)
        starts: list[int] = [0] * len(asked)
        ends: list[int] = [0] * len(asked)
        if self.keys is not None:
            np = _numpy()
            wanted = np.asarray(asked, dtype=KEY)
            starts = np.searchsorted(self.keys, wanted, side="left").tolist()
            ends = np.searchsorted(self.keys, wanted, side="right").tolist()
        found: dict[int, list[int]] = {}
        for key, start, end in zip(asked, starts, ends, strict=True):
            held = self.items[start:end].tolist() if end > start else []
            held = [item_id for item_id in held if item_id >= 0]
            held += self.small.get(key, ())
            held += own.get(key, ())
            if held and len(held) <= crowded:
                found[key] = held
        return found


def _bound(connection: Connection, start: datetime, end: datetime) -> tuple[Any, Any]:
    """The span's ends as the driver compares them with stored times (stored by the column's
    own type, as SQLAlchemy stores them)."""
    dialect = connection.dialect
    convert = items.c.published_at.type.dialect_impl(dialect).bind_processor(dialect)
    return (convert(start), convert(end)) if convert else (start, end)
