"""Small feed documents that tests in several folders build: `rss`, a feed whose item links
are unique to its title, and NAMESPACED_RSS, one RSS item with every namespace the parse tests
write in (Dublin Core, media, content, XHTML, iTunes)."""

from __future__ import annotations

import zlib


def rss(title: str, *items: str, extra: str = "") -> str:
    """A small RSS feed whose item links are unique to the feed's title."""
    site = f"https://news.example.org/{zlib.crc32(title.encode()):x}"
    entries = "".join(
        f"<item><title>{t}</title><link>{site}/{n}</link><guid>{site}/{n}</guid></item>"
        for n, t in enumerate(items)
    )
    channel = f"<channel><title>{title}</title>{extra}{entries}</channel>"
    return f"<rss version='2.0'>{channel}</rss>"


NAMESPACED_RSS = (
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:dcterms="http://purl.org/dc/terms/" xmlns:media="http://search.yahoo.com/mrss/"'
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
    ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title>'
    "<link>http://example.org/</link>{channel}<item>{item}</item></channel></rss>"
)
