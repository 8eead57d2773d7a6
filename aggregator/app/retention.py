"""Retention: items first seen longer ago than `retention.keep` go, except each source's
newest `retention.keep_per_source` and every story still in a published feed. The command
line (`aggregator prune`) and the daemon's daily job both do it here."""

from __future__ import annotations

from datetime import datetime, timedelta

from aggregator.config import Config
from aggregator.publish.publisher import published_story_ids
from aggregator.store import Store
from aggregator.store.prune import PruneResult


def prune(
    store: Store, config: Config, now: datetime, keep: timedelta, *, dry_run: bool = False
) -> PruneResult:
    """Delete (or, `dry_run`, count) what retention lets go of items older than `keep`."""
    return store.prune(
        seen_before=now - keep,
        keep_per_source=config.settings.retention.keep_per_source,
        protected_stories=published_story_ids(store, config),
        dry_run=dry_run,
    )
