"""How fast `aggregator retag` re-applies the shipped rules, places and languages to a store.

    .venv/bin/python bench/retag.py --items 100000

Builds a throw-away SQLite store of N synthetic items (titles and summaries in the five
languages of tests/data/tagging, over 50 sources, half of them without a configured language
so that detection runs), then times Store.retag with the shipped feeds.yaml rules: in one
process, then on every core as `aggregator retag` does (retagging.py), side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aggregator.config.loading import SourceSettings, load_config  # noqa: E402
from aggregator.store import Store  # noqa: E402
from aggregator.store.schema import items, sources, stories  # noqa: E402
from aggregator.tagging.retagging import ParallelRetagger  # noqa: E402
from aggregator.tagging.tagger import retagger  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    args = parser.parse_args()
    samples = []
    for language in ("en", "ru", "pt", "es", "fr"):
        data = ROOT / "tests" / "data" / "tagging" / f"{language}.yaml"
        samples += [(language, t, s) for t, s, _, _ in YAML(typ="safe").load(data.read_text())]
    config = load_config(ROOT / "feeds.yaml")
    with tempfile.TemporaryDirectory() as folder:
        shipped = config.settings.model_copy(
            update={
                "sources": [
                    SourceSettings(
                        id=f"s{n}",
                        url=f"https://example.org/{n}",
                        language=samples[n % len(samples)][0] if n % 2 else None,
                    )
                    for n in range(50)
                ]
            }
        )
        config = type(config)(
            config.path, shipped, f"sqlite:///{folder}/b.sqlite", Path(folder) / "out"
        )
        store = Store(config.store_url)
        now = datetime.now(UTC)
        with store.engine.begin() as connection:
            connection.execute(
                sources.insert(),
                [
                    {
                        "id": s.id,
                        "url": s.url,
                        "in_config": True,
                        "enabled": True,
                        "consecutive_errors": 0,
                    }
                    for s in config.sources
                ],
            )
            connection.execute(
                stories.insert(),
                [
                    {
                        "id": n + 1,
                        "entry_id": f"tag:x,2026:{n}",
                        "published_at": now,
                        "updated_at": now,
                        "created_at": now,
                    }
                    for n in range(args.items)
                ],
            )
            connection.execute(
                items.insert(),
                [
                    {
                        "id": n + 1,
                        "source_id": f"s{n % 50}",
                        "key": f"k{n}",
                        "title": samples[n % len(samples)][1],
                        "summary_html": f"<p>{samples[n % len(samples)][2]}</p>",
                        "content_html": "",
                        "categories": json.dumps([]),
                        "published_at": now,
                        "updated_at": now,
                        "first_seen_at": now,
                        "content_hash": "h",
                        "story_id": n + 1,
                    }
                    for n in range(args.items)
                ],
            )
        started = time.perf_counter()
        count = store.retag(retagger(config))
        one = time.perf_counter() - started
        with ParallelRetagger(config, args.workers) as tag:
            started = time.perf_counter()
            count = store.retag(tag)
            every = time.perf_counter() - started
        store.close()
    rules = len(config.settings.rules)
    print(
        f"one process: retagged {count:,} items in {one:.1f} s: {count / one:,.0f} items/s "
        f"({rules} rules, places and languages on)"
    )
    print(
        f"{args.workers or os.cpu_count()} workers (aggregator retag): {every:.1f} s: "
        f"{count / every:,.0f} items/s; {every / one:.2f} of the one-process time"
    )


if __name__ == "__main__":
    main()
