"""Dates (normalize/dates.py): localized RFC 822 dates, which dates are plausible, and the note
an item gets when its date is not used."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from aggregator.normalize.dates import date_note, parse_localized_rfc822, plausible

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_localized_rfc822_dates() -> None:
    assert parse_localized_rfc822("Seg, 24 Set 2018 19:42:40 -0300") == datetime(
        2018, 9, 24, 22, 42, 40, tzinfo=UTC
    )
    assert parse_localized_rfc822("Sex, 20 Nov 2026 10:00:00 -0300") == datetime(
        2026, 11, 20, 13, 0, tzinfo=UTC
    )
    assert parse_localized_rfc822("mar., 3 dic. 2024 08:00:00 +0100") == datetime(
        2024, 12, 3, 7, 0, tzinfo=UTC
    )
    assert parse_localized_rfc822("yesterday") is None


def test_future_and_ancient_dates_are_not_trusted() -> None:
    assert plausible(NOW + timedelta(days=2), NOW) is None
    assert plausible(NOW + timedelta(minutes=5), NOW) == NOW + timedelta(minutes=5)
    assert plausible(datetime(1970, 1, 1, tzinfo=UTC), NOW) is None
    assert plausible(None, NOW) is None


def test_date_notes_say_why_the_first_seen_time_is_used() -> None:
    future = NOW + timedelta(days=400)
    assert date_note(NOW - timedelta(days=1), None, None, NOW) is None
    assert "in the future" in (date_note(future, None, None, NOW) or "")
    assert "before 1990" in (date_note(datetime(1970, 1, 1, tzinfo=UTC), None, None, NOW) or "")
    assert "'31/31/2026' could not be read" in (date_note(None, None, "31/31/2026", NOW) or "")
    assert date_note(None, None, None, NOW) is None  # no date given: nothing to explain
    edge = datetime(9999, 12, 31, 20, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert plausible(edge, NOW) is None  # in UTC that is the year 10000
