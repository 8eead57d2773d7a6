"""The store's schema (store/schema.py, store/migrations.py): a new store, a newer one refused, an
older one migrated keeping its data, a store that cannot be opened, its folder created."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from aggregator.config.loading import STORE_VARIABLE, SourceSettings
from aggregator.errors import StoreError
from aggregator.models import FeedIntent
from aggregator.store import Store, StoryFilter
from aggregator.store.schema import SCHEMA_VERSION

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_new_store_has_schema_version_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    store.close()
    connection = sqlite3.connect(tmp_path / "s.sqlite")
    version = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    Store(f"sqlite:///{tmp_path / 's.sqlite'}").close()
    connection = sqlite3.connect(tmp_path / "s.sqlite")
    connection.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="schema version 99, newer than this aggregator"):
        Store(f"sqlite:///{tmp_path / 's.sqlite'}")


def test_unopenable_store_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite").mkdir()
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(f"sqlite:///{tmp_path / 'dir.sqlite'}")


def test_a_version_1_store_is_migrated_to_the_latest_keeping_its_data(tmp_path: Path) -> None:
    """One migration history for both databases: on the PostgreSQL pass this runs there."""
    url = os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / 's.sqlite'}"
    store = Store(url)
    secret = "https://alice:S3cret@example.org/feed?api_key=K3Y&page=2"
    store.sync_sources([SourceSettings(id="a", url=secret)], NOW)
    # Turn it back into what version 1 wrote.
    with store.engine.begin() as connection:
        for column in (
            "fetch_url",
            "next_check_reason",
            "error_kind",
            "disabled_reason",
            "moved_to",
            "moved_since",
            "moved_rounds",
            "notice",
            "lease_owner",
            "lease_until",
            "wire_hash",
            "body_size",
            "public_url",
            "feed_subtitle",
            "page_reading",
        ):
            connection.exec_driver_sql(f"ALTER TABLE sources DROP COLUMN {column}")
        connection.exec_driver_sql("DROP TABLE checks")
        connection.exec_driver_sql("DROP TABLE publications")
        connection.exec_driver_sql("ALTER TABLE items DROP COLUMN listed")
        connection.exec_driver_sql("ALTER TABLE items DROP COLUMN merge_reason")
        connection.exec_driver_sql("ALTER TABLE items DROP COLUMN date_note")
        connection.exec_driver_sql("ALTER TABLE items DROP COLUMN enclosures")
        connection.exec_driver_sql("ALTER TABLE items DROP COLUMN image")
        connection.exec_driver_sql("ALTER TABLE items DROP COLUMN source_updated")
        connection.exec_driver_sql("DROP TABLE item_bands")
        connection.exec_driver_sql("DROP TABLE recent_bands")
        connection.exec_driver_sql("DROP TABLE item_search")
        connection.exec_driver_sql("DROP TABLE story_keys")
        connection.exec_driver_sql("DROP TABLE archive_pages")
        connection.exec_driver_sql("ALTER TABLE stories DROP COLUMN revision")
        connection.exec_driver_sql("DROP INDEX ix_items_source_published")
        connection.execute(text("UPDATE meta SET value='1' WHERE key='schema_version'"))
        connection.execute(
            text(
                "INSERT INTO stories (id, entry_id, representative_item_id, published_at,"
                " updated_at, created_at) VALUES (1, 'tag:x,2026:s1', 1, '2026-11-01',"
                " '2026-11-01', '2026-11-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO items (id, source_id, key, title, summary_html, content_html,"
                " categories, published_at, updated_at, first_seen_at, content_hash, story_id)"
                " VALUES (1, 'a', 'k', :title, :summary, '', '[]', '2026-11-01',"
                " '2026-11-01', '2026-11-01', 'h', 1)"
            ),
            # Version 11 cleans what earlier versions stored: this title could not be
            # published by them (a control character).
            {
                "title": "Old\x01 item",
                "summary": "<p>" + " ".join(f"word{n}" for n in range(40)) + "</p>",
            },
        )
        connection.execute(
            text(
                "INSERT INTO item_tags (item_id, tag, origin, detail)"
                " VALUES (1, 'fraud', 'rule', '')"
            )
        )
    store.close()
    store = Store(url)
    try:
        assert [s.title for s in store.latest_stories(5)] == ["Old item"]  # listed by default
        # Version 14: the source's updated time as known then: when the item was first seen.
        assert store.latest_stories(5)[0].source_updated == datetime(2026, 11, 1, tzinfo=UTC)
        # Version 11: what the source's entries and status show has no credentials.
        assert store.latest_stories(5)[0].source.feed_url == "https://example.org/feed?page=2"
        assert store.source_statuses()[0].url == "https://example.org/feed?page=2"
        [state] = store.source_states()
        assert state.id == "a" and state.moved_rounds == 0
        with store.transaction() as tx:
            tx.apply(
                FeedIntent(
                    source_id="a",
                    checked_at=NOW,
                    outcome="ok",
                    next_check_at=NOW,
                    consecutive_errors=0,
                    next_check_reason="interval setting",
                )
            )
        assert store.recent_checks("a")[0]["next_check_reason"] == "interval setting"
        with store.engine.connect() as connection:
            version = connection.execute(
                text("SELECT value FROM meta WHERE key = 'schema_version'")
            ).scalar()
            assert version == str(SCHEMA_VERSION)
            columns = {c["name"] for c in inspect(connection).get_columns("checks")}
            assert {"notice", "next_check_reason"} <= columns
            # Version 5 indexed the old item's text for near-duplicate lookups.
            bands = text("SELECT count(*) FROM item_bands WHERE item_id = 1")
            assert connection.execute(bands).scalar() > 0
            # Version 9: new items' keys go to the small band index first; version 15 made it
            # its primary key alone (no rowid on SQLite, no item-id index, no foreign key).
            assert inspect(connection).has_table("recent_bands")
            assert inspect(connection).get_indexes("recent_bands") == []
            assert inspect(connection).get_foreign_keys("recent_bands") == []
            if connection.dialect.name == "sqlite":
                ddl = text("SELECT sql FROM sqlite_master WHERE name = 'recent_bands'")
                assert "WITHOUT ROWID" in connection.execute(ddl).scalar()
        # Version 8 indexed its story under its tag and source for the filtered feeds.
        assert [s.title for s in store.latest_stories(5, tag="fraud")] == ["Old item"]
        assert [s.title for s in store.latest_stories(5, chosen=StoryFilter(source_id="a"))] == [
            "Old item"
        ]
        assert store.tags_in_use() == ["fraud"]
        # Version 7 made the old item searchable.
        [(found, _)] = store.search("word7 word8")
        assert found.title == "Old item"
    finally:
        store.close()


def test_a_version_14_small_band_table_keeps_its_keys_in_its_new_form(tmp_path: Path) -> None:
    """Version 15 remakes the small band table (SQLite) or drops its index and foreign key
    (PostgreSQL): the keys it held are still found."""
    from tests.support.items import RELEASE, release_item, store_items

    url = os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / 's.sqlite'}"
    store = Store(url)
    try:
        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        item = release_item("Case 1", RELEASE, "https://a.example/1")
        store_items(store, "a", [item])
        with store.engine.begin() as connection:  # back to version 14's table, same rows
            connection.exec_driver_sql(
                "CREATE TABLE old_bands AS SELECT band, item_id FROM recent_bands"
            )
            connection.exec_driver_sql("DROP TABLE recent_bands")
            connection.exec_driver_sql(
                "CREATE TABLE recent_bands (band BIGINT NOT NULL, item_id INTEGER NOT NULL"
                " REFERENCES items (id) ON DELETE CASCADE, PRIMARY KEY (band, item_id))"
            )
            for statement in (
                "CREATE INDEX ix_recent_bands_item ON recent_bands (item_id)",
                "INSERT INTO recent_bands SELECT band, item_id FROM old_bands",
            ):
                connection.exec_driver_sql(statement)
            connection.exec_driver_sql("DROP TABLE old_bands")
            connection.execute(text("UPDATE meta SET value='14' WHERE key='schema_version'"))
    finally:
        store.close()
    store = Store(url)
    try:
        with store.engine.connect() as connection:
            assert inspect(connection).get_indexes("recent_bands") == []
            assert inspect(connection).get_foreign_keys("recent_bands") == []
        with store.transaction() as tx:
            hits = tx.band_hits(set(item.text_bands), 100)
        assert set(hits) == set(item.text_bands)
    finally:
        store.close()


def test_the_store_folder_is_created_on_first_use(tmp_path: Path) -> None:
    Store(f"sqlite:///{tmp_path / 'not' / 's.sqlite'}").close()
    assert (tmp_path / "not" / "s.sqlite").is_file()


def test_a_mistyped_store_path_creates_no_tree_of_folders(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist, nor its parent"):
        Store(f"sqlite:///{tmp_path / 'not' / 'yet' / 's.sqlite'}")
    assert not (tmp_path / "not").exists()
    (tmp_path / "afile").write_text("x")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        Store(f"sqlite:///{tmp_path / 'afile' / 's.sqlite'}")
