"""Near-duplicate releases along the whole path: the tests' feed server, `aggregator fetch`,
`story` and `unmerge`, and the published entries."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser

from tests.support.commands import cli
from tests.support.feed_server import Document, FeedServer
from tests.support.items import CROSS_POST, OTHER_CASE, RELEASE

# The command runs on the real clock: items dated two hours before it are new, whatever the
# day (a fixed date made them older than a first fetch publishes, seven days later).
NOW = datetime.now(UTC).replace(microsecond=0)


def rss(*entries: tuple[str, str, str, str]) -> bytes:
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{link}</link>"
        f'<guid isPermaLink="false">{guid}</guid>'
        f"<pubDate>{format_datetime(NOW - timedelta(hours=2))}</pubDate>"
        f"<description>{escape('<p>' + escape(text) + '</p>')}</description></item>"
        for guid, link, title, text in entries
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://example.org/</link>{items}</channel></rss>"
    ).encode()


def test_cross_post_with_another_link_is_one_story_end_to_end(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    eurojust_item = (
        "ej-1",
        "https://www.eurojust.europa.eu/news/vat-1",
        "Eurojust supports VAT fraud action",
        RELEASE,
    )
    feed_server.put("eurojust.rss", Document(rss(eurojust_item)))
    feed_server.put(
        "europol.rss",
        Document(
            rss(
                (
                    "ep-1",
                    "https://www.europol.europa.eu/news/14-arrests",
                    "14 arrests in VAT fraud",
                    CROSS_POST,
                ),
                (
                    "ep-2",
                    "https://www.europol.europa.eu/news/other-case",
                    "6 arrests in VAT fraud",
                    OTHER_CASE,
                ),
            )
        ),
    )
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "store: s.sqlite\noutput: {dir: public}\nsources:\n"
        f"  - {{id: eurojust, title: Eurojust, url: '{feed_server.base_url}eurojust.rss'}}\n"
        f"  - {{id: europol, title: Europol, url: '{feed_server.base_url}europol.rss'}}\n"
    )
    assert cli(config, "fetch").returncode == 0
    items = json.loads(
        cli(config, "story", "https://www.europol.europa.eu/news/14-arrests", "--json").stdout
    )
    assert sorted(i["source_id"] for i in items) == ["eurojust", "europol"]
    assert items[1]["why"].startswith("text similarity 0.") and items[1]["why"].endswith(
        f"with item {items[0]['id']}"
    )
    shown = cli(config, "story", str(items[0]["id"])).stdout
    assert "why: text similarity 0." in shown
    other = json.loads(
        cli(config, "story", "https://www.europol.europa.eu/news/other-case", "--json").stdout
    )
    assert len(other) == 1
    feed = feedparser.parse((tmp_path / "public" / "feed.atom").read_bytes())
    assert len(feed.entries) == 2
    merged = next(e for e in feed.entries if e.id == items[0]["story"])
    # The entry shows one item (representative.py decides which) and names the other source.
    shown_source = next(i["source_id"] for i in items if i["shown"])
    other_title = {"eurojust": "Europol", "europol": "Eurojust"}[shown_source]
    assert f"Also reported by: {other_title}" in merged.content[0].value

    # A wrong merge undone stays undone, even when the item is edited and fetched again.
    europol_id = next(i["id"] for i in items if i["source_id"] == "europol")
    eurojust_id = next(i["id"] for i in items if i["source_id"] == "eurojust")
    assert cli(config, "unmerge", str(europol_id)).returncode == 0
    feed_server.put(
        "europol.rss",
        Document(
            rss(
                (
                    "ep-1",
                    "https://www.europol.europa.eu/news/14-arrests",
                    "14 arrests in VAT fraud (updated)",
                    CROSS_POST + " Updated.",
                ),
                (
                    "ep-2",
                    "https://www.europol.europa.eu/news/other-case",
                    "6 arrests in VAT fraud",
                    OTHER_CASE,
                ),
            )
        ),
    )
    # GUID churn at the same time: Eurojust republishes its release under a new guid.
    feed_server.put("eurojust.rss", Document(rss(("ej-1-v2", *eurojust_item[1:]))))
    assert cli(config, "fetch", "--all").returncode == 0
    assert len(json.loads(cli(config, "story", str(europol_id), "--json").stdout)) == 1
    eurojust_story = json.loads(cli(config, "story", str(eurojust_id), "--json").stdout)
    assert [i["id"] for i in eurojust_story] == [eurojust_id]  # no second copy
    assert eurojust_story[0]["key"] == "ej-1-v2"
