"""The feedparser adapter: RSS 0.9x/1.0/2.0 and Atom bytes -> ParsedFeed (after the lxml fast
path of fast.py, for the documents it declines).

feedparser's own HTML sanitizer and relative-URI pass are turned off: they were most of its time
(docs/performance.md, "Figures (2026-11-28, third session)", parsing), and normalize.py does
both with nh3 in one pass. feedparser objects never leave here.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any

import feedparser

from aggregator.errors import ParseError
from aggregator.models import Enclosure, EntryData, ParsedFeed
from aggregator.normalize.dates import parse_localized_rfc822
from aggregator.parse.discover import feed_links, looks_like_html
from aggregator.parse.encoding import with_known_encoding
from aggregator.parse.fast import parse_fast
from aggregator.parse.fields import (
    as_html,
    item_image,
    read_length,
    read_ttl,
    without_invalid_references,
)


def parse_feed(body: bytes, *, url: str, content_type: str | None, fast: bool = True) -> ParsedFeed:
    """Parse a feed document; raise ParseError when it is not a feed at all. Well-formed
    documents take the lxml fast path (fast.py) unless `fast` is False; feedparser reads
    the rest, and is the reference the fast path is tested against."""
    if looks_like_html(body, content_type):
        links = feed_links(body, url)
        if links:
            raise ParseError(
                f"not a feed but an HTML page; it links a feed at {links[0]} "
                "(use that as the source url)"
            )
        raise ParseError("not a feed but an HTML page that links no feed")
    body, content_type = with_known_encoding(body, content_type)
    if fast:
        parsed = parse_fast(body, url=url, content_type=content_type)
        if parsed is not None:
            return parsed
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    document = feedparser.parse(
        without_invalid_references(body),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not document.get("version") and not document.entries and not _channel(document.feed):
        problem = document.get("bozo_exception")
        # feedparser's complaint about the media type says nothing of the document itself.
        about_document = problem and not isinstance(problem, feedparser.NonXMLContentType)
        reason = f" ({_one_line(problem)})" if about_document else ""
        raise ParseError(f"not an RSS, Atom or CDF feed{reason}")
    feed = document.feed
    warning = None
    if document.get("bozo"):
        warning = _one_line(document.get("bozo_exception"))
    return ParsedFeed(
        title=_text(_detailed(feed, "title")),
        # The feed's description, as feedparser's `description` reads it: its subtitle, or
        # its summary (itunes:summary).
        subtitle=_text(_detailed(feed, "subtitle")) or _text(_detailed(feed, "summary")),
        link=_text(feed.get("link")),
        language=_text(feed.get("language")),
        ttl=read_ttl(_text(feed.get("ttl"))),
        entries=tuple(_entry(entry, url) for entry in document.entries),
        warning=warning,
        updated=_date(feed, "updated"),
    )


def _channel(feed: Any) -> bool:
    """feedparser read a channel: a feed without items (a CDF channel, an empty RSS)."""
    return any(feed.get(field) for field in ("title", "link", "subtitle", "summary"))


def _explicit_base(detail: Any, url: str) -> str | None:
    """The xml:base feedparser resolved a text construct against, when the document set one
    (feedparser gives the document's own address otherwise)."""
    base = detail.get("base") if isinstance(detail, dict) else None
    return str(base) if base and base != url else None


def _entry(entry: Any, url: str) -> EntryData:
    content = ""
    if entry.get("content"):
        content = "\n".join(
            as_html(part.get("value", ""), part.get("type")) for part in entry.content
        )
    enclosures = tuple(
        Enclosure(str(enclosure["href"]), _text(enclosure.get("type")), _length(enclosure))
        for enclosure in entry.get("enclosures", []) or []
        if _text(enclosure.get("href"))
    )
    return EntryData(
        guid=_text(entry.get("id")),
        link=_text(entry.get("link")),
        title=_detailed(entry, "title"),
        summary=_detailed(entry, "summary"),
        content=content,
        author=_text(entry.get("author")),
        categories=tuple(
            tag.get("label") or tag.get("term") or "" for tag in entry.get("tags", []) or []
        ),
        published=_date(entry, "published"),
        updated=_date(entry, "updated"),
        unreadable_date=_unreadable_date(entry),
        enclosures=enclosures,
        summary_base=_explicit_base(
            entry.get("summary_detail") or (entry.get("content") or [None])[0], url
        ),
        content_base=_explicit_base((entry.get("content") or [None])[0], url),
        image=item_image(
            [t.get("url") for t in entry.get("media_thumbnail", []) or []],
            [(c.get("url"), c.get("type"), c.get("medium")) for c in _media_content(entry)],
            (entry.get("image") or {}).get("href")
            if isinstance(entry.get("image"), dict)
            else None,
            enclosures,
        ),
    )


def _detailed(context: Any, field: str) -> str:
    """A text construct as HTML: feedparser's value, escaped when its type is not HTML. A
    summary feedparser copied from the content has no detail of its own: the content's type
    is its type."""
    value = context.get(field, "") or ""
    detail = context.get(f"{field}_detail")
    if detail is None and field == "summary" and context.get("content"):
        detail = context["content"][0]
    return as_html(value, (detail or {}).get("type"))


def _itunes_image(entry: Any) -> str | None:
    image = entry.get("image")
    return _text(image.get("href")) if isinstance(image, dict) else None


def _media_content(entry: Any) -> list[Any]:
    found = entry.get("media_content", []) or []
    return [c for c in found if isinstance(c, dict)]


def _length(enclosure: Any) -> int | None:
    return read_length(_text(enclosure.get("length")))


def _date(entry: Any, field: str) -> datetime | None:
    # dict.get, not entry.get: FeedParserDict quietly answers `updated` with `published`
    # (with a DeprecationWarning), which would make every item look edited on publication.
    parsed = dict.get(entry, f"{field}_parsed")
    if parsed:
        try:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
        except (ValueError, OverflowError, OSError):  # the year 10000, say
            return None
    raw = dict.get(entry, field)
    return parse_localized_rfc822(raw) if isinstance(raw, str) else None


def _unreadable_date(entry: Any) -> str | None:
    """The first date text of the entry that gave no date, if any."""
    for field in ("published", "updated", "created"):
        raw = dict.get(entry, field)
        if isinstance(raw, str) and raw.strip() and _date(entry, field) is None:
            return raw
    return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _one_line(problem: object) -> str:
    return " ".join(str(problem).split())[:300]
