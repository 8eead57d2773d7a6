"""Feeds that an HTML page links with <link rel="alternate" type="application/rss+xml" ...>."""

from __future__ import annotations

import lxml.html
from lxml import etree

from aggregator.hygiene import join_url

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
)


def looks_like_html(body: bytes, content_type: str | None) -> bool:
    head = body[:1024].lstrip().lower()
    if content_type and content_type.split(";")[0].strip().lower() in (
        "text/html",
        "application/xhtml+xml",
    ):
        return not head.startswith((b"<rss", b"<feed", b"<?xml", b"<rdf"))
    return head.startswith((b"<!doctype html", b"<html"))


def feed_links(body: bytes, base: str) -> list[str]:
    """Absolute URLs of the feeds a page advertises, in page order, without repeats."""
    try:
        document = lxml.html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    found: dict[str, None] = {}
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        resolved = join_url(base, href.strip()) if href else None
        if "alternate" in rel and kind in FEED_TYPES and resolved:
            found[resolved] = None
    return list(found)
