"""What a server says about when to come back: Retry-After, Cache-Control, Expires. Pure."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?([0-9]+)\"?", re.IGNORECASE)
_SECONDS = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() also takes "²"
# Beyond any schedule (about 31 years): a longer delay, however many digits a server sends,
# is this one, which a timedelta can hold.
_LONGEST_SECONDS = 10**9
_NO_CACHE = re.compile(r"(?:^|,)\s*(?:no-cache|no-store)\b", re.IGNORECASE)


def http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def retry_after(value: str | None, now: datetime) -> timedelta | None:
    """Retry-After in either form: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    text = value.strip()
    if _SECONDS.fullmatch(text):
        return _seconds(text)
    moment = http_date(text)
    if moment is None:
        return None
    return max(moment - now, timedelta(0))


def freshness(
    cache_control: str | None, expires: str | None, date: str | None, now: datetime
) -> timedelta | None:
    """How long the response says it stays fresh: max-age, else Expires - Date."""
    if cache_control:
        if _NO_CACHE.search(cache_control):
            return None
        match = _MAX_AGE.search(cache_control)
        if match:
            return _seconds(match.group(1))
    expires_at = http_date(expires)
    if expires_at is None:
        return None
    reference = http_date(date) or now
    return max(expires_at - reference, timedelta(0))


def _seconds(digits: str) -> timedelta:
    if len(digits) > len(str(_LONGEST_SECONDS)):
        return timedelta(seconds=_LONGEST_SECONDS)
    return timedelta(seconds=min(int(digits), _LONGEST_SECONDS))
