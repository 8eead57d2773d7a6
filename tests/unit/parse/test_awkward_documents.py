"""The feed parser on awkward documents: an undeclared ISO-8859-1 feed with Portuguese dates, an
HTML page, external entities and an entity expansion bomb."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregator.errors import ParseError
from aggregator.parse.feed import parse_feed

LATIN1_NO_DECLARATION = (
    "<rss version='2.0'><channel><title>Notícias</title>"
    "<item><title>Operação contra corrupção</title><link>https://mpf.example/a</link>"
    "<pubDate>Qua, 25 Nov 2026 09:00:00 -0300</pubDate></item></channel></rss>"
).encode("iso-8859-1")


def test_iso_8859_1_without_declaration_and_portuguese_dates() -> None:
    feed = parse_feed(LATIN1_NO_DECLARATION, url="https://mpf.example/rss", content_type=None)
    assert feed.title == "Notícias"
    [entry] = feed.entries
    assert entry.title == "Operação contra corrupção"
    assert entry.published == datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_html_page_is_not_a_feed() -> None:
    with pytest.raises(ParseError, match="not a feed but an HTML page that links no feed"):
        parse_feed(
            b"<!doctype html><html><body><p>News</p></body></html>",
            url="https://example.org/",
            content_type="text/html",
        )


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    document = (
        f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file://{secret}'>]>"
        "<rss version='2.0'><channel><title>t</title><item><title>a &x; b</title>"
        "<link>https://example.org/a</link></item></channel></rss>"
    ).encode()
    feed = parse_feed(document, url="https://example.org/rss", content_type="application/xml")
    [entry] = feed.entries
    assert "TOP-SECRET" not in entry.title and entry.title.startswith("a ")


def test_entity_expansion_bomb_is_not_expanded() -> None:
    levels = ["<!ENTITY l0 'lol'>"] + [
        f"<!ENTITY l{n} '{f'&l{n - 1};' * 10}'>" for n in range(1, 9)
    ]
    document = (
        f"<?xml version='1.0'?><!DOCTYPE rss [{''.join(levels)}]>"
        "<rss version='2.0'><channel><title>t</title><item><title>&l8;</title>"
        "<link>https://example.org/a</link></item></channel></rss>"
    ).encode()
    feed = parse_feed(document, url="https://example.org/rss", content_type="application/xml")
    assert all(len(entry.title) < 1000 for entry in feed.entries)
