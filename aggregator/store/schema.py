"""The tables, as the current schema version has them (migrations.py moves older stores here)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
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
)
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import true
from sqlalchemy.types import TypeDecorator

from aggregator.store.schema_version import SCHEMA_VERSION as SCHEMA_VERSION


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
    # Version 13: how an HTML list was last read: its preset's variant, its selectors, or
    # the list detected on the page (and why).
    Column("page_reading", Text),
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
    # Version 14: the source feed's updated time as known when the item was last written (its
    # own <updated>, else the time of that check): atom:source's updated, which thus changes
    # only when the entry does.
    Column("source_updated", UTCDateTime),
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
# keys land in a small index, and move into the big one in key order. Version 15: on SQLite
# without a rowid (the primary key is the table), and on both without the item-id index and
# the foreign key: each new key was three B-tree inserts and a lookup in `items`, the largest
# part of the store thread's time in a cold round (docs/performance.md). Its rows of a pruned
# item are deleted by prune.py, those of edited items by one scan of the small table.
recent_bands = Table(
    "recent_bands",
    metadata,
    Column("band", BigInteger, primary_key=True),
    Column("item_id", Integer, primary_key=True),
    sqlite_with_rowid=False,
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


def checks_table(owner: MetaData, *, with_notice: bool) -> Table:
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


checks = checks_table(metadata, with_notice=True)
