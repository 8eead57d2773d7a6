"""What every round reads and writes whatever its sources answer, as plain SQL on either
database (statements.py): whether the config's sources are as stored, which sources to check
(all, named, due, or leased to one daemon), their publishing rates, and how the last publish
went. The outcomes themselves are outcomes.py. A round in which nothing changed runs nothing
else, so on a SQLite file it runs without SQLAlchemy (direct.py)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from aggregator.models import PublishState, SourceState
from aggregator.store.statements import Statements, any_of, read_time

if TYPE_CHECKING:
    from aggregator.config.loading import SourceSettings

# The columns of `sources` that follow the config (Store.sync_sources writes them).
CONFIG_COLUMNS = (
    "url",
    "public_url",
    "title",
    "kind",
    "country",
    "language",
    "in_config",
    "enabled",
)

_STATE_COLUMNS = (
    "id, url, fetch_url, etag, last_modified, body_hash, wire_hash, body_size,"
    " consecutive_errors, next_check_at, moved_to, moved_since, moved_rounds"
)
# Sources a round may check: in the config, enabled, not disabled automatically (HTTP 410).
_CHECKABLE = "in_config AND enabled AND disabled_reason IS NULL"


def config_values(source: SourceSettings) -> dict[str, Any]:
    """The CONFIG_COLUMNS of a configured source, as its row should have them."""
    return {
        "url": source.url,
        "public_url": source.shown_url,
        "title": source.title,
        "kind": source.kind,
        "country": source.country,
        "language": source.language,
        "in_config": True,
        "enabled": source.enabled,
    }


def differs(row: Mapping[Any, Any], values: Mapping[str, Any]) -> bool:
    """Whether a stored row's config columns differ from `values` (a stored boolean may be
    the integer 1 or 0: equal to True and False)."""
    return any(row[key] != value for key, value in values.items())


def sources_in_sync(statements: Statements, configured: Sequence[SourceSettings]) -> bool:
    """Whether the sources table already follows the config: every configured source stored
    with its config columns as configured, and no other source marked as in the config. What
    nearly every round finds, with one read and no write."""
    stored = {
        row[0]: dict(zip(CONFIG_COLUMNS, row[1:], strict=True))
        for row in statements.rows(f"SELECT id, {', '.join(CONFIG_COLUMNS)} FROM sources")
    }
    wanted = {source.id for source in configured}
    if any(row["in_config"] and source_id not in wanted for source_id, row in stored.items()):
        return False
    return all(
        source.id in stored and not differs(stored[source.id], config_values(source))
        for source in configured
    )


def source_states(
    statements: Statements, ids: Collection[str] | None = None, *, due_at: datetime | None = None
) -> list[SourceState]:
    """Sources a round may check: all, the given ids, or those due at `due_at`, the soonest
    due first."""
    conditions, parameters = [_CHECKABLE], []
    if ids is not None:
        condition, parameter = any_of("id", ids, statements.dialect)
        conditions.append(condition)
        parameters.append(parameter)
    if due_at is not None:
        conditions.append("next_check_at <= ?")
        parameters.append(due_at)
    rows = statements.rows(
        f"SELECT {_STATE_COLUMNS} FROM sources WHERE {' AND '.join(conditions)}"
        " ORDER BY next_check_at, id",
        *parameters,
    )
    return [_state(row) for row in rows]


def claim_due(
    statements: Statements, owner: str, now: datetime, lease: timedelta, limit: int
) -> list[SourceState]:
    """Lease up to `limit` due sources no other daemon holds to `owner` until `now + lease`;
    their states. Must run in a write transaction: PostgreSQL's FOR UPDATE SKIP LOCKED, and
    SQLite's write lock, make the read-and-mark atomic."""
    skip_locked = " FOR UPDATE SKIP LOCKED" if statements.dialect == "postgresql" else ""
    ids = [
        row[0]
        for row in statements.rows(
            f"SELECT id FROM sources WHERE {_CHECKABLE} AND next_check_at <= ?"
            " AND (lease_until IS NULL OR lease_until < ?)"
            f" ORDER BY next_check_at, id LIMIT ?{skip_locked}",
            now,
            now,
            limit,
        )
    ]
    if not ids:
        return []
    chosen, parameter = any_of("id", ids, statements.dialect)
    statements.run(
        f"UPDATE sources SET lease_owner = ?, lease_until = ? WHERE {chosen}",
        owner,
        now + lease,
        parameter,
    )
    return source_states(statements, ids)


def renew_leases(statements: Statements, owner: str, now: datetime, lease: timedelta) -> int:
    """Extend every lease `owner` holds to `now + lease`; how many it holds."""
    return statements.run(
        "UPDATE sources SET lease_until = ? WHERE lease_owner = ? AND lease_until IS NOT NULL",
        now + lease,
        owner,
    )


def recent_item_counts(
    statements: Statements, source_ids: Collection[str], since: datetime
) -> dict[str, int]:
    """Items of each source published since `since` (their publishing rates), in one
    statement for a batch of sources: one per source was the largest part of the store
    thread's time in a round of 304s (docs/performance.md, "Figures (2026-11-29, eighth
    session)")."""
    if not source_ids:
        return {}
    chosen, parameter = any_of("source_id", source_ids, statements.dialect)
    rows = statements.rows(
        f"SELECT source_id, count(*) FROM items WHERE {chosen} AND published_at >= ?"
        " GROUP BY source_id",
        parameter,
        since,
    )
    return {source_id: int(count) for source_id, count in rows}


def publish_state(statements: Statements, output: str) -> PublishState | None:
    """How the publishes into the output folder `output` went, if any was tried."""
    found = statements.rows(
        "SELECT output, last_success_at, last_failure_at, last_error, skipped, skipped_detail"
        " FROM publications WHERE output = ?",
        output,
    )
    if not found:
        return None
    name, success, failure, error, skipped, detail = found[0]
    return PublishState(
        output=name,
        last_success_at=read_time(success),
        last_failure_at=read_time(failure),
        last_error=error,
        skipped=skipped or 0,
        skipped_detail=detail,
    )


def _state(row: Sequence[Any]) -> SourceState:
    (
        source_id,
        url,
        fetch_url,
        etag,
        last_modified,
        body_hash,
        wire_hash,
        body_size,
        consecutive_errors,
        next_check_at,
        moved_to,
        moved_since,
        moved_rounds,
    ) = row
    return SourceState(
        id=source_id,
        url=fetch_url or url,
        etag=etag,
        last_modified=last_modified,
        body_hash=body_hash,
        wire_hash=wire_hash,
        body_size=body_size or 0,
        consecutive_errors=consecutive_errors,
        next_check_at=read_time(next_check_at),
        config_url=url,
        moved_to=moved_to,
        moved_since=read_time(moved_since),
        moved_rounds=moved_rounds or 0,
    )
