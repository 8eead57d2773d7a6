"""The whole pipeline over a real HTTP server and a real SQLite file, read back by feedparser."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path
from typing import Any

import feedparser
import pytest
from lxml import etree

from aggregator.config.loading import STORE_VARIABLE
from aggregator.publish.publisher import publish_all
from aggregator.store import Store
from tests.support.demo_feeds import demo_config_text, serve_demo_feeds
from tests.support.feed_server import Document, FeedServer
from tests.support.paths import DATA
from tests.support.postgres import PostgresServer
from tests.support.rounds import Clock, run_round, write_config

EXPECTED = json.loads((DATA / "demo_expected.json").read_text(encoding="utf-8"))
ATOM = "{http://www.w3.org/2005/Atom}"


def published(config_dir: Path, name: str = "feed.atom") -> Any:
    return feedparser.parse((config_dir / "store_out" / name).read_bytes())


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*.atom"))
    }


def test_two_rounds_edit_cross_post_and_no_change(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    serve_demo_feeds(feed_server)
    config = write_config(
        tmp_path, demo_config_text(feed_server).replace("dir: public", "dir: store_out")
    )
    store = Store(config.store_url)
    try:
        first_check = clock.now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        first = run_round(config, store, clock)
        assert first.failed == 0 and first.new == 10 and first.updated == 0
        publish_all(store, config)
        feed = published(tmp_path)
        titles = [e.title for e in feed.entries]
        assert len(titles) == EXPECTED["stories_after_round_1"] == len(set(titles))
        by_title = {e.title: e for e in feed.entries}
        for title, tags in EXPECTED["tags"].items():
            assert sorted(t.term for t in by_title[title].tags) == tags, title
        # The cross-posted story: one entry, the first source as atom:source, the other related.
        tree = etree.parse(str(tmp_path / "store_out" / "feed.atom"))
        [cross] = [
            e
            for e in tree.iter(f"{ATOM}entry")
            if e.findtext(f"{ATOM}title") == EXPECTED["cross_posted_title"]
        ]
        # Which source is stored first depends on which answers first; either way the other
        # is kept with the story, and the published entry is one.
        source_title = cross.find(f"{ATOM}source/{ATOM}title").text
        assert source_title in ("Europol", "UK Serious Fraud Office")
        [story] = [s for s in store.latest_stories(50) if s.title == EXPECTED["cross_posted_title"]]
        assert sorted([story.source.id, *(ref.id for ref, _ in story.also)]) == sorted(
            EXPECTED["cross_posted_sources"]
        )
        other = ({"Europol", "UK Serious Fraud Office"} - {source_title}).pop()
        assert f"Also reported by: {other}" in (cross.findtext(f"{ATOM}content") or "")
        # The two links are one page once canonicalized: no extra "related" link.
        assert cross.findall(f"{ATOM}link[@rel='related']") == []
        # atom:source says when its feed was updated, as known when the entry was written:
        # the SFO feed's own <updated>; the RSS feeds say nothing, so the time of that check.
        for entry in tree.iter(f"{ATOM}entry"):
            source = entry.find(f"{ATOM}source")
            sfo = source.findtext(f"{ATOM}title") == "UK Serious Fraud Office"
            assert source.findtext(f"{ATOM}updated") == (
                "2026-11-25T10:12:40Z" if sfo else first_check
            )
        # Sanitized: the Drupal item's script and onerror never reach the output.
        raw = (tmp_path / "store_out" / "feed.atom").read_text(encoding="utf-8")
        assert "evil.example" not in raw and "onerror" not in raw and "&lt;script" not in raw
        # ISO-8859-1 without a declaration and Portuguese month names read correctly.
        mpf = by_title["PGR denuncia esquema de lavagem de dinheiro com criptomoedas"]
        assert mpf.published == "2026-11-24T17:20:00+00:00"
        ids_before = {e.title: e.id for e in feed.entries}
        edited_before = by_title[EXPECTED["edited_title_before"]]

        clock.advance(hours=1)
        second = run_round(config, store, clock)
        outcomes = {r.source_id: r.outcome for r in second.results}
        assert outcomes == {
            "eppo": "ok",
            "sfo": "not-modified",
            "europol": "not-modified",
            "mpf-pgr": "not-modified",
        }
        assert (second.new, second.updated) == (0, 1)
        publish_all(store, config)
        feed = published(tmp_path)
        by_title = {e.title: e for e in feed.entries}
        assert len(feed.entries) == EXPECTED["stories_after_round_1"]
        edited = by_title[EXPECTED["edited_title_after"]]
        assert EXPECTED["edited_title_before"] not in by_title
        assert edited.id == edited_before.id
        assert edited.updated_parsed > edited_before.updated_parsed
        assert edited.published == edited_before.published
        assert {e.title: e.id for e in feed.entries if e.title != edited.title} == {
            t: i for t, i in ids_before.items() if t != EXPECTED["edited_title_before"]
        }

        schema = etree.RelaxNG(etree.parse(str(DATA / "atom.rng")))
        for document in (tmp_path / "store_out").rglob("*.atom"):
            tree = etree.parse(str(document))
            assert schema.validate(tree), (document, schema.error_log)
            # What the W3C validator warned about (issue #24): an atom:source without
            # `updated`, ids that are no IRI (a space), the 1970 date of an empty feed.
            for source in tree.iter(f"{ATOM}source"):
                assert source.findtext(f"{ATOM}updated"), document
            for element in tree.iter(f"{ATOM}id"):
                assert " " not in (element.text or ""), (document, element.text)
            assert not any((u.text or "").startswith("1970") for u in tree.iter(f"{ATOM}updated"))

        # A round with nothing new writes no byte and touches no file.
        before = snapshot(tmp_path / "store_out")
        clock.advance(hours=1)
        third = run_round(config, store, clock)
        assert (third.new, third.updated, third.failed) == (0, 0, 0)
        result = publish_all(store, config)
        assert result.written == ()
        assert snapshot(tmp_path / "store_out") == before
        # Every second-round request was conditional.
        later = [r for r in feed_server.requests[4:]]
        assert later and all(r.if_none_match for r in later)
    finally:
        store.close()


def test_failing_sources_do_not_stop_healthy_ones(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    serve_demo_feeds(feed_server)
    feed_server.put("broken", Document(b"oops", status=500, content_type="text/plain"))
    feed_server.put(
        "page.html", Document(b"<html><body><p>Hello</p></body></html>", content_type="text/html")
    )
    extra = f"""\
      - id: broken
        url: {feed_server.url("broken")}
      - id: refused
        url: http://127.0.0.1:9/feed
      - id: not-a-feed
        url: {feed_server.url("page.html")}
    """
    config = write_config(tmp_path, demo_config_text(feed_server, extra))
    store = Store(config.store_url)
    try:
        summary = run_round(config, store, clock)
        results = {r.source_id: r for r in summary.results}
        assert summary.failed == 3 and summary.new == 10
        assert results["broken"].error == "HTTP 500 Internal Server Error"
        assert results["broken"].http_status == 500
        assert results["refused"].error is not None
        assert results["refused"].error.startswith("cannot connect")
        assert results["not-a-feed"].error is not None
        assert results["not-a-feed"].error == "not a feed but an HTML page that links no feed"
        status = {row.id: row for row in store.source_statuses()}
        assert status["broken"].outcome == "error" and status["broken"].consecutive_errors == 1
        assert (status["broken"].next_check_at - clock.now).total_seconds() == 120
        assert status["eppo"].items == 3 and status["eppo"].outcome == "ok"
        # Not a feed is unlikely to heal in minutes: it backs off from an hour.
        assert (status["not-a-feed"].next_check_at - clock.now).total_seconds() == 3600
        # A second failure backs off further; the healthy ones answer 304 meanwhile.
        clock.advance(minutes=3)
        again = run_round(config, store, clock)
        outcomes = {r.source_id: r.outcome for r in again.results}
        assert outcomes == {
            "broken": "error",
            "refused": "error",
            "eppo": "ok",
            "sfo": "not-modified",
            "europol": "not-modified",
            "mpf-pgr": "not-modified",
        }
        status = {row.id: row for row in store.source_statuses()}
        assert status["broken"].consecutive_errors == 2
        assert (status["broken"].next_check_at - clock.now).total_seconds() == 240
        assert status["broken"].next_check_reason == "backoff after 2 errors"
    finally:
        store.close()


def test_removed_source_keeps_its_items_but_leaves_the_feed(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    serve_demo_feeds(feed_server)
    text = demo_config_text(feed_server)
    config = write_config(tmp_path, text)
    store = Store(config.store_url)
    try:
        run_round(config, store, clock)
        start = text.index("  - id: mpf-pgr")
        end = text.index("rules:")
        smaller = write_config(tmp_path, text[:start] + text[end:])
        run_round(smaller, store, clock)
        status = {row.id: row for row in store.source_statuses()}
        assert status["mpf-pgr"].in_config is False and status["mpf-pgr"].items == 2
        titles = {s.title for s in store.latest_stories(50)}
        assert "PGR denuncia esquema de lavagem de dinheiro com criptomoedas" not in titles
        assert len(titles) == 7
    finally:
        store.close()


def test_gov_uk_id_churn_is_one_item_updated(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    def atom(stamp: str, title: str) -> bytes:
        return (
            "<feed xmlns='http://www.w3.org/2005/Atom'><id>x</id><title>SFO</title>"
            f"<updated>{stamp}</updated><entry>"
            f"<id>https://www.gov.uk/government/news/sfo-case#{stamp}</id>"
            f"<updated>{stamp}</updated><title>{title}</title>"
            "<link rel='alternate' href='https://www.gov.uk/government/news/sfo-case'/>"
            "</entry></feed>"
        ).encode()

    feed_server.put(
        "sfo.atom",
        Document(
            atom("2026-11-25T10:00:00Z", "SFO charges director"),
            content_type="application/atom+xml",
        ),
        Document(
            atom("2026-11-27T09:00:00Z", "SFO charges two directors"),
            content_type="application/atom+xml",
            modified=1_780_000_900.0,
        ),
    )
    config = write_config(
        tmp_path,
        f"store: s.sqlite\nsources:\n  - id: sfo\n    url: {feed_server.url('sfo.atom')}\n",
    )
    store = Store(config.store_url)
    try:
        assert run_round(config, store, clock).new == 1
        second = run_round(config, store, clock, due_only=False)
        assert (second.new, second.updated) == (0, 1)
        [story] = store.latest_stories(5)
        assert story.title == "SFO charges two directors"
    finally:
        store.close()


def test_a_preferred_kind_of_source_becomes_what_the_story_shows(
    tmp_path: Path,
    feed_server: FeedServer,
    clock: Clock,
    postgres: PostgresServer | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def rss(title: str) -> bytes:
        return (
            f"<rss version='2.0'><channel><title>x</title><item><title>{title}</title>"
            "<link>https://justice.example/press/42</link><guid>g-42</guid></item>"
            "</channel></rss>"
        ).encode()

    feed_server.put("paper.rss", Document(rss("Paper: officials charged")))
    feed_server.put("doj.rss", Document(rss("Justice Department charges three officials")))
    for prefer, shown in (
        ("[prosecution]", "Justice Department charges three officials"),
        ("[]", "Paper: officials charged"),
    ):
        folder = tmp_path / prefer.strip("[]").replace(",", "") / "x"
        folder.mkdir(parents=True)
        if postgres is not None:  # two stores in one test: a database each
            monkeypatch.setenv(STORE_VARIABLE, postgres.new_database())
        base = (
            f"store: s.sqlite\ndefaults: {{max_age: 36500d}}\nstories: {{prefer_kinds: {prefer}}}\n"
            f"sources:\n  - id: paper\n    url: {feed_server.url('paper.rss')}\n"
            "    kind: media\n"
        )
        store = Store(write_config(folder, base).store_url)
        try:
            run_round(write_config(folder, base), store, clock)
            [before] = store.latest_stories(5)
            both = base + (
                f"  - id: doj\n    url: {feed_server.url('doj.rss')}\n    kind: prosecution\n"
            )
            clock.advance(hours=1)  # the paper's copy (undated) is the earlier one
            run_round(write_config(folder, both), store, clock, due_only=False)
            [after] = store.latest_stories(5)
            assert after.entry_id == before.entry_id
            assert after.title == shown
            assert {after.source.id, *(ref.id for ref, _ in after.also)} == {"paper", "doj"}
        finally:
            store.close()
