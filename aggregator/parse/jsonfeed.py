"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) -> ParsedFeed."""

from __future__ import annotations

import html
import json
from datetime import datetime
from typing import Any

from aggregator.errors import ParseError
from aggregator.models import EntryData, ParsedFeed
from aggregator.normalize.dates import in_utc

VERSION_PREFIX = "https://jsonfeed.org/version/"


def looks_like_jsonfeed(body: bytes, content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    if media in ("application/feed+json",):
        return True
    head = body[:512].lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version" in body[:4096]


def parse_jsonfeed(body: bytes) -> ParsedFeed:
    try:
        # Lenient about raw control characters inside strings (RFC 8259 forbids them, and
        # careless generators write them): they are removed with the rest (hygiene.py).
        try:
            document = json.loads(body, strict=False, parse_int=_integer)
        except RecursionError:
            # A value nested deeper than Python's JSON reader goes (an extension field, say):
            # that value is dropped, the rest of the feed is read.
            document = json.loads(without_deep_values(body), strict=False, parse_int=_integer)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParseError(f"not a JSON Feed: invalid JSON ({exc})") from exc
    except RecursionError as exc:
        raise ParseError("not a JSON Feed: nested too deep to read") from exc
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        VERSION_PREFIX
    ):
        raise ParseError('not a JSON Feed: no "version": "https://jsonfeed.org/version/1.1"')
    items = document.get("items")
    if not isinstance(items, list):
        raise ParseError('not a JSON Feed: "items" is not a list')
    title = _string(document.get("title"))
    return ParsedFeed(
        # JSON Feed titles are plain text: escaped, so that the HTML reading of titles
        # (normalize.plain_text) gives them back as written, markup-like text included.
        title=html.escape(title, quote=False) if title else None,
        link=_string(document.get("home_page_url")),
        language=_string(document.get("language")),
        entries=tuple(_entry(item) for item in items if isinstance(item, dict)),
    )


def _integer(digits: str) -> int | None:
    """A JSON integer, or None past Python's limit on converting digits (4,300): a number that
    long in one field (an extension, a size) loses that field, not the feed."""
    try:
        return int(digits)
    except ValueError:
        return None


MAX_NESTING = 64  # JSON Feed's own structure is four levels deep


def without_deep_values(body: bytes, limit: int = MAX_NESTING) -> bytes:
    """`body` with every array or object that opens deeper than `limit` replaced by null."""
    out = bytearray()
    depth, cut_at, in_string, escaped = 0, -1, False, False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
            if cut_at < 0:
                out.append(byte)
            continue
        if byte == 0x22:  # quote
            in_string, escaped = True, False
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit and cut_at < 0:
                cut_at = depth
                out += b"null"
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
            if cut_at >= 0 and depth < cut_at:
                cut_at = -1
                continue
        if cut_at < 0:
            out.append(byte)
    return bytes(out)


def _entry(item: dict[str, Any]) -> EntryData:
    content = _string(item.get("content_html"))
    if content is None and _string(item.get("content_text")):
        text = html.escape(str(item["content_text"]))
        content = "".join(f"<p>{part}</p>" for part in text.split("\n\n") if part.strip())
    authors: list[Any] = []
    if isinstance(item.get("authors"), list):
        authors = item["authors"]
    elif isinstance(item.get("author"), dict):
        authors = [item["author"]]
    author = next(
        (_string(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")), None
    )
    tags: list[Any] = item["tags"] if isinstance(item.get("tags"), list) else []
    summary = _string(item.get("summary"))
    return EntryData(
        guid=_string(item.get("id")) if item.get("id") is not None else None,
        link=_string(item.get("url")) or _string(item.get("external_url")),
        title=html.escape(_string(item.get("title")) or "", quote=False),
        summary=html.escape(summary) if summary else "",
        content=content or "",
        author=author,
        categories=tuple(str(tag) for tag in tags),
        published=_date(item.get("date_published")),
        updated=_date(item.get("date_modified")),
        unreadable_date=_unreadable(item.get("date_published"))
        or _unreadable(item.get("date_modified")),
    )


def _string(value: object) -> str | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return in_utc(parsed)


def _unreadable(value: object) -> str | None:
    """A date the item gives that `_date` cannot read (a number, a bad string)."""
    if value is None or value == "" or _date(value) is not None:
        return None
    return value if isinstance(value, str) else json.dumps(value)[:80]
