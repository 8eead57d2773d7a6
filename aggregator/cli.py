"""The `aggregator` command: thin commands over the library.

Exit codes: 0 ok, 1 some sources failed, 2 usage or config error.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from . import __version__
from .config import Config, SourceSettings, load_config
from .errors import AggregatorError, ConfigError, StoreError
from .logs import setup_logging
from .models import UpdateResult
from .normalize import plain_text
from .publish import publish_all
from .report import report
from .store import Store
from .update import RoundSummary

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Context:
    def __init__(self, config_path: Path) -> None:
        self.config_path = config_path

    def config(self) -> Config:
        try:
            return load_config(self.config_path)
        except ConfigError as exc:
            for problem in exc.problems:
                click.echo(problem, err=True)
            raise SystemExit(EXIT_USAGE) from exc


@contextmanager
def _store(config: Config) -> Iterator[Store]:
    try:
        store = Store(config.store_url)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    try:
        yield store
    finally:
        store.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default="feeds.yaml",
    envvar="AGGREGATOR_CONFIG",
    show_default=True,
    help="The config file (or set AGGREGATOR_CONFIG).",
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Log lines for people (text) or log shippers (json).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="aggregator")
@click.pass_context
def main(ctx: click.Context, config_path: Path, log_format: str, verbose: int) -> None:
    """Fetch prosecution-service and summit news, deduplicate and tag it, republish it as Atom.

    \b
    Example:
      aggregator --config feeds.yaml check
      aggregator fetch --all
      aggregator run --port 8080
    """
    level = logging.DEBUG if verbose > 1 else logging.INFO
    setup_logging(log_format, level)
    ctx.obj = _Context(config_path)


@main.command()
@click.pass_obj
def check(obj: _Context) -> None:
    """Validate the config file; print every problem with its line.

    \b
    Example:
      aggregator --config feeds.yaml check
    """
    config = obj.config()
    enabled = sum(1 for s in config.sources if s.enabled)
    click.echo(
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
    """Run one update round (due sources, or all, or the named ones), then publish.

    Exits 1 if any source failed.

    \b
    Example:
      aggregator fetch --all
      aggregator fetch --source doj-opa --source sfo
    """
    config = obj.config()
    unknown = [s for s in source_ids if config.source(s) is None]
    if unknown:
        raise click.UsageError(f"no source with id {', '.join(unknown)} in {config.path}")
    with _store(config) as store:
        summary = asyncio.run(_fetch_round(config, store, source_ids, all_sources))
        published = publish_all(store, config)
    _ping_hub(config, published.written)
    ok = len(summary.results) - summary.failed
    click.echo(
        f"{len(summary.results)} sources: {ok} ok, {summary.failed} failed; "
        f"{summary.new} new, {summary.updated} updated items; "
        f"{len(published.written)} of {published.documents} feeds rewritten"
    )
    raise SystemExit(EXIT_FAILED if summary.failed else EXIT_OK)


async def _fetch_round(
    config: Config, store: Store, source_ids: tuple[str, ...], all_sources: bool
) -> RoundSummary:
    from .runtime import open_updater

    async with open_updater(config, store) as updater:
        await updater.sync_sources()
        ids = list(source_ids) or None
        due_only = not (all_sources or source_ids)
        if not sys.stderr.isatty():
            return await updater.run_round(source_ids=ids, due_only=due_only)
        # On a terminal: a progress bar instead of a log line per source.
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
        result = publish_all(store, config)
    _ping_hub(config, result.written)
    click.echo(
        f"{len(result.written)} of {result.documents} feeds rewritten in {config.output_dir}"
    )


def _ping_hub(config: Config, written: tuple[str, ...]) -> None:
    from .websub import changed_feed_urls, ping_hub

    output = config.settings.output
    if output.websub_hub and written:
        asyncio.run(ping_hub(output.websub_hub, changed_feed_urls(output.base_url, written)))


def _server_options(function: F) -> F:
    function = click.option(
        "--port",
        type=click.IntRange(0, 65535),
        default=8080,
        show_default=True,
        help="Port (0: any free port).",
    )(function)
    function = click.option(
        "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
    )(function)
    return function


def _bind(host: str, port: int) -> Any:
    from .daemon import bind

    try:
        return bind(host, port)
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        raise SystemExit(EXIT_USAGE) from exc


@main.command()
@_server_options
@click.pass_obj
def serve(obj: _Context, host: str, port: int) -> None:
    """Serve the published feeds over HTTP, without fetching.

    \b
    Example:
      aggregator serve --host 0.0.0.0 --port 8080
    """
    from .daemon import serve_files
    from .publish import render_query
    from .web import create_app

    config = obj.config()
    sock = _bind(host, port)
    with _store(config) as store:
        app = create_app(
            lambda: config,
            lambda: {"status": "ok"},
            query=lambda wanted, unwanted, text: render_query(
                store, config, wanted, unwanted, text
            ),
        )
        click.echo(
            f"serving {config.output_dir} at http://{host}:{sock.getsockname()[1]}/feed.atom",
            err=True,
        )
        code = asyncio.run(serve_files(app, sock))
    raise SystemExit(code)


@main.command()
@_server_options
@click.option(
    "--tick",
    type=click.FloatRange(0.1, 3600),
    default=5.0,
    show_default=True,
    help="Seconds between looks for due sources.",
)
@click.pass_obj
def run(obj: _Context, host: str, port: int, tick: float) -> None:
    """Run the daemon: update due sources, publish, and serve the feeds.

    Stops cleanly on SIGTERM or Ctrl-C.

    \b
    Example:
      aggregator --config /etc/aggregator/feeds.yaml run --host 0.0.0.0 --port 8080
    """
    from .daemon import run_daemon

    config = obj.config()
    sock = _bind(host, port)
    try:
        code = asyncio.run(run_daemon(config, sock, tick=tick))
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    raise SystemExit(code)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source (or check).")
@click.option(
    "--source",
    "source_id",
    metavar="ID",
    help="The recent checks of one source instead: status, bytes, time, items, error.",
)
@click.pass_obj
def status(obj: _Context, as_json: bool, source_id: str | None) -> None:
    """Show every source: last check, result, items, next check and why, last error.

    \b
    Example:
      aggregator status
      aggregator status --source doj-news
      aggregator status --json | jq '.[] | select(.outcome == "error")'
    """
    config = obj.config()
    with _store(config) as store:
        store.sync_sources(config.sources, datetime.now(UTC))
        rows = store.source_statuses()
        checks = store.recent_checks(source_id, limit=50) if source_id else []
    if source_id:
        if source_id not in {row.id for row in rows}:
            raise click.UsageError(f"no source with id {source_id} in the store")
        _print_checks(checks, as_json)
        return
    if as_json:
        click.echo(json.dumps([_status_json(row) for row in rows], indent=2))
        return
    table = Table(show_lines=False)
    for column in (
        "source",
        "state",
        "last check",
        "result",
        "items",
        "next check",
        "why",
        "last error / notice",
    ):
        table.add_column(column, overflow="fold")
    for row in rows:
        seen = report(row)
        checked = row.in_config and row.enabled and not row.disabled_reason
        table.add_row(
            row.id,
            seen.state,
            _when(row.last_checked_at),
            seen.result,
            str(row.items),
            _when(row.next_check_at) if checked else "-",
            (row.next_check_reason or "") if checked else "",
            seen.notice,
        )
    Console(width=None if sys.stdout.isatty() else 220).print(table)


def _print_checks(checks: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(checks, indent=2, default=str))
        return
    table = Table(show_lines=False)
    for column in (
        "checked",
        "result",
        "http",
        "bytes",
        "seconds",
        "new",
        "updated",
        "next check",
        "why",
        "error",
    ):
        table.add_column(column, overflow="fold")
    for check in checks:
        table.add_row(
            _when(check["checked_at"]),
            check["outcome"],
            str(check["http_status"] or "-"),
            str(check["size"]),
            f"{check['duration_s']:.2f}",
            str(check["new"]),
            str(check["updated"]),
            _when(check["next_check_at"]),
            check["next_check_reason"] or "",
            check["error"] or "",
        )
    Console(width=None if sys.stdout.isatty() else 220).print(table)


def _status_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "url": row.url,
        "title": row.title,
        "in_config": row.in_config,
        "enabled": row.enabled,
        "last_checked_at": row.last_checked_at.isoformat() if row.last_checked_at else None,
        "outcome": row.outcome,
        "http_status": row.http_status,
        "items": row.items,
        "next_check_at": row.next_check_at.isoformat() if row.next_check_at else None,
        "last_error": row.last_error,
        "consecutive_errors": row.consecutive_errors,
        "next_check_reason": row.next_check_reason,
        "disabled_reason": row.disabled_reason,
        "fetch_url": row.fetch_url,
        "moved_to": row.moved_to,
        "size": row.size,
        "duration_s": row.duration_s,
        "notice": row.notice,
        "state": report(row).state,
    }


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%SZ") if moment else "-"


@main.command()
@click.argument("source_id", metavar="[ID]", required=False)
@click.option("--url", help="Preview this address instead of a configured source.")
@click.option(
    "--type",
    "kind",
    type=click.Choice(["feed", "html", "jsonfeed"]),
    help="With --url: how to read it (default: html with a preset, else feed).",
)
@click.option("--preset", help="With --url: a selector preset (uswds, genproc, mpf, cps, ...).")
@click.option(
    "--selector",
    "selectors",
    multiple=True,
    metavar="NAME=SELECTOR",
    help="With --url, or over a source's own: e.g. --selector 'item=li.news'.",
)
@click.option("--language", help="With --url: the page's language, for dates (en, ru, pt...).")
@click.option("--json", "as_json", is_flag=True, help="The items as JSON.")
@click.pass_obj
def preview(
    obj: _Context,
    source_id: str | None,
    url: str | None,
    kind: str | None,
    preset: str | None,
    selectors: tuple[str, ...],
    language: str | None,
    as_json: bool,
) -> None:
    """Fetch a source once and show the items it would give, storing nothing.

    Exits 1 when the source fails or its selectors find nothing.

    \b
    Example:
      aggregator preview cps
      aggregator preview --url https://www.justice.gov/news --preset uswds
      aggregator preview --url https://example.org/news --selector 'item=li.news' \\
          --selector 'title=h3 a' --selector 'link=h3 a@href' --selector 'date=time@datetime'
    """
    from pydantic import ValidationError

    from .preview import preview_source

    config = obj.config()
    chosen: dict[str, str] = {}
    for pair in selectors:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.UsageError(f"--selector takes NAME=SELECTOR, not {pair!r}")
        chosen[name.strip()] = value.strip()
    if bool(source_id) == bool(url):
        raise click.UsageError("give a source ID or --url (one of them)")
    fields: dict[str, Any]
    if source_id:
        configured = config.source(source_id)
        if configured is None:
            raise click.UsageError(f"no source with id {source_id} in {config.path}")
        fields = configured.model_dump(exclude_none=True)
        if chosen:
            fields["selectors"] = {**fields.get("selectors", {}), **chosen}
    else:
        fields = {"id": "preview", "url": url, "preset": preset, "language": language}
        if kind:
            fields["type"] = kind
        elif chosen:
            fields["type"] = "html"
        if chosen:
            fields["selectors"] = chosen
        fields = {k: v for k, v in fields.items() if v is not None}
    try:
        source = SourceSettings.model_validate(fields)
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "source"
            click.echo(f"error: {where}: {error['msg'].removeprefix('Value error, ')}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    result = asyncio.run(preview_source(config, source))
    if result.feed is None:
        status = f" (HTTP {result.http_status})" if result.http_status else ""
        click.echo(f"{result.url}{status}: {result.error}", err=True)
        raise SystemExit(EXIT_FAILED)
    _print_preview(result.feed, as_json)


def _print_preview(feed: Any, as_json: bool) -> None:
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "title": i.title,
                        "link": i.link,
                        "published": i.published.isoformat() if i.published else None,
                        "summary_html": i.summary_html,
                        "categories": list(i.categories),
                        "key": i.key,
                    }
                    for i in feed.items
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        table = Table(show_lines=False)
        for column in ("#", "date", "title", "link", "summary"):
            table.add_column(column, overflow="fold")
        for number, item in enumerate(feed.items, 1):
            summary = plain_text(item.summary_html)
            table.add_row(
                str(number),
                _when(item.published) if item.published else "(none)",
                item.title,
                item.link or "",
                summary[:100] + ("..." if len(summary) > 100 else ""),
            )
        Console(width=None if sys.stdout.isatty() else 220).print(table)
    footer = [f"{len(feed.items)} items"]
    if feed.next_url:
        footer.append(f"next page: {feed.next_url}")
    if feed.warning:
        footer.append(f"notice: {feed.warning}")
    click.echo("; ".join(footer), err=True)


@main.command()
@click.argument("source_id", metavar="ID")
@click.pass_obj
def enable(obj: _Context, source_id: str) -> None:
    """Check a source again that was disabled because it answered 410 Gone.

    \b
    Example:
      aggregator enable eurojust
    """
    config = obj.config()
    if config.source(source_id) is None:
        raise click.UsageError(f"no source with id {source_id} in {config.path}")
    with _store(config) as store:
        store.sync_sources(config.sources, datetime.now(UTC))
        if store.enable(source_id, datetime.now(UTC)):
            click.echo(f"{source_id}: enabled; it will be checked in the next round")
        else:
            click.echo(f"{source_id}: was not disabled")


@main.command()
@_server_options
@click.option(
    "--dir",
    "workdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the demo's config, store and feeds here (default: a temporary folder).",
)
@click.option(
    "--tick",
    type=click.FloatRange(0.1, 3600),
    default=2.0,
    show_default=True,
    help="Seconds between looks for due sources.",
)
def demo(host: str, port: int, workdir: Path | None, tick: float) -> None:
    """Serve the bundled sample feeds on 127.0.0.1 and run the real daemon against them.

    Prints the address of the combined feed to open in a feed reader. Works offline.

    \b
    Example:
      aggregator demo --port 8080
    """
    from .demo import run_demo

    if host not in ("127.0.0.1", "localhost", "::1"):
        raise click.UsageError("the demo only listens on a loopback address")
    try:
        code = run_demo(host, port, workdir, tick=tick, announce=lambda line: click.echo(line))
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    except AggregatorError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    raise SystemExit(code)
