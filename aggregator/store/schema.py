"""Tables and the migration history. Version 1 is the first schema; each later version adds a
function to MIGRATIONS that moves a store from the version before it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import true
from sqlalchemy.types import TypeDecorator

from aggregator.normalize.entries import release_text
from aggregator.normalize.similarity import band_keys

SCHEMA_VERSION = 12


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in Python, naive UTC in the database (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("url", Text, nullable=False),
    Column("title", Text),  # from the config
    Column("feed_title", Text),  # from the feed itself
    Column("feed_link", Text),
    Column("kind", String(32)),
    Column("country", String(2)),
    Column("language", String(16)),
    Column("in_config", Boolean, nullable=False, default=True),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("body_hash", String(64)),
    # sha256 of the body as sent (compressed) when it had a Content-Encoding: the same bytes
    # again mean the same body_hash, without decompressing (None: sent uncompressed).
    Column("wire_hash", String(64)),
    Column("body_size", Integer),  # the decoded size of the body that body_hash names
    Column("last_checked_at", UTCDateTime),
    Column("last_success_at", UTCDateTime),
    Column("content_changed_at", UTCDateTime),  # last round that stored a new or edited item
    Column("next_check_at", UTCDateTime),
    Column("outcome", String(16)),
    Column("http_status", Integer),
    Column("last_error", Text),
    Column("consecutive_errors", Integer, nullable=False, default=0),
    Column("duration_s", Float),
    Column("size", Integer),
    Column("last_new", Integer),
    Column("last_updated", Integer),
    # Version 2: adaptive schedule, automatic disabling, permanent-redirect migration.
    Column("fetch_url", Text),  # where the source is fetched from, when it moved (else url)
    Column("next_check_reason", Text),
    Column("error_kind", String(16)),
    Column("disabled_reason", Text),  # set on HTTP 410; cleared by `aggregator enable`
    Column("moved_to", Text),  # a permanent redirect being watched for its grace period
    Column("moved_since", UTCDateTime),
    Column("moved_rounds", Integer),
    # Version 3: a successful check can still have something to say (skipped items, no dates).
    Column("notice", Text),
    # Version 6: several daemons on one store: which one is checking the source, until when.
    Column("lease_owner", String(200)),
    Column("lease_until", UTCDateTime),
    # Version 11: the address as it may be shown (the config's `public_url`, else `url`
    # without credentials): what published entries and status pages name.
    Column("public_url", Text),
    # Version 12: the feed's own subtitle (its source feed republishes it).
    Column("feed_subtitle", Text),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", String(300), nullable=False, unique=True),
    # The item whose text the published entry shows; no foreign key, to keep the pair
    # stories <-> items free of a cycle.
    Column("representative_item_id", Integer),
    Column("published_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    # Version 8: raised by every write that changes what the story's entry shows (its items,
    # their text or tags): the publisher re-renders a feed only when one of its stories moved.
    Column("revision", Integer, nullable=False, default=0, server_default="0"),
    Index("ix_stories_published", "published_at"),
)

items = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String(200), ForeignKey("sources.id"), nullable=False),
    Column("key", Text, nullable=False),
    Column("guid", Text),
    Column("link", Text),
    Column("canonical_link", Text),
    Column("title", Text, nullable=False),
    Column("summary_html", Text, nullable=False),
    Column("content_html", Text, nullable=False),
    Column("author", Text),
    Column("categories", Text, nullable=False),  # JSON list
    Column("published_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    # Version 4: False for the old items of a source's first fetch (output `max_age`): stored,
    # never published, so adding a source with 500 old items does not flood subscribers.
    Column("listed", Boolean, nullable=False, default=True, server_default=true()),
    # Version 5: why a new item joined an existing story on its text (None: its own story, or
    # the same link as an earlier item, which `aggregator story` works out itself).
    Column("merge_reason", Text),
    # Version 11: why the item is dated by when it was first seen (an unreadable date, ...).
    Column("date_note", Text),
    # Version 12: the files it carries (JSON list of {url, type, length}) and its picture.
    Column("enclosures", Text),
    Column("image", Text),
    UniqueConstraint("source_id", "key", name="uq_items_source_key"),
    Index("ix_items_canonical_link", "canonical_link"),
    Index("ix_items_story", "story_id"),
    # Version 8: a source's publishing rate (items since a date), counted after every check,
    # from the index alone instead of reading each of its items.
    Index("ix_items_source_published", "source_id", "published_at"),
)

# Version 5: the locality-sensitive hash keys of each item's lead (similarity.band_keys). A new
# item looks its keys up here to find stored near-duplicates in constant time.
item_bands = Table(
    "item_bands",
    metadata,
    Column("band", BigInteger, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_item_bands_item", "item_id"),
)

# Version 9: the keys of the items written since the last fold into item_bands (bands.py): new
# keys land in a small index, and move into the big one in key order.
recent_bands = Table(
    "recent_bands",
    metadata,
    Column("band", BigInteger, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_recent_bands_item", "item_id"),
)

item_tags = Table(
    "item_tags",
    metadata,
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(200), primary_key=True),
    Column("origin", String(32), primary_key=True),
    Column("detail", Text, nullable=False, default=""),
    Index("ix_item_tags_tag", "tag"),
)

# Version 8: the stories a tag's or a source's feed may hold, by first publication date, so that
# such a feed's newest stories are an index range scan however big the store (feed_index.py).
story_keys = Table(
    "story_keys",
    metadata,
    Column("key", String(220), primary_key=True),  # "t:<tag>" or "s:<source id>"
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("published_at", UTCDateTime, nullable=False),  # the story's, which never changes
    Index("ix_story_keys_date", "key", "published_at", "story_id"),
    Index("ix_story_keys_story", "story_id"),
)

# Version 8: where each full (frozen) RFC 5005 archive page of a published feed ends, so that a
# publish reads only the stories after the last one instead of counting them all.
archive_pages = Table(
    "archive_pages",
    metadata,
    Column("feed", String(300), primary_key=True),  # the pages' folder, e.g. tags/fraud/archive
    Column("page", Integer, primary_key=True),
    Column("last_story_id", Integer, nullable=False),
)


# Version 11: how the last publishes into each output folder went, for health checks and
# `status` in any process (a daemon, a `fetch`, several daemons on one store).
publications = Table(
    "publications",
    metadata,
    Column("output", String(1000), primary_key=True),  # the output folder, resolved
    Column("last_success_at", UTCDateTime),
    Column("last_failure_at", UTCDateTime),
    Column("last_error", Text),
    Column("skipped", Integer, nullable=False, default=0),  # entries left out by the last one
    Column("skipped_detail", Text),
)


def _checks_table(owner: MetaData, *, with_notice: bool) -> Table:
    """One row per source per round. Version 2 made it; version 3 added `notice`."""
    columns: list[Column[Any]] = [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("source_id", String(200), ForeignKey("sources.id"), nullable=False),
        Column("checked_at", UTCDateTime, nullable=False),
        Column("outcome", String(16), nullable=False),
        Column("http_status", Integer),
        Column("size", Integer, nullable=False),
        Column("duration_s", Float, nullable=False),
        Column("new", Integer, nullable=False),
        Column("updated", Integer, nullable=False),
        Column("error", Text),
        Column("next_check_at", UTCDateTime, nullable=False),
        Column("next_check_reason", Text),
    ]
    if with_notice:
        columns.append(Column("notice", Text))
    return Table("checks", owner, *columns, Index("ix_checks_source", "source_id", "id"))


checks = _checks_table(metadata, with_notice=True)
CHECKS_KEPT_PER_SOURCE = 100

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
    _checks_table(past, with_notice=False).create(connection)


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
}
