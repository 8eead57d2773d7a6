"""Statute citations (`law:` rule terms): pure functions over plain text."""

from __future__ import annotations

import pytest

from aggregator.terms.citations import Citation, LawTermError, citations_in, parse_law_term
from aggregator.terms.folding import fold


def cited(text: str) -> set[tuple[str, str]]:
    return {(c.code, c.number) for c in citations_in(fold(text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Russia: parts (ч., п. «а») are not articles; several articles, the code's full name.
        ("предусмотренного ч. 4 ст. 159 УК РФ", {("ук рф", "159")}),
        ("по ч. 3 ст. 30, п. «г» ч. 4 ст. 228.1 УК РФ", {("ук рф", "30"), ("ук рф", "228.1")}),
        ("по ч. 1 и 2 ст. 210 и ст. 228.1 УК РФ", {("ук рф", "210"), ("ук рф", "228.1")}),
        ("(ч. 1.1 ст. 205.1 УК РФ)", {("ук рф", "205.1")}),
        ("Статьей 157 УК РФ предусмотрено", {("ук рф", "157")}),
        ("статьи 290 Уголовного кодекса Российской Федерации", {("ук рф", "290")}),
        ("по ч. 2 ст. 291 УК России", {("ук рф", "291")}),
        # United States Code: lists, subsections, the long form; a new title starts anew.
        ("in violation of 18 U.S.C. § 1956(h).", {("18 usc", "1956")}),
        (
            "violating 21 U.S.C. §§ 841(a)(1), (b)(1)(A), and 846 and 18 U.S.C. 1343",
            {("21 usc", "841"), ("21 usc", "846"), ("18 usc", "1343")},
        ),
        (
            "Title 18, United States Code, Sections 1343 and 1349",
            {("18 usc", "1343"), ("18 usc", "1349")},
        ),
        ("15 U.S.C. §§ 78dd-1 and 78dd-2", {("15 usc", "78dd-1"), ("15 usc", "78dd-2")}),
        # Criminal codes: paragraphs and ordinals skipped, lettered and hyphenated articles, ranges.
        ("estelionato majorado (art. 171, § 3º, do CP).", {("cp", "171")}),
        ("no art. 149-A do Código Penal", {("cp", "149a")}),
        ("l'article 432-12 du code pénal", {("cp", "432-12")}),
        ("des articles 323-1 et 323-3 du code pénal", {("cp", "323-1"), ("cp", "323-3")}),
        (
            "articles 222-34 à 222-37 du code pénal",
            {("cp", "222-34"), ("cp", "222-35"), ("cp", "222-36"), ("cp", "222-37")},
        ),
        ("el artículo 248 bis del Código Penal", {("cp", "248bis")}),
        # India: "read with", sub-sections, several codes in one sentence.
        (
            "under Section 120-B read with Section 420 of IPC and Section 13(2) read with "
            "13(1)(d) of the PC Act, 1988",
            {("ipc", "120b"), ("ipc", "420"), ("pc act", "13")},
        ),
        ("Section 318(4) of the Bharatiya Nyaya Sanhita", {("bns", "318")}),
        # Numbered laws.
        ("na Lei 9.613/98 e na Lei nº 12.850/2013", {("lei", "9613"), ("lei", "12850")}),
        ("infracción a la Ley N° 20.000", {("ley", "20000")}),
        ("la loi n° 2016-1691 dite Sapin II", {("loi", "2016-1691")}),
    ],
)
def test_citations_are_read_in_every_form(text: str, expected: set[tuple[str, str]]) -> None:
    assert cited(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "по ст. 159 за мошенничество",  # no code named: which code's 159?
        "under section 1 of the Bribery Act 2010",  # a code this module does not know
        "ст. 159 в редакции закона, действующего в Казахстане, УК РФ",  # other words between
        "The 2023 article 5 of the treaty",
        "18 witnesses, 20 U.S. states",
        "Section 420 of the building code",
    ],
)
def test_no_citation_without_a_known_code_right_after(text: str) -> None:
    assert cited(text) == set()


def test_years_of_laws_are_kept_for_terms_that_name_one() -> None:
    found = citations_in(fold("Ley 10/2010, de prevención del blanqueo; Ley 10/1995"))
    assert found == {Citation("ley", "10", "10"), Citation("ley", "10", "95")}
    assert parse_law_term("Ley 10/2010").hits(found) == ["Ley 10"]
    assert parse_law_term("Ley 10/2011").hits(found) == []


