"""The band-key index of near-duplicate detection (similarity.band_keys): which stored items
have a key. Two levels, because the keys are random by nature:

- `item_bands`, the big index of every item's keys;
- `recent_bands`, the keys of the items written since the last fold, small.

New keys go into the small table, and once it spans `FOLD_ITEMS` items they move into the big one in
key order, in one statement. Written straight into the big index, a transaction's keys land all over
it, and SQLite writes every page they touch to its journal at each commit: this index alone was most
of a cold round's journal pages (docs/performance.md, "Figures (2026-11-28, fourth session)").
Folded in key order, each page of the big index is written about once per fold. Lookups read both.
The small table is its primary key alone (no rowid on SQLite, no item-id index, no foreign key:
schema version 15), since it takes 20 rows per new item.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Connection

from aggregator.store.driver import in_list, run, run_many

# About 5,000 items (of 20 keys) between folds: the small table stays ~2 MB (in SQLite's page
# cache), and a fold writes the big index's pages once for every 5,000 new items.
FOLD_ITEMS = 5_000
LOOKUP_KEYS = 5_000  # band keys per lookup: a batch of 250 new items, in one statement


class FoldClock:
    """The smallest item id in the small table as this process knows it, which says when to
    fold: item ids only grow, so the table spans the ids from it to the newest. Read from the
    table once per process (a scan: the table has no item-id index), then kept. Another
    process's writes make it stale: its fold leaves this one too small (a fold comes early),
    and the rows it adds after this one's fold are not counted (a fold comes late); either way
    only when folds happen changes."""

    def __init__(self) -> None:
        self.oldest: int | None = None
        self.read = False


def add(connection: Connection, rows: Sequence[tuple[int, int]], clock: FoldClock) -> None:
    """Index (band, item id) pairs, folding the small table into the big one when it spans
    FOLD_ITEMS items."""
    if not rows:
        return
    if not clock.read:
        clock.oldest = connection.exec_driver_sql("SELECT min(item_id) FROM recent_bands").scalar()
        clock.read = True
    run_many(connection, "INSERT INTO recent_bands (band, item_id) VALUES (?, ?)", rows)
    added = [item_id for _, item_id in rows]
    oldest = min(added) if clock.oldest is None else min(clock.oldest, *added)
    clock.oldest = oldest
    if max(added) - oldest >= FOLD_ITEMS:
        fold(connection)
        clock.oldest = None


def fold(connection: Connection) -> None:
    """Move every key of the small table into the big one, in key order."""
    if connection.dialect.name == "postgresql":
        # One statement: rows another daemon adds meanwhile stay for its next fold.
        connection.exec_driver_sql(
            "WITH moved AS (DELETE FROM recent_bands RETURNING band, item_id)"
            " INSERT INTO item_bands (band, item_id) SELECT band, item_id FROM moved"
            " ORDER BY band, item_id ON CONFLICT DO NOTHING"
        )
        return
    # SQLite has one writer at a time: the two statements see the same rows.
    connection.exec_driver_sql(
        "INSERT OR IGNORE INTO item_bands (band, item_id)"
        " SELECT band, item_id FROM recent_bands ORDER BY band, item_id"
    )
    connection.exec_driver_sql("DELETE FROM recent_bands")


def forget(connection: Connection, item_ids: Collection[int]) -> None:
    """Edited items' keys (the big table by its item-id index, the small one in one scan)."""
    if not item_ids:
        return
    for table in ("item_bands", "recent_bands"):
        chosen, values = in_list(connection, "item_id", sorted(item_ids))
        run(connection, f"DELETE FROM {table} WHERE {chosen}", values)


def forget_deleted(connection: Connection) -> None:
    """The small table's keys of items that are no longer stored (it has no foreign key to
    cascade): one scan, each row's item looked up by its primary key."""
    connection.exec_driver_sql(
        "DELETE FROM recent_bands WHERE NOT EXISTS"
        " (SELECT 1 FROM items WHERE items.id = recent_bands.item_id)"
    )


class CrowdedBands:
    """The band keys a store's lookups found crowded, kept by the store: new items only add
    holders to a key, so a crowded key stays crowded. What can take holders away forgets them
    all: a prune, and a write transaction that failed (its own rows counted). (An edited item
    drops its old keys, and another daemon on PostgreSQL may prune: a key so left with exactly
    the limit's holders stays skipped, which only misses candidates through a key that was
    boilerplate.) Bounded: forgotten all at once when full."""

    LIMIT = 200_000

    def __init__(self) -> None:
        # key -> the lookup limit it was found over: it is skipped by lookups whose limit is
        # no higher.
        self.over: dict[int, int] = {}

    def learn(self, keys: Collection[int], crowded: int) -> None:
        if len(self.over) + len(keys) > self.LIMIT:
            self.over.clear()
        for key in keys:
            self.over[key] = max(crowded, self.over.get(key, crowded))

    def forget(self) -> None:
        self.over.clear()

    def skipped(self, keys: Collection[int], crowded: int) -> set[int]:
        over = self.over
        return {key for key in keys if over.get(key, -1) >= crowded}


def hits(
    connection: Connection,
    bands: Collection[int],
    crowded: int,
    known_crowded: CrowdedBands | None = None,
) -> dict[int, list[int]]:
    """Band key -> the stored items that have it: index lookups, whatever the size of the
    store. A key held by more than `crowded` items is boilerplate (a template's sentence
    repeated in every release), not a sign of a copy: it maps to no items, and its rows are
    never returned. Plain SQL: built with SQLAlchemy's expression language, the union over
    both levels cost more to compile than to run. Each key's rows are numbered and at most
    crowded + 1 read, so a crowded key is known in the same statement."""
    found: dict[int, list[int]] = {}
    asked = set(bands)
    if known_crowded is not None:
        asked -= known_crowded.skipped(asked, crowded)
    ordered = sorted(asked)
    for start in range(0, len(ordered), LOOKUP_KEYS):
        chosen, keys = in_list(connection, "band", ordered[start : start + LOOKUP_KEYS])
        rows = run(
            connection,
            "SELECT band, item_id FROM (SELECT band, item_id,"
            " row_number() OVER (PARTITION BY band) AS n FROM ("
            + " UNION ALL ".join(
                f"SELECT band, item_id FROM {table} WHERE {chosen}"
                for table in ("item_bands", "recent_bands")
            )
            + ") AS b) AS numbered WHERE n <= ?",
            keys,
            keys,
            crowded + 1,
        )
        for band, item_id in rows:
            found.setdefault(band, []).append(item_id)
    now_crowded = [band for band, held in found.items() if len(held) > crowded]
    for band in now_crowded:
        del found[band]
    if known_crowded is not None:
        known_crowded.learn(now_crowded, crowded)
    return found
