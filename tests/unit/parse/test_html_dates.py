"""Dates written in HTML news lists (parse/html.py): in the page's language, in the order or
the format a source's settings give."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from aggregator.parse.page_dates import read_page_date as parse_date


@pytest.mark.parametrize(
    ("text", "language", "order", "expected"),
    [
        ("09 August 2024", "en", None, datetime(2024, 8, 9, tzinfo=UTC)),
        ("28 ноября 2026", "ru", None, datetime(2026, 11, 28, tzinfo=UTC)),
        ("24 de setembro de 2026", "pt", None, datetime(2026, 9, 24, tzinfo=UTC)),
        ("24 de noviembre de 2026", "es", None, datetime(2026, 11, 24, tzinfo=UTC)),
        ("July 30, 2026 -", "en", None, datetime(2026, 7, 30, tzinfo=UTC)),
        ("2026-07-31", None, None, datetime(2026, 7, 31, tzinfo=UTC)),
        ("2026-07-31T10:00:00+02:00", None, None, datetime(2026, 7, 31, 8, tzinfo=UTC)),
        ("03/11/2026", "en", "DMY", datetime(2026, 11, 3, tzinfo=UTC)),
        ("03/11/2026", "en", "MDY", datetime(2026, 3, 11, tzinfo=UTC)),
        ("no date here", "en", None, None),
    ],
)
def test_dates_in_the_page_language(
    text: str, language: str | None, order: str | None, expected: datetime | None
) -> None:
    assert parse_date(text, language=language, date_order=order) == expected


def test_date_format_setting_wins() -> None:
    assert parse_date("2026/11/05", language="en", date_format="%Y/%d/%m") == datetime(
        2026, 5, 11, tzinfo=UTC
    )
