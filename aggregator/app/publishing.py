"""Publishing as the command line and the daemon do it: every document written, the outcome
kept in the store (for health checks, `status` and other processes), and the WebSub hub told
which feeds changed."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from aggregator.config import Config
from aggregator.errors import AggregatorError, PublishError
from aggregator.fetch.websub import changed_feed_urls, ping_hub
from aggregator.publish.publisher import PublishResult, RenderCache, publish_all, why
from aggregator.store import Store

log = logging.getLogger("aggregator.publish")


def publish_recorded(
    store: Store, config: Config, now: datetime, cache: RenderCache | None = None
) -> PublishResult:
    """`publish_all`, with its outcome kept in the store for health checks and `status`:
    the time of the last success, or of the failure and its message. Raises PublishError
    when nothing could be published; documents that failed alone make the publish count
    as failing but the others are written."""
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
) -> bool:
    """Whether a round is followed by a publish: when it changed something, when nothing was
    published yet, when another process changed the store, or when the last publish failed
    and it is time to try again (a full disk must not stop publishing for good)."""
    return changed or never_published or changed_elsewhere or (failing and retry_due)
