"""HTML news lists -> ParsedFeed, with the selectors of a `type: html` source.

"Breakage is loud": a 200 page on which no recipe finds items and no list is detected is a
BrokenPage, never an empty success; a page that its recipes no longer fit but whose list is
detected keeps its items flowing, with a warning naming what failed and what was detected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import lxml.html
from lxml import etree

from aggregator.config.selectors import all_texts, first_html, first_text, select
from aggregator.errors import BrokenPage
from aggregator.hygiene import join_url
from aggregator.models import EntryData, HtmlRecipe, ParsedFeed
from aggregator.parse.detect import Detection, detect_list
from aggregator.parse.encoding import decode_html
from aggregator.parse.encoding import without_declaration as _without_declaration
from aggregator.parse.page_dates import numeric_order, read_page_date


def parse_html_list(
    body: bytes,
    *,
    url: str,
    content_type: str | None,
    recipes: Sequence[HtmlRecipe],
    language: str | None,
    now: datetime | None = None,
    timezone: str | None = None,
) -> ParsedFeed:
    """A news list page -> its items: with each of `recipes` in turn (a preset's variants, or
    the source's selectors); when none reads the page (or there are none), with the list
    detected on the page, saying so in the warning when a recipe failed."""
    try:
        document = lxml.html.document_fromstring(
            _without_declaration(decode_html(body, content_type))
        )
    except (etree.ParserError, ValueError) as exc:
        raise BrokenPage(f"the page is not readable HTML ({exc})") from exc
    declared_base = first_text("base@href", document)
    base = (join_url(url, declared_base) if declared_base else None) or url
    failures: list[str] = []
    for recipe in recipes:
        try:
            read = _read_with(
                document, recipe, url=url, base=base, language=language, now=now, zone=timezone
            )
        except BrokenPage as exc:
            failures.append(f"{recipe.name}: {str(exc).removeprefix('broken: ')}")
            continue
        return replace(read, reading=recipe.name)
    detection = detect_list(document, url=base, language=language, now=now)
    if detection is None:
        if failures:
            raise BrokenPage("; ".join(failures) + "; and no news list was detected on the page")
        raise BrokenPage(
            "no news list found on the page (no repeated blocks of headline links): "
            "give the source selectors (see `aggregator preview --url`)"
        )
    parsed = _read_detected(document, detection, url=url, language=language, now=now, zone=timezone)
    reading = f"detected: {len(detection.items)} items in {detection.describe()}"
    parsed = replace(parsed, reading=reading, detected=detection.recipe)
    if failures:
        warning = "; ".join(failures) + f"; {reading}"
        return replace(parsed, warning=warning)
    return parsed


def _read_with(
    document: Any,
    recipe: HtmlRecipe,
    *,
    url: str,
    base: str,
    language: str | None,
    now: datetime | None,
    zone: str | None,
) -> ParsedFeed:
    """The page read with one recipe; BrokenPage when its selectors do not fit the page (the
    item selector matches nothing, or most items lack a title or a link)."""
    items = select(recipe.item, document)
    if not items:
        raise BrokenPage(f"selector `item` ({recipe.item}) matched 0 elements on a 200 page")
    found: list[tuple[str, str, str | None, str | None, str, str | None, list[str]]] = []
    missing: dict[str, int] = {"title": 0, "link": 0}
    for item in items:
        title = first_text(recipe.title, item)
        link = first_text(recipe.link, item)
        if not title:
            missing["title"] += 1
        if not link:
            missing["link"] += 1
        if not title or not link:
            continue
        found.append(
            (
                title,
                link,
                first_text(recipe.date, item),
                first_text(recipe.time, item),
                first_html(recipe.summary, item),
                first_text(recipe.image, item),
                all_texts(recipe.category, item),
            )
        )
    worst = max(missing, key=lambda name: missing[name])
    if len(found) * 2 < len(items):
        selector = recipe.title if worst == "title" else recipe.link
        raise BrokenPage(
            f"{missing[worst]} of {len(items)} items have no {worst} "
            f"(selector `{worst}`: {selector})"
        )
    order = recipe.date_order or numeric_order(date for _, _, date, *_ in found)
    entries = []
    undated = 0
    for title, link, date_text, time_text, summary, image, categories in found:
        published = read_page_date(
            date_text,
            language=language,
            now=now,
            date_format=recipe.date_format,
            date_order=order,
            time_text=time_text,
            timezone=zone or recipe.timezone,
        )
        undated += published is None
        entries.append(
            _entry(base, title, link, published, date_text, summary, image, tuple(categories))
        )
    notes = []
    if len(found) < len(items):
        notes.append(
            f"{len(items) - len(found)} of {len(items)} items had no title or link and were skipped"
        )
    if undated and recipe.date:
        notes.append(
            f"{undated} of {len(entries)} items had no readable date "
            f"(selector `date`: {recipe.date}); the time first seen is used"
        )
    next_link = first_text(recipe.next, document) if recipe.next else None
    return ParsedFeed(
        title=first_text("title", document),
        link=url,
        language=language,
        entries=tuple(entries),
        warning="; ".join(notes) or None,
        next_url=join_url(base, next_link) if next_link else None,
    )


def _read_detected(
    document: Any,
    detection: Detection,
    *,
    url: str,
    language: str | None,
    now: datetime | None,
    zone: str | None,
) -> ParsedFeed:
    order = numeric_order(item.date_text for item in detection.items)
    entries = []
    for item in detection.items:
        published = read_page_date(
            item.date_text,
            language=language,
            now=now,
            date_order=order,
            time_text=item.time_text,
            timezone=zone,
        )
        entries.append(
            _entry(
                url,
                item.title,
                item.link,
                published,
                item.date_text,
                item.summary_html,
                item.image,
                (),
            )
        )
    try:
        next_link = first_text(detection.recipe.next, document) if detection.recipe.next else None
    except ValueError:  # a selector built from odd markup that CSS cannot say: no next page
        next_link = None
    return ParsedFeed(
        title=first_text("title", document),
        link=url,
        language=language,
        entries=tuple(entries),
        next_url=join_url(url, next_link) if next_link else None,
    )


def _entry(
    base: str,
    title: str,
    link: str,
    published: datetime | None,
    date_text: str | None,
    summary: str,
    image: str | None,
    categories: tuple[str, ...],
) -> EntryData:
    image = join_url(base, image) if image else None
    if image:
        summary = f'<p><img src="{_attribute(image)}" alt=""></p>' + summary
    return EntryData(
        guid=None,
        link=join_url(base, link),
        title=title,
        summary=summary,
        content="",
        author=None,
        categories=categories,
        published=published,
        updated=None,
        unreadable_date=date_text if published is None else None,
    )


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
