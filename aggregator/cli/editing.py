"""Commands that edit feeds.yaml, keeping every byte outside the edited block: add, remove,
disable, import-opml, export-opml."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from aggregator.cli.base import EXIT_FAILED, EXIT_USAGE, _Context, echo, main
from aggregator.errors import ConfigError, ParseError
from aggregator.redact import public_url, redact_urls

# The modules these commands use are imported inside them: every `aggregator` run imports this
# module to register its commands, and a cron `fetch` should not pay for importing discovery,
# feed parsing and OPML it never uses (docs/performance.md, "Figures (2026-11-28, third
# session)", start-up).


def _report(exc: ConfigError) -> None:
    for problem in exc.problems:
        echo(f"error: {problem}", err=True)
    raise SystemExit(EXIT_USAGE) from exc


@main.command()
@click.argument("url")
@click.option("--id", "source_id", help="The source id (default: from the feed's title).")
@click.option("--title", help="The name shown in published entries (default: the feed's).")
@click.option(
    "--kind", type=click.Choice(["prosecution", "summit", "international", "government", "media"])
)
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. BR.")
@click.option("--language", help="e.g. en, pt, ru.")
@click.option("--tag", "tags", multiple=True, help="A tag for every item (repeatable).")
@click.pass_obj
def add(
    obj: _Context,
    url: str,
    source_id: str | None,
    title: str | None,
    kind: str | None,
    country: str | None,
    language: str | None,
    tags: tuple[str, ...],
) -> None:
    """Find the feed at URL (a feed, or a page that links one), check it once, and append it
    to feeds.yaml; or add an entry of the source catalogue by its id (`aggregator catalog`),
    as the catalogue describes it. Comments and formatting elsewhere in the file are kept.

    \b
    Example:
      aggregator add https://www.eurojust.europa.eu/ --kind international --tag eu
      aggregator add cn-spp
    """
    config = obj.config()
    if "://" not in url:
        _add_from_catalog(obj, url, tags)
        return
    from aggregator.app.discovery import discover, make_id
    from aggregator.config.editing import NewSource, add_sources
    from aggregator.fetch.client import Fetcher
    from aggregator.update.runtime import fetch_limits

    async def find() -> tuple[str, str | None, int]:
        fetcher = Fetcher(fetch_limits(config))
        try:
            found = await discover(fetcher, url)
        finally:
            await fetcher.aclose()
        return found.url, found.title, found.items

    try:
        feed_url, feed_title, items = asyncio.run(find())
    except ParseError as exc:
        echo(f"error: {redact_urls(str(exc))}", err=True)
        raise SystemExit(EXIT_FAILED) from exc
    existing = {s.url: s.id for s in config.sources}
    if feed_url in existing:
        echo(f"{public_url(feed_url)} is already in {config.path.name} as {existing[feed_url]}")
        return
    new_id = source_id or make_id(title or feed_title, feed_url, {s.id for s in config.sources})
    try:
        add_sources(
            config.path, [NewSource(new_id, feed_url, title, kind, country, language, tags)]
        )
    except ConfigError as exc:
        _report(exc)
    echo(f"added {new_id}: {public_url(feed_url)} ({feed_title or 'untitled'}, {items} items now)")


def _add_from_catalog(obj: _Context, entry_id: str, tags: tuple[str, ...]) -> None:
    from dataclasses import replace

    from aggregator.app.catalog import configured, new_source
    from aggregator.catalog import find_entry
    from aggregator.config.editing import add_sources

    config = obj.config()
    entry = find_entry(entry_id)
    if entry is None:
        raise click.UsageError(
            f"{entry_id!r} is neither an address (http://, https://) nor an id of the catalogue "
            "(`aggregator catalog` lists them)"
        )
    known = configured(config, entry)
    if known:
        echo(f"{entry.id} is already in {config.path.name} as {known}")
        return
    try:
        source = new_source(entry)
    except ValueError as exc:
        echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_FAILED) from exc
    try:
        add_sources(config.path, [replace(source, tags=tags)])
    except ConfigError as exc:
        _report(exc)
    echo(
        f"added {entry.id}: {entry.url} ({entry.reading}; confidence {entry.confidence}); "
        f"check it with `aggregator doctor --source {entry.id}`"
    )


@main.command()
@click.argument("source_id", metavar="ID")
@click.pass_obj
def remove(obj: _Context, source_id: str) -> None:
    """Remove a source from feeds.yaml. Its stored items stay in the store.

    \b
    Example:
      aggregator remove old-source
    """
    config = obj.config()
    from aggregator.config.editing import remove_source

    try:
        remove_source(config.path, source_id)
    except ConfigError as exc:
        _report(exc)
    echo(f"removed {source_id} from {config.path.name}; its items stay in the store")


@main.command()
@click.argument("source_id", metavar="ID")
@click.pass_obj
def disable(obj: _Context, source_id: str) -> None:
    """Stop checking a source (`enabled: false` in feeds.yaml); its items stay published.

    \b
    Example:
      aggregator disable cl-fiscalia
    """
    config = obj.config()
    from aggregator.config.editing import set_enabled

    try:
        changed = set_enabled(config.path, source_id, False)
    except ConfigError as exc:
        _report(exc)
    echo(f"{source_id}: disabled" if changed else f"{source_id}: was already disabled")


@main.command(name="import-opml")
@click.argument("opml_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tag", "tags", multiple=True, help="A tag for every imported source.")
@click.pass_obj
def import_opml(obj: _Context, opml_file: Path, tags: tuple[str, ...]) -> None:
    """Append the feeds of an OPML file (from another reader) to feeds.yaml, skipping those
    already there. They are checked by the next round, like any new source.

    \b
    Example:
      aggregator import-opml subscriptions.opml --tag imported
    """
    config = obj.config()
    from aggregator.app.opml import sources_to_import
    from aggregator.config.editing import add_sources

    skipped: list[str] = []
    try:
        additions = sources_to_import(opml_file.read_bytes(), config, tags, skipped)
    except (OSError, ParseError) as exc:
        echo(f"error: {opml_file}: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    for address in skipped:
        echo(f"skipped {address!r}: not an http(s) address with a host", err=True)
    if not additions:
        echo("nothing to import: every feed of the file is already a source")
        return
    try:
        add_sources(config.path, additions)
    except ConfigError as exc:
        _report(exc)
    echo(f"imported {len(additions)} sources into {config.path.name}")


@main.command(name="export-opml")
@click.option(
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of to standard output.",
)
@click.option(
    "--with-credentials",
    is_flag=True,
    help="Keep passwords and keys in the sources' addresses (to move them to another reader "
    "of your own); by default they are left out, as in the published sources.opml.",
)
@click.pass_obj
def export_opml(obj: _Context, output_file: Path | None, with_credentials: bool) -> None:
    """Write the sources as OPML 2.0, for another feed reader.

    \b
    Example:
      aggregator export-opml --output sources.opml
    """
    config = obj.config()
    from aggregator.app.opml import exported

    document = exported(config, with_credentials=with_credentials)
    if output_file:
        output_file.write_bytes(document)
        echo(f"wrote {len(config.sources)} sources to {output_file}")
    else:
        echo(document.decode("utf-8"), nl=False, credentials=with_credentials)
