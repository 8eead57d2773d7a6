"""Server hints read from response headers (fetch/hints.py): Retry-After, Cache-Control and
Expires as durations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aggregator.fetch.hints import freshness, retry_after

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_header_hints() -> None:
    assert retry_after("120", NOW) == timedelta(minutes=2)
    assert retry_after("Sat, 28 Nov 2026 13:00:00 GMT", NOW) == timedelta(hours=1)
    assert retry_after("Sat, 28 Nov 2026 11:00:00 GMT", NOW) == timedelta(0)
    assert retry_after("soon", NOW) is None
    assert freshness("public, max-age=600", None, None, NOW) == timedelta(minutes=10)
    assert freshness("no-cache, max-age=600", None, None, NOW) is None
    assert freshness(
        None, "Sat, 28 Nov 2026 14:00:00 GMT", "Sat, 28 Nov 2026 13:00:00 GMT", NOW
    ) == timedelta(hours=1)
    assert freshness(None, "0", None, NOW) is None


def test_hints_no_int_can_hold_or_no_ascii_digit_are_bounded_or_ignored() -> None:
    now = datetime(2026, 12, 5, tzinfo=UTC)
    assert retry_after("\u00b2", now) is None  # str.isdigit() says yes; int() says no
    assert retry_after("\u0663", now) is None  # an Arabic-Indic three
    longest = retry_after("9" * 30, now)  # overflowed timedelta
    assert longest is not None and timedelta(days=3650) < longest < timedelta(days=20_000)
    assert freshness("max-age=" + "9" * 30, None, None, now) == longest
    assert retry_after("120", now) == timedelta(seconds=120)
    assert freshness("public, max-age=60", None, None, now) == timedelta(seconds=60)
