"""Two sources for the publishing tests: alpha (a Brazilian prosecution service, in
Portuguese) and beta (English media) on the tests' feed server, pages of 3 entries, one rule;
their feeds built from dated items, and the published documents read back."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from aggregator.config.loading import Config
from tests.support.feed_server import FeedServer
from tests.support.rounds import write_config


def rss(items: list[tuple[str, str, datetime]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>https://news.example.org/{key}</link>"
        f"<guid>{key}</guid><pubDate>{format_datetime(when)}</pubDate>"
        f"<description>About {title}</description></item>"
        for key, title, when in items
    )
    return f"<rss version='2.0'><channel><title>T</title>{body}</channel></rss>".encode()


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
