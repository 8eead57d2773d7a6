"""Reading dates that feeds write in other languages, and keeping bad dates out of the output."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# RFC 822 dates written with localized names ("Seg, 24 Set 2018 19:42:40 -0300" in Brazilian
# feeds). feedparser gives up on them; we map the names to English and let the stdlib parse.
_MONTHS = {
    # Portuguese
    "jan": "Jan",
    "fev": "Feb",
    "mar": "Mar",
    "abr": "Apr",
    "mai": "May",
    "jun": "Jun",
    "jul": "Jul",
    "ago": "Aug",
    "set": "Sep",
    "out": "Oct",
    "nov": "Nov",
    "dez": "Dec",
    # Spanish
    "ene": "Jan",
    "feb": "Feb",
    "may": "May",
    "sep": "Sep",
    "oct": "Oct",
    "dic": "Dec",
    # French
    "janv": "Jan",
    "févr": "Feb",
    "fevr": "Feb",
    "mars": "Mar",
    "avr": "Apr",
    "juin": "Jun",
    "juil": "Jul",
    "août": "Aug",
    "aout": "Aug",
    "sept": "Sep",
    "déc": "Dec",
    # Russian (genitive abbreviations)
    "янв": "Jan",
    "фев": "Feb",
    "мар": "Mar",
    "апр": "Apr",
    "мая": "May",
    "май": "May",
    "июн": "Jun",
    "июл": "Jul",
    "авг": "Aug",
    "сен": "Sep",
    "окт": "Oct",
    "ноя": "Nov",
    "дек": "Dec",
}
_RFC822ISH = re.compile(
    r"^\s*(?:[^\d\s,]+\.?,?\s+)?(\d{1,2})\s+([^\d\s.]+)\.?\s+(\d{4})\s+(\d{1,2}:\d{2}(?::\d{2})?)"
    r"\s*([+-]\d{4}|[A-Za-z]{1,5})?\s*$"
)
# Clock skew tolerated before a date counts as "in the future".
FUTURE_TOLERANCE = timedelta(minutes=10)
# Earlier than this, a news item's date is an error (epoch zero, year 1, ...).
EARLIEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)


def parse_localized_rfc822(text: str) -> datetime | None:
    """Parse an RFC 822 date whose day and month names may be pt/es/fr/ru; None if unreadable."""
    match = _RFC822ISH.match(text)
    if not match:
        return None
    day, month, year, clock, zone = match.groups()
    english = _MONTHS.get(month.lower()) or _MONTHS.get(month.lower()[:3])
    if english is None and month[:3].title() in _MONTHS.values():
        english = month[:3].title()
    if english is None:
        return None
    try:
        parsed = parsedate_to_datetime(f"{day} {english} {year} {clock} {zone or '+0000'}")
    except (TypeError, ValueError):
        return None
    return in_utc(parsed)


def in_utc(moment: datetime) -> datetime | None:
    """`moment` in UTC (naive ones are taken as UTC), or None when that falls outside the
    years datetime can hold (9999-12-31T23:59:59-01:00 is in the year 10000)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def plausible(moment: datetime | None, now: datetime) -> datetime | None:
    """The date if it can be trusted for ordering, else None (the caller uses first-seen time)."""
    if moment is None:
        return None
    moment_utc = in_utc(moment)
    if moment_utc is None or moment_utc > now + FUTURE_TOLERANCE:
        return None
    return moment_utc if moment_utc >= EARLIEST_PLAUSIBLE else None


FIRST_SEEN = "dated by when it was first seen"


def date_note(
    published: datetime | None,
    updated: datetime | None,
    unreadable: str | None,
    now: datetime,
) -> str | None:
    """Why an item is dated by when it was first seen, or None when the source's own date is
    used: what `explain` and `story` show. Dates given are the parser's, before `plausible`."""
    if plausible(published, now) or plausible(updated, now):
        return None
    given = next((moment for moment in (published, updated) if moment is not None), None)
    if given is not None:
        moment = in_utc(given)
        if moment is None:
            return f"the source's date is out of range; {FIRST_SEEN}"
        where = "in the future" if moment > now else f"before {EARLIEST_PLAUSIBLE.year}"
        return f"the source's date {moment:%Y-%m-%dT%H:%M:%SZ} is {where}; {FIRST_SEEN}"
    if unreadable:
        shown = " ".join(unreadable.split())[:80]
        return f"the source's date {shown!r} could not be read; {FIRST_SEEN}"
    return None
