"""`aggregator doctor`'s verdict on one source (app/doctor.py::diagnose), on plain values: each
outcome a check can have, and the fix it names."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from aggregator.app.doctor import diagnose
from aggregator.config.loading import SourceSettings
from aggregator.errors import BrokenPage, ParseError
from aggregator.models import FeedData, FetchResult, ItemData

URL = "https://agency.example/news"
LISTED = SourceSettings(id="list", url=URL, type="html", preset="uswds")
FEED = SourceSettings(id="feed", url=URL)


def answer(status: int | None = 200, **more: Any) -> FetchResult:
    return FetchResult("s", URL, status, **more)


def item(day: int | None) -> ItemData:
    when = datetime(2026, 12, day, tzinfo=UTC) if day else None
    return ItemData("k" + str(day), None, URL, URL, "A title", "", "", None, (), when, None, "h")


def feed(*days: int | None, reading: str | None = None) -> FeedData:
    return FeedData("T", URL, "en", tuple(item(d) for d in days), reading=reading)


@pytest.mark.parametrize(
    ("fetched", "verdict", "fix_says"),
    [
        (answer(None, error="refused by robots.txt", error_kind="refused"), "refused", "robots"),
        (answer(403, error="HTTP 403", error_kind="permanent"), "blocked", "another network"),
        (answer(451, error="HTTP 451", error_kind="permanent"), "blocked", "another network"),
        (answer(404, error="HTTP 404", error_kind="permanent"), "not-found", "new address"),
        (answer(410, error="HTTP 410", error_kind="gone"), "gone", "remove"),
        (answer(503, error="HTTP 503", error_kind="transient"), "server-error", "later"),
        (answer(None, error="connection refused", error_kind="transient"), "unreachable", "DNS"),
    ],
)
def test_a_failed_check_says_what_failed_and_the_fix(
    fetched: FetchResult, verdict: str, fix_says: str
) -> None:
    result = diagnose(LISTED, fetched, None, None)
    assert result.verdict == verdict and not result.healthy
    assert fix_says in result.fix


def test_a_readable_source_is_ok_with_its_items_and_newest_date() -> None:
    result = diagnose(FEED, answer(), feed(1, 4, None), None)
    assert (result.verdict, result.items, result.newest) == (
        "ok",
        3,
        datetime(2026, 12, 4, tzinfo=UTC),
    )
    assert result.healthy and "newest 2026-12-04" in result.detail


def test_a_list_read_by_detection_instead_of_its_preset_is_flagged() -> None:
    detected = feed(3, reading="detected: 3 items in `ul.news > li` > `h3 > a`")
    result = diagnose(LISTED, answer(), detected, None)
    assert result.verdict == "detected" and not result.healthy
    assert "aggregator preview list" in result.fix
    # A source with neither preset nor selectors is read by detection by design: ok.
    plain = SourceSettings(id="plain", url=URL, type="html")
    assert diagnose(plain, answer(), detected, None).verdict == "ok"


def test_a_permanent_move_names_the_new_address() -> None:
    moved = answer(moved_to="https://new.agency.example/news")
    result = diagnose(FEED, moved, feed(2), None)
    assert result.verdict == "moved"
    assert "url: https://new.agency.example/news" in result.fix


def test_empty_broken_and_not_a_feed() -> None:
    assert diagnose(FEED, answer(), feed(), None).verdict == "empty"
    broken = diagnose(LISTED, answer(), None, BrokenPage("no news list found"))
    assert broken.verdict == "broken" and "preview list" in broken.fix
    assert diagnose(FEED, answer(), None, ParseError("not a feed")).verdict == "not-a-feed"


def test_credentials_never_reach_the_report() -> None:
    secret = answer(404, error="HTTP 404", error_kind="permanent")
    secret = FetchResult("s", "https://user:pw@agency.example/news", 404, error="HTTP 404")
    result = diagnose(FEED, secret, None, None)
    assert "pw" not in result.url
