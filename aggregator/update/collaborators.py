"""What the round needs of the fetcher and of the parser, as protocols: the round's logic
depends on these two shapes only, so it runs the same with the real ones (fetch.client.Fetcher,
runtime.ParsePool) and with the fakes of the tests."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from aggregator.config.loading import SourceSettings
from aggregator.models import FeedData, FetchResult, ParseOptions, SourceState

if TYPE_CHECKING:  # (types only: a round that parses nothing does not import the parsers)
    from aggregator.parse.article import ArticleData
    from aggregator.tagging.tagger import TaggingJob


class SourceFetcher(Protocol):
    async def fetch(self, state: SourceState, *, robots: bool = False) -> FetchResult:
        """One conditional GET of the source's address (a page only where robots.txt allows
        it, with `robots`); never raises: a failure is a FetchResult with an error."""
        ...

    async def aclose(self) -> None:
        """Closes its connections (when a new config replaces it, or at the end)."""
        ...


class Parser(Protocol):
    """Runs worker.parse_document somewhere a runaway parse can be stopped (see
    runtime.ParsePool)."""

    async def parse(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        now: datetime,
        max_items: int,
        options: ParseOptions,
        tagging: TaggingJob | None = None,
    ) -> FeedData: ...

    async def parse_article(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        now: datetime,
        source: SourceSettings,
    ) -> ArticleData: ...
