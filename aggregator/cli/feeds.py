"""Commands that validate the config, fetch and publish."""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import UTC, datetime

import click

from aggregator.app.publishing import publish_due, tell_hub
from aggregator.cli.base import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    _Context,
    _store,
    echo,
    main,
    publish_or_exit,
)
from aggregator.config.loading import Config, path_problems, resolve_store_url
from aggregator.errors import StoreError
from aggregator.logs import logging_to
from aggregator.models import RoundSummary, UpdateResult
from aggregator.store import Store


@main.command()
@click.pass_obj
def check(obj: _Context) -> None:
    """Validate the config file; print every problem with its line.

    \b
    Example:
      aggregator --config feeds.yaml check
    """
    config = obj.config()
    if not config.sources:
        echo(
            f"{config.path}: no sources: add one with `aggregator add URL`, or from the "
            "catalogue (`aggregator catalog`, then `aggregator add CATALOG-ID`)",
            err=True,
        )
        raise SystemExit(EXIT_USAGE)
    problems = path_problems(config)
    if problems:
        for problem in problems:
            echo(problem, err=True)
        raise SystemExit(EXIT_USAGE)
    enabled = sum(1 for s in config.sources if s.enabled)
    echo(
        f"{config.path}: OK: {len(config.sources)} sources ({enabled} enabled), "
        f"{len(config.settings.rules)} rules; store {config.store_url}; "
        f"output {config.output_dir}"
    )


@main.command()
@click.option("--all", "all_sources", is_flag=True, help="Fetch every enabled source, due or not.")
@click.option(
    "--source",
    "source_ids",
    multiple=True,
    metavar="ID",
    help="Fetch this source (repeatable), due or not.",
)
@click.pass_obj
def fetch(obj: _Context, all_sources: bool, source_ids: tuple[str, ...]) -> None:
    """Run one update round (due sources, or all, or the named ones), then publish what changed.

    Exits 1 if any source failed.

    \b
    Example:
      aggregator fetch --all
      aggregator fetch --source doj-news --source uk-sfo
    """
    config = obj.config()
    unknown = [s for s in source_ids if config.source(s) is None]
    if unknown:
        raise click.UsageError(f"no source with id {', '.join(unknown)} in {config.path}")
    with _store(config) as store:
        summary = asyncio.run(_fetch_round(config, store, source_ids, all_sources))
        # Nothing new: the published files are already right (`aggregator publish` rewrites
        # them after a config change). A first run publishes even an empty feed, and a
        # publish that failed last time is tried again.
        state = store.publish_state(str(config.output_dir.resolve()))
        due = publish_due(
            changed=summary.changed,
            never_published=not (config.output_dir / "feed.atom").exists(),
            failing=state is not None and state.failing,
        )
        published = publish_or_exit(store, config) if due else None
    ok = len(summary.results) - summary.failed
    outcome = (
        f"{len(published.written)} of {published.documents} feeds rewritten"
        if published
        else "nothing to publish"
    )
    if published:
        _ping_hub(config, published.written)
    echo(
        f"{len(summary.results)} sources: {ok} ok, {summary.failed} failed; "
        f"{summary.new} new, {summary.updated} updated items; {outcome}"
    )
    failed = summary.failed or (published is not None and published.failed)
    raise SystemExit(EXIT_FAILED if failed else EXIT_OK)


