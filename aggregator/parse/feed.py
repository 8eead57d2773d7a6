"""The feedparser adapter: RSS 0.9x/1.0/2.0 and Atom bytes -> ParsedFeed (after the lxml fast
path of fast.py, for the documents it declines).

feedparser's own HTML sanitizer and relative-URI pass are turned off: they were most of its time
(docs/performance.md, "Figures (2026-11-28, third session)", parsing), and normalize.py does
both with nh3 in one pass. feedparser objects never leave here.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime
from functools import cache
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
    document, left_out = _read_with_feedparser(without_invalid_references(body), headers)
    if not document.get("version") and not document.entries and not _channel(document.feed):
        problem = document.get("bozo_exception")
        # feedparser's complaint about the media type says nothing of the document itself.
        about_document = problem and not isinstance(problem, feedparser.NonXMLContentType)
        reason = f" ({_one_line(problem)})" if about_document else ""
        raise ParseError(f"not an RSS, Atom or CDF feed{reason}")
    feed = document.feed
    warnings = [f"left out {what} feedparser could not read" for what in left_out]
    if document.get("bozo"):
        warnings.append(_one_line(document.get("bozo_exception")))
    warning = "; ".join(warnings) or None
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


# Each retry leaves one more element out; a document that fails this often is not a feed.
MOST_RETRIES = 4


def _read_with_feedparser(body: bytes, headers: dict[str, str]) -> tuple[Any, list[str]]:
    """feedparser's reading of the document, and what had to be left out for it. Some of
    feedparser's element handlers raise on values they do not expect (a GML point whose EPSG
    code is not a number, an image's stray </height>, a <textinput> inside an item), and its
    DOCTYPE pass on a backslash in an entity's value: the document is repaired (the element
    left out, the backslash escaped) and read again, so that a bad field loses that field, not
    the feed."""
    left_out: list[str] = []
    for _ in range(MOST_RETRIES + 1):
        try:
            return (
                feedparser.parse(
                    body,
                    response_headers=headers,
                    sanitize_html=False,
                    resolve_relative_uris=False,
                ),
                left_out,
            )
        except Exception as exc:  # any failure inside feedparser, whatever its type
            repaired = repair_for_feedparser(body, exc)
            if repaired is None:
                raise ParseError(f"feedparser failed on the document ({_one_line(exc)})") from exc
            body, lost = repaired
            if lost:
                left_out.append(lost)
    raise ParseError(f"feedparser failed on the document after leaving out {', '.join(left_out)}")


def repair_for_feedparser(body: bytes, exc: BaseException) -> tuple[bytes, str | None] | None:
    """The document with what made feedparser raise exc repaired or taken out, and what was
    taken out (None for a repair that loses nothing); None when nothing can be done."""
    functions = _failing_functions(exc)
    if any(function == "replace_doctype" for function, _ in functions):
        escaped = _ENTITY_DECLARATION.sub(
            lambda m: m.group(0).replace(b"\\", b"\\\\"), body[: _prolog_end(body)]
        )
        if escaped != body[: _prolog_end(body)]:
            # feedparser uses entity values as re.sub templates: a backslash is an escape there
            return escaped + body[_prolog_end(body) :], None
    candidates = []
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        candidates.append(exc.args[0])  # a context feedparser expected: the element that made it
    element = failing_element(functions)
    if element:
        candidates.append(element)
    for candidate in candidates:
        shorter = without_element(body, candidate)
        if shorter != body:
            return shorter, f"<{candidate}>"
    shorter = without_doctype(body)
    return (shorter, "the DOCTYPE") if shorter != body else None


def _failing_functions(exc: BaseException) -> list[tuple[str, str]]:
    """(function, file) of every frame from where exc was caught to where it was raised."""
    found = []
    trace = exc.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        found.append((code.co_name, code.co_filename))
        trace = trace.tb_next
    return found


def _prolog_end(body: bytes) -> int:
    first_element = re.search(rb"<\w", body)
    return first_element.start() if first_element else len(body)


_ENTITY_DECLARATION = re.compile(rb"<!ENTITY[^>]*>", re.IGNORECASE)


# feedparser's element handlers are `_start_NAME`/`_end_NAME`, with NAME its own prefix for the
# element's namespace and the element's lower-cased local name: `_end_gml_pos`, `_end_height`.
_HANDLER = re.compile(r"_(?:start|end)_(\w+)")


def failing_element(functions: list[tuple[str, str]]) -> str | None:
    """The local name of the element whose feedparser handler raised (the innermost one)."""
    found = None
    for function, file in functions:
        handler = _HANDLER.fullmatch(function)
        if handler and "feedparser" in file:
            found = handler.group(1)
    if found is None:
        return None
    prefix, _, local = found.partition("_")
    return local if local and prefix in _feedparser_prefixes() else found


@cache
def _feedparser_prefixes() -> frozenset[str]:
    return frozenset(feedparser.mixin._FeedParserMixin.namespaces.values())


def without_element(body: bytes, local_name: str) -> bytes:
    """body without any element of that local name (any prefix, any case), nor its stray tags.
    One pass over its tags, paired as they nest: linear whatever the document holds (a regular
    expression looking for each start tag's end tag took seconds on thousands of unclosed ones)."""
    tags = re.compile(
        rb"<(/?)(?:[\w.-]+:)?" + re.escape(local_name.encode()) + rb"(?=[\s/>])[^>]*?(/?)>",
        re.IGNORECASE,
    )
    cut: list[tuple[int, int]] = []
    open_at: list[int] = []
    for tag in tags.finditer(body):
        closing, self_closing = tag.group(1), tag.group(2)
        if self_closing and not closing:
            cut.append(tag.span())
        elif not closing:
            open_at.append(tag.start())
        elif open_at:
            start = open_at.pop()
            if not open_at:  # the outermost element: everything inside goes with it
                cut.append((start, tag.end()))
        else:
            cut.append(tag.span())  # a stray end tag
    # Start tags never closed go alone.
    cut.extend((start, body.index(b">", start) + 1) for start in open_at)
    cut.sort()
    kept, position = [], 0
    for start, stop in cut:
        if start >= position:
            kept.append(body[position:start])
            position = stop
        else:
            position = max(position, stop)
    kept.append(body[position:])
    return b"".join(kept)


_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)


def without_doctype(body: bytes) -> bytes:
    return _DOCTYPE.sub(b"", body, count=1)


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
