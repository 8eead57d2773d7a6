"""`aggregator add`: find the feed behind an address and check it once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from aggregator.errors import ParseError
from aggregator.fetch.client import Fetcher
from aggregator.models import ParseOptions, SourceState
from aggregator.parse.discover import feed_links, looks_like_html
from aggregator.update.worker import parse_document


@dataclass(frozen=True, slots=True)
class Discovered:
    url: str  # the feed's address (the page's advertised feed, if a page was given)
    title: str | None
    items: int


PAGES_FOLLOWED = 3  # a page that links a page that links a feed is as far as we go


async def discover(
    fetcher: Fetcher, url: str, *, visited: frozenset[str] = frozenset()
) -> Discovered:
    """Fetch `url`; if it is a page that links a feed, fetch that. Raise ParseError when no
    feed is found, with the next step in words."""
    answer = await fetcher.fetch(SourceState("new", url, None, None, None, 0, None))
    if answer.error is not None or answer.body is None:
        raise ParseError(f"{url}: {answer.error or 'no body'}")
    if looks_like_html(answer.body, answer.content_type):
        links = [link for link in feed_links(answer.body, answer.url) if link not in visited]
        if not links:
            raise ParseError(
                f"{url} is a web page that links no feed: write a `type: html` source for it "
                "(docs/html-sources.md; try `aggregator preview --url URL --preset ...`)"
            )
        if len(visited) + 1 >= PAGES_FOLLOWED:
            raise ParseError(f"{url} links {links[0]}, which is a page too: give the feed itself")
        return await discover(fetcher, links[0], visited=visited | {url, answer.url})
    feed = parse_document(
        answer.body, answer.url, answer.content_type, datetime.now(UTC), 500, ParseOptions()
    )
    return Discovered(url=answer.url, title=feed.title, items=len(feed.items))


def make_id(title: str | None, url: str, taken: set[str]) -> str:
    """A source id from the feed's title (or host), transliterated from any script:
    lowercase ASCII words joined by dashes, unique ("Ministério Público Federal - Notícias" ->
    ministerio-publico-federal-noticias)."""
    from anyascii import anyascii

    base = title or urlsplit(url).hostname or "source"
    ascii_text = re.sub(r"['’`]", "", anyascii(base)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-") or "source"
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
