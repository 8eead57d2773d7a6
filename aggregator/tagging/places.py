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

from aggregator.tagging.place_names import (
    ACRONYMS,
    ALIASES,
    AMBIGUOUS,
    AMBIGUOUS_CITIES,
    DEMONYMS,
    MORE,
    NOT_AFTER,
    NOT_PLACES,
    PLACE_NAMED_AFTER,
    PLACE_NAMED_BEFORE,
    RUSSIAN_FORMS,
    SUBDIVISIONS,
    US_STATE_ABBREVIATIONS,
)
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
                if name not in _GENERIC_CITY_NAMES:
                    table.setdefault(tuple(name.split()), code)
    return table


# City names that are ordinary words ("The Valley", Anguilla's capital, is "valley").
_GENERIC_CITY_NAMES = {"valley", "valli", "el valle", "валли"}
_US_CITY = re.compile(
    r"(?<![\w.])(?P<city>(?:(?:St|Ft|Mt)\.\s+)?[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*){0,2}),"
    r"\s+(?:" + "|".join(re.escape(state) for state in US_STATE_ABBREVIATIONS) + r")(?![A-Za-z])"
)


# "Bacabal (MA)": a town and its Brazilian state, as Brazilian releases write them.
_BRAZILIAN_STATE = re.compile(
    r"(?<=[\w.]\s)\((?:AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC"
    r"|SP|SE|TO)\)"
)
# Matched on the folded text; written with a capital, as names are.
_AMBIGUOUS_CITY = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        r"\s+".join(map(re.escape, name.split()))
        for name in sorted(AMBIGUOUS_CITIES, key=len, reverse=True)
    )
    + r")(?!\w)"
)


def _names_a_street(words: tuple[str, ...], index: int, size: int) -> bool:
    """The place name is part of a street's, a park's or a building's name: "Cuba Street",
    "Ludwell Valley Park", "rue de Paris", "улица Кубы"."""
    after = words[index + size] if index + size < len(words) else ""
    before = words[index - 1] if index else ""
    before2 = words[index - 2] if index > 1 else ""
    return (
        after in PLACE_NAMED_AFTER
        or before in PLACE_NAMED_BEFORE
        or (before in {"de", "do", "da", "del", "du", "des"} and before2 in PLACE_NAMED_BEFORE)
    )


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
        entries = [
            (fold(alias), code)
            for table in (ALIASES, SUBDIVISIONS, RUSSIAN_FORMS, DEMONYMS)
            for code, aliases in table.items()
            for alias in aliases
        ]
        for code, pattern in MORE.items():
            entries += [(fold(alias), code[:2]) for alias in pattern.split("|")]
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
        text = unicodedata.normalize("NFC", text)
        # "ALEXANDRIA, Va.", "Paris, Texas": a US city, whatever else has its name.
        for match in _US_CITY.finditer(text):
            yield "us", fold(match.group(0))
        text = _US_CITY.sub(lambda m: " " * len(m.group(0)), text)
        written = _tokens(text)
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
                if not (
                    (index and words[index - 1] in NOT_AFTER.get(code, ()))
                    or _names_a_street(words, index, size)
                ):
                    yield code, " ".join(words[index : index + size])
                resume = index + size
        yield from self._cities(written, words)
        for match in self.written.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "._"):
                continue  # inside a word or an abbreviation: "BUSH", "a.UK"
            if text[match.end() : match.end() + 1] == "$":
                continue  # a currency: US$ 12 milhões
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
                    if not _names_a_street(words, index, size):
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


def countries_in(*texts: str, context: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(country code, the words that named it) for every mention in the texts. A city that a
    US dateline names ("PARIS, Texas") is the US city wherever the texts name it; a city whose
    name several countries have counts when the texts or `context` (the source's country)
    name one of them."""
    gazetteer = _gazetteer()
    us_cities = {match.group("city") for text in texts for match in _US_CITY.finditer(text)}
    if us_cities:
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, us_cities)) + r")(?!\w)", re.IGNORECASE
        )
        texts = tuple(pattern.sub(lambda m: " " * len(m.group(0)), text) for text in texts)
        yield from (("us", fold(city)) for city in us_cities)
    found: list[tuple[str, str]] = []
    for text in texts:
        found.extend(gazetteer.find(text))
        for match in _BRAZILIAN_STATE.finditer(text):
            found.append(("br", match.group(0)))
    yield from found
    known = {code for code, _ in found} | context
    for text in texts:
        folded = fold(text)
        if len(folded) != len(text):
            continue  # positions would not carry over to check the capital
        for match in _AMBIGUOUS_CITY.finditer(folded):
            if not text[match.start()].isupper():
                continue
            candidates = AMBIGUOUS_CITIES[" ".join(match.group(0).split())]
            chosen = [code for code in candidates if code in known]
            if len(chosen) == 1:
                yield chosen[0], match.group(0)
