"""The decisions of one source's check, as pure functions of plain values: what an answer is
(an error, not modified, the same bytes, a document to read), whether an HTML list's further
pages are read, what kind of error a failure is, and the whole outcome written about the
source (its schedule, a permanent move, its error or notice). No I/O, no clock: the round
(round.py) gathers the values and hands them in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from aggregator.config import Config, SourceSettings
from aggregator.config.settings import FetchSettings
from aggregator.errors import BrokenPage, ParseError
from aggregator.hygiene import clean_text
from aggregator.models import (
    ErrorKind,
    FeedData,
    FeedIntent,
    FetchResult,
    ItemIntent,
    Outcome,
    SourceState,
)
from aggregator.redact import redact_urls
from aggregator.schedule.moves import watch_move
from aggregator.schedule.timing import (
    RATE_WINDOW,
    Pace,
    Policy,
    ServerHints,
    after_error,
    after_success,
)


@dataclass(frozen=True, slots=True)
class Check:
    """One source's successful check on its way to the store thread, where what the store
    knows (its items, its publishing rate) completes the decision."""

    source: SourceSettings
    state: SourceState
    fetched: FetchResult
    checked_at: datetime
    outcome: Outcome  # ok, not-modified or unchanged
    body_hash: str | None = None  # the body's, when it came with one (ok, unchanged)
    feed: FeedData | None = None  # the document read (ok)


def answer_outcome(state: SourceState, fetched: FetchResult, body_hash: str) -> Outcome | None:
    """What a successful answer is without reading it: not modified (304), the same bytes as
    last time (a server without validators), or None: a document to read."""
    if fetched.not_modified:
        return "not-modified"
    if body_hash == state.body_hash:
        return "unchanged"
    return None


def follows_pages(source: SourceSettings, state: SourceState) -> bool:
    """An HTML list reads its further pages on its first fetch only (then one page is enough
    to see what is new)."""
    return source.type == "html" and state.body_hash is None and source.first_pages > 1


def error_kind(problem: Exception) -> ErrorKind:
    """How a failure to read a document is retried: a page whose selectors no longer match
    is "broken" (loud, an operator must look), any other unreadable document "permanent"."""
    return "broken" if isinstance(problem, BrokenPage) else "permanent"


def failure_message(problem: Exception) -> str:
    if isinstance(problem, ParseError):
        return str(problem)
    return f"parser failed: {type(problem).__name__}: {problem}"


def policy(config: Config, source: SourceSettings) -> Policy:
    """The source's schedule settings."""
    fetch = config.settings.fetch
    return Policy(
        interval=config.interval_of(source),
        min_interval=fetch.min_interval,
        max_interval=fetch.max_interval,
        adaptive=fetch.adaptive,
    )


def success(
    fetch: FetchSettings,
    check: Check,
    now: datetime,
    *,
    schedule: Policy,
    recent: int,
    jitter: float,
    items: tuple[ItemIntent, ...] = (),
) -> FeedIntent:
    """Everything a successful check writes about its source, whole: the validators and the
    body's hashes, the feed's own title, link and subtitle, a permanent move being watched or
    trusted, the items, and the next check (`recent`: the source's items of the publishing
    rate's window stored before; its new ones are counted here)."""
    state, fetched, feed = check.state, check.fetched, check.feed
    move = watch_move(
        state.moved_to,
        state.moved_since,
        state.moved_rounds,
        fetched.moved_to,
        now,
        grace_rounds=fetch.redirect_grace_rounds,
        grace=fetch.redirect_grace,
    )
    fetch_url = move.moved_to if move.migrate and move.moved_to else None
    recent += sum(1 for i in items if i.action == "new" and i.published_at >= now - RATE_WINDOW)
    hints = ServerHints(
        retry_after=fetched.retry_after,
        freshness=fetched.freshness,
        ttl=feed.ttl if feed else None,
    )
    upcoming = after_success(now, schedule, recent, hints, jitter)
    body_hash = check.body_hash
    return FeedIntent(
        source_id=state.id,
        checked_at=now,
        outcome=check.outcome,
        next_check_at=upcoming.at,
        next_check_reason=upcoming.reason,
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
        feed_updated=(feed.updated or now) if feed else None,
        page_reading=_said(feed.reading) if feed is not None else None,
        duration_s=fetched.duration_s,
        size=fetched.size,
        moved_to=None if fetch_url else move.moved_to,
        moved_since=None if fetch_url else move.since,
        moved_rounds=0 if fetch_url else move.rounds,
        fetch_url=fetch_url,
        items=items,
    )


# A message longer than this is cut (its end marked): a page that linked a 9 MB address made
# a 9 MB error, kept in every check of the source, logged, and shown by `status` and /status.
MAX_MESSAGE = 2000


def _said(text: str | None) -> str | None:
    """A message as it is kept and shown: XML-safe, without credentials in addresses, and
    at most MAX_MESSAGE characters."""
    if text is None:
        return None
    if len(text) > 4 * MAX_MESSAGE:
        text = text[: 4 * MAX_MESSAGE]  # the rest is never shown: no need to clean it
    said = redact_urls(clean_text(text))
    return said if len(said) <= MAX_MESSAGE else said[: MAX_MESSAGE - 1] + "…"


def failure(
    state: SourceState,
    fetched: FetchResult,
    message: str,
    now: datetime,
    *,
    jitter: float,
    kind: ErrorKind | None = None,
) -> FeedIntent:
    """Everything a failed check writes about its source: the error, the backoff (a 410
    disables the source until an operator enables it), the move being watched unchanged."""
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
        upcoming = after_error(now, errors, pace, fetched.retry_after, jitter)
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


def recent_window_start(checks: Sequence[datetime]) -> datetime | None:
    """Where the publishing rate's window starts for a batch of checks written together (its
    earliest check; they differ by seconds)."""
    return min(checks) - RATE_WINDOW if checks else None
