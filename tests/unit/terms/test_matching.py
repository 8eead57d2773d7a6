"""Rule terms: config problems said plainly, and the gates of regular expressions (a gate may
only rule out texts the expression cannot match)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aggregator.terms.matching import TextIndex, compile_term, find, fold, term_problem


def test_a_backspace_in_a_regular_expression_is_a_config_problem() -> None:
    """`"re:\\bG20\\b"` in double-quoted YAML is a backspace, not a word boundary."""
    problem = term_problem("re:\bG20\b")
    assert problem is not None and "backspace" in problem
    assert term_problem(r"re:\bG20\b") is None


@pytest.mark.parametrize(
    ("expression", "gated_on"),
    [
        (r"\blavado\b(?! de autos)", ("lavado",)),
        (r"\bsecuestr\w*\s+de", ("secuestr",)),
        (r"\b(?:seized|forfeited)\b", ("seized", "forfeited")),
        (r"(?:\$|€)\s?[\d.,]+", None),  # starts with a character of one of several kinds
        (r"\bG-?20\b", None),  # two letters: too short to be worth a gate
        (r"\bSaisi\w*", ("saisi",)),  # folded, as the index is
    ],
)
def test_regular_expressions_get_gates_from_their_literal_start(
    expression: str, gated_on: tuple[str, ...] | None
) -> None:
    gates = compile_term(f"re:{expression}").gates
    assert (gates.substrings if gates else None) == gated_on


WORDS = ["lavado", "Lavado", "LAVADÓ", "de", "autos", "seized", "forfeited", "x", "ünd", "1.5"]


@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from(["lavado", "seized"]))
def test_a_gate_never_rules_out_a_text_the_expression_matches(words: list[str], word: str) -> None:
    text = " ".join(words)
    term = compile_term(rf"re:\b{word}\b")
    gated = find(term, text, fold(text), TextIndex(fold(text)))
    ungated = [m.group(0) for m in re.finditer(rf"\b{word}\b", text, re.IGNORECASE)]
    assert gated == ungated
