"""Parsers: bytes of a source -> ParsedFeed. Each adapter keeps its library's objects to itself.

The adapters are imported when a document is parsed, not with this package: the config's
validation imports `parse.presets`, and every command would otherwise load feedparser, lxml's
HTML tools and the encoding detector whether it parses anything or not (their import time:
docs/performance.md, "Figures (2026-11-28, third session)", start-up).
"""

from datetime import datetime

from aggregator.models import ParsedFeed, ParseOptions

__all__ = ["parse_document_bytes"]


def parse_document_bytes(
    body: bytes,
    *,
    url: str,
    content_type: str | None,
    options: ParseOptions,
    now: datetime | None = None,
) -> ParsedFeed:
    """Read a source's document the way its config says: a feed (RSS, Atom, or a JSON Feed
    recognised by its media type or shape), a JSON Feed, or an HTML list (read with its
    preset's variants or its selectors, else detected on the page). `now`, the time of the
    fetch, reads the relative dates of HTML lists ("today", "2 hours ago")."""
    from aggregator.parse.feed import parse_feed
    from aggregator.parse.html import parse_html_list
    from aggregator.parse.jsonfeed import looks_like_jsonfeed, parse_jsonfeed

    if options.kind == "html":
        return parse_html_list(
            body,
            url=url,
            content_type=content_type,
            recipes=options.recipes,
            language=options.language,
            now=now,
            timezone=options.timezone,
        )
    if options.kind == "jsonfeed" or looks_like_jsonfeed(body, content_type):
        return parse_jsonfeed(body)
    return parse_feed(body, url=url, content_type=content_type)
