"""The migration history: each version after the first has a function here that moves a store
from the version before it (engine.migrate runs them in order, in one transaction)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, MetaData, String, Table, func, inspect, select
from sqlalchemy.sql import true

from aggregator.store.schema import (
    archive_pages,
    checks,
    checks_table,
    item_bands,
    items,
    meta,
    publications,
    recent_bands,
    sources,
    story_keys,
)

V2_SOURCE_COLUMNS = (
    "fetch_url",
    "next_check_reason",
    "error_kind",
    "disabled_reason",
    "moved_to",
    "moved_since",
    "moved_rounds",
)


def _add_columns(connection: Connection, table: Table, names: tuple[str, ...]) -> None:
    for name in names:
        column = table.c[name]
        kind = column.type.compile(dialect=connection.dialect)
        connection.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}")


def _to_v2(connection: Connection) -> None:
    _add_columns(connection, sources, V2_SOURCE_COLUMNS)
    past = MetaData()
    Table("sources", past, Column("id", String(200), primary_key=True))  # for the foreign key
    checks_table(past, with_notice=False).create(connection)


def _to_v3(connection: Connection) -> None:
    _add_columns(connection, sources, ("notice",))
    _add_columns(connection, checks, ("notice",))


# version reached -> function that brings a store from version-1 to it.
def _to_v4(connection: Connection) -> None:
    kind = items.c.listed.type.compile(dialect=connection.dialect)
    default = true().compile(dialect=connection.dialect)
    connection.exec_driver_sql(
        f"ALTER TABLE items ADD COLUMN listed {kind} NOT NULL DEFAULT {default}"
    )


def _to_v5(connection: Connection) -> None:
    """The merge reason column and the band index, filled from the stored texts so that new
    items find their near-duplicates among the old ones too."""
    _add_columns(connection, items, ("merge_reason",))
    item_bands.create(connection)
    # (imported here: only a store older than version 5 needs the text and its band keys)
    from aggregator.normalize.entries import release_text
    from aggregator.normalize.similarity import band_keys

    rows = connection.execute(
        select(items.c.id, items.c.title, items.c.summary_html, items.c.content_html)
    )
    for batch in rows.partitions(2000):
        values = [
            {"band": band, "item_id": row.id}
            for row in batch
            for band in set(band_keys(release_text(row.title, row.summary_html, row.content_html)))
        ]
        if values:
            connection.execute(item_bands.insert(), values)


def _to_v6(connection: Connection) -> None:
    _add_columns(connection, sources, ("lease_owner", "lease_until"))


def _to_v7(connection: Connection) -> None:
    """Full-text search (search.py), filled from the stored items."""
    from aggregator.store import search

    search.create(connection)
    search.rebuild(connection)


def _to_v8(connection: Connection) -> None:
    """The feed index, filled from the stored items and tags; archive boundaries are worked
    out by the next publish (the same pages as before, from the same stories)."""
    from aggregator.store import feed_index

    connection.exec_driver_sql("ALTER TABLE stories ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    story_keys.create(connection)
    archive_pages.create(connection)
    next(i for i in items.indexes if i.name == "ix_items_source_published").create(connection)
    feed_index.rebuild(connection)


def _to_v9(connection: Connection) -> None:
    recent_bands.create(connection)


def _to_v10(connection: Connection) -> None:
    _add_columns(connection, sources, ("wire_hash", "body_size"))


def _to_v11(connection: Connection) -> None:
    """Addresses as they may be shown, dating notes, publish outcomes; and every stored text
    cleaned as new ones are (hygiene.py): a control character stored by an earlier version
    would otherwise keep an entry out of every publish."""
    from aggregator.hygiene import clean_text, is_clean
    from aggregator.redact import public_url

    _add_columns(connection, sources, ("public_url",))
    _add_columns(connection, items, ("date_note",))
    publications.create(connection)
    for row in connection.execute(select(sources.c.id, sources.c.url)).all():
        connection.execute(
            sources.update().where(sources.c.id == row.id).values(public_url=public_url(row.url))
        )
    for table, names in (
        (sources, ("feed_title", "feed_link", "last_error", "notice")),
        (items, ("guid", "link", "title", "summary_html", "content_html", "author", "categories")),
    ):
        columns = [table.c[name] for name in names]
        pending: list[tuple[Any, dict[str, Any]]] = []
        for batch in connection.execute(select(table.c.id, *columns)).partitions(2000):
            for row in batch:
                changed = {
                    name: clean_text(value)
                    for name, value in zip(names, row[1:], strict=True)
                    if isinstance(value, str) and not is_clean(value)
                }
                if changed:
                    pending.append((row.id, changed))
        for row_id, changed in pending:
            connection.execute(table.update().where(table.c.id == row_id).values(**changed))


def _to_v12(connection: Connection) -> None:
    """Enclosures and pictures of items, the feeds' subtitles: filled as sources are read."""
    _add_columns(connection, items, ("enclosures", "image"))
    _add_columns(connection, sources, ("feed_subtitle",))


def _to_v13(connection: Connection) -> None:
    """How each HTML list was last read: filled as the sources are read."""
    _add_columns(connection, sources, ("page_reading",))


def _to_v14(connection: Connection) -> None:
    """The source feed's updated time with each item: for the items stored before, the time
    they were first seen, when the source was known to have them. And when the store was
    created (an empty feed's `updated`): its first item's time, else now."""
    _add_columns(connection, items, ("source_updated",))
    connection.execute(items.update().values(source_updated=items.c.first_seen_at))
    if connection.execute(select(meta.c.key).where(meta.c.key == "created_at")).first():
        return
    first = connection.execute(select(func.min(items.c.first_seen_at))).scalar()
    created = first or datetime.now(UTC)
    connection.execute(meta.insert().values(key="created_at", value=created.isoformat()))


def _to_v15(connection: Connection) -> None:
    """The small band table without its item-id index and foreign key (and, on SQLite, without
    a rowid: a table is made anew for that, with the same rows)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("DROP INDEX IF EXISTS ix_recent_bands_item")
        for key in inspect(connection).get_foreign_keys("recent_bands"):
            connection.exec_driver_sql(f'ALTER TABLE recent_bands DROP CONSTRAINT "{key["name"]}"')
        return
    connection.exec_driver_sql("ALTER TABLE recent_bands RENAME TO recent_bands_v14")
    recent_bands.create(connection)
    connection.exec_driver_sql(
        "INSERT INTO recent_bands (band, item_id) SELECT band, item_id FROM recent_bands_v14"
    )
    connection.exec_driver_sql("DROP TABLE recent_bands_v14")


MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: _to_v7,
    8: _to_v8,
    9: _to_v9,
    10: _to_v10,
    11: _to_v11,
    12: _to_v12,
    13: _to_v13,
    14: _to_v14,
    15: _to_v15,
}
