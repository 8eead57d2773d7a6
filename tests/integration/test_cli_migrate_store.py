"""`aggregator migrate-store`: a whole store copied to another database and checked, SQLite to
PostgreSQL and back (on the PostgreSQL pass), decisions such as unmerges included."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from aggregator.config.loading import STORE_VARIABLE
from tests.support.commands import cli
from tests.support.demo_feeds import demo_config_text, serve_demo_feeds
from tests.support.feed_server import Document, FeedServer
from tests.support.postgres import PostgresServer

CROSS_POSTED = (
    "https://www.europol.europa.eu/media-press/newsroom/news/"
    "ransomware-laundering-network-dismantled-in-joint-operation"
)


EXTRA = (
    b"<rss version='2.0'><channel><title>x</title><item><title>New after the move</title>"
    b"<link>https://extra.example/1</link><guid>extra-1</guid></item></channel></rss>"
)


def entry_ids(folder: Path) -> set[str]:
    return {e.id for e in feedparser.parse((folder / "feed.atom").read_bytes()).entries}


def test_a_store_is_copied_whole_and_keeps_working(
    tmp_path: Path,
    feed_server: FeedServer,
    postgres: PostgresServer | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serve_demo_feeds(feed_server)
    config = tmp_path / "feeds.yaml"
    config.write_text(demo_config_text(feed_server))
    assert cli(config, "fetch").returncode == 0
    first, second = json.loads(cli(config, "story", CROSS_POSTED, "--json").stdout)
    assert cli(config, "unmerge", str(second["id"])).returncode == 0
    published = entry_ids(tmp_path / "public")

    # Into an SQLite file (from SQLite, or from PostgreSQL on that pass).
    copied = cli(config, "migrate-store", "--to", "copy.sqlite")
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith("copied and checked: ") and " 10 items" in copied.stdout
    again = cli(config, "migrate-store", "--to", "copy.sqlite")
    assert again.returncode == 1 and "not empty" in again.stderr

    # The copy is the store from now on: the same stories, the unmerge kept.
    monkeypatch.setenv(STORE_VARIABLE, f"sqlite:///{tmp_path / 'copy.sqlite'}")
    alone = json.loads(cli(config, "story", str(second["id"]), "--json").stdout)
    assert [i["id"] for i in alone] == [second["id"]]
    assert cli(config, "publish").returncode == 0
    assert entry_ids(tmp_path / "public") == published

    if postgres is not None:
        # And from that SQLite file into PostgreSQL, where new items get ids after the copied.
        database = postgres.new_database()
        moved = cli(config, "migrate-store", "--to", database)
        assert moved.returncode == 0, moved.stderr
        monkeypatch.setenv(STORE_VARIABLE, database)
        assert cli(config, "publish").returncode == 0
        assert entry_ids(tmp_path / "public") == published
        # A new source's items get ids after the copied ones (the sequences were moved on).
        feed_server.put("extra.rss", Document(EXTRA))
        config.write_text(
            config.read_text().replace(
                "rules:", f"  - {{id: extra, url: '{feed_server.url('extra.rss')}'}}\nrules:", 1
            )
        )
        fetched = cli(config, "fetch", "--source", "extra")
        assert fetched.returncode == 0, fetched.stderr
        [new] = json.loads(cli(config, "story", "https://extra.example/1", "--json").stdout)
        assert new["id"] > second["id"]
        assert len(json.loads(cli(config, "story", str(first["id"]), "--json").stdout)) == 1
