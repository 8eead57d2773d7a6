"""Evaluation of the shipped rules and the gazetteer on a labelled set written for this
project (tests/data/tagging/, 200 items in en, ru, pt, es, fr): precision and recall per
family (topics: rule tags; places: country tags named in the text). Fails below precision
0.95 or recall 0.90; the figures are printed (pytest -s) and quoted in docs/tagging.md."""

from __future__ import annotations

from collections import Counter

from ruamel.yaml import YAML

from aggregator.config.loading import load_config
from aggregator.tagging.tagger import SourceFacts, TaggableItem, tagger, tags_for_item
from tests.support.paths import DATA, ROOT

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


def test_the_shipped_statute_rules() -> None:
    """The "Statutes" block of feeds.yaml: provisions tag their topic, criminal codes only for
    sources of their country, named acts as words."""
    chosen = tagger(load_config(ROOT / "feeds.yaml"))

    def topics(text: str, country: str | None = None, language: str = "en") -> set[str]:
        source = SourceFacts("s", "s", None, language, (), country)
        found = tags_for_item(chosen, source, TaggableItem("Case sent to court", text, ""))
        return {t.tag for t in found if t.origin == "rule"}

    assert topics("по ч. 3 ст. 290 УК РФ", language="ru") == {"corruption"}
    assert topics("по ч. 4 ст. 159.6 УК РФ", language="ru") == {"fraud", "cybercrime"}
    assert topics("registered under Section 420 of IPC and Section 7 of the PC Act, 1988") == {
        "fraud",
        "corruption",
    }
    assert topics("in violation of 50 U.S.C. § 1705") == {"sanctions"}
    assert topics("infracción a la Ley 20.000", "CL", "es") == {"drug-trafficking"}
    assert topics("conforme o art. 171 do Código Penal", "BR", "pt") == {"fraud"}
    assert topics("conforme o artigo 171.º do Código Penal", "PT", "pt") == set()
    assert topics("selon l'article 324-1 du code pénal", "FR", "fr") == {"money-laundering"}
    assert topics("por el artículo 570 bis del Código Penal", "ES", "es") == {"organized-crime"}
    assert topics("artículo 269A del Código Penal", "CO", "es") == {"cybercrime"}
    assert topics("contrary to section 462.31 of the Criminal Code", "CA") == {"money-laundering"}
    assert topics("an offence against section 400.3 of the Criminal Code", "AU") == {
        "money-laundering"
    }
    assert topics("an offence against section 400.3 of the Criminal Code", "CA") == set()
    assert topics("charged under the Computer Misuse Act 1990") == {"cybercrime"}
    assert topics("pleaded guilty to violating the Lacey Act") == {"environmental-crime"}
    assert topics("under Section 120-B of IPC") == set()  # conspiracy alone says no topic


def test_every_offence_name_of_the_codes_gets_its_topic() -> None:
    offences = YAML(typ="safe").load((DATA / "tagging" / "offences.yaml").read_text("utf-8"))
    chosen = tagger(load_config(ROOT / "feeds.yaml"))
    missing = []
    for language, topics in offences.items():
        source = SourceFacts("eval", "eval", None, language, ())
        for topic, names in topics.items():
            for name in names:
                found = tags_for_item(chosen, source, TaggableItem(name, "", ""))
                if topic not in {t.tag for t in found if t.origin == "rule"}:
                    missing.append(f"[{language}] {topic}: {name}")
    assert not missing, missing
