"""Matching words in text the way news readers mean them: whole words, any case, any accents.

"Fiscalía" matches "fiscalia", "ЁЛКА" matches "елка"; a term ending in `*` matches a word prefix
(`киберпреступ*`); `re:` starts a regular expression, applied to the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def fold(text: str) -> str:
    """Casefolded, accents removed (NFKD without combining marks)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    pattern: re.Pattern[str]
    on_folded: bool  # plain terms match the folded text; regular expressions the original


def _body(term: str) -> str:
    """`corrup*` matches words starting with "corrup"; `*corrup*` words containing it (the
    compounds of Romance languages: anticorrupción, ciberestafadores)."""
    words = []
    for word in fold(term).split():
        core = word.strip("*")
        if not core:
            continue
        body = re.escape(core)
        if word.startswith("*") and len(word) > 1:
            body = r"\w*" + body
        if word.endswith("*") and len(word) > 1:
            body += r"\w*"
        words.append(body)
    return r"[\s\-]+".join(words)


def compile_term(term: str) -> Term:
    if term.startswith("re:"):
        return Term(term, re.compile(term.removeprefix("re:"), re.IGNORECASE), False)
    return Term(term, re.compile(rf"(?<!\w){_body(term)}(?!\w)"), True)


def compile_any(terms: list[str]) -> tuple[Term, ...]:
    """Terms of an `any` list: the plain ones as one alternation (one scan of the text, not one
    per term), each regular expression on its own."""
    plain = [term for term in terms if not term.startswith("re:")]
    compiled = [compile_term(term) for term in terms if term.startswith("re:")]
    if plain:
        # Longest first, so that a phrase wins over a word it starts with.
        bodies = "|".join(_body(term) for term in sorted(plain, key=len, reverse=True))
        compiled.insert(0, Term(" | ".join(plain), re.compile(rf"(?<!\w)(?:{bodies})(?!\w)"), True))
    return tuple(compiled)


def find(term: Term, original: str, folded: str) -> list[str]:
    """The matched snippets (as they read in the folded or original text)."""
    return [m.group(0) for m in term.pattern.finditer(folded if term.on_folded else original)]
