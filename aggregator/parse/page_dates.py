"""Dates as news pages write them, which is not as feeds do: relative words («Сегодня 14:30»,
"Ayer", "2 hours ago"), the time in an element of its own, text after the date ("10/07/2025 |
Nacional"), numeric dates whose order (day or month first) only the page's language and its
other dates tell, and CJK dates (2026年12月4日). Pure: the time of the fetch is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from aggregator.normalize.dates import in_utc
from aggregator.terms.folding import fold

# "today" and "yesterday" as the pages of the languages we follow write them (folded: case
# and accents removed).
_DAYS_AGO = {
    "today": 0,
    "yesterday": 1,
    "сегодня": 0,
    "вчера": 1,
    "hoy": 0,
    "ayer": 1,
    "hoje": 0,
    "ontem": 1,
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "hier": 1,
    "heute": 0,
    "gestern": 1,
    "oggi": 0,
    "ieri": 1,
    "hari ini": 0,
    "kemarin": 1,
    "今天": 0,
    "昨天": 1,
    "今日": 0,
    "昨日": 1,
    "오늘": 0,
    "어제": 1,
    "اليوم": 0,
    "امس": 1,
    "bugun": 0,
    "dun": 1,
}
# Matched on folded text, so the words are folded too (Hangul decomposes into its letters).
_DAYS_AGO = {fold(word): days for word, days in _DAYS_AGO.items()}
_DAY_WORD = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(word) for word in sorted(_DAYS_AGO, key=len, reverse=True))
    + r")(?!\w)"
)
_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,4})\s?([./-])\s?(\d{1,2})\2\s?(\d{2,4})(?![\d./-])")
_CJK = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日일]?")
# Japanese era dates: 令和8年12月4日 is 2026-12-04 (the first year of an era is 元年).
_JAPANESE_ERA = re.compile(r"(令和|平成)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ERA_START = {"令和": 2018, "平成": 1988}
_KOREAN = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3])\s?[:h]\s?([0-5]\d)(?![\d])")
_AGO = re.compile(r"\b(ago|hace|ha|há|il y a|vor|fa|назад|yang lalu|前|전)\b|前|전", re.IGNORECASE)
# A date in words in any language: "5 ديسمبر 2026", "Sabtu, 5 Desember 2026", "Dec 05, 2026".
_WORDY = re.compile(
    r"(?<!\w)(\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?\d{4}"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4})(?!\w)(?:,?\s+(?:a\s+las\s+|at\s+|à\s+)?"
    r"\d{1,2}[:h.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?)?"
)
# Where a date ends and other text begins ("10/07/2025 | Nacional", "4 June 2025 - Press").
_SEPARATORS = re.compile(r"\s*(?:\||·|•|—|–|\s-\s)\s*")
_MONTH_FIRST = {"en"}
# Arabic-Indic and Persian digits as ASCII digits.
_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"
)  # numeric dates are month first by default in these languages

_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DATES_FROM": "past",
}


def numeric_order(texts: Iterable[str | None]) -> str | None:
    """Day or month first, as a page's own dates show it: a first number over 12 can only be a
    day ("DMY"), a second one only a day too ("MDY"); None when no date on the page tells."""
    day_first = month_first = False
    for text in texts:
        for match in _NUMERIC.finditer(text or ""):
            first, _, second, _ = match.groups()
            if len(first) == 4:
                continue
            day_first = day_first or int(first) > 12
            month_first = month_first or int(second) > 12
    if day_first != month_first:
        return "DMY" if day_first else "MDY"
    return None


def looks_like_date(text: str) -> bool:
    """Whether a short text is (or starts with) a date: for finding the date of a list's items
    on a page nobody described."""
    if not text or len(text) > 60:
        return False
    text = text.translate(_DIGITS)
    folded = fold(text)
    return bool(
        _NUMERIC.search(text)
        or _CJK.search(text)
        or _JAPANESE_ERA.search(text)
        or _KOREAN.search(text)
        or (_DAY_WORD.search(folded) and (len(text) <= 20 or _TIME.search(text)))
        or (_AGO.search(text) and re.search(r"\d", text))
        or _has_month_name(folded)
        or _WORDY.search(text)
    )


# The longest date text read: "Publicado em 05/12/2026 às 14h30, atualizado em 06/12/2026 às
# 09h15" is some 70 characters. dateparser's time grows with the text (a few kilobytes of
# digits took half a second per item, and a page of such items ran out its parse time).
MAX_DATE_TEXT = 160


def read_page_date(
    text: str | None,
    *,
    language: str | None,
    now: datetime | None = None,
    date_format: str | None = None,
    date_order: str | None = None,
    time_text: str | None = None,
    timezone: str | None = None,
) -> datetime | None:
    """The moment a page's date text means (UTC), or None. `time_text` is a time written in an
    element of its own; `now`, the time of the fetch, reads relative dates; `date_order` is the
    page's order of numeric dates (see numeric_order), else the language's; `timezone` (IANA)
    is the page's own, for dates and times written without one (else UTC)."""
    zone = _zone(timezone)
    if not text:
        return None
    text = " ".join(text.translate(_DIGITS).split()).strip("-–—|·,").strip()[:MAX_DATE_TEXT]
    if time_text:
        time_text = " ".join(time_text.split())[:MAX_DATE_TEXT]
    combined = f"{text} {time_text}" if time_text else text
    parsed = _iso(text)
    if parsed is None and date_format:
        try:
            parsed = datetime.strptime(text, date_format)
        except ValueError:
            parsed = None
    if parsed is None:
        parsed = _relative_day(combined, now, zone)
    if parsed is None:
        parsed = _written_in_digits(combined, language, date_order, zone)
    if parsed is None:
        parsed = _in_words(text, language, date_order, now, zone)
        if parsed is not None and time_text and parsed.hour == parsed.minute == 0:
            parsed = _with_time(parsed, time_text)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return None if parsed is None else in_utc(parsed)


