"""The server-rendered pages: `/` (the latest stories, filtered by tag, source or country) and
`/status` (every source's health). Plain HTML and a form: they work without JavaScript."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape

from aggregator.config.loading import Config
from aggregator.serve.report import report
from aggregator.store import Store, StoryFilter

CHART_DAYS = 14
_ENVIRONMENT = Environment(
    loader=PackageLoader("aggregator.serve", "templates"), autoescape=select_autoescape(["html"])
)


@cache
def page_style_hashes() -> tuple[str, ...]:
    """The base64 SHA-256 of each <style> element of the page templates: what the pages'
    Content-Security-Policy allows (and nothing else: no inline style attributes)."""
    assert _ENVIRONMENT.loader is not None
    source = _ENVIRONMENT.loader.get_source(_ENVIRONMENT, "base.html")[0]
    return tuple(
        base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        for block in re.findall(r"<style>(.*?)</style>", source, re.DOTALL)
    )


def bar_chart(counts: list[int], first_day: date) -> str:
    """A small SVG bar chart of items per day, made on the server (no script)."""
    width, height, gap = 6, 24, 1
    top = max(counts, default=0) or 1
    bars = []
    for index, count in enumerate(counts):
        bar = round(height * count / top) if count else 0
        day = first_day + timedelta(days=index)
        bars.append(
            f'<rect x="{index * (width + gap)}" y="{height - bar}" width="{width}" '
            f'height="{bar}"><title>{day.isoformat()}: {count}</title></rect>'
        )
    total = len(counts) * (width + gap)
    return (
        f'<svg class="bars" role="img" aria-label="items per day" width="{total}" '
        f'height="{height}" viewBox="0 0 {total} {height}">{"".join(bars)}</svg>'
    )


def _feeds(config: Config, tags: list[str]) -> list[dict[str, str]]:
    base = config.settings.output.base_url
    title = config.settings.output.title
    feeds = [
        {"type": "application/atom+xml", "title": title, "href": base + "feed.atom"},
        {"type": "application/rss+xml", "title": f"{title} (RSS)", "href": base + "feed.rss"},
        {
            "type": "application/feed+json",
            "title": f"{title} (JSON Feed)",
            "href": base + "feed.json",
        },
    ]
    feeds += [
        {
            "type": "application/atom+xml",
            "title": f"{title}: {tag}",
            "href": f"{base}tags/{tag}.atom",
        }
        for tag in tags
    ]
    feeds += [
        {
            "type": "application/atom+xml",
            "title": f"{title}: {s.title or s.id}",
            "href": f"{base}sources/{s.id}.atom",
        }
        for s in config.sources
    ]
    return feeds


def render_stories(
    store: Store,
    config: Config,
    *,
    tag: str = "",
    source: str = "",
    country: str = "",
    q: str = "",
) -> str:
    tags = store.tags_in_use()
    wanted = tuple(t for t in (tag, f"country:{country}" if country else "") if t)
    chosen = StoryFilter(all_tags=wanted, source_id=source or None, text=q or None)
    stories = store.latest_stories(config.settings.output.entries, chosen=chosen)
    base = config.settings.output.base_url
    feed_link = None  # relative: it is followed from this page, whatever address served it
    if source and not wanted and not q:
        feed_link = f"sources/{source}.atom"
    elif (wanted or q) and not source:
        query = [("tag", t) for t in wanted] + ([("q", q)] if q else [])
        feed_link = "feed.atom?" + urlencode(query)
    return _ENVIRONMENT.get_template("stories.html").render(
        title=config.settings.output.title,
        base=base,
        feeds=_feeds(config, tags),
        stories=stories,
        tags=[t for t in tags if not t.startswith("country:")],
        countries=[t.removeprefix("country:") for t in tags if t.startswith("country:")],
        sources=config.sources,
        chosen={"tag": tag, "source": source, "country": country, "q": q},
        feed_link=feed_link,
    )


def render_status(
    store: Store,
    config: Config,
    *,
    now: datetime | None = None,
    config_problems: list[str] | None = None,
) -> str:
    now = now or datetime.now(UTC)
    first_day = (now - timedelta(days=CHART_DAYS - 1)).date()
    per_day = store.items_per_day(datetime.combine(first_day, datetime.min.time(), UTC))
    rows: list[dict[str, Any]] = []
    for row in store.source_statuses():
        if not row.in_config:
            continue
        seen = report(row)
        counts = [
            per_day.get(row.id, {}).get(first_day + timedelta(days=n), 0) for n in range(CHART_DAYS)
        ]
        checked = row.enabled and not row.disabled_reason
        rows.append(
            {
                "id": row.id,
                "title": row.title,
                "state": seen.state,
                "result": seen.result,
                "item_count": row.items,
                "notice": seen.notice,
                "chart": bar_chart(counts, first_day),
                "last_check": _when(row.last_checked_at),
                "next_check": _when(row.next_check_at) if checked else "-",
                "why": (row.next_check_reason or "") if checked else "",
            }
        )
    return _ENVIRONMENT.get_template("status.html").render(
        title=f"{config.settings.output.title}: sources",
        base=config.settings.output.base_url,
        feeds=_feeds(config, store.tags_in_use()),
        rows=rows,
        days=CHART_DAYS,
        config_problems=config_problems or [],
        config_name=config.path.name,
    )


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"
