"""`aggregator doctor`: every enabled source checked once, politely and in parallel, storing
nothing, and a verdict per source with the fix to make. The first thing to run on a server
with network access: the catalogue's addresses and presets were gathered without it.

The verdict is a pure function of what the check gave (`diagnose`); `run_doctor` only
fetches and parses.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from aggregator.config import Config, SourceSettings
from aggregator.errors import BrokenPage, ParseError
from aggregator.fetch.client import Fetcher
from aggregator.models import FeedData, FetchResult, SourceState
from aggregator.redact import public_url
from aggregator.update.runtime import fetch_limits
from aggregator.update.worker import parse_document

Verdict = Literal[
    "ok",
    "detected",
    "moved",
    "empty",
    "broken",
    "not-a-feed",
    "refused",
    "blocked",
    "not-found",
    "gone",
    "unreachable",
    "server-error",
    "failed",
]
HEALTHY: frozenset[Verdict] = frozenset({"ok"})


@dataclass(frozen=True, slots=True)
class Diagnosis:
    source_id: str
    url: str
    verdict: Verdict
    detail: str  # what was found, in a line
    fix: str  # what to do about it ("" when nothing)
    http_status: int | None = None
    items: int = 0
    newest: datetime | None = None
    reading: str | None = None  # how an HTML list was read

    @property
    def healthy(self) -> bool:
        return self.verdict in HEALTHY


def diagnose(
    source: SourceSettings,
    fetched: FetchResult,
    feed: FeedData | None,
    problem: Exception | None,
) -> Diagnosis:
    """The verdict on one source from its check: the answer, the document read (or the
    problem reading it). Pure."""
    url = public_url(fetched.url or source.url)
    status = fetched.status

    def verdict(
        kind: Verdict,
        detail: str,
        fix: str = "",
        items: int = 0,
        newest: datetime | None = None,
        reading: str | None = None,
    ) -> Diagnosis:
        return Diagnosis(source.id, url, kind, detail, fix, status, items, newest, reading)

    if fetched.error is not None:
        error = fetched.error
        if fetched.error_kind == "refused":
            return verdict(
                "refused",
                "robots.txt refuses this page to the aggregator",
                "ask the site for a feed, or remove the source: the aggregator honours "
                "robots.txt for pages",
            )
        if status in (401, 403, 451):
            return verdict(
                "blocked",
                f"HTTP {status}: the site refuses this server",
                "the site may block data-centre addresses or other countries: try "
                "`aggregator preview` from another network; if it works there, ask the agency "
                "to allow the aggregator's User-Agent",
            )
        if status == 404:
            return verdict(
                "not-found",
                "HTTP 404: nothing at this address",
                "find the news page's new address on the site, then `aggregator add URL` (or "
                "edit `url:`)",
            )
        if status == 410:
            return verdict("gone", "HTTP 410: the site says it is gone for good", "remove it")
        if status is not None and status >= 500:
            return verdict(
                "server-error",
                f"HTTP {status}: the site fails",
                "usually temporary: run doctor again later",
            )
        if status is None:
            return verdict(
                "unreachable",
                error,
                "check from this server: DNS, firewall, proxy settings (HTTPS_PROXY); some "
                "agencies only answer from their own country",
            )
        return verdict("failed", error, "see the error; `aggregator preview ID` shows more")
    if problem is not None:
        if isinstance(problem, BrokenPage):
            return verdict(
                "broken",
                str(problem),
                "neither the selectors nor detection found the news list: run `aggregator "
                f"preview {source.id}` and write selectors for it",
            )
        if isinstance(problem, ParseError):
            return verdict(
                "not-a-feed",
                str(problem),
                "is this the feed's address? `aggregator add URL` finds the feed a page links; "
                "for a news page without a feed use `type: html`",
            )
        return verdict("failed", f"{type(problem).__name__}: {problem}", "a bug: please report")
    assert feed is not None
    items = len(feed.items)
    dates = [item.published for item in feed.items if item.published is not None]
    newest = max(dates) if dates else None
    found = f"{items} items" + (f", newest {newest:%Y-%m-%d}" if newest else ", no dates")
    if feed.reading:
        found += f"; {feed.reading}"
    facts = (items, newest, feed.reading)
    if fetched.moved_to:
        return verdict(
            "moved",
            f"{found}; moved permanently to {public_url(fetched.moved_to)}",
            f"set `url: {public_url(fetched.moved_to)}` in feeds.yaml",
            *facts,
        )
    if items == 0:
        return verdict(
            "empty",
            "the document has no items",
            "a feed with nothing in it yet is fine; otherwise check the address",
            *facts,
        )
    configured = bool(source.preset or source.selectors)
    if configured and feed.reading and feed.reading.startswith("detected"):
        return verdict(
            "detected",
            found,
            "the preset or selectors no longer match the page; the list was detected "
            f"instead: `aggregator preview {source.id}` prints selectors to paste",
            *facts,
        )
    return verdict("ok", found, "", *facts)


async def run_doctor(
    config: Config, sources: Sequence[SourceSettings], now: datetime
) -> list[Diagnosis]:
    """Check each source once (politeness, robots.txt and caps as in a round) and diagnose
    it; in the order of `sources`."""
    fetcher = Fetcher(fetch_limits(config))
    max_items = config.settings.fetch.max_items
    ignore_www = config.settings.stories.ignore_www

    async def one(source: SourceSettings) -> Diagnosis:
        state = SourceState(source.id, source.url, None, None, None, 0, None)
        fetched = await fetcher.fetch(state, robots=source.type == "html")
        feed, problem = None, None
        if fetched.error is None and fetched.body is not None:
            try:
                feed = await asyncio.to_thread(
                    parse_document,
                    fetched.body,
                    fetched.url,
                    fetched.content_type,
                    now,
                    max_items,
                    source.parse_options(ignore_www),
                )
            except Exception as exc:  # one source's surprise is its verdict
                problem = exc
        return diagnose(source, fetched, feed, problem)

    try:
        return list(await asyncio.gather(*(one(source) for source in sources)))
    finally:
        await fetcher.aclose()
