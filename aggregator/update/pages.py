"""The extra fetches of `type: html` sources: further list pages on the first fetch, and the
article pages of new items (`fetch_article: true`). Orchestration only; parsing stays in the
parse pool and the fetches go through the same politeness, caps and robots.txt as the rest."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from aggregator.config.loading import SourceSettings
from aggregator.models import FeedData, ItemData, ParseOptions, SourceState
from aggregator.redact import is_secret_parameter, public_url
from aggregator.update.collaborators import Parser, SourceFetcher

log = logging.getLogger("aggregator.pages")
ARTICLES_PER_ROUND = 20  # a source with hundreds of new items fetches the rest next round


async def follow_pages(
    fetcher: SourceFetcher,
    parser: Parser,
    source: SourceSettings,
    first: FeedData,
    now: datetime,
    max_items: int,
    options: ParseOptions,
) -> FeedData:
    """The first fetch of a list reads up to `pages` pages through the `next` selector."""
    items = list(first.items)
    seen = {item.key for item in items}
    next_url, visited = first.next_url, {public_url(source.url)}
    for _ in range(source.first_pages - 1):
        if not next_url or next_url in visited or len(items) >= max_items:
            break
        visited.add(next_url)
        answer = await fetcher.fetch(
            SourceState(
                source.id, with_credentials_of(source.url, next_url), None, None, None, 0, None
            ),
            robots=True,
        )
        if answer.error is not None or answer.body is None:
            log.info("source=%s stopped paging at %s: %s", source.id, next_url, answer.error)
            break
        page = await parser.parse(
            answer.body, answer.url, answer.content_type, now, max_items, options
        )
        items.extend(item for item in page.items if item.key not in seen)
        seen.update(item.key for item in page.items)
        next_url = page.next_url
    return replace(first, items=tuple(items[:max_items]), next_url=None)


def with_credentials_of(source_url: str, url: str) -> str:
    """`url` with the credentials of `source_url` (its userinfo and secret query parameters)
    when both are on one host: a list page's `next` link was made without them (documents.py)
    and the site wants them for its next page too."""
    source, target = urlsplit(source_url), urlsplit(url)
    if (source.hostname, source.port) != (target.hostname, target.port):
        return url
    userinfo = source.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{target.netloc}" if userinfo and "@" not in target.netloc else None
    secrets = [
        pair
        for pair in source.query.split("&")
        if pair and is_secret_parameter(pair.split("=")[0]) and pair not in target.query.split("&")
    ]
    query = "&".join(part for part in (target.query, *secrets) if part)
    return urlunsplit((target.scheme, netloc or target.netloc, target.path, query, target.fragment))


async def read_articles(
    fetcher: SourceFetcher,
    parser: Parser,
    source: SourceSettings,
    feed: FeedData,
    known: set[str],
    now: datetime,
) -> FeedData:
    """New items get the summary and date of their article page when the list lacks them.

    The content hash stays the list's, so the next round, which sees only the list, does not
    take the item for an edited one.
    """
    items: list[ItemData] = []
    budget = ARTICLES_PER_ROUND
    for item in feed.items:
        wants = not item.summary_html or item.published is None
        if item.key in known or not item.link or not wants or budget <= 0:
            items.append(item)
            continue
        budget -= 1
        answer = await fetcher.fetch(
            SourceState(
                source.id, with_credentials_of(source.url, item.link), None, None, None, 0, None
            ),
            robots=True,
        )
        if answer.error is not None or answer.body is None:
            items.append(item)
            continue
        article = await parser.parse_article(
            answer.body, answer.url, answer.content_type, now, source
        )
        items.append(
            replace(
                item,
                summary_html=item.summary_html or article.summary_html,
                published=item.published or article.published,
                # Dated by its article page: no longer by when it was first seen.
                date_note=item.date_note if item.published or not article.published else None,
                tags=None,  # the text changed: the store thread tags it
            )
        )
    return replace(feed, items=tuple(items))
