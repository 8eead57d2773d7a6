"""A source's writes in the store (store/transaction.py): all or nothing, a changed address
forgets the validators, the history of checks stays bounded."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregator.config.loading import SourceSettings
from aggregator.models import FeedIntent
from aggregator.store import Store

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_a_failed_transaction_writes_nothing(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    store.sync_sources([SourceSettings(id="a", url="https://example.org/feed")], NOW)
    intent = FeedIntent(
        source_id="a",
        checked_at=NOW,
        outcome="error",
        next_check_at=NOW,
        consecutive_errors=1,
        error="boom",
    )
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.apply(intent)
        raise RuntimeError("killed halfway")
    [row] = store.source_statuses()
    assert row.outcome is None and row.consecutive_errors == 0
    store.close()


def test_changing_a_source_url_forgets_its_validators(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    store.sync_sources([SourceSettings(id="a", url="https://example.org/feed")], NOW)
    with store.transaction() as tx:
        tx.apply(
            FeedIntent(
                source_id="a",
                checked_at=NOW,
                outcome="ok",
                next_check_at=NOW,
                consecutive_errors=0,
                etag='"x"',
                body_hash="h",
            )
        )
    assert store.source_states()[0].etag == '"x"'
    store.sync_sources([SourceSettings(id="a", url="https://example.org/other")], NOW)
    [state] = store.source_states()
    assert (state.url, state.etag, state.body_hash) == ("https://example.org/other", None, None)
    store.close()


def test_checks_history_is_bounded_per_source(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    store.sync_sources([SourceSettings(id="a", url="https://example.org/feed")], NOW)
    for _ in range(105):
        with store.transaction() as tx:
            tx.apply(
                FeedIntent(
                    source_id="a",
                    checked_at=NOW,
                    outcome="not-modified",
                    next_check_at=NOW,
                    consecutive_errors=0,
                )
            )
    assert len(store.recent_checks("a", limit=1000)) == 100
    store.close()