def test_terms_match_numbers_and_with_a_star_their_sub_articles() -> None:
    found = citations_in(fold("по ч. 2 ст. 159.6 и ст. 1590 УК РФ"))
    assert parse_law_term("УК РФ 159").hits(found) == []
    assert parse_law_term("УК РФ 159*").hits(found) == ["УК РФ 159.6"]
    assert parse_law_term("УК РФ 174, 159.6").hits(found) == ["УК РФ 159.6"]
    usc = citations_in(fold("18 U.S.C. § 2339B"))
    assert parse_law_term("18 U.S.C. 2339B").hits(usc) == ["18 USC 2339b"]
    assert parse_law_term("18 U.S.C. § 2339B").hits(usc) == ["18 USC 2339b"]
    assert parse_law_term("21 USC 2339B").hits(usc) == []


@pytest.mark.parametrize(
    ("term", "problem"),
    [
        ("Penal 12", "unknown code"),
        ("18 USC", "unknown code"),
        ("УК РФ сто", "bad article number"),
        ("CP 171,", "bad article number"),
    ],
)
def test_bad_terms_say_what_is_wrong(term: str, problem: str) -> None:
    with pytest.raises(LawTermError, match=problem):
        parse_law_term(term)


# The table of docs/tagging.md ("Statutes"): each term, what it matches and what it does not.
DOCUMENTED = [
    (
        "18 USC 1956",
        [
            "18 U.S.C. § 1956(h)",
            "18 U.S.C. §§ 1343 and 1956",
            "Title 18, United States Code, Section 1956",
        ],
        ["21 U.S.C. § 1956"],
    ),
    (
        "УК РФ 228.1",
        [
            "п. «а» ч. 4 ст. 228.1 УК РФ",
            "ст.ст. 210, 228.1 Уголовного кодекса Российской Федерации",
        ],
        ["ч. 4 ст. 228.1", "ч. 228 ст. 1"],
    ),
    ("УК РФ 159*", ["ст. 159 УК РФ", "ч. 2 ст. 159.6 УК РФ"], ["ст. 1590 УК РФ"]),
    ("CP 222-36", ["articles 222-34 à 222-39 du code pénal", "art. 222-36 C. pén."], []),
    (
        "CP 171",
        ["art. 171, § 3º, do CP", "artículo 171 del Código Penal"],
        ["art. 171 da Lei 8.666"],
    ),
    (
        "IPC 420",
        [
            "Section 120-B read with 420 of IPC",
            "u/s 420 IPC",
            "Section 420 of the Indian Penal Code",
        ],
        ["Section 420 of the building code"],
    ),
    ("Lei 9.613", ["Lei nº 9.613/98", "Lei 9613/1998", "Lei Federal 9.613"], ["Lei 9.614"]),
    ("Ley 10/2010", ["Ley 10/2010"], ["Ley 10/1995"]),
]


@pytest.mark.parametrize(("term", "matching", "not_matching"), DOCUMENTED)
def test_the_documented_examples(term: str, matching: list[str], not_matching: list[str]) -> None:
    law = parse_law_term(term)
    for text in matching:
        assert law.hits(citations_in(fold(text))), text
    for text in not_matching:
        assert not law.hits(citations_in(fold(text))), text


@pytest.mark.parametrize(
    ("text", "article"),
    [
        ("artículo 269A del Código Penal", "269a"),  # Colombia
        ("artículo 188-A del Código Penal", "188a"),
        ("artigo 217.º do Código Penal", "217"),  # Portugal's ordinals
        ("art. 1º do CP", "1"),
        ("artículo 570 bis del Código Penal", "570bis"),
        ("article 380 du Code criminel", "380"),  # Canada
        ("s. 380(1)(a) of the Criminal Code", "380"),
        ("section 400.3 of the Criminal Code", "400.3"),  # Australia
    ],
)
def test_one_spelling_per_article(text: str, article: str) -> None:
    assert cited(text) == {("cp", article)}
    assert parse_law_term(f"CP {article.upper()}").hits(citations_in(fold(text)))
