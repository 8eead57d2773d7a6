"""Single fields that every parser reads the same way, whatever the document's format."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import timedelta
from html import escape

from aggregator.models import Enclosure

# The longest <ttl> taken at its word: ten years. Longer ones (and zero, negative or
# non-numeric ones) are ignored; the schedule caps any hint at `max_interval` anyway.
MAX_TTL_MINUTES = 10 * 366 * 24 * 60
_REFERENCE = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]{1,16})|([0-9]{1,20}));")


def read_ttl(text: str | None) -> timedelta | None:
    """An RSS <ttl> (minutes) as a duration, or None when it is not a plausible one."""
    if text is None:
        return None
    text = text.strip()
    if not (text.isascii() and text.isdigit()):  # "²" is a digit to str.isdigit
        return None
    minutes = int(text)
    return timedelta(minutes=minutes) if 0 < minutes <= MAX_TTL_MINUTES else None


def _valid_reference(match: re.Match[bytes]) -> bytes:
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal is not None else int(decimal)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b""
    return match.group()


def without_invalid_references(body: bytes) -> bytes:
    """`body` without numeric character references to what no text can hold (a surrogate
    such as &#xD800;, NUL, or beyond U+10FFFF): feedparser turns them into characters that
    cannot be encoded and fails on the whole document. Other references are kept."""
    if b"&#" not in body:
        return body
    return _REFERENCE.sub(_valid_reference, body)


# What feedparser counts as HTML (its `html_types`); every other type is text.
HTML_TYPES = frozenset({"html", "xhtml", "text/html", "application/xhtml+xml"})


def as_html(value: str, content_type: str | None) -> str:
    """A text construct as HTML: escaped unless its type says it is HTML already (Atom's
    `type="text"`, an RSS title that does not look like HTML), so that text such as
    "History of the <blink> tag" keeps its words."""
    if content_type is None or content_type.strip().lower() in HTML_TYPES:
        return value
    return escape(value, quote=False)


def read_length(text: str | None) -> int | None:
    """An enclosure's length in bytes, or None when it is not a plain positive number."""
    if text is None:
        return None
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and 0 < len(text) <= 15 else None


def _image_type(media_type: str | None) -> bool:
    return bool(media_type) and str(media_type).strip().lower().startswith("image/")


def item_image(
    thumbnails: Iterable[str | None],
    media_contents: Iterable[tuple[str | None, str | None, str | None]],
    itunes_image: str | None,
    enclosures: Sequence[Enclosure],
) -> str | None:
    """An item's picture, the same way for every parser: its first media:thumbnail, else its
    first media:content that is an image (by type or `medium`), else its itunes:image, else
    its first image enclosure."""
    for url in thumbnails:
        if url and url.strip():
            return url.strip()
    for url, media_type, medium in media_contents:
        if url and url.strip() and (_image_type(media_type) or medium == "image"):
            return url.strip()
    if itunes_image and itunes_image.strip():
        return itunes_image.strip()
    return next((e.url for e in enclosures if _image_type(e.type)), None)
