"""Evaluation of the shipped rules and the gazetteer on a labelled set written for this
project (tests/data/tagging/, 200 items in en, ru, pt, es, fr): precision and recall per
family (topics: rule tags; places: country tags named in the text). Fails below precision
0.95 or recall 0.90; the figures are printed (pytest -s) and quoted in docs/tagging.md."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ruamel.yaml import YAML

from aggregator.config import load_config
from aggregator.tags import SourceFacts, TaggableItem, tagger, tags_for_item

from .conftest import DATA

ROOT = Path(__file__).parents[1]
LANGUAGES = ("en", "ru", "pt", "es", "fr")


def evaluate() -> dict[str, dict[str, Counter[str]]]:
    chosen = tagger(load_config(ROOT / "feeds.yaml"))
    counts: dict[str, dict[str, Counter[str]]] = {
        family: {"tp": Counter(), "fp": Counter(), "fn": Counter()}
        for family in ("topics", "places")
    }
    for language in LANGUAGES:
        items = YAML(typ="safe").load((DATA / "tagging" / f"{language}.yaml").read_text("utf-8"))
        source = SourceFacts("eval", "eval", None, language, ())
        for title, summary, topics, places in items:
            found = tags_for_item(chosen, source, TaggableItem(title, summary, ""))
            got = {
                "topics": {t.tag for t in found if t.origin == "rule"},
                "places": {t.tag.removeprefix("country:") for t in found if t.origin == "place"},
            }
            want = {"topics": set(topics), "places": set(places)}
            for family in counts:
                for tag in got[family] & want[family]:
                    counts[family]["tp"][tag] += 1
                for tag in got[family] - want[family]:
                    counts[family]["fp"][tag] += 1
                    print(f"  false {family[:-1]} {tag!r} on [{language}] {title}")
                for tag in want[family] - got[family]:
                    counts[family]["fn"][tag] += 1
                    print(f"  missed {family[:-1]} {tag!r} on [{language}] {title}")
    return counts


def test_precision_and_recall_of_the_shipped_rules_and_places() -> None:
    counts = evaluate()
    items = sum(
        len(YAML(typ="safe").load((DATA / "tagging" / f"{lang}.yaml").read_text()))
        for lang in LANGUAGES
    )
    assert items >= 200
    for family, c in counts.items():
        tp, fp, fn = (sum(c[k].values()) for k in ("tp", "fp", "fn"))
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        print(
            f"{family}: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"
        )
        assert precision >= 0.95, family
        assert recall >= 0.90, family
