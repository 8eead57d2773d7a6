"""How a source's stored status reads to an operator: its state in one word and what to do.
Pure: `aggregator status` prints it, and a status page can show the same words."""

from __future__ import annotations

from dataclasses import dataclass

from aggregator.models import SourceStatus


@dataclass(frozen=True, slots=True)
class SourceReport:
    state: str  # ok | never checked | backing off | broken | refused | disabled | ...
    result: str  # the last outcome with its HTTP status
    notice: str  # the last error, or what the operator should know or do


def report(row: SourceStatus) -> SourceReport:
    result = row.outcome or "-"
    if row.outcome and row.http_status:
        result += f" ({row.http_status})"
    notes = [row.last_error or row.notice or ""]
    if not row.in_config:
        state = "removed from config"
    elif not row.enabled:
        state = "disabled in config"
    elif row.disabled_reason:
        state, notes = "disabled", [row.disabled_reason]
    elif row.outcome is None:
        state = "never checked"
    elif row.outcome != "error":
        state = "ok"
    elif row.error_kind == "broken":
        state = "broken"
    elif row.error_kind == "refused":
        state = "refused"
    else:
        state = "backing off"
    if row.fetch_url and row.fetch_url != row.url:
        notes.append(f"moved permanently: set `url: {row.fetch_url}` in feeds.yaml")
    elif row.moved_to:
        notes.append(f"permanent redirect to {row.moved_to} (watching before moving)")
    return SourceReport(state, result, "; ".join(note for note in notes if note))
