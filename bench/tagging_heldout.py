"""Precision and recall of the shipped rules and places on items they were not tuned on.

    .venv/bin/python bench/tagging_heldout.py [heldout.yaml ... heldout9.yaml]

Each heldoutN.yaml was written after a round of rule changes and then used for the next round;
the newest, heldout9.yaml (the default), has never been used to change them: it gives the
honest figure. Keep it that way: to tune, write a new one (docs/tagging.md lists the rounds).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aggregator.config.loading import load_config  # noqa: E402
from aggregator.tagging.tagger import (  # noqa: E402
    SourceFacts,
    TaggableItem,
    Tagger,
    source_facts,
    tagger,
    tags_for_item,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "sets", nargs="*", default=["heldout9.yaml"], help="files in tests/data/tagging/"
    )
    config = load_config(ROOT / "feeds.yaml")
    chosen = tagger(config)
    sources = {source.id: source_facts(source, source.id) for source in config.sources}
    for name in parser.parse_args().sets:
        print(f"{name}:")
        items = YAML(typ="safe").load((ROOT / "tests/data/tagging" / name).read_text())
        evaluate(chosen, sources, items)


def evaluate(chosen: Tagger, sources: dict[str, SourceFacts], items: list[list[Any]]) -> None:
    """Items are [language, title, summary, topics, places] and, from heldout8.yaml on, the id
    of the shipped source whose house style they follow (its country, kind and language apply)."""
    totals = {"topics": [0, 0, 0], "places": [0, 0, 0]}
    for language, title, summary, topics, places, *source_id in items:
        source = sources[source_id[0]] if source_id else SourceFacts("h", "h", None, language, ())
        found = tags_for_item(chosen, source, TaggableItem(title, summary, ""))
        got = {
            "topics": {t.tag for t in found if t.origin == "rule"},
            "places": {t.tag.removeprefix("country:") for t in found if t.origin == "place"},
        }
        want = {"topics": set(topics), "places": set(places)}
        for family, counts in totals.items():
            counts[0] += len(got[family] & want[family])
            counts[1] += len(got[family] - want[family])
            counts[2] += len(want[family] - got[family])
            for tag in got[family] - want[family]:
                print(f"  false {tag} [{language}] {title}")
            for tag in want[family] - got[family]:
                print(f"  missed {tag} [{language}] {title}")
    for family, (tp, fp, fn) in totals.items():
        print(
            f"{family}: precision {tp / (tp + fp):.3f} recall {tp / (tp + fn):.3f} "
            f"(tp {tp}, fp {fp}, fn {fn}; {len(items)} items)"
        )


if __name__ == "__main__":
    main()
