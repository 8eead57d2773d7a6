"""Dates as news pages write them (parse/page_dates.py): relative words in each language, a
time apart from the date, text after the date, numeric order from the page's own dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from aggregator.parse.page_dates import looks_like_date, numeric_order, read_page_date

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "language", "time_text", "expected"),
    [
        ("Сегодня", "ru", "14:30", datetime(2026, 12, 5, 14, 30, tzinfo=UTC)),
        ("Вчера", "ru", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("вчера в 10:05", "ru", None, datetime(2026, 12, 4, 10, 5, tzinfo=UTC)),
        ("Hoy", "es", None, datetime(2026, 12, 5, tzinfo=UTC)),
        ("Ayer 18:40", "es", None, datetime(2026, 12, 4, 18, 40, tzinfo=UTC)),
        ("hoje", "pt", None, datetime(2026, 12, 5, tzinfo=UTC)),
        ("Ontem", "pt", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("Today", "en", None, datetime(2026, 12, 5, tzinfo=UTC)),
        ("Yesterday", "en", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("Hier", "fr", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("Gestern", "de", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("昨天", "zh", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("어제", "ko", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("2 hours ago", "en", None, datetime(2026, 12, 5, 7, 0, tzinfo=UTC)),
        ("hace 3 horas", "es", None, datetime(2026, 12, 5, 6, 0, tzinfo=UTC)),
        ("05.12.2026", "ru", "09:15", datetime(2026, 12, 5, 9, 15, tzinfo=UTC)),
        ("10/07/2025 | Nacional", "es", None, datetime(2025, 7, 10, tzinfo=UTC)),
        ("publicado 04/12/2026 14h30", "pt", None, datetime(2026, 12, 4, 14, 30, tzinfo=UTC)),
        ("Pressemitteilung vom 04.12.2026", "de", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("2026年12月4日", "ja", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("令和8年12月4日", "ja", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("令和元年5月1日", "ja", None, datetime(2019, 5, 1, tzinfo=UTC)),
        ("٠٤/١٢/٢٠٢٦", "ar", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("Sabtu, 5 Desember 2026 2309 kali dibaca", "id", None, datetime(2026, 12, 5, tzinfo=UTC)),
        ("Publié le 4 décembre 2026", "fr", None, datetime(2026, 12, 4, tzinfo=UTC)),
        (
            "last modified Dec 04, 2026 06:10 PM",
            "en",
            None,
            datetime(2026, 12, 4, 18, 10, tzinfo=UTC),
        ),
        ("2026년 12월 3일", "ko", None, datetime(2026, 12, 3, tzinfo=UTC)),
        ("2026.12.03", "ko", None, datetime(2026, 12, 3, tzinfo=UTC)),
        ("4 décembre 2026", "fr", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("December 4, 2026", "en", None, datetime(2026, 12, 4, tzinfo=UTC)),
        ("12/03/2026", "en", None, datetime(2026, 12, 3, tzinfo=UTC)),  # month first in English
        ("12/03/2026", "es", None, datetime(2026, 3, 12, tzinfo=UTC)),  # day first elsewhere
        ("31/02/2026", "es", None, None),  # no such day
        ("Press release", "en", None, None),
    ],
)
def test_dates_as_pages_write_them(
    text: str, language: str, time_text: str | None, expected: datetime | None
) -> None:
    assert read_page_date(text, language=language, now=NOW, time_text=time_text) == expected


def test_relative_words_need_the_time_of_the_fetch() -> None:
    assert read_page_date("Сегодня", language="ru", now=None) is None


def test_the_pages_own_dates_decide_the_order_of_numeric_dates() -> None:
    # An English page whose dates show a 25th in the first place is day first.
    order = numeric_order(["03/11/2026", "25/10/2026"])
    assert order == "DMY"
    assert read_page_date("03/11/2026", language="en", date_order=order) == datetime(
        2026, 11, 3, tzinfo=UTC
    )
    assert numeric_order(["11/25/2026", "03/11/2026"]) == "MDY"
    assert numeric_order(["03/11/2026", "2026-11-03"]) is None  # nothing tells


@pytest.mark.parametrize(
    ("text", "is_date"),
    [
        ("05.12.2026", True),
        ("Сегодня", True),
        ("Yesterday 14:30", True),
        ("4 décembre 2026", True),
        ("2026年12月4日", True),
        ("hace 2 horas", True),
        ("Read more", False),
        ("Hier finden Sie alle Pressemitteilungen des Amtes", False),
        ("Fraud", False),
        ("Operation 2026", False),
    ],
)
def test_what_looks_like_a_date(text: str, is_date: bool) -> None:
    assert looks_like_date(text) is is_date
