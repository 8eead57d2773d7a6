"""When to check a source next. Pure: `now` is always passed in."""

from __future__ import annotations

from datetime import datetime, timedelta

FIRST_RETRY = timedelta(minutes=2)
LONGEST_BACKOFF = timedelta(hours=24)


def backoff_delay(consecutive_errors: int) -> timedelta:
    """2 min after the first failure, doubling up to 24 h: a blip is retried soon, a dead
    source is left alone, and a single success (see `next_check_after_success`) resets it."""
    if consecutive_errors <= 0:
        return timedelta(0)
    exponent = min(consecutive_errors - 1, 20)
    delay: timedelta = FIRST_RETRY * (2**exponent)
    return min(delay, LONGEST_BACKOFF)


def next_check_after_success(now: datetime, interval: timedelta) -> datetime:
    return now + interval


def next_check_after_error(now: datetime, consecutive_errors: int) -> datetime:
    return now + backoff_delay(consecutive_errors)
