"""The demo's bundled sample feeds (aggregator/demo/feeds), served by the tests' feed server,
and the demo's config template filled in for it."""

from __future__ import annotations

import textwrap
from importlib import resources

from tests.support.feed_server import Document, FeedServer


def demo_feed(name: str) -> bytes:
    return (resources.files("aggregator.demo") / "feeds" / name).read_bytes()


def serve_demo_feeds(server: FeedServer) -> None:
    """The four bundled sample feeds; eppo.rss has a second, edited version."""
    server.put(
        "eppo.rss",
        Document(demo_feed("eppo.rss")),
        Document(demo_feed("eppo.v2.rss"), modified=1_780_000_600.0),
    )
    server.put("sfo.atom", Document(demo_feed("sfo.atom"), content_type="application/atom+xml"))
    server.put("europol.rss", Document(demo_feed("europol.rss")))
    server.put("mpf.rss", Document(demo_feed("mpf.rss"), content_type="text/xml"))


def demo_config_text(server: FeedServer, extra_sources: str = "") -> str:
    template = (resources.files("aggregator.demo") / "feeds" / "feeds.yaml.template").read_text(
        encoding="utf-8"
    )
    text = template.replace("{base}", server.base_url).replace(
        "{public}", "http://feeds.example.org/"
    )
    if extra_sources:
        text = text.replace(
            "rules:\n", textwrap.indent(textwrap.dedent(extra_sources), "  ") + "rules:\n", 1
        )
    return text