async def _fetch_round(
    config: Config, store: Store, source_ids: tuple[str, ...], all_sources: bool
) -> RoundSummary:
    from aggregator.update.runtime import open_updater

    async with open_updater(config, store) as updater:
        await updater.sync_sources()
        ids = list(source_ids) or None
        due_only = not (all_sources or source_ids)
        if not sys.stderr.isatty():
            return await updater.run_round(source_ids=ids, due_only=due_only)
        # On a terminal: a progress bar instead of a log line per source (rich imported here:
        # a round run by cron or the harness has no terminal and no use for it).
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        logging.getLogger("aggregator.update").setLevel(logging.WARNING)
        with Progress(
            TextColumn("fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task("", total=None)

            def started(total: int) -> None:
                progress.update(task, total=total)

            def advanced(result: UpdateResult) -> None:
                progress.update(task, advance=1, description=result.source_id)

            # While the bar is shown, sys.stderr is its console's: lines print above it.
            with logging_to(sys.stderr):
                return await updater.run_round(
                    source_ids=ids, due_only=due_only, on_start=started, on_result=advanced
                )


@main.command()
@click.pass_obj
def publish(obj: _Context) -> None:
    """Write the published feeds from the store (normally done after each fetch).

    \b
    Example:
      aggregator publish
    """
    config = obj.config()
    with _store(config) as store:
        result = publish_or_exit(store, config)
    _ping_hub(config, result.written)
    echo(f"{len(result.written)} of {result.documents} feeds rewritten in {config.output_dir}")
    if result.failed:
        raise SystemExit(EXIT_FAILED)


def _ping_hub(config: Config, written: tuple[str, ...]) -> None:
    asyncio.run(tell_hub(config, written))


@main.command()
@click.option("--dry-run", is_flag=True, help="Count what would go; delete nothing.")
@click.option(
    "--older-than",
    "older_than",
    metavar="DURATION",
    help="Override retention.keep for this run (e.g. 180d).",
)
@click.pass_obj
def prune(obj: _Context, dry_run: bool, older_than: str | None) -> None:
    """Delete items older than `retention.keep`, except each source's newest
    `retention.keep_per_source` and everything still in a published feed; then vacuum.

    \b
    Example:
      aggregator prune --dry-run
      aggregator prune --older-than 365d
    """
    from aggregator.app.retention import prune as pruned
    from aggregator.config.loading import parse_duration

    config = obj.config()
    retention = config.settings.retention
    try:
        keep = parse_duration(older_than) if older_than else retention.keep
    except ValueError as exc:
        raise click.UsageError(f"--older-than: {exc}") from exc
    if keep is None:
        echo("retention.keep is not set in the config: nothing to prune (or give --older-than)")
        return
    with _store(config) as store:
        result = pruned(store, config, datetime.now(UTC), keep, dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    echo(f"{verb} {result.items} items and {result.stories} stories (first seen over {keep} ago)")


@main.command()
@click.pass_obj
def retag(obj: _Context) -> None:
    """Apply the current tags and rules to every stored item (on every core), then publish.

    The daemon does this by itself when an edit of feeds.yaml changes the rules.

    \b
    Example:
      aggregator retag
    """
    import time

    from aggregator.tagging.retagging import ParallelRetagger

    config = obj.config()
    with _store(config) as store, ParallelRetagger(config) as tag:
        started = time.monotonic()
        count = store.retag(tag)
        seconds = time.monotonic() - started
        published = publish_or_exit(store, config)
    _ping_hub(config, published.written)
    rate = count / seconds if seconds > 0 else float(count)
    echo(
        f"retagged {count} items in {seconds:.2f} s ({rate:,.0f} items/s); "
        f"{len(published.written)} of {published.documents} feeds rewritten"
    )
    if published.failed:
        raise SystemExit(EXIT_FAILED)


@main.command("migrate-store")
@click.option("--to", "target", required=True, metavar="URL", help="The store to copy into.")
@click.pass_obj
def migrate_store(obj: _Context, target: str) -> None:
    """Copy the whole store (sources' state, items, stories, tags, checks, decisions such as
    unmerges) into an empty store at URL, checking the counts. Stop the daemon first; then
    point `store:` (or AGGREGATOR_STORE) at the new one.

    \b
    Example:
      aggregator migrate-store --to postgresql+psycopg://aggregator@db.example.org/aggregator
      aggregator migrate-store --to store/copy.sqlite
    """
    config = obj.config()
    target_url = resolve_store_url(target, config.path.resolve().parent)
    with _store(config) as store:
        try:
            destination = Store(target_url)
        except StoreError as exc:
            echo(f"error: {exc}", err=True)
            raise SystemExit(EXIT_USAGE) from exc
        from aggregator.store.copy import copy_store  # SQLAlchemy, which a round may not need

        try:
            copied = copy_store(store.engine, destination.engine)
        except StoreError as exc:
            echo(f"error: {exc}; nothing was copied", err=True)
            raise SystemExit(EXIT_FAILED) from exc
        finally:
            destination.close()
    rows = ", ".join(f"{count} {table}" for table, count in copied.items())
    echo(f"copied and checked: {rows}")
