"""Issue #6 through the real pipeline: archives, every format, provenance, first-run catch-up,
query feeds and WebSub, all validated against RFC 4287's grammar."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import feedparser
import pytest
from lxml import etree

from aggregator.config.loading import Config
from aggregator.demo.server import Document, FeedServer
from aggregator.publish.publisher import publish_all, render_query
from aggregator.store import Store, StoryFilter

from .conftest import DATA, Clock, run_round, write_config

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(DATA / "atom.rng")))


def rss(items: list[tuple[str, str, datetime]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>https://news.example.org/{key}</link>"
        f"<guid>{key}</guid><pubDate>{format_datetime(when)}</pubDate>"
        f"<description>About {title}</description></item>"
        for key, title, when in items
    )
    return f"<rss version='2.0'><channel><title>T</title>{body}</channel></rss>".encode()


@pytest.fixture
def setup(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> Iterator[tuple[Config, Store, FeedServer]]:
    config = two_source_config(tmp_path, feed_server)
    store = Store(config.store_url)
    yield config, store, feed_server
    store.close()


def two_source_config(tmp_path: Path, feed_server: FeedServer) -> Config:
    """Alpha (a Brazilian prosecution service, in Portuguese) and beta (English media), pages
    of 3 entries, one rule."""
    text = f"""\
store: s.sqlite
output:
  dir: out
  id: tag:example.org,2026:test
  base_url: https://feeds.example.org/
  entries: 3
  icon: https://feeds.example.org/icon.png
fetch: {{adaptive: false}}
sources:
  - id: alpha
    url: {feed_server.url("alpha.rss")}
    title: Alpha Prosecutors
    kind: prosecution
    country: BR
    language: pt
  - id: beta
    url: {feed_server.url("beta.rss")}
    kind: media
    language: en
rules:
  - tag: fraud
    any: [fraud]
