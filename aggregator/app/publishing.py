"""Publishing as the command line and the daemon do it: every document written, the outcome
kept in the store (for health checks, `status` and other processes), and the WebSub hub told
which feeds changed."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from aggregator.config import Config
from aggregator.errors import AggregatorError, PublishError, StoreError
from aggregator.fetch.websub import changed_feed_urls, ping_hub
from aggregator.store import Store

if TYPE_CHECKING:
    from aggregator.publish.publisher import PublishResult, RenderCache

log = logging.getLogger("aggregator.publish")


def publish_recorded(
    store: Store, config: Config, now: datetime, cache: RenderCache | None = None
) -> PublishResult:
    """`publish_all`, with its outcome kept in the store for health checks and `status`:
    the time of the last success, or of the failure and its message. Raises PublishError
    when nothing could be published; documents that failed alone make the publish count
    as failing but the others are written."""
    # (imported here: a round that changed nothing publishes nothing, and does not pay for
    # importing the renderers, feedgen and lxml)
    from aggregator.publish.publisher import publish_all, why

    output = str(config.output_dir.resolve())
    try:
        result = publish_all(store, config, cache)
    except Exception as exc:
        message = why(exc)
        if isinstance(exc, OSError):  # a folder that is a file, a full disk: said in a line
            log.error("publishing failed: %s", message)
        else:
            log.exception("publishing failed")
        try:
            store.record_publish(output, now, error=message)
        except AggregatorError:
            log.exception("could not record the failed publish")
        raise PublishError(f"publishing failed: {message}") from exc
    error = None
    if result.failed:
        more = f" (and {len(result.failed) - 1} more)" if len(result.failed) > 1 else ""
        error = f"could not write {result.failed[0]}{more}"
    store.record_publish(
        output,
        now,
        error=error,
        skipped=len(result.skipped),
        skipped_detail="; ".join(result.skipped[:5]) or None,
    )
    return result


async def tell_hub(config: Config, written: Sequence[str]) -> None:
    """Ping the configured WebSub hub about the feeds a publish rewrote (if any)."""
    output = config.settings.output
    if output.websub_hub and written:
        await ping_hub(output.websub_hub, changed_feed_urls(output.base_url, written))


def publish_due(
    *,
    changed: bool,
    never_published: bool = False,
    changed_elsewhere: bool = False,
    failing: bool = False,
    retry_due: bool = True,
    documents_missing: bool = False,
) -> bool:
    """Whether a round is followed by a publish: when it changed something, when nothing was
    published yet, when another process changed the store, when published documents went
    missing from the output folder, or when the last publish failed and it is time to try
    again (a full disk must not stop publishing for good)."""
    return (
        changed
        or never_published
        or changed_elsewhere
        or documents_missing
        or (failing and retry_due)
    )


def output_problems(store: Store, config: Config) -> list[str]:
    """What is wrong with publishing, for the health checks of a process that does not
    publish itself (`serve`): the last publish recorded in the store failed, or documents it
    wrote are missing from the output folder."""
    problems = []
    try:
        state = store.publish_state(str(config.output_dir.resolve()))
    except StoreError as exc:
        return [f"the store cannot be read: {exc}"]
    if state is not None and state.failing:
        problems.append(
            f"publishing is failing since {state.last_failure_at:%Y-%m-%dT%H:%M:%SZ}: "
            f"{state.last_error}"
        )
    from aggregator.publish.publisher import RenderCache

    missing = RenderCache.of_output(config.output_dir).missing(config.output_dir)
    if missing:
        problems.append(missing_message(missing))
    return problems


def missing_message(missing: Sequence[str]) -> str:
    more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
    return f"published documents missing from the output folder: {', '.join(missing[:3])}{more}"
