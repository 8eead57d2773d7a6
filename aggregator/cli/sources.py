"""Commands about sources: status, preview, enable, catalog, doctor."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from aggregator.cli.base import (
    EXIT_FAILED,
    EXIT_USAGE,
    _Context,
    _store,
    echo,
    main,
    terminal_safe,
)
from aggregator.config.loading import SourceSettings
from aggregator.models import PublishState
from aggregator.normalize.entries import plain_text
from aggregator.redact import public_url, redact_urls
from aggregator.serve.report import report


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
        publishing = store.publish_state(str(config.output_dir.resolve()))
    if source_id:
        if source_id not in {row.id for row in rows}:
            raise click.UsageError(f"no source with id {source_id} in the store")
        row = next(row for row in rows if row.id == source_id)
        if not as_json:
            seen = report(row)
            echo(f"{source_id}: {seen.state}, {row.items} items, {row.url}")
            if row.next_check_at:
                echo(f"next check: {_when(row.next_check_at)} ({row.next_check_reason})")
            if seen.notice:
                echo(f"note: {seen.notice}")
            if row.page_reading:
                echo(f"{source_id}: its page was last read with {row.page_reading}")
        _print_checks(checks, as_json)
        return
    if as_json:
        echo(json.dumps([_status_json(row) for row in rows], indent=2))
        return
    # One line per source that fits the terminal: ids and times never broken mid-word, a
    # message cut to what fits (the whole of it: `status --source ID` or `--json`).
    terminal = sys.stdout.isatty() or "COLUMNS" in os.environ
    width = shutil.get_terminal_size((120, 24)).columns if terminal else 120
    now = datetime.now(UTC)
    cells = []
    for row in rows:
        seen = report(row)
        checked = row.in_config and row.enabled and not row.disabled_reason
        state = seen.state
        if row.outcome == "error" and row.http_status:
            state += f" {row.http_status}"
        cells.append(
            (
                row.id,
                state,
                _short_when(row.last_checked_at, now),
                str(row.items),
                _short_when(row.next_check_at, now) if checked else "-",
                " ".join(seen.notice.split()),
            )
        )
    for line in status_lines(cells, width):
        echo(line)
    footer = []
    if any(report(row).notice for row in rows):
        footer.append("full messages and recent checks: aggregator status --source ID")
    checks_at = [row.last_checked_at for row in rows if row.in_config and row.last_checked_at]
    if checks_at:
        ago = datetime.now(UTC) - max(checks_at)
        footer.append(
            f"last check of any source: {_when(max(checks_at))} "
            f"({int(ago.total_seconds() // 60)} min ago; a running daemon checks what is due "
            "every few seconds)"
        )
    footer.append(_publishing_line(publishing))
    for line in footer:
        echo(textwrap.fill(line, width=width, subsequent_indent="  "))


def _publishing_line(state: PublishState | None) -> str:
    """How publishing into the output folder goes, in one line."""
    if state is None:
        return "publishing: nothing published yet"
    if state.failing:
        assert state.last_failure_at is not None
        since = _when(state.last_failure_at)
        good = f"; last success {_when(state.last_success_at)}" if state.last_success_at else ""
        return f"publishing: FAILING (last failure {since}{good}): {state.last_error}"
    skipped = (
        f"; {state.skipped} entries left out ({state.skipped_detail})" if state.skipped else ""
    )
    return f"publishing: ok, last {_when(state.last_success_at)}{skipped}"


def _print_checks(checks: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        echo(json.dumps(checks, indent=2, default=str))
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
        _add_plain_row(
            table,
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
        "page_reading": row.page_reading,
        "state": report(row).state,
    }


def _add_plain_row(table: Table, *cells: str) -> None:
    """A row of text as it is: a title or an error message a server wrote may hold what Rich
    reads as markup (`[/b]` stopped `status` with MarkupError; `[link=...]` made a link)."""
    table.add_row(*(Text(terminal_safe(cell)) for cell in cells))


STATUS_HEADER = ("source", "state", "checked", "items", "next", "note")


def status_lines(cells: Sequence[tuple[str, ...]], width: int) -> list[str]:
    """The status table as lines of at most `width` characters: every column but the last as
    wide as its widest cell (ids and times never cut), the note cut to what is left."""
    rows = [STATUS_HEADER, *cells]
    widths = [max(len(row[i]) for row in rows) for i in range(len(STATUS_HEADER) - 1)]
    lines = []
    for row in rows:
        left = "  ".join(
            cell.rjust(w) if i == 3 else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=False))
        )
        room = width - len(left) - 2
        note = row[-1]
        if len(note) > room:
            note = note[: max(room - 1, 0)] + "…" if room > 1 else ""
        lines.append(f"{left}  {note}".rstrip())
    return lines


def _short_when(moment: datetime | None, now: datetime) -> str:
    """A time in a table cell (UTC): hours and minutes today, else month and day."""
    if moment is None:
        return "-"
    return moment.strftime("%H:%M") if moment.date() == now.date() else moment.strftime("%m-%d")


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
      aggregator preview uk-cps
      aggregator preview --url https://www.justice.gov/news --preset uswds
      aggregator preview --url https://example.org/news --selector 'item=li.news' \\
          --selector 'title=h3 a' --selector 'link=h3 a@href' --selector 'date=time@datetime'
    """
    from pydantic import ValidationError

    from aggregator.app.preview import preview_source

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
            echo(f"error: {where}: {error['msg'].removeprefix('Value error, ')}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    result = asyncio.run(preview_source(config, source))
    if result.feed is None:
        status = f" (HTTP {result.http_status})" if result.http_status else ""
        echo(f"{public_url(result.url)}{status}: {redact_urls(result.error or '')}", err=True)
        raise SystemExit(EXIT_FAILED)
    _print_preview(result.feed, as_json)


def _print_preview(feed: Any, as_json: bool) -> None:
    if as_json:
        echo(
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
            _add_plain_row(
                table,
                str(number),
                _when(item.published) if item.published else "(none)",
                item.title,
                item.link or "",
                summary[:100] + ("..." if len(summary) > 100 else ""),
            )
        Console(width=None if sys.stdout.isatty() else 220).print(table)
    footer = [f"{len(feed.items)} items"]
    if feed.reading:
        footer.append(f"read as: {feed.reading}")
    if feed.next_url:
        footer.append(f"next page: {feed.next_url}")
    if feed.warning:
        footer.append(f"notice: {feed.warning}")
    echo("; ".join(footer), err=True)
    if feed.detected is not None and not as_json:
        echo("selectors detected (to paste under the source in feeds.yaml):", err=True)
        echo(_selectors_yaml(feed.detected), err=True)


def _selectors_yaml(recipe: Any) -> str:
    lines = ["    type: html", "    selectors:"]
    for name in ("item", "title", "link", "date", "time", "summary", "image", "next"):
        value = getattr(recipe, name)
        if value:
            lines.append(f"      {name}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines)


@main.command()
@click.argument("source_id", metavar="ID")
@click.pass_obj
def enable(obj: _Context, source_id: str) -> None:
    """Check a source again: set `enabled: true` in feeds.yaml if it was disabled there, and
    clear an automatic disabling (after HTTP 410 Gone).

    \b
    Example:
      aggregator enable eurojust
    """
    from aggregator.config.editing import set_enabled
    from aggregator.config.loading import load_config
    from aggregator.errors import ConfigError

    config = obj.config()
    if config.source(source_id) is None:
        raise click.UsageError(f"no source with id {source_id} in {config.path}")
    try:
        in_file = set_enabled(config.path, source_id, True)
    except ConfigError as exc:
        for problem in exc.problems:
            echo(f"error: {problem}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    if in_file:
        config = load_config(config.path)
    with _store(config) as store:
        store.sync_sources(config.sources, datetime.now(UTC))
        in_store = store.enable(source_id, datetime.now(UTC))
    if in_file or in_store:
        echo(f"{source_id}: enabled; it will be checked in the next round")
    else:
        echo(f"{source_id}: was not disabled")


@main.command()
@click.option("--country", help="Entries of a country or PG20 delegation (BR, EU, AFU...).")
@click.option(
    "--kind", type=click.Choice(["prosecution", "summit", "international", "government", "media"])
)
@click.option("--json", "as_json", is_flag=True, help="The entries as JSON, evidence included.")
@click.pass_obj
def catalog(obj: _Context, country: str | None, kind: str | None, as_json: bool) -> None:
    """List the source catalogue shipped with the aggregator: every PG20 delegation's
    prosecution service and the international bodies, with how each is read, the confidence
    in it and whether feeds.yaml has it. Add one with `aggregator add CATALOG-ID`.

    \b
    Example:
      aggregator catalog --country BR
      aggregator catalog --json | jq '.[] | select(.confidence == "unknown")'
    """
    from aggregator.app.catalog import configured
    from aggregator.catalog import load_catalog, select_entries

    config = obj.config()
    entries = select_entries(load_catalog(), country=country, kind=kind)
    if as_json:
        rows = [
            {**dataclasses.asdict(entry), "in_feeds_yaml": configured(config, entry)}
            for entry in entries
        ]
        echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table(show_lines=False)
    for column in ("id", "delegation", "kind", "read as", "confidence", "in feeds.yaml", "url"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        _add_plain_row(
            table,
            entry.id,
            entry.delegation or "-",
            entry.kind,
            entry.reading,
            entry.confidence,
            configured(config, entry) or "-",
            entry.url or "(not known)",
        )
    Console(width=None if sys.stdout.isatty() else 220).print(table)
    echo(
        f"{len(entries)} entries; `aggregator catalog --json` shows the evidence behind each",
        err=True,
    )


@main.command()
@click.option("--source", "source_ids", multiple=True, metavar="ID", help="Only these sources.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@click.pass_obj
def doctor(obj: _Context, source_ids: tuple[str, ...], as_json: bool) -> None:
    """Check every enabled source once, politely and in parallel, storing nothing, and say
    per source what was found and what to fix: ok, detected instead of its preset, moved,
    empty, broken selectors, refused by robots.txt, blocked, not found, unreachable. Exit 1
    when any source is not ok. The first thing to run on a server with network access.

    \b
    Example:
      aggregator doctor
      aggregator doctor --source ru-genproc --json
    """
    from aggregator.app.doctor import run_doctor

    config = obj.config()
    unknown = [i for i in source_ids if config.source(i) is None]
    if unknown:
        raise click.UsageError(f"no source with id {', '.join(unknown)} in {config.path}")
    sources = [
        source
        for source in config.sources
        if source.enabled and (not source_ids or source.id in source_ids)
    ]
    results = asyncio.run(run_doctor(config, sources, datetime.now(UTC)))
    if as_json:
        rows = [
            {
                **dataclasses.asdict(result),
                "newest": result.newest.isoformat() if result.newest else None,
            }
            for result in results
        ]
        echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        table = Table(show_lines=False)
        for column in ("source", "verdict", "found", "fix"):
            table.add_column(column, overflow="fold")
        for result in results:
            _add_plain_row(table, result.source_id, result.verdict, result.detail, result.fix)
        Console(width=None if sys.stdout.isatty() else 220).print(table)
        healthy = sum(1 for result in results if result.healthy)
        echo(f"{healthy} of {len(results)} sources ok", err=True)
    if any(not result.healthy for result in results):
        raise SystemExit(EXIT_FAILED)
