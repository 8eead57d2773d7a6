"""When a source is checked next (schedule/timing.py): adaptive intervals, server hints, jitter,
backoff after errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aggregator.schedule.timing import (
    Policy,
    ServerHints,
    adaptive_interval,
    after_error,
    after_success,
    backoff_delay,
)

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
POLICY = Policy(interval=timedelta(minutes=30))
NO_HINTS = ServerHints()


@pytest.mark.parametrize(
    ("recent", "expected"),
    [
        (0, timedelta(hours=24)),
        (1, timedelta(hours=24)),
        (7, timedelta(days=1)),
        (14, timedelta(hours=12)),
        (168, timedelta(hours=1)),
        (100_000, timedelta(minutes=5)),
    ],
)
def test_adaptive_interval_follows_the_publishing_rate_within_bounds(
    recent: int, expected: timedelta
) -> None:
    assert adaptive_interval(recent, POLICY) == expected


def test_success_is_never_sooner_than_the_source_interval() -> None:
    busy = after_success(NOW, POLICY, 5000, NO_HINTS, jitter=0)
    assert busy.at == NOW + timedelta(minutes=30) and busy.reason == "interval setting"
    quiet = after_success(NOW, POLICY, 14, NO_HINTS, jitter=0)
    assert quiet.at == NOW + timedelta(hours=12)
    assert quiet.reason == "adaptive: 14 items in 7 days"
    fixed = after_success(NOW, Policy(interval=timedelta(hours=2), adaptive=False), 0, NO_HINTS, 0)
    assert fixed.at == NOW + timedelta(hours=2)


@pytest.mark.parametrize(
    ("hints", "reason"),
    [
        (ServerHints(freshness=timedelta(hours=3)), "server asked: Cache-Control/Expires"),
        (ServerHints(ttl=timedelta(hours=3)), "server asked: RSS ttl"),
        (ServerHints(retry_after=timedelta(hours=3)), "server asked: Retry-After"),
    ],
)
def test_server_hints_push_the_next_check_later_never_sooner(
    hints: ServerHints, reason: str
) -> None:
    later = after_success(NOW, POLICY, 5000, hints, jitter=0)
    assert (later.at, later.reason) == (NOW + timedelta(hours=3), reason)
    short = ServerHints(freshness=timedelta(minutes=1))
    assert after_success(NOW, POLICY, 5000, short, 0).at == NOW + timedelta(minutes=30)
    huge = ServerHints(freshness=timedelta(days=365))
    assert after_success(NOW, POLICY, 5000, huge, 0).at == NOW + timedelta(hours=24)


def test_jitter_only_delays_by_at_most_a_tenth() -> None:
    base = after_success(NOW, POLICY, 5000, NO_HINTS, jitter=0).at
    assert after_success(NOW, POLICY, 5000, NO_HINTS, jitter=1).at == base + timedelta(minutes=3)
    assert after_success(NOW, POLICY, 5000, NO_HINTS, jitter=0.5).at == base + timedelta(
        minutes=1, seconds=30
    )


def test_backoff_transient_fast_permanent_slow_capped_at_a_day() -> None:
    assert [backoff_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
    assert [backoff_delay(n, "permanent") for n in (1, 2)] == [
        timedelta(hours=1),
        timedelta(hours=2),
    ]
    assert backoff_delay(40) == backoff_delay(12, "permanent") == timedelta(hours=24)
    error = after_error(NOW, 3, "transient", None, jitter=0)
    assert (error.at, error.reason) == (NOW + timedelta(minutes=8), "backoff after 3 errors")


def test_retry_after_is_honoured_after_an_error() -> None:
    asked = after_error(NOW, 1, "transient", timedelta(minutes=30), jitter=1)
    assert (asked.at, asked.reason) == (NOW + timedelta(minutes=30), "server asked: Retry-After")
    shorter = after_error(NOW, 5, "transient", timedelta(seconds=10), jitter=0)
    assert shorter.at == NOW + timedelta(minutes=32)
