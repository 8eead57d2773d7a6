"""aggregator: prosecution-service and justice-summit news, fetched, deduplicated, tagged and
republished as Atom.

The public Python API is the names of `__all__`, all re-exported here and nowhere else (a
test pins the list; docs/design.md, "Public API", says what each is for):

    import asyncio, aggregator
    config = aggregator.load_config(Path("feeds.yaml"))
    store = aggregator.Store(config.store_url)

    async def update() -> aggregator.RoundSummary:
        async with aggregator.open_updater(config, store) as updater:
            await updater.sync_sources()
            return await updater.run_round()

    asyncio.run(update())
    aggregator.publish_recorded(store, config, datetime.now(UTC))

Each name is imported when first used: `import aggregator` (which every process of the
aggregator does, parse workers included) loads none of the stages.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from aggregator.version import __version__

# name -> the module that defines it
_EXPORTS = {
    # configuration
    "Config": "aggregator.config.loading",
    "SourceSettings": "aggregator.config.loading",
    "load_config": "aggregator.config.loading",
    # the store
    "Store": "aggregator.store",
    # a round of checks
    "open_updater": "aggregator.update.runtime",
    "RoundSummary": "aggregator.models",
    "UpdateResult": "aggregator.models",
    # reading one document
    "parse_document": "aggregator.update.worker",
    "FeedData": "aggregator.models",
    "ItemData": "aggregator.models",
    # use cases
    "publish_recorded": "aggregator.app.publishing",
    "prune": "aggregator.app.retention",
    "unmerge": "aggregator.app.curation",
    "discover": "aggregator.app.discovery",
    "preview_source": "aggregator.app.preview",
    # errors
    "AggregatorError": "aggregator.errors",
    "ConfigError": "aggregator.errors",
    "FetchError": "aggregator.errors",
    "ParseError": "aggregator.errors",
    "BrokenPage": "aggregator.errors",
    "StoreError": "aggregator.errors",
    "SearchTimeout": "aggregator.errors",
    "PublishError": "aggregator.errors",
}

__all__ = [
    "AggregatorError",
    "BrokenPage",
    "Config",
    "ConfigError",
    "FeedData",
    "FetchError",
    "ItemData",
    "ParseError",
    "PublishError",
    "RoundSummary",
    "SearchTimeout",
    "SourceSettings",
    "Store",
    "StoreError",
    "UpdateResult",
    "__version__",
    "discover",
    "load_config",
    "open_updater",
    "parse_document",
    "preview_source",
    "prune",
    "publish_recorded",
    "unmerge",
]

if TYPE_CHECKING:
    from aggregator.app.curation import unmerge
    from aggregator.app.discovery import discover
    from aggregator.app.preview import preview_source
    from aggregator.app.publishing import publish_recorded
    from aggregator.app.retention import prune
    from aggregator.config.loading import Config, SourceSettings, load_config
    from aggregator.errors import (
        AggregatorError,
        BrokenPage,
        ConfigError,
        FetchError,
        ParseError,
        PublishError,
        SearchTimeout,
        StoreError,
    )
    from aggregator.models import FeedData, ItemData, RoundSummary, UpdateResult
    from aggregator.store import Store
    from aggregator.update.runtime import open_updater
    from aggregator.update.worker import parse_document


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aggregator' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later uses skip this function
    return value


def __dir__() -> list[str]:
    return __all__