"""
    return write_config(tmp_path, text)


def docs(config: Config) -> dict[str, bytes]:
    return {
        str(p.relative_to(config.output_dir)): p.read_bytes()
        for p in sorted(config.output_dir.rglob("*"))
        if p.is_file()
    }


def atom_ids(document: bytes) -> list[str]:
    return [
        entry.findtext(f"{ATOM}id") for entry in etree.fromstring(document).iter(f"{ATOM}entry")
    ]


def link(document: bytes, rel: str) -> str | None:
    found = etree.fromstring(document).find(f"{ATOM}link[@rel='{rel}']")
    return None if found is None else found.get("href")


def test_archives_every_format_and_catch_up(
    setup: tuple[Config, Store, FeedServer], clock: Clock
) -> None:
    config, store, server = setup
    now = clock.now
    # Alpha's first fetch: two recent items and two older than max_age (7 days).
    server.put(
        "alpha.rss",
        Document(
            rss(
                [
                    ("a1", "Fraud case one", now - timedelta(days=1)),
                    ("a2", "Second story", now - timedelta(days=2)),
                    ("a-old1", "Old story", now - timedelta(days=30)),
                    ("a-old2", "Older fraud story", now - timedelta(days=40)),
                ]
            )
        ),
    )
    server.put("beta.rss", Document(rss([("b1", "Beta fraud news", now - timedelta(hours=5))])))
    run_round(config, store, clock)
    publish_all(store, config)
    files = docs(config)
    combined = files["feed.atom"]
    titles = [e.title for e in feedparser.parse(combined).entries]
    # Catch-up: the old items are stored, not published.
    assert sorted(titles) == ["Beta fraud news", "Fraud case one", "Second story"]
    assert [r.items for r in store.source_statuses() if r.id == "alpha"] == [4]
    # Every document validates; three stories fill the first archive page (of 3).
    for name, content in files.items():
        if name.endswith(".atom"):
            assert SCHEMA.validate(etree.fromstring(content)), (name, SCHEMA.error_log)
    assert link(combined, "prev-archive") == "https://feeds.example.org/archive/1.atom"
    assert {
        "feed.rss",
        "feed.json",
        "sources.opml",
        "sources/alpha.atom",
        "sources/beta.atom",
        "countries/br.atom",
        "tags/fraud.atom",
        "archive/2.atom",
    } <= set(files)
    assert b"<fh:archive" in files["archive/1.atom"]  # full: 3 stories of 3
    # More items arrive: the combined feed gains a full archive page that never changes.
    for n in range(3):
        clock.advance(hours=1)
        server.put("beta.rss", Document(rss([(f"b{n + 2}", f"Beta story {n + 2}", clock.now)])))
        run_round(config, store, clock, due_only=False)
        publish_all(store, config)
    files = docs(config)
    frozen = files["archive/1.atom"]
    assert link(files["feed.atom"], "prev-archive") == "https://feeds.example.org/archive/2.atom"
    walked: list[str] = []
    page = files["feed.atom"]
    walked.extend(atom_ids(page))
    while link(page, "prev-archive"):
        name = link(page, "prev-archive").removeprefix("https://feeds.example.org/")  # type: ignore[union-attr]
        page = files[name]
        assert link(page, "current") == "https://feeds.example.org/feed.atom"
        walked.extend(atom_ids(page))
    assert len(set(walked)) == 6 == len(store.arrival_ids(StoryFilter(), 0))
    assert (
        link(files["archive/1.atom"], "next-archive") == "https://feeds.example.org/archive/2.atom"
    )
    # Edits to an archived story do not touch its frozen page.
    clock.advance(hours=1)
    server.put(
        "alpha.rss", Document(rss([("a1", "Fraud case one (corrected)", now - timedelta(days=1))]))
    )
    run_round(config, store, clock, due_only=False)
    publish_all(store, config)
    assert docs(config)["archive/1.atom"] == frozen
    # Other formats and provenance.
    rss_feed = feedparser.parse(files["feed.rss"])
    assert rss_feed.version == "rss20" and len(rss_feed.entries) == 3
    feed_json = json.loads(files["feed.json"])
    assert feed_json["version"] == "https://jsonfeed.org/version/1.1"
    assert feed_json["icon"] == "https://feeds.example.org/icon.png"
    assert {i["title"] for i in feed_json["items"]} == {e.title for e in rss_feed.entries}
    opml = etree.fromstring(files["sources.opml"])
    outlines = {o.get("text"): o for o in opml.iter("outline")}
    assert outlines["Alpha Prosecutors"].get("xmlUrl").endswith("/alpha.rss")
    assert outlines["Alpha Prosecutors"].get("category") == "prosecution,BR"
    alpha = etree.fromstring(files["sources/alpha.atom"])
    entry = alpha.find(f"{ATOM}entry")
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "pt"
    assert entry.findtext(f"{ATOM}source/{ATOM}title") == "Alpha Prosecutors"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "country:br",
        "fraud",
        "kind:prosecution",
        "lang:pt",
    ]
    assert alpha.findtext(f"{ATOM}icon") == "https://feeds.example.org/icon.png"


def test_query_feed_all_of_and_none_of(
    setup: tuple[Config, Store, FeedServer], clock: Clock
) -> None:
    config, store, server = setup
    now = clock.now
    server.put("alpha.rss", Document(rss([("a1", "Fraud case", now), ("a2", "Other", now)])))
    server.put("beta.rss", Document(rss([("b1", "Beta fraud", now)])))
    run_round(config, store, clock)
    both = feedparser.parse(render_query(store, config, ("fraud",), (), "tag=fraud"))
    assert sorted(e.title for e in both.entries) == ["Beta fraud", "Fraud case"]
    no_media = feedparser.parse(render_query(store, config, ("fraud",), ("kind:media",), "q"))
    assert [e.title for e in no_media.entries] == ["Fraud case"]
    assert SCHEMA.validate(etree.fromstring(render_query(store, config, (), (), "")))


RECEIVED: list[dict[str, list[str]]] = []


class _Hub(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        RECEIVED.append(parse_qs(self.rfile.read(length).decode()))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_websub_ping_after_publish(tmp_path: Path, feed_server: FeedServer) -> None:
    from .test_cli import cli

    hub = ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    threading.Thread(target=hub.serve_forever, daemon=True).start()
    try:
        feed_server.put("a.rss", Document(rss([("x", "Story", datetime.now(UTC))])))
        config = tmp_path / "feeds.yaml"
        config.write_text(
            f"store: s.sqlite\noutput:\n  dir: out\n  base_url: https://feeds.example.org/\n"
            f"  websub_hub: http://127.0.0.1:{hub.server_address[1]}/\n"
            f"sources:\n  - id: a\n    url: {feed_server.url('a.rss')}\n"
        )
        assert cli(config, "fetch").returncode == 0
        [ping] = RECEIVED
        assert ping["hub.mode"] == ["publish"]
        assert "https://feeds.example.org/feed.atom" in ping["hub.url"]
        assert "https://feeds.example.org/sources/a.atom" in ping["hub.url"]
        assert cli(config, "publish").returncode == 0
        assert len(RECEIVED) == 1  # nothing changed: no ping
    finally:
        hub.shutdown()
        hub.server_close()
