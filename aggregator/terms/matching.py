"""Matching words in text the way news readers mean them: whole words, any case, any accents.

"Fiscalía" matches "fiscalia", "ЁЛКА" matches "елка"; a term ending in `*` matches a word prefix
(`киберпреступ*`); `re:` starts a regular expression, applied to the text as written; `law:`
names a statute whose citations match (citations.py). A plain term ending in `@xx` counts only
in items written in that language (or of unknown language): `triad*@en` is a word of English,
and does not match the Portuguese "triado".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from aggregator.terms.citations import LawTerm, LawTermError, citations_in, parse_law_term
from aggregator.terms.folding import fold

__all__ = [
    "Term",
    "TextIndex",
    "compile_any",
    "compile_term",
    "find",
    "fold",
    "scope_problem",
    "term_problem",
]


@dataclass(frozen=True, slots=True)
class Gate:
    """What a text must contain for a plain term to have any chance: a word, a word starting
    with `key`, or `key` anywhere. Checked against a TextIndex with set operations, so that a
    term's regular expression runs only on the few texts that can match it."""

    kind: str  # "word" | "prefix" | "substring"
    key: str


@dataclass(frozen=True, slots=True)
class Gates:
    """The gates of one term (or alternation of terms): any one admitting is enough."""

    words: frozenset[str]  # a word of the text, or the beginning of one (prefix terms)
    substrings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    pattern: re.Pattern[str]
    on_folded: bool  # plain terms match the folded text; regular expressions the original
    gates: Gates | None = None  # None: always try
    laws: tuple[LawTerm, ...] = ()  # `law:` terms: the provisions whose citations match
    language: str | None = None  # `term@xx`: counts only in items of that language

    def counts_in(self, language: str | None) -> bool:
        return self.language is None or language is None or language == self.language


class TextIndex:
    """The words of a folded text and their beginnings, for checking gates."""

    PREFIX_LENGTHS = range(2, 16)

    def __init__(self, folded: str) -> None:
        self.text = folded
        words = set(_WORD.findall(folded))
        self.words_and_prefixes = words | {
            word[:n] for word in words for n in self.PREFIX_LENGTHS if n < len(word)
        }

    def admits(self, term: Term) -> bool:
        gates = term.gates
        if gates is None:
            return True
        if not self.words_and_prefixes.isdisjoint(gates.words):
            return True
        return any(key in self.text for key in gates.substrings)


_WORD = re.compile(r"\w+")
# Parsed operations that match no character: word boundaries and lookarounds.
_ZERO_WIDTH = (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT)
_SCOPED = re.compile(r"^(?P<term>.+?)@(?P<language>[a-z]{2})$")
_LEADING_WORD = re.compile(r"^(\*?)(\w+)(\*?)(.*)$")


def gate_of(term: str) -> Gate | None:
    """The gate of a plain term, from its first word; None when it has none to offer."""
    words = fold(term).split()
    match = _LEADING_WORD.match(words[0]) if words else None
    if match is None:
        return None
    infix, core, star, rest = match.groups()
    if infix:
        return Gate("substring", core)
    if star and not rest:
        return Gate("prefix", core) if len(core) < TextIndex.PREFIX_LENGTHS.stop else None
    return Gate("word", core)


def _body(term: str) -> str:
    """`corrup*` matches words starting with "corrup"; `*corrup*` words containing it (the
    compounds of Romance languages: anticorrupción, ciberestafadores)."""
    words: list[str] = []
    for word in fold(term).split():
        core = word.strip("*")
        if not core:
            continue
        body = re.escape(core)
        if word.startswith("*") and len(word) > 1:
            body = r"\w*" + body
        if word.endswith("*") and len(word) > 1:
            # A stem also takes a hyphenated compound's first part: "международн* сотрудничеств*"
            # matches «международно-правового сотрудничества».
            body += r"\w*(?:-\w+)?" if len(words) < len(fold(term).split()) - 1 else r"\w*"
        words.append(body)
    return r"[\s\-]+".join(words)


_NEVER = re.compile(r"(?!)")


def scoped(term: str) -> tuple[str, str | None]:
    """A plain term and the language it is scoped to (`triad*@en`), if any."""
    if term.startswith(("re:", "law:")):
        return term, None
    match = _SCOPED.match(term)
    return (match.group("term"), match.group("language")) if match else (term, None)


def term_problem(term: str) -> str | None:
    """What is wrong with a rule term, for a config error; None if nothing."""
    if not term:
        return "terms must not be empty"
    if "@" in term and not term.startswith(("re:", "law:")) and scoped(term)[1] is None:
        return f'"{term}": a term is scoped to a language with @ and its two-letter code (@en)'

    if term.startswith("re:"):
        if "\b" in term:
            return (
                f"{term!r}: a backspace in a regular expression; in a double-quoted YAML "
                'string write a word boundary as \\\\b ("re:\\\\bG20\\\\b")'
            )
        try:
            re.compile(term.removeprefix("re:"))
        except re.error as exc:
            return f'bad regular expression "{term}": {exc}'
    if term.startswith("law:"):
        try:
            parse_law_term(term.removeprefix("law:"))
        except LawTermError as exc:
            return str(exc)
    return None


