"""What a full-text search may ask: its words, bounded.

The cost of a search grows with its number of terms (SQLite's FTS5 work grew with their square:
docs/performance.md, "Bounds on hostile input"), so a query is cut to its distinct words
before it reaches the database, and refused when it is too long or holds control characters.
"""

from __future__ import annotations

import re

from aggregator.errors import SearchTimeout
from aggregator.hygiene import is_clean

__all__ = ["MAX_SEARCH_CHARACTERS", "MAX_SEARCH_TERMS", "SearchTimeout", "search_problem"]

MAX_SEARCH_CHARACTERS = 512
MAX_SEARCH_TERMS = 32
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def search_problem(text: str) -> str | None:
    """Why `text` cannot be searched for (a sentence for a 400 answer), or None."""
    if len(text) > MAX_SEARCH_CHARACTERS:
        return f"the search is too long (at most {MAX_SEARCH_CHARACTERS} characters)"
    if _CONTROL.search(text) or not is_clean(text):
        return "the search holds control characters"
    return None


def search_words(text: str) -> list[str]:
    """The distinct words of `text` (case ignored), at most MAX_SEARCH_TERMS, in order."""
    distinct: dict[str, str] = {}
    for word in _WORD.findall(text[:MAX_SEARCH_CHARACTERS]):
        distinct.setdefault(word.casefold(), word)
        if len(distinct) == MAX_SEARCH_TERMS:
            break
    return list(distinct.values())


def search_tokens(text: str) -> str:
    """`text` for a web-search parser (PostgreSQL's websearch_to_tsquery): its distinct
    space-separated tokens (quotes, OR and -word kept), at most MAX_SEARCH_TERMS."""
    tokens = list(dict.fromkeys(text[:MAX_SEARCH_CHARACTERS].split()))
    return " ".join(tokens[:MAX_SEARCH_TERMS])
