"""Publishing from a big store stays fast by doing only what changed (issue #8): frozen archive
pages are found from their stored ends, and a daemon re-renders only the documents whose
stories changed. These tests check that nothing a subscriber should see is ever skipped."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest

from aggregator.config.loading import Config
from aggregator.publish.publisher import RenderCache, publish_all
from aggregator.store import Store
from aggregator.tagging.tagger import retagger
from tests.support.feed_server import Document, FeedServer
from tests.support.rounds import Clock, run_round, write_config
from tests.support.two_sources import docs, rss


def titles(document: bytes) -> list[str]:
    return [entry.title for entry in feedparser.parse(document).entries]


def tags_of(document: bytes, title: str) -> set[str]:
    [entry] = [e for e in feedparser.parse(document).entries if e.title == title]
    return {tag.term for tag in entry.tags}


def test_a_daemon_renders_only_changed_documents_and_misses_no_change(
    two_sources: tuple[Config, Store, FeedServer], clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, store, server = two_sources
    now = clock.now
    server.put("alpha.rss", Document(rss([("a1", "Fraud case one", now - timedelta(hours=2))])))
    server.put("beta.rss", Document(rss([("b1", "Beta news", now - timedelta(hours=1))])))
    run_round(config, store, clock)
    cache = RenderCache()
    first = publish_all(store, config, cache)
    assert "sources/beta.atom" in first.rendered and first.documents == len(first.rendered)

    # Nothing new: nothing rendered (but the small OPML list), every document still published.
    again = publish_all(store, config, cache)
    assert again.rendered == ("sources.opml",) and again.documents == first.documents
    # Nor by another process (`aggregator publish`): the digests are saved with the files.
    assert publish_all(store, config).rendered == ("sources.opml",)
    # A new release may render the same stories differently: everything is rendered again.
    monkeypatch.setattr("aggregator.publish.publisher.__version__", "99.0")
    assert len(publish_all(store, config, cache).rendered) == first.documents

    # An edit of one of alpha's items: the documents holding it change, beta's does not.
    clock.advance(hours=1)
    server.put(
        "alpha.rss",
        Document(rss([("a1", "Fraud case one (corrected)", now - timedelta(hours=2))])),
    )
    run_round(config, store, clock, due_only=False)
    edited = publish_all(store, config, cache)
    assert {"feed.atom", "sources/alpha.atom", "tags/fraud.atom"} <= set(edited.rendered)
    assert "sources/beta.atom" not in edited.rendered
    files = docs(config)
    for name in ("feed.atom", "sources/alpha.atom", "tags/fraud.atom", "countries/br.atom"):
        assert "Fraud case one (corrected)" in titles(files[name]), name

    # New rules and a retag: the new tag is on the entries at once.
    config = write_config(
        config.path.parent,
        config.path.read_text().replace("any: [fraud]", "any: [fraud, beta]"),
    )
    store.retag(retagger(config))
    retagged = publish_all(store, config, cache)
    assert "sources/beta.atom" in retagged.rendered
    assert "fraud" in tags_of(docs(config)["sources/beta.atom"], "Beta news")
    assert "Beta news" in titles(docs(config)["tags/fraud.atom"])

    # A file lost, or rewritten by another process: rendered again.
    (config.output_dir / "sources/beta.atom").unlink()
    (config.output_dir / "feed.json").write_text("{}")
    repaired = publish_all(store, config, cache)
    assert set(repaired.rendered) == {"sources/beta.atom", "feed.json", "sources.opml"}
    assert titles(docs(config)["sources/beta.atom"]) == ["Beta news"]
    assert b"Fraud case one (corrected)" in docs(config)["feed.json"]

    # A renamed source: every entry names it, so everything holding its stories changes.
    config = write_config(
        config.path.parent,
        config.path.read_text().replace("Alpha Prosecutors", "Alpha Public Prosecutors"),
    )
    store.sync_sources(config.sources, clock.now)
    renamed = publish_all(store, config, cache)
    assert "sources/alpha.atom" in renamed.rendered
    assert b"Alpha Public Prosecutors" in docs(config)["feed.atom"]


def test_archive_pages_keep_their_stored_ends(
    two_sources: tuple[Config, Store, FeedServer], clock: Clock
) -> None:
    config, store, server = two_sources
    now = clock.now
    items = [(f"a{n}", f"Story {n}", now - timedelta(hours=10 - n)) for n in range(4)]
    server.put("alpha.rss", Document(rss(items)))
    server.put("beta.rss", Document(rss([("b1", "Beta news", now - timedelta(hours=20))])))
    run_round(config, store, clock)
    publish_all(store, config)
    bounds = store.archive_bounds("archive")
    assert len(bounds) == 1  # 5 stories, pages of 3: one full page, two on the open page
    frozen = docs(config)["archive/1.atom"]
    assert b"<fh:archive" in frozen and len(titles(frozen)) == 3

    # A lost archive page is written again, the same.
    (config.output_dir / "archive/1.atom").unlink()
    publish_all(store, config)
    assert docs(config)["archive/1.atom"] == frozen

    # Beta leaves the config: its story is no longer published, but the full page does not
    # shift (counting stories would have moved every later story to an earlier page).
    config = write_config(
        config.path.parent,
        config.path.read_text().split("  - id: beta")[0] + "rules:\n  - tag: fraud\n"
        "    any: [fraud]\n",
    )
    store.sync_sources(config.sources, clock.now)
    publish_all(store, config)
    assert store.archive_bounds("archive") == bounds
    assert docs(config)["archive/1.atom"] == frozen
    assert "Beta news" not in titles(docs(config)["feed.atom"])
    # Three more stories: the open page fills (2 + 1) and the next one opens.
    more = [(f"a{n}", f"Story {n}", now + timedelta(hours=n)) for n in range(4, 7)]
    server.put("alpha.rss", Document(rss(items + more)))
    clock.advance(hours=1)
    run_round(config, store, clock, due_only=False)
    publish_all(store, config)
    assert len(store.archive_bounds("archive")) == 2
    walked = titles(docs(config)["archive/1.atom"]) + titles(docs(config)["archive/2.atom"])
    walked += titles(docs(config)["archive/3.atom"])
    # Every story once; beta's only if it was on the page that froze before beta left.
    assert sorted(t for t in walked if t != "Beta news") == sorted(f"Story {n}" for n in range(7))
    assert walked.count("Beta news") == titles(frozen).count("Beta news")


def test_a_tag_that_went_away_leaves_no_feed_behind(
    two_sources: tuple[Config, Store, FeedServer], clock: Clock
) -> None:
    config, store, server = two_sources
    server.put("alpha.rss", Document(rss([("a1", "Fraud case", clock.now)])))
    server.put("beta.rss", Document(rss([("b1", "Beta news", clock.now)])))
    run_round(config, store, clock)
    assert "fraud" in store.tags_in_use()
    config = write_config(
        config.path.parent, config.path.read_text().replace("any: [fraud]", "any: [nothing]")
    )
    store.retag(retagger(config))
    assert "fraud" not in store.tags_in_use()
    assert store.latest_stories(5, tag="fraud") == []
