"""When to check a source next, and why. Pure: `now` and the random jitter are passed in.

After a success the interval follows the source's publishing rate (7 days / items published in
the last 7 days), clamped to [min_interval, max_interval], never shorter than the source's own
`interval`, and never sooner than the server asked (Retry-After, Cache-Control max-age, Expires,
RSS <ttl>). After a failure it backs off exponentially; one success ends the backoff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

RATE_WINDOW = timedelta(days=7)
FIRST_RETRY = timedelta(minutes=2)  # transient failures: timeouts, 5xx, connection errors
FIRST_SLOW_RETRY = timedelta(hours=1)  # 4xx, not a feed, too large: unlikely to heal in minutes
LONGEST_BACKOFF = timedelta(hours=24)
JITTER = 0.1  # up to 10 % later, so that sources added together drift apart

Pace = Literal["transient", "permanent"]  # how fast a failing source is retried


@dataclass(frozen=True, slots=True)
class Policy:
    interval: timedelta  # the source's `interval` (or `defaults.interval`): the shortest period
    min_interval: timedelta = timedelta(minutes=5)
    max_interval: timedelta = timedelta(hours=24)
    adaptive: bool = True


@dataclass(frozen=True, slots=True)
class ServerHints:
    retry_after: timedelta | None = None
    freshness: timedelta | None = None  # Cache-Control max-age or Expires
    ttl: timedelta | None = None  # RSS <ttl>


@dataclass(frozen=True, slots=True)
class NextCheck:
    at: datetime
    reason: str


def adaptive_interval(recent_items: int, policy: Policy) -> timedelta:
    if recent_items <= 0:
        return policy.max_interval
    rate_based: timedelta = RATE_WINDOW / recent_items
    return min(max(rate_based, policy.min_interval), policy.max_interval)


def after_success(
    now: datetime, policy: Policy, recent_items: int, hints: ServerHints, jitter: float
) -> NextCheck:
    if policy.adaptive:
        interval = adaptive_interval(recent_items, policy)
        reason = f"adaptive: {recent_items} items in 7 days"
        if interval < policy.interval:
            interval, reason = policy.interval, "interval setting"
    else:
        interval, reason = policy.interval, "interval setting"
    ceiling = max(policy.max_interval, policy.interval)
    for value, name in (
        (hints.retry_after, "Retry-After"),
        (hints.freshness, "Cache-Control/Expires"),
        (hints.ttl, "RSS ttl"),
    ):
        if value is not None and min(value, ceiling) > interval:
            interval, reason = min(value, ceiling), f"server asked: {name}"
    return NextCheck(now + _with_jitter(interval, jitter), reason)


def backoff_delay(consecutive_errors: int, kind: Pace = "transient") -> timedelta:
    """Transient: 2 min, 4, 8 ... 24 h. Permanent-looking: 1 h, 2, 4 ... 24 h."""
    if consecutive_errors <= 0:
        return timedelta(0)
    first = FIRST_RETRY if kind == "transient" else FIRST_SLOW_RETRY
    delay: timedelta = first * (2 ** min(consecutive_errors - 1, 20))
    return min(delay, LONGEST_BACKOFF)


def after_error(
    now: datetime,
    consecutive_errors: int,
    kind: Pace,
    retry_after: timedelta | None,
    jitter: float,
) -> NextCheck:
    delay = backoff_delay(consecutive_errors, kind)
    reason = f"backoff after {consecutive_errors} error{'s' if consecutive_errors > 1 else ''}"
    if retry_after is not None and min(retry_after, LONGEST_BACKOFF) > delay:
        # Honoured exactly: the server named the time, jitter would only add to it.
        return NextCheck(now + min(retry_after, LONGEST_BACKOFF), "server asked: Retry-After")
    return NextCheck(now + _with_jitter(delay, jitter), reason)


def _with_jitter(interval: timedelta, jitter: float) -> timedelta:
    fraction = min(max(jitter, 0.0), 1.0) * JITTER
    return interval + interval * fraction
