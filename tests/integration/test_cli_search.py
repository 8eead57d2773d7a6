"""Full-text search on whichever database the pass uses (SQLite FTS5, PostgreSQL text search):
`aggregator search`, the saved-search feed `feed.atom?q=`, the page's search box, and the index
kept in step with new items, edits and pruning."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser

from aggregator.config.loading import load_config
from aggregator.publish.publisher import render_query
from aggregator.serve.pages import render_stories
from aggregator.store import Store
from tests.support.commands import cli
from tests.support.demo_feeds import demo_config_text, serve_demo_feeds
from tests.support.feed_server import FeedServer


def test_search_finds_stories_and_follows_edits_and_pruning(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    serve_demo_feeds(feed_server)
    config_path = tmp_path / "feeds.yaml"
    config_path.write_text(demo_config_text(feed_server))
    assert cli(config_path, "fetch").returncode == 0

    found = json.loads(cli(config_path, "search", "criptomoedas", "--json").stdout)
    assert [row["title"] for row in found] == [
        "PGR denuncia esquema de lavagem de dinheiro com criptomoedas"
    ]
    # Every word must match; the title weighs more than the body.
    both = json.loads(cli(config_path, "search", "ransomware", "laundering", "--json").stdout)
    assert [row["title"] for row in both] == [
        "Ransomware laundering network dismantled in joint operation"
    ]  # one story, though two sources carried it
    assert cli(config_path, "search", "xylophone").stdout.strip() == "no published story matches"
    text = cli(config_path, "search", "road", "project").stdout
    assert "Croatian officials indicted for corruption in EU-funded road project" in text

    config = load_config(config_path)
    store = Store(config.store_url)
    try:
        # A saved search: the feed a subscriber follows, and the page with its search box.
        feed = feedparser.parse(render_query(store, config, (), (), "q=criptomoedas"))
        assert [e.title for e in feed.entries] == [found[0]["title"]]
        page = render_stories(store, config, q="criptomoedas")
        assert found[0]["title"] in page and "feed.atom?q=criptomoedas" in page
        assert "Ransomware" not in page

        # An edit is searchable by its new words (the sample feed's second version).
        assert store.search("contractor") == []
        assert cli(config_path, "fetch", "--all").returncode == 0
        [(edited, _)] = store.search("contractor")
        assert edited.title.startswith("Croatian officials and a contractor indicted")

        # Pruned items leave the index.
        result = store.prune(
            seen_before=datetime.now(UTC) + timedelta(days=1),
            keep_per_source=0,
            protected_stories=set(),
        )
        assert result.items == 10
        assert store.search("criptomoedas") == [] and store.search("contractor") == []
    finally:
        store.close()
