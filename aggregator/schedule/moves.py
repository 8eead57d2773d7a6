"""Permanent redirects: when a source's new address is trusted enough to fetch it from there.

A 301/308 is followed at once, but the source keeps its configured address until the new one
has answered consistently for a grace period (`redirect_grace_rounds` checks spanning at least
`redirect_grace`): a misconfigured server that redirects for an hour does not move a source.
Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class MoveWatch:
    moved_to: str | None
    since: datetime | None
    rounds: int
    migrate: bool = False


def watch_move(
    previous_to: str | None,
    previous_since: datetime | None,
    previous_rounds: int,
    moved_to: str | None,
    now: datetime,
    *,
    grace_rounds: int,
    grace: timedelta,
) -> MoveWatch:
    """The watch after a successful check that ended at `moved_to` (None: no permanent move)."""
    if moved_to is None:
        return MoveWatch(None, None, 0)
    if moved_to == previous_to and previous_since is not None:
        since, rounds = previous_since, previous_rounds + 1
    else:
        since, rounds = now, 1
    ready = rounds >= grace_rounds and now - since >= grace
    return MoveWatch(moved_to, since, rounds, migrate=ready)
