"""Issue #6 through the real pipeline: archives, every format, provenance, first-run catch-up,
query feeds and WebSub, enclosures and images in all three formats, all validated against
RFC 4287's grammar."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import feedparser
from lxml import etree

from aggregator.config.loading import Config
from aggregator.publish.publisher import publish_all, render_query
from aggregator.store import Store, StoryFilter
from tests.support.feed_server import Document, FeedServer
from tests.support.feeds import NAMESPACED_RSS as RSS
from tests.support.paths import DATA
from tests.support.rounds import Clock, run_round, write_config
from tests.support.two_sources import docs, rss

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(DATA / "atom.rng")))


def atom_ids(document: bytes) -> list[str]:
    return [
        entry.findtext(f"{ATOM}id") for entry in etree.fromstring(document).iter(f"{ATOM}entry")
    ]


def link(document: bytes, rel: str) -> str | None:
    found = etree.fromstring(document).find(f"{ATOM}link[@rel='{rel}']")
    return None if found is None else found.get("href")


def test_archives_every_format_and_catch_up(
    two_sources: tuple[Config, Store, FeedServer], clock: Clock
) -> None:
    config, store, server = two_sources
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
    # Every document validates; three stories fill the first page (of 3), which stays open
    # until a story follows it: no full page links an empty one as its next-archive.
    for name, content in files.items():
        if name.endswith(".atom"):
            assert SCHEMA.validate(etree.fromstring(content)), (name, SCHEMA.error_log)
    assert link(combined, "prev-archive") is None
    assert {
        "feed.rss",
        "feed.json",
        "sources.opml",
        "sources/alpha.atom",
        "sources/beta.atom",
        "countries/br.atom",
        "tags/fraud.atom",
        "archive/1.atom",
    } <= set(files)
    assert b"<fh:archive" not in files["archive/1.atom"]
    assert len(atom_ids(files["archive/1.atom"])) == 3
    # More items arrive: the combined feed gains a full archive page that never changes.
    for n in range(3):
        clock.advance(hours=1)
        server.put("beta.rss", Document(rss([(f"b{n + 2}", f"Beta story {n + 2}", clock.now)])))
        run_round(config, store, clock, due_only=False)
        publish_all(store, config)
    files = docs(config)
    frozen = files["archive/1.atom"]
    assert b"<fh:archive" in frozen  # full: 3 stories of 3, and three follow it
    assert link(files["feed.atom"], "prev-archive") == "https://feeds.example.org/archive/1.atom"
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
    assert len(atom_ids(files["archive/2.atom"])) == 3  # the open page it links is not empty
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


def test_an_empty_feed_says_when_the_store_began_not_1970(
    two_sources: tuple[Config, Store, FeedServer], clock: Clock
) -> None:
    """A source with no items yet: its feed and the empty archive page have no entries, and
    their `updated` is the store's creation, fixed (issue #24), in Atom and in RSS."""
    config, store, server = two_sources
    server.put("alpha.rss", Document(rss([("a1", "Fraud case", clock.now)])))
    server.put("beta.rss", Document(rss([])))
    run_round(config, store, clock)
    publish_all(store, config)
    files = docs(config)
    created = store.created_at()
    assert created is not None and created.year >= 2026
    empty = etree.fromstring(files["sources/beta.atom"])
    assert empty.findall(f"{ATOM}entry") == []
    assert datetime.fromisoformat(empty.findtext(f"{ATOM}updated")) == created
    assert b"1970" not in files["sources/beta.atom"]
    clock.advance(hours=1)
    run_round(config, store, clock, due_only=False)
    publish_all(store, config)
    assert docs(config)["sources/beta.atom"] == files["sources/beta.atom"]  # bytes stay


def test_query_feed_all_of_and_none_of(
    two_sources: tuple[Config, Store, FeedServer], clock: Clock
) -> None:
    config, store, server = two_sources
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
    from tests.support.commands import cli

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


def test_enclosures_and_images_reach_all_three_formats(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    """Through the whole pipeline: kept, stored, and republished as Atom enclosure links (and
    media:thumbnail), RSS <enclosure>, JSON Feed attachments and image; Atom stays valid."""
    document = RSS.format(
        channel="",
        item="<title>Podcast: the trial</title><link>http://example.org/trial</link>"
        '<guid isPermaLink="false">trial</guid><pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate>'
        '<enclosure url="http://example.org/trial.mp3" type="audio/mpeg" length="1234"/>'
        '<media:thumbnail url="http://example.org/trial.jpg"/>',
    )
    feed_server.put("pod.rss", Document(document.encode()))
    config = write_config(
        tmp_path,
        "store: s.sqlite\ndefaults: {max_age: 3650d}\n"
        f"sources:\n  - {{id: pod, url: '{feed_server.url('pod.rss')}'}}\n",
    )
    store = Store(config.store_url)
    try:
        run_round(config, store, clock, due_only=False)
        publish_all(store, config)
    finally:
        store.close()
    atom = etree.fromstring((config.output_dir / "feed.atom").read_bytes())
    assert etree.RelaxNG(etree.parse(str(DATA / "atom.rng"))).validate(atom)
    links = {
        (e.get("href"), e.get("type"), e.get("length"))
        for e in atom.iter("{http://www.w3.org/2005/Atom}link")
        if e.get("rel") == "enclosure"
    }
    assert ("http://example.org/trial.mp3", "audio/mpeg", "1234") in links
    assert ("http://example.org/trial.jpg", "image/jpeg", None) in links
    thumbnails = [e.get("url") for e in atom.iter("{http://search.yahoo.com/mrss/}thumbnail")]
    assert thumbnails == ["http://example.org/trial.jpg"]
    rss = etree.fromstring((config.output_dir / "feed.rss").read_bytes())
    [enclosure] = rss.iter("enclosure")
    assert dict(enclosure.attrib) == {
        "url": "http://example.org/trial.mp3",
        "length": "1234",
        "type": "audio/mpeg",
    }
    [item] = json.loads((config.output_dir / "feed.json").read_bytes())["items"]
    assert item["image"] == "http://example.org/trial.jpg"
    assert item["attachments"][0] == {
        "url": "http://example.org/trial.mp3",
        "mime_type": "audio/mpeg",
        "size_in_bytes": 1234,
    }
