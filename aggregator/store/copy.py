"""Copying a whole store to another database (SQLite to PostgreSQL or back): every table, in
an order that satisfies the foreign keys, in one transaction on the target, checked by counts."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from aggregator.errors import StoreError
from aggregator.store import search
from aggregator.store.schema import (
    archive_pages,
    checks,
    item_bands,
    item_tags,
    items,
    recent_bands,
    sources,
    stories,
    story_keys,
)

# Parents before children. `meta` is not copied: the target has its own, at the same version.
TABLES = (
    sources,
    stories,
    items,
    item_tags,
    item_bands,
    recent_bands,
    story_keys,
    archive_pages,
    checks,
)
# Tables whose ids the database hands out: PostgreSQL's sequences must continue after the copy.
SERIAL = (stories, items, checks)
BATCH = 5000


def copy_store(source: Engine, target: Engine) -> dict[str, int]:
    """Copy every row of `source` into the empty store `target` (both at the latest schema
    version); returns the rows per table. Raises StoreError if the target is not empty or the
    counts differ afterwards (then nothing was written: it is one transaction)."""
    with source.connect() as reading, target.begin() as writing:
        for table in TABLES:
            if writing.execute(select(func.count()).select_from(table)).scalar():
                raise StoreError(f"the target store is not empty (table {table.name} has rows)")
        copied: dict[str, int] = {}
        for table in TABLES:
            order = list(table.primary_key.columns)
            rows = reading.execute(select(table).order_by(*order))
            copied[table.name] = 0
            for batch in rows.partitions(BATCH):
                writing.execute(table.insert(), [dict(row._mapping) for row in batch])
                copied[table.name] += len(batch)
        if writing.dialect.name == "postgresql":
            for table in SERIAL:
                writing.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                    f" COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                )
        search.rebuild(writing)  # the search index is the target database's own
        for table in TABLES:
            found = writing.execute(select(func.count()).select_from(table)).scalar()
            if found != copied[table.name]:
                raise StoreError(
                    f"table {table.name}: {copied[table.name]} rows read but {found} in the target"
                )
    return copied
