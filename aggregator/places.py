"""Which countries an item is about: a gazetteer of country names (pycountry) plus the names,
short forms and demonyms the news uses, in English, Russian, Portuguese, Spanish and French.

Choices for names that mean something else too (see docs/tagging.md):
- "Georgia" alone is not taken (the US state is as likely); "Georgian", "Tbilisi", "Грузия",
  "Geórgia", "Géorgie" and "Republic of Georgia" are.
- "Jordan" alone is not taken (a first name); "Jordanian", "Amman", "Иордания", "Jordânia",
  "Jordania" and "Jordanie" are.
- "Chile" is taken: a chile pepper in prosecution news is rarer than a wrong miss.
- "US"/"USA"/"UK"/"UAE" are taken only in capitals; "us" is a pronoun.
- "American" is taken except after Latin, South, North or Central.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pycountry

from .place_names import ACRONYMS, ALIASES, AMBIGUOUS, MORE, NOT_AFTER
from .textmatch import fold

_META = re.compile(r"[\\()\[\]|*+?{}^$]")
_WORD = re.compile(r"\w+")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


class _Gazetteer:
    """Names looked up word by word, not by one huge regular expression: exact names (one or
    several words) in a dict, one-word patterns (Russian stems) in one combined regex matched
    against each word, and the few several-word patterns against each run of words."""

    def __init__(self) -> None:
        self.exact: dict[tuple[str, ...], str] = {}
        single: list[tuple[str, str]] = []
        self.multi: list[tuple[tuple[re.Pattern[str], ...], str]] = []
        for country in pycountry.countries:
            for name in (country.name, getattr(country, "common_name", None)):
                if name and fold(name) not in AMBIGUOUS and "," not in name:
                    self.exact.setdefault(_tokens(fold(name)), country.alpha_2.lower())
        entries = [(alias, code) for code, aliases in ALIASES.items() for alias in aliases]
        for code, pattern in MORE.items():
            entries += [(alias, code[:2]) for alias in pattern.split("|")]
        for alias, code in entries:
            if not _META.search(alias.replace("\\w", "")):
                self.exact[_tokens(alias)] = code
            elif " " in alias:
                words = tuple(re.compile(w) for w in alias.split())
                self.multi.append((words, code))
            else:
                single.append((alias, code))
        # A word that cannot start any several-word pattern skips them all.
        self.multi_start = re.compile("|".join(f"(?:{p[0].pattern})" for p, _ in self.multi))
        self.single = re.compile(
            "|".join(f"(?P<s{i}>{alias})" for i, (alias, _) in enumerate(single))
        )
        self.single_codes = {f"s{i}": code for i, (_, code) in enumerate(single)}
        self.longest = max(len(key) for key in self.exact)
        acronyms = sorted(
            ((re.escape(a), code) for code, items in ACRONYMS.items() for a in items),
            key=lambda pair: len(pair[0]),
            reverse=True,
        )
        self.written = re.compile(
            "|".join(f"(?<![\\w.])(?P<a{i}>{a})(?!\\w)" for i, (a, _) in enumerate(acronyms))
        )
        self.written_codes = {f"a{i}": code for i, (_, code) in enumerate(acronyms)}

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        words = _tokens(fold(text))
        index = 0
        while index < len(words):
            found = None
            for size in range(min(self.longest, len(words) - index), 0, -1):
                key = words[index : index + size]
                if key in self.exact:
                    found = (self.exact[key], size)
                    break
            if found is None and self.multi_start.fullmatch(words[index]):
                for patterns, code in self.multi:
                    size = len(patterns)
                    window = words[index : index + size]
                    if len(window) == size and all(
                        p.fullmatch(w) for p, w in zip(patterns, window, strict=True)
                    ):
                        found = (code, size)
                        break
            if found is None:
                match = self.single.fullmatch(words[index])
                if match:
                    found = (self.single_codes[match.lastgroup or ""], 1)
            if found is not None:
                code, size = found
                if not (index and words[index - 1] in NOT_AFTER.get(code, ())):
                    yield code, " ".join(words[index : index + size])
                index += size
            else:
                index += 1
        for match in self.written.finditer(text):
            yield self.written_codes[match.lastgroup or ""], match.group(0)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


def countries_in(*texts: str) -> Iterator[tuple[str, str]]:
    """(country code, the words that named it) for every mention in the texts."""
    gazetteer = _gazetteer()
    for text in texts:
        yield from gazetteer.find(text)
