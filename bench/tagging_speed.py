"""How long tagging one item takes (rules, names, places, languages), this checkout against
another, side by side in one run.

    .venv/bin/python bench/tagging_speed.py [--against /path/to/other/checkout] [--rounds 5]

The items are the real-style evaluation set (tests/data/tagging/real_style/, about 1,200
titles and summaries in five languages), each tagged as `fetch` tags it with the shipped
feeds.yaml of the checkout being timed. Each checkout runs in a child process of its own,
alternately, `--rounds` times; the medians and their ratio are printed (the first tagging of
each process, which compiles the rules and loads the gazetteer, is timed apart as start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from pathlib import Path
from ruamel.yaml import YAML
root = Path(sys.argv[1])
sys.path.insert(0, str(root))
from aggregator.config.loading import load_config
from aggregator.tagging.tagger import SourceFacts, TaggableItem, source_facts, tagger, tags_for_item
items = []
for path in sorted((Path(sys.argv[2]) / "tests/data/tagging/real_style").glob("*_??.yaml")):
    for language, title, summary, _, _, source_id in YAML(typ="safe").load(path.read_text("utf-8")):
        items.append((title, summary, source_id, language))
config = load_config(root / "feeds.yaml")
started = time.perf_counter()
chosen = tagger(config)
facts = {}
def facts_of(source_id, language):
    if source_id not in facts:
        configured = config.source(source_id)
        facts[source_id] = (
            source_facts(configured, source_id) if configured
            else SourceFacts(source_id, source_id, "prosecution", language, ())
        )
    return facts[source_id]
title, summary, source_id, language = items[0]
tags_for_item(chosen, facts_of(source_id, language), TaggableItem(title, summary, ""))
startup = time.perf_counter() - started
started = time.perf_counter()
for _ in range(3):
    for title, summary, source_id, language in items:
        tags_for_item(chosen, facts_of(source_id, language), TaggableItem(title, summary, ""))
per_item = (time.perf_counter() - started) / (3 * len(items))
print(json.dumps({"items": len(items), "startup_s": startup, "per_item_us": per_item * 1e6}))
"""


def run(checkout: Path) -> dict[str, float]:
    # The items come from this checkout (the same items for both); the code and rules from
    # the checkout timed.
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(checkout), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, help="another checkout to time alongside")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    checkouts = {"this": ROOT} | ({"other": args.against.resolve()} if args.against else {})
    results: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    for _ in range(args.rounds):
        for name, checkout in checkouts.items():
            results[name].append(run(checkout))
    medians = {}
    for name, runs in results.items():
        per_item = statistics.median(r["per_item_us"] for r in runs)
        startup = statistics.median(r["startup_s"] for r in runs)
        medians[name] = per_item
        print(
            f"{name:5} {checkouts[name]}: {per_item:7.0f} us per item, start-up {startup:.2f} s "
            f"({runs[0]['items']:.0f} items, {args.rounds} rounds)"
        )
    if "other" in medians:
        print(f"this / other, per item: {medians['this'] / medians['other']:.2f}")


if __name__ == "__main__":
    main()
