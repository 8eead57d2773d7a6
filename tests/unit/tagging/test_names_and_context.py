"""Names are not topics, stems belong to a language, and places have context (issue #26): each
on a small plain text, through the shipped rules and gazetteer."""

from __future__ import annotations

import pytest

from aggregator.config.loading import load_config
from aggregator.tagging.places import countries_in
from aggregator.tagging.tagger import (
    SourceFacts,
    TaggableItem,
    blocked_by_names,
    tagger,
    tags_for_item,
)
from aggregator.terms.matching import compile_any, find, fold, term_problem
from tests.support.paths import ROOT

TAGGER = tagger(load_config(ROOT / "feeds.yaml"))


def topics(text: str, language: str, country: str | None = None) -> set[str]:
    source = SourceFacts("s", "s", None, language, (), country)
    found = tags_for_item(TAGGER, source, TaggableItem(text, "", ""))
    return {t.tag for t in found if t.origin == "rule"}


def places(text: str, context: frozenset[str] = frozenset()) -> set[str]:
    """The countries the tagger finds in a text (names blanked), the source's country as
    `context`."""
    country = next(iter(context)).upper() if context else None
    source = SourceFacts("s", "s", None, None, (), country)
    found = tags_for_item(TAGGER, source, TaggableItem(text, "", ""))
    return {t.tag.removeprefix("country:") for t in found if t.origin == "place"}


def test_a_term_inside_an_agency_name_does_not_count_and_explain_says_why() -> None:
    text = "The Serious Fraud Office charged a director with bribery"
    assert topics(text, "en") == {"corruption"}
    source = SourceFacts("s", "s", None, "en", ())
    blocked = blocked_by_names(TAGGER, source, TaggableItem(text, "", ""))
    assert blocked == [("fraud", ("serious fraud office",))]
    assert "terrorism" not in topics(
        "Le Parquet national antiterroriste tient une conférence", "fr"
    )
    assert "fraud" in topics("The Serious Fraud Office charged a director with fraud", "en")


def test_operation_and_forum_names_are_neither_topics_nor_places() -> None:
    assert places("Investigation 'Cuba': EPPO secures a conviction") == set()
    assert places("Генеральный прокурор выступил на форуме «Уроки Нюрнберга»") == set()
    assert places("Operação Marrakesh: MPF denuncia quadrilha") == set()


def test_a_stem_scoped_to_a_language_counts_only_there() -> None:
    ((english, _),) = [(t, t.language) for t in compile_any(["triad*@en"])]
    assert english.language == "en" and english.counts_in("en") and not english.counts_in("pt")
    assert english.counts_in(None)  # language unknown: the term may count
    assert "organized-crime" not in topics("O material foi triado pela perícia", "pt")
    assert "organized-crime" in topics("Two triad members were convicted", "en")
    assert term_problem("triad*@english") is not None


def test_a_stem_takes_the_first_part_of_a_hyphenated_compound() -> None:
    term = compile_any(["международн* сотрудничеств*"])[0]
    text = "вопросы международно-правового сотрудничества"
    assert find(term, text, fold(text)) == ["международно-правового сотрудничества"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ALEXANDRIA, Va. – A man was sentenced", {"us"}),
        ("PARIS, Texas – A Lamar County man", {"us"}),
        ("Paris Man Sentenced. PARIS, Texas – He was", {"us"}),
        ("a walk in Ludwell Valley Park", set()),
        ("Cuba Street and rue de Paris", set()),
        ("en Colombie-Britannique", {"ca"}),
        ("New South Wales police", {"au"}),
        ("граждан Чешской Республики", {"cz"}),
        ("китайские граждане", {"cn"}),
        ("argelinos detenidos", {"dz"}),
        ("Bacabal (MA) condenou", {"br"}),
        ("US$ 12 milhões na Suíça", {"ch"}),
        ("Fiscalía Regional de Los Lagos", set()),
    ],
)
def test_places_with_their_context(text: str, expected: set[str]) -> None:
    assert places(text) == expected


def test_the_gazetteer_alone_still_finds_a_place_inside_a_name() -> None:
    # Names are blanked by the tagger, not by the gazetteer: used alone it reads every word.
    assert {code for code, _ in countries_in("Investigation 'Cuba'")} == {"cu"}


def test_a_city_of_several_countries_counts_when_the_source_says_which() -> None:
    assert places("robos a turistas en Santiago") == set()
    assert places("robos a turistas en Santiago", frozenset({"cl"})) == {"cl"}
    assert places("detenidos en Barcelona, España") == {"es"}
