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
- Cities (data/cities.tsv, from GeoNames: capitals and cities of 500,000 people or more, in
  Latin and Cyrillic spellings, Russian case forms) make an item about their country, but
  only written with a capital as names are ("Marseille", not "marseille"), and not in
  NOT_PLACES ("Rome Statute" is a treaty). How the table is made and what it leaves out:
  scripts/make_city_names.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

import pycountry

from aggregator.tagging.place_names import ACRONYMS, ALIASES, AMBIGUOUS, MORE, NOT_AFTER, NOT_PLACES
from aggregator.terms.matching import fold

_META = re.compile(r"[\\()\[\]|*+?{}^$]")
_WORD = re.compile(r"\w+")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _folded(written: tuple[str, ...]) -> tuple[str, ...]:
    """The words folded, one for one: folded together (one call), or one by one when folding
    changed the count ("½" folds to "1⁄2": two words)."""
    words = tuple(fold(" ".join(written)).split(" "))
    return words if len(words) == len(written) else tuple(fold(w) for w in written)


def _city_table() -> dict[tuple[str, ...], str]:
    """Folded city name (its words) -> country code, from the shipped table."""
    table: dict[tuple[str, ...], str] = {}
    text = resources.files("aggregator.tagging").joinpath("data/cities.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, names = line.split("\t")
            for name in names.split("|"):
                table.setdefault(tuple(name.split()), code)
    return table


def _is_capitalized(word: str) -> bool:
    """Written as a name: a capital first letter ("Marseille", "MARSEILLE")."""
    return word[:1].isupper()


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
        # Most words start no name at all: one set lookup rules them out.
        self.first_words = {key[0] for key in self.exact}
        acronyms = sorted(
            ((re.escape(a), code) for code, items in ACRONYMS.items() for a in items),
            key=lambda pair: len(pair[0]),
            reverse=True,
        )
        # A plain alternation, no groups and no look-behind: either stops the regex engine
        # from skipping ahead to the letters an acronym starts with (far slower:
        # docs/performance.md, "What changed in this round of work");
        # find() checks the character before each match and maps the acronym to its country.
        self.written = re.compile("(?:" + "|".join(a for a, _ in acronyms) + ")(?!\\w)")
        self.written_codes = {
            a.replace("\\", ""): code for code, items in ACRONYMS.items() for a in items
        }
        self.cities = _city_table()
        self.city_longest = max(len(key) for key in self.cities)
        self.city_first_words = {key[0] for key in self.cities}
        self.not_places = {tuple(phrase.split()) for phrase in NOT_PLACES}
        self.not_places_first = {phrase[0] for phrase in self.not_places}

    # Words repeat across items; the regular expressions' verdict on each is remembered.
    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process, never freed anyway
    def _starts_multi(self, word: str) -> bool:
        return self.multi_start.fullmatch(word) is not None

    @lru_cache(maxsize=65536)  # noqa: B019
    def _single(self, word: str) -> str | None:
        match = self.single.fullmatch(word)
        return self.single_codes[match.lastgroup or ""] if match else None

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        written = _tokens(unicodedata.normalize("NFC", text))
        words = self._without_non_places(_folded(written))
        unique = set(words)
        # Only a word that starts a name, a several-word pattern or is a stem can begin a
        # mention: visit those positions only, not every word of a long text.
        starters = unique & self.first_words
        starters.update(w for w in unique if self._starts_multi(w) or self._single(w))
        resume = 0
        for index in [i for i, w in enumerate(words) if w in starters]:
            if index < resume:
                continue
            found = None
            word = words[index]
            if word in self.first_words:
                for size in range(min(self.longest, len(words) - index), 0, -1):
                    key = words[index : index + size]
                    if key in self.exact:
                        found = (self.exact[key], size)
                        break
            if found is None and self._starts_multi(word):
                for patterns, code in self.multi:
                    size = len(patterns)
                    window = words[index : index + size]
                    if len(window) == size and all(
                        p.fullmatch(w) for p, w in zip(patterns, window, strict=True)
                    ):
                        found = (code, size)
                        break
            if found is None:
                stem_code = self._single(word)
                if stem_code is not None:
                    found = (stem_code, 1)
            if found is not None:
                code, size = found
                if not (index and words[index - 1] in NOT_AFTER.get(code, ())):
                    yield code, " ".join(words[index : index + size])
                resume = index + size
        yield from self._cities(written, words)
        for match in self.written.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "._"):
                continue  # inside a word or an abbreviation: "BUSH", "a.UK"
            yield self.written_codes[match.group(0)], match.group(0)

    def _cities(
        self, written: tuple[str, ...], words: tuple[str, ...]
    ) -> Iterator[tuple[str, str]]:
        """Cities named in the text, written with capitals: `written` are its words as
        written, `words` the same folded."""
        starters = set(words) & self.city_first_words
        if not starters:
            return
        resume = 0
        for index, word in enumerate(words):
            if index < resume or word not in starters:
                continue
            for size in range(min(self.city_longest, len(words) - index), 0, -1):
                key = words[index : index + size]
                if key in self.cities and _is_capitalized(written[index]):
                    yield self.cities[key], " ".join(key)
                    resume = index + size
                    break

    def _without_non_places(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The words with those of NOT_PLACES phrases blanked: "rome statute" names a treaty."""
        if not self.not_places_first.intersection(words):
            return words
        blanked = list(words)
        for index, word in enumerate(words):
            if word in self.not_places_first:
                for phrase in self.not_places:
                    if words[index : index + len(phrase)] == phrase:
                        blanked[index : index + len(phrase)] = [""] * len(phrase)
        return tuple(blanked)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


def countries_in(*texts: str) -> Iterator[tuple[str, str]]:
    """(country code, the words that named it) for every mention in the texts."""
    gazetteer = _gazetteer()
    for text in texts:
        yield from gazetteer.find(text)
