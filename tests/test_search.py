"""Full-text search on whichever database the pass uses (SQLite FTS5, PostgreSQL text search):
`aggregator search`, the saved-search feed `feed.atom?q=`, the page's search box, and the index
kept in step with new items, edits and pruning."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from aggregator.config.loading import STORE_VARIABLE, load_config
from aggregator.demo.server import FeedServer
from aggregator.publish.publisher import render_query
from aggregator.serve.pages import render_stories
from aggregator.store import Store

from .conftest import demo_config_text, serve_demo_feeds
from .test_cli import cli


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


def test_a_search_past_the_time_limit_is_stopped(tmp_path: Path) -> None:
    """The store stops a search after `search_timeout` (SQLite: a progress handler;
    PostgreSQL: statement_timeout) with SearchTimeout, which the web answers with 503; a
    search within the limit on the same store still works."""
    from sqlalchemy import text

    from aggregator.errors import SearchTimeout
    from aggregator.store import search

    url = os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / 's.sqlite'}"
    store = Store(url, search_timeout=0.001)
    try:
        with store.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("ALTER TABLE item_search DROP CONSTRAINT item_search_item_id_fkey")
                )
            words = " ".join(f"fraud{n % 50} laundering bribery" for n in range(60))
            search.index(
                connection,
                [
                    {"id": n, "title": f"Fraud case {n}", "body": words, "language": "en"}
                    for n in range(1, 30_001)
                ],
                fresh=True,
            )
        with pytest.raises(SearchTimeout):
            store.search("fraud laundering bribery case")
        store.search_timeout = 60.0
        assert store.search("fraud laundering bribery case") == []  # no published story
    finally:
        store.close()
