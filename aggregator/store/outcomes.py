"""Sources' check outcomes: their row in `sources` and a line in the check history, written for
many sources at once (one statement per kind of row, executemany), so that a round of 500
sources answering 304 costs a few statements instead of a few per source."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from aggregator.models import FeedIntent
from aggregator.store import rounds
from aggregator.store.statements import Statements, quoted

# The lines of check history kept per source (`aggregator status --source ID` shows them).
CHECKS_KEPT_PER_SOURCE = 100


def source_values(intent: FeedIntent, new: int, updated: int) -> dict[str, Any]:
    """The `sources` columns an outcome sets."""
    values: dict[str, Any] = {
        "last_checked_at": intent.checked_at,
        "next_check_at": intent.next_check_at,
        "outcome": intent.outcome,
        "http_status": intent.http_status,
        "consecutive_errors": intent.consecutive_errors,
        "duration_s": intent.duration_s,
        "size": intent.size,
        "last_new": new,
        "last_updated": updated,
        "last_error": intent.error,
        "error_kind": intent.error_kind,
        "next_check_reason": intent.next_check_reason,
        "moved_to": intent.moved_to,
        "moved_since": intent.moved_since,
        "moved_rounds": intent.moved_rounds,
        "notice": intent.notice,
        "lease_owner": None,  # checked: the lease ends
        "lease_until": None,
    }
    if intent.disable_reason is not None:
        values["disabled_reason"] = intent.disable_reason
    if intent.fetch_url is not None:
        values["fetch_url"] = intent.fetch_url
    if new or updated:
        values["content_changed_at"] = intent.checked_at
    if intent.outcome != "error":
        values["last_success_at"] = intent.checked_at
        values.update(
            etag=intent.etag,
            last_modified=intent.last_modified,
            body_hash=intent.body_hash,
            wire_hash=intent.wire_hash,
            body_size=intent.body_size,
        )
        if intent.feed_title is not None:
            values.update(
                feed_title=intent.feed_title,
                feed_link=intent.feed_link,
                feed_subtitle=intent.feed_subtitle,
            )
        if intent.page_reading is not None:
            values["page_reading"] = intent.page_reading
    return values


def write(statements: Statements, outcomes: Sequence[tuple[FeedIntent, int, int]]) -> None:
    """Each (intent, new items, updated items): the source's row, a check line, and the
    check history trimmed to its newest CHECKS_KEPT_PER_SOURCE lines. Plain SQL
    (statements.py): in a round of 304s these three statements were half of the store
    thread's time through SQLAlchemy's per-row processing (docs/performance.md, issue #25),
    and a round that only writes outcomes runs without SQLAlchemy (direct.py)."""
    if not outcomes:
        return
    # Outcomes setting the same columns share one UPDATE (most of a round: 304s).
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for intent, new, updated in outcomes:
        values = source_values(intent, new, updated)
        groups.setdefault(tuple(values), []).append((*values.values(), intent.source_id))
    for names, rows in groups.items():
        assignments = ", ".join(f"{quoted([name])} = ?" for name in names)
        statements.run_many(f"UPDATE sources SET {assignments} WHERE id = ?", rows)
    columns = (
        "source_id",
        "checked_at",
        "outcome",
        "http_status",
        "size",
        "duration_s",
        "new",
        "updated",
        "error",
        "next_check_at",
        "next_check_reason",
        "notice",
    )
    statements.run_many(
        f"INSERT INTO checks ({quoted(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [
            (
                intent.source_id,
                intent.checked_at,
                intent.outcome,
                intent.http_status,
                intent.size,
                intent.duration_s,
                new,
                updated,
                intent.error,
                intent.next_check_at,
                intent.next_check_reason,
                intent.notice,
            )
            for intent, new, updated in outcomes
        ],
    )
    # Lines older than the source's CHECKS_KEPT_PER_SOURCE-th newest (none while it has fewer).
    statements.run_many(
        "DELETE FROM checks WHERE source_id = ? AND id < (SELECT id FROM checks"
        " WHERE source_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
        [
            (source, source, CHECKS_KEPT_PER_SOURCE - 1)
            for source in dict.fromkeys(intent.source_id for intent, _, _ in outcomes)
        ],
    )


class OutcomesTransaction:
    """A write transaction for outcomes without items (304s, the same bytes, errors):
    what most rounds write (StoreTransaction does the same, and more, when there are items)."""

    def __init__(self, statements: Statements) -> None:
        self.statements = statements

    def recent_item_counts(self, source_ids: Collection[str], since: datetime) -> dict[str, int]:
        return rounds.recent_item_counts(self.statements, source_ids, since)

    def apply_outcomes(self, intents: Sequence[FeedIntent]) -> None:
        assert not any(intent.items for intent in intents)
        write(self.statements, [(intent, 0, 0) for intent in intents])
