"""Topics and places on items written in the style of real releases of each shipped source
(tests/data/tagging/real_style/: a development part and thirty-six unseen parts, each
written after the method was fixed and measured once before it was used to change the method),
tagged as `fetch` tags them: the shipped rules, the gazetteer, and each item's source as
feeds.yaml configures it (its language, and its country, which decides between cities of the
same name). Prints precision and recall per language and per topic; fails when any figure
gets worse than recorded, and holds issue #26's goal (precision 0.95, recall 0.90 in every
language on the newest unseen part, measured once before the method saw it)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from aggregator.config.loading import load_config
from aggregator.models import TagAssignment
from aggregator.tagging.tagger import (
    SourceFacts,
    TaggableItem,
    source_facts,
    tagger,
    tags_for_item,
)
from tests.support.paths import DATA, ROOT

LANGUAGES = ("en", "ru", "pt", "es", "fr")
FOLDER = DATA / "tagging" / "real_style"
# Sources the set imitates that feeds.yaml does not have: their country and language.
OTHER_SOURCES = {"pt-pgr": ("PT", "pt"), "fr-pnf": ("FR", "fr")}
GOAL_PRECISION, GOAL_RECALL = 0.95, 0.90


def scores(part: str) -> dict[str, dict[str, Counter[str]]]:
    config = load_config(ROOT / "feeds.yaml")
    chosen = tagger(config)
    counts: dict[str, dict[str, Counter[str]]] = {}
    for language in LANGUAGES:
        path: Path = FOLDER / f"{part}_{language}.yaml"
        for _, title, summary, topics, places, source_id in YAML(typ="safe").load(
            path.read_text("utf-8")
        ):
            configured = config.source(source_id)
            if configured:
                facts = source_facts(configured, source_id)
            else:
                country, spoken = OTHER_SOURCES[source_id]
                facts = SourceFacts(
                    source_id,
                    source_id,
                    "prosecution",
                    spoken,
                    (TagAssignment(f"country:{country.lower()}", "source-country"),),
                    country,
                )
            found = tags_for_item(chosen, facts, TaggableItem(title, summary, ""))
            got = {
                "topics": {t.tag for t in found if t.origin == "rule"},
                # Countries the text names (the source's own country tag is not a finding;
                # it helps the gazetteer choose between cities of the same name).
                "places": {t.tag.removeprefix("country:") for t in found if t.origin == "place"},
            }
            want = {"topics": set(topics), "places": set(places)}
            for family in got:
                key = f"{family}/{language}"
                c = counts.setdefault(key, {"tp": Counter(), "fp": Counter(), "fn": Counter()})
                for tag in got[family] & want[family]:
                    c["tp"][tag] += 1
                for tag in got[family] - want[family]:
                    c["fp"][tag] += 1
                    print(f"  false {family[:-1]} {tag!r} on [{language}] {title}")
                for tag in want[family] - got[family]:
                    c["fn"][tag] += 1
                    print(f"  missed {family[:-1]} {tag!r} on [{language}] {title}")
    return counts


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


# The figures measured when the method was last changed (docs/tagging.md, "On text written as
# agencies write"), rounded down: a change that makes any of them worse fails here. Every part
# but the newest has been used to change the method; unseen34 and unseen35 are the first
# measurements of round 33's method, unseen36 of round 33 with its review's fixes.
FLOORS = {
    # (round 25: "cooperação jurídica" alone is no cooperation, as four parts label it; one
    # development item labels it so)
    "dev": {"topics": (0.98, 0.96), "places": (0.97, 1.0)},
    "unseen": {"topics": (1.0, 0.95), "places": (0.97, 1.0)},
    "unseen2": {"topics": (0.98, 0.98), "places": (0.97, 1.0)},
    "unseen3": {"topics": (0.96, 0.98), "places": (0.95, 1.0)},
    "unseen4": {"topics": (1.0, 1.0), "places": (0.97, 1.0)},
    "unseen5": {"topics": (1.0, 0.96), "places": (0.98, 0.97)},
    "unseen6": {"topics": (0.98, 0.94), "places": (0.95, 0.96)},
    "unseen7": {"topics": (0.98, 0.97), "places": (1.0, 1.0)},
    "unseen8": {"topics": (1.0, 0.97), "places": (0.96, 1.0)},
    "unseen9": {"topics": (0.91, 0.95), "places": (0.98, 1.0)},
    "unseen10": {"topics": (0.97, 0.98), "places": (0.98, 1.0)},
    "unseen11": {"topics": (0.97, 1.0), "places": (0.96, 1.0)},
    "unseen12": {"topics": (0.98, 1.0), "places": (0.98, 1.0)},
    "unseen13": {"topics": (0.97, 0.97), "places": (1.0, 1.0)},
    "unseen14": {"topics": (1.0, 0.97), "places": (0.97, 0.97)},
    "unseen15": {"topics": (0.97, 0.97), "places": (0.97, 0.97)},
    "unseen16": {"topics": (0.98, 1.0), "places": (0.97, 1.0)},
    "unseen17": {"topics": (0.97, 1.0), "places": (0.98, 1.0)},
    "unseen18": {"topics": (0.97, 1.0), "places": (1.0, 1.0)},
    "unseen19": {"topics": (0.97, 1.0), "places": (1.0, 0.98)},
    "unseen20": {"topics": (0.98, 1.0), "places": (0.94, 1.0)},
    "unseen21": {"topics": (0.95, 1.0), "places": (0.98, 1.0)},
    "unseen22": {"topics": (0.97, 0.98), "places": (0.97, 0.96)},
    "unseen23": {"topics": (0.92, 1.0), "places": (1.0, 1.0)},
    "unseen24": {"topics": (0.96, 0.98), "places": (1.0, 1.0)},
    "unseen25": {"topics": (0.97, 0.98), "places": (0.98, 1.0)},
    "unseen26": {"topics": (0.96, 0.97), "places": (0.98, 0.98)},
    "unseen27": {"topics": (0.97, 0.97), "places": (0.97, 0.93)},
    "unseen28": {"topics": (0.94, 0.97), "places": (0.95, 0.97)},
    "unseen29": {"topics": (0.97, 0.98), "places": (0.97, 0.97)},
    "unseen30": {"topics": (0.98, 0.97), "places": (0.97, 0.97)},
    "unseen31": {"topics": (0.93, 0.97), "places": (0.98, 0.97)},
    "unseen32": {"topics": (0.94, 0.97), "places": (0.94, 0.97)},
    "unseen33": {"topics": (0.92, 0.96), "places": (0.96, 0.97)},
    "unseen34": {"topics": (0.96, 0.94), "places": (0.97, 0.98)},
    "unseen35": {"topics": (0.95, 0.92), "places": (0.95, 0.97)},
    "unseen36": {"topics": (0.96, 0.93), "places": (0.96, 0.96)},
}
NEWEST = "unseen36"


def figures(part: str) -> dict[str, tuple[float, float]]:
    counts = scores(part)
    per_topic: dict[str, Counter[str]] = {"tp": Counter(), "fp": Counter(), "fn": Counter()}
    found = {}
    for key, c in sorted(counts.items()):
        tp, fp, fn = (sum(c[k].values()) for k in ("tp", "fp", "fn"))
        found[key] = (ratio(tp, tp + fp), ratio(tp, tp + fn))
        print(
            f"{part} {key}: precision {found[key][0]:.3f} recall {found[key][1]:.3f} "
            f"(tp {tp} fp {fp} fn {fn})"
        )
        if key.startswith("topics"):
            for k in per_topic:
                per_topic[k].update(c[k])
    for tag in sorted(set(per_topic["tp"]) | set(per_topic["fp"]) | set(per_topic["fn"])):
        tp, fp, fn = (per_topic[k][tag] for k in ("tp", "fp", "fn"))
        shown = f"precision {ratio(tp, tp + fp):.2f} recall {ratio(tp, tp + fn):.2f}"
        print(f"{part} topic {tag}: {shown}")
    return found


@pytest.mark.parametrize(
    "part",
    [
        "dev",
        "unseen",
        "unseen2",
        "unseen3",
        "unseen4",
        "unseen5",
        "unseen6",
        "unseen7",
        "unseen8",
        "unseen9",
        "unseen10",
        "unseen11",
        "unseen12",
        "unseen13",
        "unseen14",
        "unseen15",
        "unseen16",
        "unseen17",
        "unseen18",
        "unseen19",
        "unseen20",
        "unseen21",
        "unseen22",
        "unseen23",
        "unseen24",
        "unseen25",
        "unseen26",
        "unseen27",
        "unseen28",
        "unseen29",
        "unseen30",
        "unseen31",
        "unseen32",
        "unseen33",
        "unseen34",
        "unseen35",
        "unseen36",
    ],
)
def test_no_language_gets_worse(part: str) -> None:
    below = [
        f"{key} {precision:.3f}/{recall:.3f}"
        for key, (precision, recall) in figures(part).items()
        if precision < FLOORS[part][key.split("/")[0]][0]
        or recall < FLOORS[part][key.split("/")[0]][1]
    ]
    assert not below, f"worse than the recorded figures: {below}"


def test_the_goal_on_the_newest_unseen_part() -> None:
    """Issue #26's goal: precision 0.95 and recall 0.90 for topics and places in every
    language, on the newest part, measured once before the method saw it."""
    failing = [
        key
        for key, (precision, recall) in figures(NEWEST).items()
        if precision < GOAL_PRECISION or recall < GOAL_RECALL
    ]
    assert not failing, f"below the goal: {failing}"