def scope_problem(terms: list[str], scoped: bool) -> str | None:
    """What is wrong with a rule's (valid) terms given whether its `where` names a country or
    a source: `law:CP` articles mean something else in each country."""
    criminal_code = any(
        parse_law_term(term.removeprefix("law:")).code == "cp"
        for term in terms
        if term.startswith("law:")
    )
    if criminal_code and not scoped:
        return (
            "`law:CP` terms need `where: {country: ...}` (or `source`): criminal codes are "
            "numbered differently in each country"
        )
    return None


def compile_term(term: str) -> Term:
    if term.startswith("law:"):
        return Term(term, _NEVER, True, laws=(parse_law_term(term.removeprefix("law:")),))
    if term.startswith("re:"):
        expression = term.removeprefix("re:")
        return Term(term, re.compile(expression, re.IGNORECASE), False, _regex_gates(expression))
    plain, language = scoped(term)
    return Term(
        term,
        re.compile(rf"(?<!\w){_body(plain)}(?!\w)"),
        True,
        _gates([plain]),
        language=language,
    )


def _literal_prefixes(items: list[tuple[Any, Any]]) -> list[str] | None:
    """The texts a match of this parsed sequence must start with (after zero-width
    assertions): a run of literal characters, or one run per branch of an alternation; None
    when it can start otherwise."""
    index = 0
    while index < len(items) and items[index][0] in _ZERO_WIDTH:
        index += 1
    if index == len(items):
        return None
    op, value = items[index]
    if op is _parser.LITERAL:
        run = []
        while index < len(items) and items[index][0] is _parser.LITERAL:
            run.append(chr(items[index][1]))
            index += 1
        return ["".join(run)]
    if op is _parser.SUBPATTERN:
        return _literal_prefixes(list(value[3]))
    if op is _parser.BRANCH:
        found: list[str] = []
        for branch in value[1]:
            prefixes = _literal_prefixes(list(branch))
            if prefixes is None:
                return None
            found.extend(prefixes)
        return found
    return None


def _regex_gates(expression: str) -> Gates | None:
    """Gates for a regular expression: the literal texts any match must start with, folded
    (a match in the text as written leaves them in its folded form), when each is at least
    three characters long; None otherwise (always try)."""
    try:
        parsed = _parser.parse(expression, re.IGNORECASE)
    except re.error:
        return None
    prefixes = _literal_prefixes(list(parsed))
    if not prefixes:
        return None
    keys = tuple(dict.fromkeys(fold(prefix).strip() for prefix in prefixes))
    if any(len(key) < 3 for key in keys):
        return None
    return Gates(frozenset(), keys)


def _gates(terms: list[str]) -> Gates | None:
    """A prefix gate is checked like a word: the index holds every word's beginnings. (A
    word gate may then admit a text where the word only begins a longer one; the regular
    expression decides, the gate only rules texts out.)"""
    gates = [gate_of(term) for term in terms]
    if any(gate is None for gate in gates):
        return None
    return Gates(
        frozenset(g.key for g in gates if g and g.kind != "substring"),
        tuple(g.key for g in gates if g and g.kind == "substring"),
    )


def compile_any(terms: list[str]) -> tuple[Term, ...]:
    """Terms of an `any` list: the plain ones as one alternation (one scan of the text, not one
    per term), the `law:` terms as one, each regular expression on its own."""
    compiled = [compile_term(term) for term in terms if term.startswith("re:")]
    laws = [term for term in terms if term.startswith("law:")]
    if laws:
        parsed = tuple(law for term in laws for law in compile_term(term).laws)
        compiled.insert(0, Term(" | ".join(laws), _NEVER, True, laws=parsed))
    # One alternation per language the terms are scoped to, and one for the rest.
    by_language: dict[str | None, list[str]] = {}
    for term in terms:
        if not term.startswith(("re:", "law:")):
            word, scope = scoped(term)
            by_language.setdefault(scope, []).append(word)
    for language, plain in sorted(
        by_language.items(), key=lambda pair: pair[0] or "", reverse=True
    ):
        # Longest first, so that a phrase wins over a word it starts with.
        bodies = "|".join(_body(term) for term in sorted(plain, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{bodies})(?!\w)")
        compiled.insert(0, Term(" | ".join(plain), pattern, True, _gates(plain), language=language))
    return tuple(compiled)


def find(term: Term, original: str, folded: str, index: TextIndex | None = None) -> list[str]:
    """The matched snippets (as they read in the folded or original text). With the folded
    text's index, a term whose gate the text does not pass is not even tried."""
    if term.laws:
        cited = citations_in(folded)
        return [hit for law in term.laws for hit in law.hits(cited)] if cited else []
    if index is not None and not index.admits(term):
        return []
    return [m.group(0) for m in term.pattern.finditer(folded if term.on_folded else original)]
