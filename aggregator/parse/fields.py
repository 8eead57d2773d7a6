"""Single fields that every parser reads the same way, whatever the document's format."""

from __future__ import annotations

import re
from datetime import timedelta

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
