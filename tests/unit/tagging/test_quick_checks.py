"""The quick checks in front of the places' and names' patterns (a literal looked for before a
pattern that starts with a lookbehind, which the regular expression engine tries at every
position of a text) must never skip a text the full pattern would match: each is checked
against the pattern it guards, on generated texts made of the characters that matter."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from aggregator.tagging import names, places
from aggregator.tagging.place_names import CAPITALIZED_ONLY

# The Brazilian states' pattern as it was, lookbehind first.
_BRAZILIAN_STATE_AS_WRITTEN = re.compile(
    r"(?<=[\w.]\s)\((?:" + "|".join(sorted(places._BRAZILIAN_STATES)) + r")\)"
)


def _texts(*pieces: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=12).map("".join)


@given(_texts("(", ")", "MA", "TO", "SP", "x", ".", " ", "\n", "é", "Bacabal", "(MA)"))
def test_the_brazilian_states_pattern_finds_what_the_lookbehind_first_one_found(
    text: str,
) -> None:
    found = [m.span() for m in places._BRAZILIAN_STATE.finditer(text)]
    assert found == [m.span() for m in _BRAZILIAN_STATE_AS_WRITTEN.finditer(text)]


@given(_texts(*sorted(CAPITALIZED_ONLY)[:8], "s", " ", "-", "x", "new ", "Turkey"))
def test_a_text_with_a_common_nouns_match_passes_the_quick_check(text: str) -> None:
    if places._COMMON_NOUN.search(text):
        assert places._COMMON_NOUN_QUICK.search(text)


@given(_texts("franco", "FRANCO", "Sino", "ITALO", "-", "espagnole", "x", " ", "o", "O"))
def test_a_text_with_a_compound_passes_the_quick_check(text: str) -> None:
    if places._COMPOUND.search(text):
        assert "o-" in text or "O-" in text


@given(_texts(*names._BUSINESS_WORDS, "Istanbul", " ", "x", "\n", "grill", "s"))
def test_business_names_are_those_of_the_full_pattern(text: str) -> None:
    expected = []
    for match in names._BUSINESS_WORD.finditer(text):
        start = max(0, match.start() - 60)
        before = names._BUSINESS_NAME_BEFORE.search(text, start, match.start())
        if before:
            expected.append(text[before.start() : match.end()])
    assert names.business_names(text) == expected


def test_the_quick_checks_keep_every_form_they_guard() -> None:
    # Upper-case compounds, a state after a town, plural birds, a shop, an operation in
    # capitals and a quoted code name.
    assert {"fr", "es"} <= set(
        code for code, _ in places.countries_in("ÉQUIPE COMMUNE FRANCO-ESPAGNOLE")
    )
    assert ("br", "(MA)") in list(places.countries_in("preso em Bacabal (MA) ontem"))
    assert not any(code == "tr" for code, _ in places.countries_in("frozen turkeys. Frozen Turkey"))
    assert names.business_names("outside the Istanbul Grill in Taunton") == ["Istanbul Grill"]
    assert names.operation_names("Operation Thunder, led by Interpol") == ["Operation Thunder"]
    assert names._may_name_an_operation("OPERATION THUNDER")
    assert names._may_name_an_operation("the ship «Jamaica Star»")
    assert not names._may_name_an_operation("nothing of the kind here")
