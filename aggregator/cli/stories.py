"""Commands about stories and their items: explain (tags), story (sources), unmerge."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from aggregator.cli.base import (
    EXIT_FAILED,
    EXIT_USAGE,
    _Context,
    _store,
    echo,
    main,
    publish_or_exit,
)

ORIGINS = {
    "source": "the source's `tags` setting",
    "kind": "the source's `kind`",
    "source-country": "the source's `country`",
    "rule": "rule",
    "place": "the text names this country",
    "language": "the item's language",
}


@main.command()
@click.argument("reference", metavar="ITEM")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@click.pass_obj
def explain(obj: _Context, reference: str, as_json: bool) -> None:
    """Show why an item has each of its tags. ITEM is an item number, a published entry id, or
    the item's link.

    \b
    Example:
      aggregator explain https://www.eppo.europa.eu/en/media/news/eppo-charges-12-suspects
      aggregator explain tag:example.org,2026:aggregator:story:8f9b162a531053e3c139a466
    """
    from aggregator.app.curation import announced, not_counted

    config = obj.config()
    with _store(config) as store:
        found = store.find_items(reference.strip())
    if not found:
        echo(f"no stored item is {reference!r} (an item number, entry id or link)", err=True)
        raise SystemExit(EXIT_FAILED)
    if as_json:
        for item in found:
            item["not_counted"] = [
                {"tag": tag, "names": list(names)} for tag, names in not_counted(config, item)
            ]
            words, set_aside = announced(config, item)
            item["announcement"] = (
                {"words": words, "not_counted": list(set_aside)} if words else None
            )
        echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    for item in found:
        echo(f"item {item['id']} from {item['source_id']}: {item['title']}")
        echo(f"  link:  {item['link'] or '-'}")
        echo(f"  story: {item['story']}")
        echo(f"  date:  {item['published_at']}" + _date_why(item["date_note"]))
        for tag, origin, detail in item["tags"]:
            why = ORIGINS.get(origin, origin)
            if origin == "rule":
                why = f"rule `{tag}` matched: {detail}"
            elif origin in ("place", "language"):
                why = f"{why}: {detail}"
            echo(f"  {tag:<28} {why}")
        for tag, names in not_counted(config, item):
            shown = ", ".join(f"'{name}'" for name in names)
            echo(f"  {tag:<28} not counted: its words are in a name ({shown})")
        words, set_aside = announced(config, item)
        for tag in set_aside:
            echo(
                f"  {tag:<28} not counted: the title announces an appointment ('{words}'), "
                "topics come from the title alone"
            )


def _date_why(note: str | None) -> str:
    return f" ({note})" if note else " (the source's date)"


@main.command()
@click.argument("reference", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@click.pass_obj
def story(obj: _Context, reference: str, as_json: bool) -> None:
    """Show a story's items (every source that carried it) and why each is in it. ID is the
    published entry id, or any of its items (number or link).

    \b
    Example:
      aggregator story tag:example.org,2026:aggregator:story:8f9b162a531053e3c139a466
    """
    config = obj.config()
    with _store(config) as store:
        found = store.story_items(reference.strip())
    if not found:
        echo(f"no stored story or item is {reference!r}", err=True)
        raise SystemExit(EXIT_FAILED)
    if as_json:
        echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    echo(f"story {found[0]['story']}: {len(found)} item(s)")
    for item in found:
        shown = " (shown)" if item["shown"] else ""
        echo(
            f"  item {item['id']}{shown} from {item['source_id']}, first seen "
            f"{item['first_seen_at']}: {item['title']}"
        )
        echo(f"    link: {item['link'] or '-'}; key: {item['key']}; why: {item['why']}")
        if item["date_note"]:
            echo(f"    date: {item['published_at']} ({item['date_note']})")


@main.command()
@click.argument("reference", metavar="ITEM")
@click.pass_obj
def unmerge(obj: _Context, reference: str) -> None:
    """Take an item out of a story it was wrongly merged into; it becomes a story of its own
    and stays one. The story keeps its entry id, so subscribers see no new entry for it.

    \b
    Example:
      aggregator story https://www.eppo.europa.eu/en/media/news/x   # find the item number
      aggregator unmerge 1234
    """
    config = obj.config()
    with _store(config) as store:
        found = store.find_items(reference.strip())
        if len(found) != 1:
            echo(
                f"{reference!r} names {len(found)} items; give one item number "
                "(see `aggregator story`)",
                err=True,
            )
            raise SystemExit(EXIT_USAGE)
        from aggregator.app.curation import unmerge as unmerged

        entry_id = unmerged(store, config, found[0]["id"], datetime.now(UTC))
        if entry_id is None:
            echo(f"item {found[0]['id']} is alone in its story already")
            return
        published = publish_or_exit(store, config)
    echo(
        f"item {found[0]['id']} is now the story {entry_id}; "
        f"{len(published.written)} feeds rewritten"
    )
    if published.failed:
        raise SystemExit(EXIT_FAILED)


@main.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, help="At most this many stories.")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@click.pass_obj
def search(obj: _Context, words: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Full-text search of the published stories, best match first. Words are matched in any
    case and without accents; on PostgreSQL also by stem in the item's language, with web
    search syntax ("a phrase", OR, -word).

    \b
    Example:
      aggregator search money laundering crypto
      aggregator search fiscalia lavado --json
    Subscribe to a search: http://HOST:8080/feed.atom?q=money+laundering
    """
    config = obj.config()
    with _store(config) as store:
        found = store.search(" ".join(words), limit)
    if as_json:
        rows = [
            {
                "story": entry.entry_id,
                "title": entry.title,
                "link": entry.link,
                "source": entry.source.id,
                "published": entry.published.isoformat(),
                "rank": rank,
            }
            for entry, rank in found
        ]
        echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not found:
        echo("no published story matches")
        return
    for entry, _ in found:
        echo(f"{entry.published:%Y-%m-%d}  {entry.source.id:<16} {entry.title}")
        echo(f"            {entry.link or entry.entry_id}")
