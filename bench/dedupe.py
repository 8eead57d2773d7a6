"""What deciding a new item's story costs as the store grows (issue #4): 1k, 100k, 1M items.

    .venv/bin/python bench/dedupe.py                    # 1,000 / 100,000 / 1,000,000
    .venv/bin/python bench/dedupe.py --sizes 1000 100000

For each size, builds a throw-away SQLite store of that many stored items (each with its 20
band keys and a canonical link, published over the last year), plus 100 anchor releases.
Then 200 new items arrive in batches of 10, as from a feed: 100 edited copies of anchors under
other links (must join the anchor's story) and 100 new releases (must not). The timed part is
everything the update does per source in its store transaction: the stored-item, link and
band lookups, the exact comparison of candidates, the decision and the writes.

Filler items get random band keys: band keys are hashes, and random ones are what unrelated
texts produce, so the index is as full and as selective as with real text (real text for a
million fillers would take minutes to hash and tell nothing more).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aggregator.config.loading import SourceSettings, parse_config  # noqa: E402
from aggregator.models import EntryData, FeedIntent, ItemData  # noqa: E402
from aggregator.normalize.entries import normalize_entry  # noqa: E402
from aggregator.normalize.similarity import BANDS  # noqa: E402
from aggregator.store import Store  # noqa: E402
from aggregator.store.schema import item_bands, items, stories  # noqa: E402
from aggregator.stories.deciding import decide_items  # noqa: E402

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
REPEATS = 5  # rounds of 200 new items; the median is reported
RUN = time.time_ns()  # new links on every run, so that a kept store can be measured again
VOCABULARY = (
    "prosecutor court fraud network suspects arrested searched seized assets million euro "
    "investigation customs tax laundering cocaine port officers cooperation judicial joint "
    "team action day authorities police members group organised criminal damage estimated "
    "budget funds bribery officials contracts companies shell accounts frozen charged trial "
    "sentenced prison years victims online platform servers data ransomware cryptocurrency "
    "exchange wallets cash vehicles firearms warrants extradition request border smuggling"
)
WORDS = VOCABULARY.split()


def release(rng: random.Random, n: int) -> str:
    sentences = []
    for _ in range(6):
        words = rng.choices(WORDS, k=rng.randint(10, 16))
        sentences.append(" ".join(words).capitalize() + f" {rng.randint(2, 999)}.")
    return f"Release {n}. " + " ".join(sentences)


def entry(title: str, text: str, link: str, published: datetime) -> ItemData:
    return normalize_entry(
        EntryData(link, link, title, f"<p>{text}</p>", "", None, (), published, None),
        base=None,
        now=NOW,
    )


def build(folder: Path, size: int, anchors: list[ItemData], rng: random.Random) -> Store:
    path = folder / f"dedupe-{size}.sqlite"
    if path.exists():  # kept from an earlier run (--workdir)
        return Store(f"sqlite:///{path}")
    store = Store(f"sqlite:///{path}")
    store.sync_sources(
        [SourceSettings(id=f"s{n}", url=f"https://s{n}.example/feed") for n in range(100)], NOW
    )
    chunk = 20_000
    for start in range(0, size, chunk):
        with store.engine.begin() as connection:
            count = min(chunk, size - start)
            ids = range(start + 1, start + count + 1)
            published = [NOW - timedelta(minutes=rng.randint(0, 525_600)) for _ in ids]
            connection.execute(
                stories.insert(),
                [
                    {
                        "id": i,
                        "entry_id": f"tag:bench,2026:story:{i}",
                        "representative_item_id": i,
                        "published_at": p,
                        "updated_at": p,
                        "created_at": p,
                    }
                    for i, p in zip(ids, published, strict=True)
                ],
            )
            connection.execute(
                items.insert(),
                [
                    {
                        "id": i,
                        "source_id": f"s{i % 100}",
                        "key": f"https://s{i % 100}.example/news/{i}",
                        "link": f"https://s{i % 100}.example/news/{i}",
                        "canonical_link": f"https://s{i % 100}.example/news/{i}",
                        "title": f"Filler {i}",
                        "summary_html": "",
                        "content_html": "",
                        "categories": "[]",
                        "published_at": p,
                        "updated_at": p,
                        "first_seen_at": p,
                        "content_hash": f"{i:064x}",
                        "story_id": i,
                    }
                    for i, p in zip(ids, published, strict=True)
                ],
            )
            connection.execute(
                item_bands.insert(),
                [
                    {"band": rng.getrandbits(64) - (1 << 63), "item_id": i}
                    for i in ids
                    for _ in range(BANDS)
                ],
            )
    store_batch(store, "s0", anchors)
    with store.engine.connect() as connection:
        # The bulk load's write-ahead log goes into the database now, not during the timing.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return store


# The real decision path (deciding.decide_items) under a config of its own, without tagging
# (the parse workers tag): what is timed is deciding the story.
CONFIG = parse_config("output: {id: 'tag:bench,2026'}\n", Path("bench.yaml"))


def store_batch(
    store: Store, source_id: str, batch: list[ItemData], clock: dict[str, float] | None = None
) -> list[int | str]:
    """One source's update, as update.py does it; returns each item's story. `clock` adds
    the seconds spent deciding (every lookup, the comparisons, the decision) and writing."""
    source = SourceSettings(id=source_id, url=f"https://{source_id}.example/feed")
    started = time.perf_counter()
    with store.transaction() as tx:
        intents = decide_items(tx, CONFIG, source, batch, NOW, lambda item: item.tags or ())
        decided = time.perf_counter()
        tx.apply(
            FeedIntent(
                source_id=source_id,
                checked_at=NOW,
                outcome="ok",
                next_check_at=NOW + timedelta(hours=1),
                consecutive_errors=0,
                items=intents,
            )
        )
    if clock is not None:
        clock["decide"] += decided - started
        clock["write"] += time.perf_counter() - decided
    return [i.story for i in intents]


def measure(folder: Path, size: int) -> tuple[float, float, int, int]:
    rng = random.Random(size)
    texts = [release(rng, n) for n in range(100)]
    anchors = [
        entry(f"Anchor {n}", text, f"https://s0.example/anchor/{n}", NOW - timedelta(hours=3))
        for n, text in enumerate(texts)
    ]
    store = build(folder, size, anchors, rng)
    fresh_rng = random.Random(RUN)  # texts no earlier run stored (a kept store has those)
    try:
        with store.engine.connect() as connection:
            anchor_story = dict(
                connection.execute(
                    items.select()
                    .with_only_columns(items.c.link, items.c.story_id)
                    .where(items.c.source_id == "s0", items.c.link.like("%/anchor/%"))
                ).all()
            )
        warm_up = [
            entry(f"Warm {n}", release(fresh_rng, n), f"https://s2.example/w/{RUN}/{n}", NOW)
            for n in range(100)
        ]
        for start in range(0, len(warm_up), 10):  # caches filled as in a running daemon
            store_batch(store, "s2", warm_up[start : start + 10])
        rounds = []
        joined = wrongly = 0
        for repeat in range(REPEATS):
            copies = [
                entry(
                    f"Copy {n}",
                    "With the support of the agency, " + text.replace("Release", "The release"),
                    f"https://s1.example/copy/{RUN}/{repeat}/{n}",
                    NOW - timedelta(hours=1),
                )
                for n, text in enumerate(texts)
            ]
            fresh = [
                entry(
                    f"New {n}",
                    release(fresh_rng, n),
                    f"https://s1.example/new/{RUN}/{repeat}/{n}",
                    NOW,
                )
                for n in range(100)
            ]
            arrivals = [x for pair in zip(copies, fresh, strict=True) for x in pair]
            clock = {"decide": 0.0, "write": 0.0}
            decided: list[int | str] = []
            for start in range(0, len(arrivals), 10):
                decided += store_batch(store, "s1", arrivals[start : start + 10], clock)
            rounds.append((clock["decide"] / len(arrivals), clock["write"] / len(arrivals)))
            joined += sum(
                1
                for n, story in enumerate(decided[0::2])
                if story == anchor_story[f"https://s0.example/anchor/{n}"]
            )
            wrongly += sum(1 for story in decided[1::2] if isinstance(story, int))
        deciding = statistics.median(r[0] for r in rounds)
        writing = statistics.median(r[1] for r in rounds)
        return deciding, writing, joined, wrongly
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    parser.add_argument("--workdir", type=Path, help="keep the stores here and reuse them")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.workdir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            built = time.perf_counter()
            deciding, writing, joined, wrongly = measure(folder, size)
            results.append((size, deciding, writing))
            print(
                f"{size:>9,} stored items: deciding {deciding * 1e3:5.2f} ms, writing "
                f"{writing * 1e3:5.2f} ms per new item (copies joined their story: "
                f"{joined}/{100 * REPEATS}, new releases merged: {wrongly}/{100 * REPEATS}; "
                f"store built and measured in {time.perf_counter() - built:.0f} s)",
                flush=True,
            )
    first, deciding_first, writing_first = results[0]
    for size, deciding, writing in results[1:]:
        print(
            f"at {size:,} / at {first:,} stored items: deciding {deciding / deciding_first:.2f}, "
            f"writing {writing / writing_first:.2f}"
        )


if __name__ == "__main__":
    main()
