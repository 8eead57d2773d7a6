"""Evaluation of story clustering on a labelled set written for this project
(tests/data/stories/eval.yaml: 300+ items from 12 sources; see its README). Every item goes
through the real pipeline: RSS documents on the fixture feed server, the parser pool, dedupe,
the SQLite store, over two update rounds (the second brings GUID churn and edited titles).

Pairwise over the items: a pair is merged when both end up in one story. Fails below
precision 0.99 or recall 0.95; the figures are printed (pytest -s) and quoted in
docs/stories.md."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ruamel.yaml import YAML
from sqlalchemy import select

from aggregator.store import Store
from aggregator.store.schema import items as items_table
from aggregator.store.schema import stories as stories_table
from aggregator.update.runtime import open_updater
from tests.support.feed_server import Document, FeedServer
from tests.support.paths import DATA
from tests.support.rounds import Clock, write_config

EVAL = DATA / "stories" / "eval.yaml"
BASE_DATE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def materialize(path: Path) -> tuple[dict[str, dict[str, str]], list[dict[str, Any]]]:
    """The sources and the items with `from`, `edits`, `prepend`, `append`, `cut` applied."""
    data = YAML(typ="safe").load(path.read_text("utf-8"))
    by_id: dict[str, dict[str, Any]] = {}
    for raw in data["items"]:
        item = dict(raw)
        if "from" in item:
            base = by_id[item["from"]]
            text = base["text"]
            for edit in item.get("edits") or []:
                old, _, new = edit.partition(" =>")
                assert old in text, (item["id"], old)
                text = text.replace(old, new.strip())
            if "prepend" in item:
                text = f"{item['prepend']} {text}"
            if "append" in item:
                text = f"{text} {item['append']}"
            if "cut" in item:
                text = " ".join(text.split()[: item["cut"]])
            item.setdefault("title", base["title"])
            item["text"] = " ".join(text.split())
        host = data["sources"][item["source"]]["host"]
        item.setdefault("link", f"https://{host}/news/{item['id']}")
        item.setdefault("guid", item["link"])
        item.setdefault("story", item["id"])
        by_id[item["id"]] = item
    return data["sources"], list(by_id.values())


def rss(items: list[dict[str, Any]]) -> bytes:
    entries = "".join(
        "<item>"
        f"<title>{escape(item['title'])}</title>"
        f"<link>{escape(item['link'])}</link>"
        f'<guid isPermaLink="false">{escape(item["guid"])}</guid>'
        f"<pubDate>{format_datetime(BASE_DATE + timedelta(days=item.get('day', 0)))}</pubDate>"
        f"<description>{escape('<p>' + escape(item['text']) + '</p>')}</description>"
        "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>eval</title><link>https://example.org/</link>{entries}</channel></rss>"
    ).encode()


def feed_in_round(items: list[dict[str, Any]], source: str, round_: int) -> list[dict[str, Any]]:
    present = [i for i in items if i["source"] == source and i.get("round", 1) <= round_]
    replaced = {i["replaces"] for i in present if "replaces" in i}
    return [i for i in present if i["id"] not in replaced]


def run_eval(
    tmp_path: Path, path: Path = EVAL
) -> tuple[list[dict[str, Any]], dict[str, str], Store]:
    """Every item through the pipeline; returns the items, item id -> story entry id, store."""
    sources, items = materialize(path)
    clock = Clock(BASE_DATE + timedelta(days=4))
    with FeedServer() as server:
        config_lines = [
            "store: s.sqlite",
            "output: {dir: public, id: 'tag:eval.example,2026:eval'}",
            "defaults: {max_age: 30d}",
            "sources:",
        ]
        for name, facts in sources.items():
            config_lines.append(
                f"  - {{id: {name}, url: '{server.base_url}{name}.rss', "
                f"kind: {facts['kind']}, language: {facts['language']}}}"
            )
        config = write_config(tmp_path, "\n".join(config_lines) + "\n")
        store = Store(config.store_url)

        async def rounds() -> None:
            async with open_updater(config, store, clock=clock, jitter=lambda: 0.0) as updater:
                await updater.sync_sources()
                for round_ in (1, 2):
                    for name in sources:
                        server.put(f"{name}.rss", Document(rss(feed_in_round(items, name, round_))))
                        summary = await updater.run_round(source_ids=[name], due_only=False)
                        assert summary.failed == 0, summary
                    clock.advance(hours=1)

        asyncio.run(rounds())
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(items_table.c.source_id, items_table.c.link, stories_table.c.entry_id).join(
                stories_table, stories_table.c.id == items_table.c.story_id
            )
        ).all()
    story_of_link = {(row.source_id, row.link): row.entry_id for row in rows}
    return items, {i["id"]: story_of_link[(i["source"], i["link"])] for i in items}, store


def pairwise(items: list[dict[str, Any]], story_of: dict[str, str]) -> tuple[int, int, int]:
    """(pairs merged rightly, merged wrongly, missed), printing each mistake."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(items, 2):
        expected = a["story"] == b["story"]
        merged = story_of[a["id"]] == story_of[b["id"]]
        tp += expected and merged
        if merged and not expected:
            fp += 1
            print(f"  wrongly merged: {a['id']} + {b['id']}")
        if expected and not merged:
            fn += 1
            print(f"  missed merge: {a['id']} + {b['id']}")
    return tp, fp, fn


def test_precision_and_recall_of_story_merging(tmp_path: Path) -> None:
    items, story_of, store = run_eval(tmp_path)
    try:
        assert len(items) >= 300
        assert len({i["source"] for i in items}) >= 6
        tp, fp, fn = pairwise(items, story_of)
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        print(
            f"\nstory merging over {len(items)} items: precision {precision:.3f} "
            f"recall {recall:.3f} ({tp} pairs merged rightly, {fp} wrongly, {fn} missed)"
        )
        assert precision >= 0.99
        assert recall >= 0.95
        # Republishing under a new guid (same link) is one stored item, not a second copy.
        with store.engine.connect() as connection:
            links = connection.execute(select(items_table.c.source_id, items_table.c.link)).all()
        assert len(links) == len(set(links))
    finally:
        store.close()
