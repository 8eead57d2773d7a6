"""How long publishing takes from a big store (issue #8): the combined feed and 30 tag feeds
(plus their RFC 5005 archive pages, RSS, JSON Feed, source feeds) from 1,000,000 items.

    .venv/bin/python bench/publish.py [--items 1000000] [--workdir DIR]

Builds a throw-away SQLite store (kept in --workdir if given) of N stories of one item each
over 100 sources, each item carrying 3 of 30 tags, then times:

- the first publish, which writes every full archive page once (they are frozen after);
- a publish with nothing new;
- a publish after a round brought 50 new items to one source: what the daemon does after every
  round (it keeps a RenderCache, so only documents whose stories changed are rendered). This
  is the figure the issue's target (under 1 s) is about. The same after another round in a
  new process (`aggregator publish`, which reads the digests the last publish saved), and
  with no digests at all (everything rendered), for comparison.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aggregator.config.loading import Config, load_config  # noqa: E402
from aggregator.publish.publisher import RenderCache, publish_all  # noqa: E402
from aggregator.store import Store, feed_index  # noqa: E402

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
TAGS = [f"topic-{n:02d}" for n in range(30)]
BODY = "<p>" + "Prosecutors said the network laundered the proceeds through shell firms. " * 8


def write_config(folder: Path) -> Config:
    lines = ["store: store.sqlite", "output: {dir: public, entries: 100}", "sources:"]
    lines += [f"  - {{id: s{n}, url: 'https://s{n}.example/feed'}}" for n in range(100)]
    (folder / "feeds.yaml").write_text("\n".join(lines) + "\n")
    return load_config(folder / "feeds.yaml")


def build(store: Store, config: Config, size: int) -> None:
    store.sync_sources(config.sources, NOW)
    rng = random.Random(size)
    chunk = 20_000
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for start in range(0, size, chunk):
            ids = range(start + 1, min(start + chunk, size) + 1)
            when = [
                (NOW - timedelta(minutes=(size - i) * 2)).replace(tzinfo=None).isoformat(" ")
                for i in ids
            ]
            cursor.execute("BEGIN")
            cursor.executemany(
                "INSERT INTO stories (id, entry_id, representative_item_id, published_at,"
                " updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (i, f"tag:bench,2026:story:{i}", i, w, w, w)
                    for i, w in zip(ids, when, strict=True)
                ],
            )
            cursor.executemany(
                "INSERT INTO items (id, source_id, key, guid, link, canonical_link, title,"
                " summary_html, content_html, categories, published_at, updated_at,"
                " first_seen_at, content_hash, story_id, listed) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, '', '[]', ?, ?, ?, ?, ?, 1)",
                [
                    (
                        i,
                        f"s{i % 100}",
                        f"k{i}",
                        f"k{i}",
                        f"https://s{i % 100}.example/news/{i}",
                        f"https://s{i % 100}.example/news/{i}",
                        f"Story {i}: prosecutors charge suspects in a fraud case",
                        BODY,
                        w,
                        w,
                        w,
                        f"{i:064x}",
                        i,
                    )
                    for i, w in zip(ids, when, strict=True)
                ],
            )
            cursor.executemany(
                "INSERT INTO item_tags (item_id, tag, origin, detail) VALUES (?, ?, 'rule', '')",
                [(i, tag) for i in ids for tag in rng.sample(TAGS, 3)],
            )
            cursor.execute("COMMIT")
    finally:
        raw.close()
    started = time.perf_counter()
    with store.engine.begin() as connection:
        feed_index.rebuild(connection)  # what the migration to schema 8 does
    print(f"feed index built in {time.perf_counter() - started:.1f} s")
    raw = store.engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def add_round(store: Store) -> None:
    """50 new stories of source s1, as a round brings them."""
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        size = max(cursor.execute("SELECT max(id) FROM items").fetchone()[0], 0)
        cursor.execute("BEGIN")
        when = NOW.replace(tzinfo=None).isoformat(" ")
        for n in range(50):
            i = size + 1 + n
            cursor.execute(
                "INSERT INTO stories (id, entry_id, representative_item_id, published_at,"
                " updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (i, f"tag:bench,2026:story:{i}", i, when, when, when),
            )
            cursor.execute(
                "INSERT INTO items (id, source_id, key, link, canonical_link, title, summary_html,"
                " content_html, categories, published_at, updated_at, first_seen_at,"
                " content_hash, story_id, listed) VALUES"
                " (?, 's1', ?, ?, ?, ?, ?, '', '[]', ?, ?, ?, ?, ?, 1)",
                (
                    i,
                    f"k{i}",
                    f"https://s1.example/new/{i}",
                    f"https://s1.example/new/{i}",
                    f"New story {i}",
                    BODY,
                    when,
                    when,
                    when,
                    f"{i:064x}",
                    i,
                ),
            )
            cursor.execute(
                "INSERT INTO item_tags (item_id, tag, origin, detail) VALUES (?, ?, 'rule', '')",
                (i, TAGS[n % 30]),
            )
        # As a real round does: the source's content changed, which every entry from it shows
        # (atom:source/updated), in whichever feed.
        cursor.execute(
            "UPDATE sources SET content_changed_at = ? WHERE id = 's1'",
            (datetime.now(UTC).replace(tzinfo=None).isoformat(" "),),
        )
        cursor.execute("COMMIT")
    finally:
        raw.close()
    with store.engine.begin() as connection:
        feed_index.items_changed(connection, list(range(size + 1, size + 51)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.workdir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        config = write_config(folder)
        fresh = not (folder / "store.sqlite").exists()
        store = Store(config.store_url)
        try:
            if fresh:
                started = time.perf_counter()
                build(store, config, args.items)
                print(f"built {args.items:,} items in {time.perf_counter() - started:.0f} s")
            cache = RenderCache()  # what the daemon keeps between publishes
            started = time.perf_counter()
            first = publish_all(store, config, cache)
            print(
                f"first publish: {time.perf_counter() - started:.2f} s, "
                f"{len(first.written)} of {first.documents} documents written"
            )
            started = time.perf_counter()
            again = publish_all(store, config, cache)
            print(
                f"publish with nothing new: {time.perf_counter() - started:.2f} s, "
                f"{len(again.written)} of {again.documents} documents written"
            )
            for label, round_cache in (
                ("daemon", cache),
                ("one-shot command (digests saved by the last publish)", None),
                ("with no digests (everything rendered)", RenderCache()),
            ):
                add_round(store)
                started = time.perf_counter()
                steady = publish_all(store, config, round_cache)
                elapsed = time.perf_counter() - started
                print(
                    f"publish after a round (50 new items), {label}: {elapsed:.2f} s, "
                    f"{len(steady.written)} of {steady.documents} documents written"
                )
        finally:
            store.close()


if __name__ == "__main__":
    main()
