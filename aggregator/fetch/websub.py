"""WebSub (W3C): tell the configured hub which published feeds changed, so it can push them to
subscribers at once instead of waiting for their next poll."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from urllib.parse import urlencode

import httpx

from aggregator.fetch.client import DEFAULT_USER_AGENT

log = logging.getLogger("aggregator.websub")
FEED_SUFFIXES = (".atom", ".rss", ".json")


def changed_feed_urls(base_url: str, written: Sequence[str]) -> list[str]:
    """The public URLs of the written documents that are feeds (archive pages included)."""
    return [base_url + path for path in written if path.endswith(FEED_SUFFIXES)]


async def ping_hub(hub: str, urls: Sequence[str], *, timeout: float = 10.0) -> bool:
    """POST hub.mode=publish with every changed URL; a failing hub is logged, never fatal.
    `timeout` bounds the whole exchange (httpx's own is per read: a hub sending a byte every
    few seconds held a ping for as long as it liked)."""
    if not urls:
        return True
    form = [("hub.mode", "publish"), *(("hub.url", url) for url in urls)]
    try:
        async with (
            asyncio.timeout(timeout),
            httpx.AsyncClient(
                timeout=timeout, headers={"User-Agent": DEFAULT_USER_AGENT}
            ) as client,
        ):
            # Repeated hub.url fields: encoded by hand, as httpx's `data` takes a mapping.
            response = await client.post(
                hub,
                content=urlencode(form).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
    except (httpx.HTTPError, TimeoutError) as exc:
        log.warning("websub hub %s not reached: %s", hub, str(exc) or "timed out")
        return False
    if response.status_code >= 300:
        log.warning("websub hub %s answered HTTP %d", hub, response.status_code)
        return False
    log.info("websub: told %s about %d changed feeds", hub, len(urls))
    return True
