"""What a check's outcome writes about its source: pure functions of the source's state, the
response and the schedule (no I/O), used by the update round."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from aggregator.config.settings import FetchSettings
from aggregator.hygiene import clean_text
from aggregator.models import ErrorKind, FeedData, FeedIntent, FetchResult, Outcome, SourceState
from aggregator.redact import redact_urls
from aggregator.schedule.moves import watch_move
from aggregator.schedule.timing import Pace, after_error

log = logging.getLogger("aggregator.update")


def success_intent(
    fetch: FetchSettings,
    state: SourceState,
    fetched: FetchResult,
    now: datetime,
    outcome: Outcome,
    *,
    body_hash: str | None = None,
    feed: FeedData | None = None,
) -> FeedIntent:
    move = watch_move(
        state.moved_to,
        state.moved_since,
        state.moved_rounds,
        fetched.moved_to,
        now,
        grace_rounds=fetch.redirect_grace_rounds,
        grace=fetch.redirect_grace,
    )
    fetch_url = None
    if move.migrate and move.moved_to:
        fetch_url = move.moved_to
        log.warning(
            "source=%s moved permanently to %s; now fetched from there. Update feeds.yaml: url: %s",
            state.id,
            move.moved_to,
            move.moved_to,
        )
    return FeedIntent(
        source_id=state.id,
        checked_at=now,
        outcome=outcome,
        next_check_at=now,  # set by _schedule_success
        consecutive_errors=0,
        http_status=fetched.status,
        notice=_said(feed.warning) if feed is not None else None,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        body_hash=body_hash or state.body_hash,
        # The pair changes together: a compressed body's hash only ever names its body_hash.
        wire_hash=fetched.wire_hash if body_hash else state.wire_hash,
        body_size=fetched.size if body_hash else state.body_size,
        feed_title=feed.title if feed else None,
        feed_link=feed.link if feed else None,
        feed_subtitle=feed.subtitle if feed else None,
        duration_s=fetched.duration_s,
        size=fetched.size,
        moved_to=None if fetch_url else move.moved_to,
        moved_since=None if fetch_url else move.since,
        moved_rounds=0 if fetch_url else move.rounds,
        fetch_url=fetch_url,
    )


def _said(text: str | None) -> str | None:
    """A message as it is kept and shown: XML-safe, without credentials in addresses."""
    return None if text is None else redact_urls(clean_text(text))


def error_intent(
    jitter: Callable[[], float],
    state: SourceState,
    fetched: FetchResult,
    message: str,
    now: datetime,
    kind: ErrorKind | None = None,
) -> FeedIntent:
    errors = state.consecutive_errors + 1
    kind = kind or fetched.error_kind or "permanent"
    disable = None
    if kind == "gone":
        disable = _said(
            f"{message} on {now:%Y-%m-%d %H:%M}Z; run `aggregator enable {state.id}` to try again"
        )
        upcoming_at, reason = now, "disabled"
    else:
        pace: Pace = "transient" if kind == "transient" else "permanent"
        upcoming = after_error(now, errors, pace, fetched.retry_after, jitter())
        upcoming_at, reason = upcoming.at, upcoming.reason
    return FeedIntent(
        source_id=state.id,
        checked_at=now,
        outcome="error",
        next_check_at=upcoming_at,
        consecutive_errors=errors,
        http_status=fetched.status,
        error=_said(message),
        error_kind=kind,
        duration_s=fetched.duration_s,
        size=fetched.size,
        next_check_reason=reason,
        disable_reason=disable,
        moved_to=state.moved_to,
        moved_since=state.moved_since,
        moved_rounds=state.moved_rounds,
    )
