"""HTML news lists -> ParsedFeed, with the selectors of a `type: html` source.

"Breakage is loud": a 200 page on which the item selector finds nothing, or whose items mostly
lack a title or a link, is a BrokenPage (its message starts with "broken:"), never an empty
success.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from aggregator.config.selectors import all_texts, first_html, first_text, select
from aggregator.errors import BrokenPage
from aggregator.models import EntryData, HtmlRecipe, ParsedFeed
from aggregator.normalize.dates import in_utc
from aggregator.parse.encoding import decode_html
from aggregator.parse.encoding import without_declaration as _without_declaration

_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DATES_FROM": "past",
}


def parse_date(
    text: str | None,
    *,
    language: str | None,
    date_format: str | None = None,
    date_order: str | None = None,
) -> datetime | None:
    """A date as a page writes it: ISO 8601 (`<time datetime>`), a strptime format, or words in
    the page's language ("28 ноября 2026", "24 de setembro de 2026", "July 30, 2026 -")."""
    if not text:
        return None
    text = text.strip().strip("-–—|·,").strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None and date_format:
        try:
            parsed = datetime.strptime(text, date_format)
        except ValueError:
            parsed = None
    if parsed is None:
        # Imported here: it is slow to import (docs/performance.md, "Figures (2026-11-28,
        # third session)", start-up), and only HTML sources need it.
        import dateparser  # type: ignore[import-untyped]

        settings = dict(_DATEPARSER_SETTINGS)
        if date_order:
            settings["DATE_ORDER"] = date_order
        languages = [language.split("-")[0].lower()] if language else None
        try:
            parsed = dateparser.parse(text, languages=languages, settings=settings)
        except Exception:  # a library's surprise on one odd date must not lose the page
            parsed = None
    return None if parsed is None else in_utc(parsed)


def parse_html_list(
    body: bytes, *, url: str, content_type: str | None, recipe: HtmlRecipe, language: str | None
) -> ParsedFeed:
    try:
        document = lxml.html.document_fromstring(
            _without_declaration(decode_html(body, content_type))
        )
    except (etree.ParserError, ValueError) as exc:
        raise BrokenPage(f"the page is not readable HTML ({exc})") from exc
    base = first_text("base@href", document) or url
    items = select(recipe.item, document)
    if not items:
        raise BrokenPage(f"selector `item` ({recipe.item}) matched 0 elements on a 200 page")
    entries: list[EntryData] = []
    missing: dict[str, int] = {"title": 0, "link": 0}
    undated = 0
    for item in items:
        title = first_text(recipe.title, item)
        link = first_text(recipe.link, item)
        if not title:
            missing["title"] += 1
        if not link:
            missing["link"] += 1
        if not title or not link:
            continue
        date_text = first_text(recipe.date, item)
        published = parse_date(
            date_text,
            language=language,
            date_format=recipe.date_format,
            date_order=recipe.date_order,
        )
        if published is None:
            undated += 1
        summary = first_html(recipe.summary, item)
        image = first_text(recipe.image, item)
        if image:
            summary = f'<p><img src="{_attribute(urljoin(base, image))}" alt=""></p>' + summary
        entries.append(
            EntryData(
                guid=None,
                link=urljoin(base, link),
                title=title,
                summary=summary,
                content="",
                author=None,
                categories=tuple(all_texts(recipe.category, item)),
                published=published,
                updated=None,
                unreadable_date=date_text if published is None else None,
            )
        )
    worst = max(missing, key=lambda name: missing[name])
    if len(entries) * 2 < len(items):
        selector = recipe.title if worst == "title" else recipe.link
        raise BrokenPage(
            f"{missing[worst]} of {len(items)} items have no {worst} "
            f"(selector `{worst}`: {selector})"
        )
    notes = []
    if len(entries) < len(items):
        notes.append(
            f"{len(items) - len(entries)} of {len(items)} items had no title or link "
            "and were skipped"
        )
    if undated and recipe.date:
        notes.append(
            f"{undated} of {len(entries)} items had no readable date "
            f"(selector `date`: {recipe.date}); the time first seen is used"
        )
    next_link = first_text(recipe.next, document) if recipe.next else None
    title_text = first_text("title", document)
    return ParsedFeed(
        title=title_text,
        link=url,
        language=language,
        entries=tuple(entries),
        warning="; ".join(notes) or None,
        next_url=urljoin(base, next_link) if next_link else None,
    )


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
