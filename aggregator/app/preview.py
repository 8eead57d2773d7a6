"""`aggregator preview`: fetch a source once and show what would be extracted, storing nothing.
The tool for writing selectors: change feeds.yaml, preview, repeat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from aggregator.config.loading import Config, SourceSettings
from aggregator.errors import ParseError
from aggregator.fetch.client import Fetcher
from aggregator.models import FeedData, SourceState
from aggregator.update.runtime import fetch_limits
from aggregator.update.worker import parse_document


@dataclass(frozen=True, slots=True)
class Preview:
    url: str
    http_status: int | None
    error: str | None
    feed: FeedData | None


async def preview_source(config: Config, source: SourceSettings) -> Preview:
    fetcher = Fetcher(fetch_limits(config))
    try:
        state = SourceState(source.id, source.url, None, None, None, 0, None)
        answer = await fetcher.fetch(state, robots=source.type == "html")
    finally:
        await fetcher.aclose()
    if answer.error is not None or answer.body is None:
        return Preview(answer.url, answer.status, answer.error or "no body", None)
    try:
        feed = parse_document(
            answer.body,
            answer.url,
            answer.content_type,
            datetime.now(UTC),
            config.settings.fetch.max_items,
            source.parse_options(),
        )
    except ParseError as exc:
        return Preview(answer.url, answer.status, str(exc), None)
    return Preview(answer.url, answer.status, None, feed)