def _zone(name: str | None) -> tzinfo:
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _relative_day(text: str, now: datetime | None, zone: tzinfo) -> datetime | None:
    if now is None:
        return None
    match = _DAY_WORD.search(fold(text))
    if match is None:
        return None
    # "Today" is the page's today: in its time zone.
    day = (now.astimezone(zone) - timedelta(days=_DAYS_AGO[match.group(1)])).date()
    moment = datetime(day.year, day.month, day.day, tzinfo=zone)
    return _with_time(moment, text)


def _written_in_digits(
    text: str, language: str | None, date_order: str | None, zone: tzinfo
) -> datetime | None:
    era = _JAPANESE_ERA.search(text)
    match = era or _KOREAN.search(text) or _CJK.search(text)
    if era:
        name, year_of_era, month_text, day_text = era.groups()
        year = _ERA_START[name] + (1 if year_of_era == "元" else int(year_of_era))
        month, day = int(month_text), int(day_text)
    elif match:
        year, month, day = (int(part) for part in match.groups())
    else:
        numeric = _NUMERIC.search(text)
        if numeric is None:
            return None
        first, _, second, third = numeric.groups()
        if len(first) == 4:
            year, month, day = int(first), int(second), int(third)
        else:
            year = int(third) + (2000 if len(third) == 2 else 0)
            order = date_order or _default_order(language)
            if int(first) > 12:
                order = "DMY"
            elif int(second) > 12:
                order = "MDY"
            month, day = (int(first), int(second)) if order == "MDY" else (int(second), int(first))
    try:
        moment = datetime(year, month, day, tzinfo=zone)
    except ValueError:
        return None
    return _with_time(moment, text[match.end() if match else 0 :] if match else text)


def _with_time(moment: datetime, text: str) -> datetime:
    # The time after the date, not a number inside the date itself ("10.07.2025" has no time).
    rest = _NUMERIC.sub(" ", text)
    found = _TIME.search(rest)
    if found is None:
        return moment
    return moment.replace(hour=int(found.group(1)), minute=int(found.group(2)))


def _default_order(language: str | None) -> str:
    primary = (language or "").split("-")[0].lower()
    return "MDY" if primary in _MONTH_FIRST and (language or "").lower() != "en-gb" else "DMY"


def _in_words(
    text: str, language: str | None, date_order: str | None, now: datetime | None, zone: tzinfo
) -> datetime | None:
    """Dates in words ("28 ноября 2026", "July 30, 2026", "hace 2 horas"), read by dateparser:
    the whole text, else the part before a separator."""
    # Imported here: it is slow to import (docs/performance.md, "Figures (2026-11-28, third
    # session)", start-up), and only HTML sources need it.
    import dateparser  # type: ignore[import-untyped]

    settings: dict[str, object] = dict(_DATEPARSER_SETTINGS)
    settings["TIMEZONE"] = getattr(zone, "key", "UTC")
    if date_order:
        settings["DATE_ORDER"] = date_order
    if now is not None:
        settings["RELATIVE_BASE"] = now.astimezone(zone).replace(tzinfo=None)
    languages = [language.split("-")[0].lower()] if language else None
    wordy = [match.group(0) for match in _WORDY.finditer(text)][:1]
    for candidate in dict.fromkeys([text, *_SEPARATORS.split(text)[:2], *wordy]):
        if not candidate or not re.search(r"\d", candidate):
            continue
        try:
            parsed = dateparser.parse(candidate, languages=languages, settings=settings)
        except Exception:  # a library's surprise on one odd date must not lose the page
            parsed = None
        if parsed is not None:
            return parsed  # type: ignore[no-any-return]
    return None


_MONTH_NAMES = re.compile(
    r"(?<!\w)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|fev|avr|mai|juin|juil|aout"
    r"|sept|dez|ene|abr|ago|set|out|dic|gen|mag|giu|lug|ott|januar|februar|marz|juni|juli"
    r"|oktober|dezember|янв|фев|мар|апр|мая|июн|июл|авг|сен|окт|ноя|дек|agu|okt|des|mei)\w*"
)


def _has_month_name(folded: str) -> bool:
    return bool(re.search(r"\d", folded) and _MONTH_NAMES.search(folded))
