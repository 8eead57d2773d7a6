"""Retention: old items go, a source's newest stay, nothing still published goes."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

from aggregator.publish.publisher import publish_all, published_story_ids
from aggregator.store import Store
from tests.support.commands import cli
from tests.support.feed_server import Document, FeedServer
from tests.support.rounds import Clock, run_round, write_config


def rss(items: list[tuple[str, str, object]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>"  # type: ignore[arg-type]
        for title, link, when in items
    )
    return f"<rss version='2.0'><channel><title>T</title>{body}</channel></rss>".encode()


def test_prune_keeps_the_newest_per_source_and_what_is_published(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    now = clock.now
    feed_server.put(
        "a.rss",
        Document(
            rss([(f"A{n}", f"https://a.example/{n}", now - timedelta(days=n)) for n in range(1, 7)])
        ),
    )
    # B carries A6's page too: that story is in B's published feed, so A6 must stay.
    feed_server.put("b.rss", Document(rss([("B1", "https://a.example/6", now)])))
    config = write_config(
        tmp_path,
        f"""\
store: s.sqlite
output: {{dir: out, entries: 2, archive: false}}
defaults: {{max_age: 30d}}
retention: {{keep: 5d, keep_per_source: 3}}
sources:
  - id: a
    url: {feed_server.url("a.rss")}
  - id: b
    url: {feed_server.url("b.rss")}
""",
    )
    store = Store(config.store_url)
    try:
        run_round(config, store, clock)
        publish_all(store, config)
        before = (config.output_dir / "feed.atom").read_bytes()
        titles_before = {s.title for s in store.latest_stories(50)}
        assert len(titles_before) == 6
        protected = published_story_ids(store, config)
        clock.advance(days=10)
        dry = store.prune(
            seen_before=clock.now - timedelta(days=5),
            keep_per_source=3,
            protected_stories=protected,
            dry_run=True,
        )
        assert (dry.items, dry.stories) == (2, 2)  # A4 and A5
        assert len(store.latest_stories(50)) == 6  # a dry run deletes nothing
        result = store.prune(
            seen_before=clock.now - timedelta(days=5),
            keep_per_source=3,
            protected_stories=protected,
        )
        assert (result.items, result.stories) == (2, 2)
        stories = {s.title for s in store.latest_stories(50)}
        assert stories == titles_before - {"A4", "A5"}
        assert {row.id: row.items for row in store.source_statuses()} == {"a": 4, "b": 1}
        publish_all(store, config)
        assert (config.output_dir / "feed.atom").read_bytes() == before
    finally:
        store.close()


def test_prune_command(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put(
        "a.rss",
        Document(
            rss(
                [
                    (
                        "A1",
                        "https://a.example/1",
                        __import__("datetime").datetime.now(__import__("datetime").UTC),
                    )
                ]
            )
        ),
    )
    config = tmp_path / "feeds.yaml"
    config.write_text(
        f"store: s.sqlite\nsources:\n  - id: a\n    url: {feed_server.url('a.rss')}\n"
    )
    assert cli(config, "fetch").returncode == 0
    off = cli(config, "prune")
    assert off.returncode == 0 and off.stdout.startswith("retention.keep is not set")
    dry = cli(config, "prune", "--dry-run", "--older-than", "1s")
    assert dry.stdout.strip() == "would delete 0 items and 0 stories (first seen over 0:00:01 ago)"
    assert cli(config, "prune", "--older-than", "soon").returncode == 2
