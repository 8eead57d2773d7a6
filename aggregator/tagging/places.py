"""Which countries an item is about: a gazetteer of country names (pycountry, with ISO 3166's
own translations) plus the names, short forms and demonyms (data/demonyms.tsv) the news uses,
in English, Russian, Portuguese, Spanish and French; provinces and regions (ISO 3166-2) with
context.

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

import gettext
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
    CAPITALIZED_ONLY,
    COMPANY_WORDS,
    DEMONYMS,
    FIRST_NAMES,
    GEORGIAN_TOWNS,
    MEXICAN_STATE_ABBREVIATIONS,
    MORE,
    NAMED_AFTER_A_PLACE,
    NAMED_RIGHT_BEFORE,
    NEW_PLACE_WORDS,
    NOT_AFTER,
    NOT_PLACES,
    NOT_REGIONS,
    PARTICLE_SURNAME_CITIES,
    PLACE_NAMED_AFTER,
    PLACE_NAMED_BEFORE,
    RUSSIAN_FORMS,
    SMALL_NAMESAKES,
    SUBDIVISIONS,
    SURNAME_CITIES,
    TOWNS_BY_THEIR_REGION,
    US_STATE_ABBREVIATIONS,
    VILLAGE_WORDS,
)
from aggregator.terms.matching import fold

_META = re.compile(r"[\\()\[\]|*+?{}^$]")
_WORD = re.compile(r"\w+")
# A saint's name joined by a hyphen to the word before it: "Thun-Saint-Martin".
_JOINED_SAINT = re.compile(r"(\w+)-((?:Saint|Sainte|San|Santa|Santo|São|Sao)-[\w'’]+)")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _joined_saints_blanked(text: str, gazetteer: _Gazetteer) -> str:
    """`text` with a saint's name blanked where it ends a commune's name ("Thun-Saint-Martin",
    "Villeneuve-Saint-Georges": not Saint-Martin's island or St George's). After a place's own
    name it is a route or a longer name, and stays: "Paris-Saint-Domingue",
    "Helsinki-Saint-Pétersbourg", "Seine-Saint-Denis"."""

    def blanked(match: re.Match[str]) -> str:
        if gazetteer.may_begin_a_name(fold(match.group(1))):
            return match.group(0)
        return match.group(1) + "-" + " " * len(match.group(2))

    return _JOINED_SAINT.sub(blanked, text)


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
_GENERIC_CITY_NAMES = {"valley", "valli", "el valle", "валли", "pueblo"}  # "defensora del Pueblo"
_US_CITY = re.compile(
    r"(?<![\w.])(?!(?:A|An|The)\s)"
    r"(?P<city>(?:(?:St|Ft|Mt)\.\s+)?[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*){0,2}),"
    r"\s+(?:" + "|".join(re.escape(state) for state in US_STATE_ABBREVIATIONS) + r")(?![A-Za-z])"
)


# In a US source's release, a place named as where people live ("a Moscow woman", "Peru Man")
# or as a town's own ("Cairo City Treasurer", "the City of Cairo") is a US town: Moscow,
# Idaho; Cairo, Illinois. (Nationalities are written as demonyms: "Honduran Man".)
_CAPITALIZED_WORDS = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
_US_TOWN_FRAME = re.compile(
    rf"(?<![\w.])(?P<lives>{_CAPITALIZED_WORDS})\s+(?:(?i:man|woman|men|women|residents?|couple|teen|county"
    r"|township|prison|penitentiary|jail)\b|City\s+(?:Council|Treasurer|Clerk|Manager|Hall|Attorney|Official|Employee"
    rf"|Police|Mayor)s?\b)|\b(?i:city|town|village)\s+of\s+(?P<town>{_CAPITALIZED_WORDS})"
)
# A US county, parish or township named after a country ("Lebanon County", "Jordan
# Township"): written with capitals, one space between, no full stop.
_COUNTY = re.compile(r"\b[A-Z][\w'’-]*(?= (?:County|Parish|Township)\b)")
# "Suffolk and Nassau counties": two counties named together (not "Florida and Georgia
# counties", two states' counties).
_TWO_COUNTIES = re.compile(r"\b([A-Z][\w'’-]*) and ([A-Z][\w'’-]*) [Cc]ounties\b")


@lru_cache(maxsize=1)
def _us_state_names() -> frozenset[str]:
    """(Read at the first "X and Y counties": the subdivisions table is big to load.)"""
    return frozenset(
        fold(state.name) for state in pycountry.subdivisions if state.country_code == "US"
    )


# (and its plural: "frozen turkeys"). Words before a place named as such:
_LOCATIVES_BEFORE = (
    "to",
    "from",
    "in",
    "into",
    "of",
    "de",
    "do",
    "da",
    "em",
    "en",
    "à",
    "au",
    "para",
    "a",
    "no",
    "na",
    "del",
    "du",
)
_COMMON_NOUN = re.compile(r"(?<!\w)(?P<name>" + "|".join(sorted(CAPITALIZED_ONLY)) + r")s?(?!\w)")
# The same names without the assertions around them: a pattern that starts with a lookbehind
# is tried at every position of a text, one that starts with a word is searched for (the
# regular expression engine skips to the characters a name can start with).
_COMMON_NOUN_QUICK = re.compile("|".join(sorted(CAPITALIZED_ONLY)))
# "Melbourne, Derbyshire", "Montréal, Aude": a town, then the county, state or department it
# is in; the town is that country's, whatever else has its name.
_TOWN_THEN_REGION = re.compile(
    r"(?<![\w.])(?P<town>[A-ZÀ-Þ][\w'’-]*(?:\s+[A-ZÀ-Þ][\w'’-]*)?)(?:,\s+|\s+\()"
    r"(?P<region>[A-ZÀ-Þ][\w'’]*(?:[\s-]+[A-ZÀ-Þ][\w'’]*){0,2})"
)
# "Sainte-Lucie-de-Tallano", "Saint-Martin-de-Ré": a French commune's name of several hyphened
# parts joined by "de", "sur", "en"... is the commune's, not the place its first parts name.
_HYPHENED_NAME = re.compile(r"(?<![\w-])[A-ZÀ-Þ][\w'’]*(?:-[\w'’]+){2,}")
_NAME_JOINS = frozenset({"de", "du", "des", "sur", "en", "la", "le", "les", "aux", "d"})
# "franco-espagnole", "sino-russe", "luso-brasileiro": a country in a compound adjective.
_COMPOUND_PREFIXES = {
    "irako": "iq",
    "syro": "sy",
    "israelo": "il",
    "israélo": "il",
    "franco": "fr",
    "germano": "de",
    "italo": "it",
    "luso": "pt",
    "sino": "cn",
    "russo": "ru",
    "hispano": "es",
}
_COMPOUND = re.compile(
    r"(?<![\w-])(?i:(irako|syro|isra[eé]lo|franco|germano|italo|luso|sino|russo|hispano))-(\w+)"
)


# "Bacabal (MA)": a town and its Brazilian state, as Brazilian releases write them.
_US_STATE_AFTER_COMMA = re.compile(
    r",\s+(?:" + "|".join(re.escape(state) for state in US_STATE_ABBREVIATIONS) + r")(?![A-Za-z])"
)
_BRAZILIAN_STATES = frozenset(
    {
        "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
        "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
    }
)  # fmt: skip
# Abbreviations of a US state (or Puerto Rico) and a Brazilian state alike.
_US_AND_BR_STATES = frozenset({"AL", "MA", "MS", "MT", "PA", "PR", "SC"})
# (The parenthesis first, the lookbehind after it: a pattern that starts with a literal is
# searched for, one that starts with a lookbehind is tried at every position.)
_BRAZILIAN_STATE = re.compile(
    r"\((?<=[\w.]\s\()(?:" + "|".join(sorted(_BRAZILIAN_STATES)) + r")\)"
    # not the Associated Press's byline: "THE HAGUE, Netherlands (AP) — Police ..."
    r"(?<!\(AP\))|\(AP\)(?!\s*[—–])(?<=[\w.]\s\(AP\))"
)
_FRENCH_OVERSEAS_DEPARTMENTS = frozenset({"gf", "gp", "mq", "re", "yt"})
# A Spanish-speaking country's release: "Mario Meza (RN)" is a politician and his party
# (Chile's Renovación Nacional), not a town of Rio Grande do Norte.
_PARTIES_IN_PARENTHESES = frozenset(
    {"cl", "ar", "mx", "es", "co", "pe", "uy", "py", "bo", "ec", "ve"}
)
# A Mexican release's dateline at the start of a text: "Chilpancingo, Gro.", "Morelia, Mich.,
# a 11 de agosto de 2025.-"
_MEXICAN_DATELINE = re.compile(
    r"\s*[A-ZÁÉÍÓÚÑ][\w'’-]*(?:\s+(?:de\s+|del\s+|de\s+la\s+)?[A-ZÁÉÍÓÚÑ][\w'’-]*){0,3},\s+"
    r"(?P<state>(?i:" + "|".join(map(re.escape, MEXICAN_STATE_ABBREVIATIONS)) + r"))(?![\w])"
)
_PARENTHESIZED_ACRONYM = re.compile(r"\(([A-Z]{3,8})\)")
_COUNTRY_ACRONYMS = frozenset(acronym for items in ACRONYMS.values() for acronym in items)
# Mexican states' abbreviations that are also another country's state's: "DETROIT, MICH.",
# "Victoria, B.C." (British Columbia).
_ABBREVIATIONS_OF_OTHER_STATES = frozenset(
    {state.lower() for state in US_STATE_ABBREVIATIONS} | {"b.c.", "col."}  # and a colonel
) & frozenset(state.lower() for state in MEXICAN_STATE_ABBREVIATIONS)
_SPANISH_DATE_AFTER = re.compile(r",?\s+a\s+\d{1,2}\s+de\s", re.IGNORECASE)
# A Brazilian politician's party and state: "Sérgio Petecão (PMN-AC)" (in Brazilian sources:
# "(EPP-ES)" is a group of the European Parliament and Spain).
_PARTY_AND_STATE = re.compile(
    r"\([A-Z][A-Za-z]{1,12}[-/](?:" + "|".join(sorted(_BRAZILIAN_STATES)) + r")\)"
)
# The MPF's office in a state, as its releases sign: "MPF/SP", "MPF-CE".
_MPF_OFFICE = re.compile(r"MPF[/-](?:" + "|".join(sorted(_BRAZILIAN_STATES)) + r")(?![\w/])")


def _demonyms() -> list[tuple[str, str]]:
    """(folded demonym form, country code) from data/demonyms.tsv: the nationality words of
    about 160 countries in the five languages ("nigerianos", "sénégalaise", "нигерийцев")."""
    text = resources.files("aggregator.tagging").joinpath("data/demonyms.tsv").read_text("utf-8")
    return [
        (form, code)
        for code, forms in (
            line.split("\t") for line in text.splitlines() if line and not line.startswith("#")
        )
        for form in forms.split("|")
        if form
    ]


# Languages whose names for the countries come from ISO 3166's own translations (the
# iso-codes catalogues pycountry ships), with Russian case forms made from the nominative.
_TRANSLATED_LANGUAGES = ("fr", "es", "pt", "pt_BR", "ru")
# Translated country names that are ordinary words too, even written with a capital:
# Portuguese "Irã" folds to "ira" (anger), Spanish "Gana" is a verb, Russian "Того" a pronoun.
_TRANSLATION_WORDS = frozenset(
    {"ira", "gana", "того", "chad", "man", "guinea", "georgia", "reuniao", "reunion"}
)


def _russian_forms(name: str) -> tuple[str, ...]:
    """A one-word Russian country name in the cases the news uses ("Монголия" -> "Монголии",
    "Мозамбик" -> "Мозамбике"); short and indeclinable names as they are ("Перу", "Того")."""
    if len(name) < 5 or not name.isalpha():
        return (name,)
    endings: dict[str, tuple[str, ...]] = {
        "ия": ("ия", "ии", "ию", "ией"),
        "а": ("а", "ы", "и", "е", "у", "ой"),
        "я": ("я", "и", "е", "ю", "ей"),
        "й": ("й", "я", "ю", "е", "ем"),
        "ь": ("ь", "я", "ю", "е", "ем", "и", "ью"),
    }
    for suffix, forms in endings.items():
        if name.endswith(suffix):
            return tuple(name[: -len(suffix)] + form for form in forms)
    if name[-1] in "оиуеэюы":
        return (name,)
    return tuple(name + form for form in ("", "а", "у", "е", "ом"))


def _translated_country_names() -> dict[tuple[str, ...], str]:
    """Folded country names (their words) in French, Spanish, Portuguese and Russian ->
    country code; matched only written with a capital, as names are."""
    table: dict[tuple[str, ...], str] = {}
    for language in _TRANSLATED_LANGUAGES:
        try:
            catalogue = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
            )
        except OSError:
            continue  # a pycountry without that catalogue: English names only
        for country in pycountry.countries:
            for english in (country.name, getattr(country, "common_name", None)):
                if not english:
                    continue
                name = catalogue.gettext(english)
                if "," in name or "(" in name:
                    continue  # "Åland, Îles": an inverted catalogue entry
                forms = _russian_forms(name.lower()) if language == "ru" else (name,)
                for form in forms:
                    words = _tokens(fold(form))
                    if words and " ".join(words) not in _TRANSLATION_WORDS | AMBIGUOUS:
                        table.setdefault(words, country.alpha_2.lower())
    return table


# Kinds of subdivision too small to name a country by themselves, or whose names are as
# often people's (a London borough "Brent", a metropolitan district "Bury").
_LOCAL_SUBDIVISIONS = frozenset(
    {
        "London borough",
        "Metropolitan district",
        "Unitary authority",
        "District",
        "Council area",
        "City corporation",
        "Municipality",
        "City",
    }
)
# Subdivision names that are first names, surnames or words first (folded).
_SUBDIVISION_WORDS = frozenset(
    {
        "cesar",
        "bolivar",
        "sucre",
        "meta",
        "santander",
        "magdalena",
        "guerrero",
        "morelos",
        "victoria",
        "central",
        "capital",
        "norte",
        "sur",
        "sul",  # "Sul de Minas", a part of Minas Gerais (and a region of Guinea-Bissau)
        "leste",
        "oeste",
        "centre",
        "centro",
        "east",
        "west",
        "north",
        "south",
        "eastern",
        "western",
        "northern",
        "southern",
        "cuenca",  # a basin ("Cuenca del Plata"), and a Spanish province
        "gulf",  # the Gulf of Guinea, Mexico...; and a province of Papua New Guinea
        "para",  # Portuguese "para" (for): the state is read only as written, "Pará" (ACRONYMS)
    }
)


_AMBIGUOUS_CITY_KEYS = frozenset(_tokens(fold(name)) for name in AMBIGUOUS_CITIES)


def _context_table() -> tuple[
    dict[tuple[str, ...], frozenset[str]], dict[tuple[str, ...], frozenset[str]]
]:
    """Names that count only with context: cities several countries have (AMBIGUOUS_CITIES),
    and the provinces, states, regions and departments of every country (ISO 3166-2) ->
    the countries they may mean; and the names of districts that are first-level
    subdivisions (Portugal's), which are their chief towns' names too: they count only as
    "distrito de Braga", not as the town "em Braga"."""
    table: dict[tuple[str, ...], set[str]] = {}
    districts: dict[tuple[str, ...], set[str]] = {}

    def add(name: str, code: str) -> tuple[str, ...]:
        words = _tokens(fold(name))
        if words and len("".join(words)) >= 3:
            table.setdefault(words, set()).add(code)
        return words

    for name, codes in AMBIGUOUS_CITIES.items():
        for code in codes:
            add(name, code)
    for subdivision in pycountry.subdivisions:
        name = re.sub(r"\s*\[.*?\]", "", subdivision.name)
        top_district = subdivision.type == "District" and subdivision.parent_code is None
        if (
            (subdivision.type in _LOCAL_SUBDIVISIONS and not top_district)
            or "," in name
            or fold(name) in _SUBDIVISION_WORDS
        ):
            continue
        words = add(name, subdivision.country_code.lower())
        if top_district:
            districts.setdefault(words, set()).add(subdivision.country_code.lower())
    return (
        {words: frozenset(codes) for words, codes in table.items()},
        {words: frozenset(codes) for words, codes in districts.items()},
    )


# A name after one of these is a place being named ("in Lima", "en Misiones", "em Goiás"),
# also with an article between ("en la Araucanía") or after the word for a region ("Región
# del Biobío", "province of Chaco", "Тверская область" comes after: not needed).
_LOCATIVE = frozenset({"in", "en", "em", "no", "na", "au", "в", "во"})
_ARTICLES = frozenset({"the", "la", "el", "los", "las", "le", "les", "l", "o", "a", "os", "as"})
_REGION_WORDS = frozenset(
    {
        "distritos",
        "districts",
        "provincias",
        "provinces",
        "regiones",
        "regions",
        "departamentos",
        "departements",
        "distrito",
        "district",
        "region",
        "province",
        "provincia",
        "state",
        "estado",
        "departamento",
        "department",
        "departement",
        "county",
        "oblast",
        "comuna",
        "municipio",
        "canton",
    }
)
_OF = frozenset({"de", "del", "do", "da", "du", "des", "of", "d"})


def _a_gang_name(following: str) -> bool:
    """The place's name starts a gang's: "the Sinaloa Cartel" (written as a name; "Mexican
    cartels" are Mexican)."""
    return following[:1].isupper() and following.lower() in {"cartel", "cartels"}


def _after_region_word(words: tuple[str, ...], index: int) -> bool:
    """The words before position `index` name a region: "distrito de", "province of"."""
    before = [w for w in words[max(0, index - 2) : index] if w]
    return len(before) == 2 and before[1] in _OF and before[0] in _REGION_WORDS


def _named_as_a_place(words: tuple[str, ...], index: int) -> bool:
    """The words before position `index` say a place is named there: a preposition of place,
    maybe with an article ("en la Araucanía"). (After a word for a region, "comuna de
    Independencia", the region may be of any country: only context decides.)"""
    before = [w for w in words[max(0, index - 3) : index] if w]
    if before and before[-1] in _ARTICLES:
        before.pop()
    return bool(before) and before[-1] in _LOCATIVE


def _names_a_street(words: tuple[str, ...], index: int, size: int) -> bool:
    """The place name is part of a street's, a park's or a building's name: "Cuba Street",
    "Ludwell Valley Park", "rue de Paris", "улица Кубы"."""
    after = words[index + size] if index + size < len(words) else ""
    before = words[index - 1] if index else ""
    before2 = words[index - 2] if index > 1 else ""
    before3 = words[index - 3] if index > 2 else ""
    of = {"de", "d", "do", "da", "del", "du", "des", "of"}  # "d" as in "avenue d'Italie"
    return (
        after in PLACE_NAMED_AFTER
        # a bank named after its home: "Punjab National Bank"
        or (after == "national" and _word_at(words, index + size + 1) == "bank")
        # a company named after a place: "Panamá Atlántico Holdings Corp."
        or after in COMPANY_WORDS
        or _word_at(words, index + size + 1) in COMPANY_WORDS
        # a ship's name after M/T or M/V ("the oil tanker M/T Tunis Glory")
        or (before in {"t", "v"} and before2 == "m")
        # "Puente Internacional Colombia"
        or (before == "internacional" and before2 in PLACE_NAMED_BEFORE)
        or before in PLACE_NAMED_BEFORE | NAMED_RIGHT_BEFORE
        or (before in of and before2 in PLACE_NAMED_BEFORE | NAMED_AFTER_A_PLACE)
        or (before in {"la", "l"} and before2 in of and before3 in PLACE_NAMED_BEFORE)
        # "calles República de Chile y República de Argentina": streets named after a country
        or (before in of and before2 == "republica" and before3 in PLACE_NAMED_BEFORE)
    )


def _a_surname_here(written: tuple[str, ...], words: tuple[str, ...], index: int) -> bool:
    """A city's name that is a surname, after a capitalized name: "Federico Ibarra Lagos"."""
    if index < 1 or words[index] not in SURNAME_CITIES:
        return False
    before = written[index - 1]
    if (
        before in {"de", "da", "do", "dos", "das"}
        and index >= 2
        and words[index] in PARTICLE_SURNAME_CITIES
    ):
        before = written[index - 2]  # "Ricardo de Albuquerque" (not "FBI de Albuquerque")
        if before.isupper():
            return False
    return _is_capitalized(before) and before.lower() not in _SENTENCE_STARTS | _LOCATIVE


def _a_village_named(words: tuple[str, ...], index: int) -> bool:
    """A village named like a country or a big city: "le village de Montréal" (Aude)."""
    before = words[index - 1] if index else ""
    before2 = words[index - 2] if index > 1 else ""
    return before in VILLAGE_WORDS or (
        before in {"de", "do", "da", "of"} and before2 in VILLAGE_WORDS
    )


# Capitalized words that start a sentence, not a surname ("... en Israël. Le tribunal").
_SENTENCE_STARTS = frozenset(
    {"le", "la", "les", "l", "un", "une", "il", "elle", "ils", "the", "a", "an", "he", "she"}
    | {"they", "it", "in", "on", "el", "los", "las", "o", "os", "as", "en", "em", "и", "в"}
)


def _a_surname(word: str) -> bool:
    """The word after a first name that is a country's ("Chad Whitfield") is a surname."""
    return word[:1].isupper() and word.lower() not in _SENTENCE_STARTS


def _an_initial(word: str, next_word: str = "", elided: frozenset[str] = frozenset()) -> bool:
    """A single capital letter: a person's initial after a first name ("Mauricio “N”"); not
    the start of a code ("Guatemalan H-2A workers": a letter, then digits), nor an elided
    article or preposition the text writes with an apostrophe ("d'Équateur. L'enquête")."""
    return (
        len(word) == 1
        and word.isupper()
        and word not in "AEIOUY"
        and word not in _ONE_LETTER_WORDS
        and word not in elided
        and not next_word[:1].isdigit()
    )


_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _a_persons_initial(word: str, following: str, next_word: str, elided: frozenset[str]) -> bool:
    """The place's word is a person's name before an initial ("Chad M. Smith"); in Russian
    only before two initials ("прокурор Грузин П.П."): a title's country comes before its
    holder's initial and name ("прокурор Монголии М. Энх-Амгалан")."""
    if not _an_initial(following, next_word, elided):
        return False
    return not _CYRILLIC.match(word) or (len(next_word) == 1 and next_word.isupper())


# Russian words of one letter, capitalized at a sentence's start ("... в Йоханнесбурге. В своем
# выступлении"): prepositions and conjunctions, no initials.
_ONE_LETTER_WORDS = frozenset("ВСКОУИАЯ")
# A capital letter before an apostrophe and a word: French and Italian elision ("L'enquête").
_ELIDED = re.compile(r"(?<!\w)([A-Z])['’](?=\w)")


def _elided_letters(text: str) -> frozenset[str]:
    return frozenset(_ELIDED.findall(text)) if "'" in text or "’" in text else frozenset()


def _positions(words: tuple[str, ...], wanted: set[str] | frozenset[str]) -> list[int]:
    """Where the wanted words are, in order: found with tuple.index (a few wanted words in a
    long text: far fewer steps in Python than visiting every word)."""
    found: list[int] = []
    for word in wanted:
        start = 0
        try:
            while True:
                start = words.index(word, start)
                found.append(start)
                start += 1
        except ValueError:
            pass
    found.sort()
    return found


def _word_at(words: tuple[str, ...], index: int) -> str:
    return words[index] if index < len(words) else ""


def _is_capitalized(word: str) -> bool:
    """Written as a name: a capital first letter ("Marseille", "MARSEILLE")."""
    return word[:1].isupper()


class _Phrases:
    """Phrases (folded) whose place name names something else: "rome statute" a treaty."""

    def __init__(self, written: tuple[str, ...]) -> None:
        # folded as the text is ("дуб монгольский" is read "дуб монгольскии")
        self.phrases = {tuple(fold(phrase).split()) for phrase in written}
        self.firsts = {phrase[0] for phrase in self.phrases}

    def blanked(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The words with those of the phrases blanked."""
        if not self.firsts.intersection(words):
            return words
        blanked = list(words)
        for index, word in enumerate(words):
            if word in self.firsts:
                for phrase in self.phrases:
                    if words[index : index + len(phrase)] == phrase:
                        blanked[index : index + len(phrase)] = [""] * len(phrase)
        return tuple(blanked)


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
        # Last, so that a demonym wins over a shorter reading of its words ("north korean").
        entries += _demonyms()
        self.demonym_keys = frozenset(_tokens(form) for form, _ in _demonyms())
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
        # Stems ("нигерииск\\w*") by their beginnings in a dict, the longest first: one regular
        # expression over thousands of them took a fifth of a millisecond per new word.
        self.stems: dict[str, str] = {}
        patterns = []
        for alias, code in single:
            if alias.endswith("\\w*") and not _META.search(alias[:-3]):
                self.stems.setdefault(alias[:-3], code)
            else:
                patterns.append((alias, code))
        self.stem_lengths = sorted({len(stem) for stem in self.stems}, reverse=True)
        self.single = re.compile(
            "|".join(f"(?P<s{i}>{alias})" for i, (alias, _) in enumerate(patterns))
        )
        self.single_codes = {f"s{i}": code for i, (_, code) in enumerate(patterns)}
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
        for name in CAPITALIZED_ONLY:
            if (name,) in self.exact:
                self.cities[(name,)] = self.exact.pop((name,))
        translated = _translated_country_names()
        for name, code in translated.items():
            if name not in self.exact:
                self.cities.setdefault(name, code)
        # A province named like a country ("Mali", a prefecture of Guinea) is the country.
        context, self.districts = _context_table()
        self.context = {
            name: codes
            for name, codes in context.items()
            if name not in self.exact
            and not (len(name) == 1 and name[0] in CAPITALIZED_ONLY)  # read as cities above
            # a country's translated name that is a city of another country too ("Salvador")
            and (name not in translated or name in _AMBIGUOUS_CITY_KEYS)
        }
        self.context_longest = max(len(key) for key in self.context)
        self.context_first_words = {key[0] for key in self.context}
        self.city_longest = max(len(key) for key in self.cities)
        self.city_first_words = {key[0] for key in self.cities}
        self.not_places = _Phrases(NOT_PLACES)
        self.not_regions = _Phrases(NOT_REGIONS)

    def may_begin_a_name(self, word: str) -> bool:
        """`word` (folded) may begin the name of a country, a city, a region or a province."""
        return (
            word in self.first_words
            or word in self.city_first_words
            or word in self.context_first_words
            or self._starts_multi(word)
        )

    # Words repeat across items; the regular expressions' verdict on each is remembered.
    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process, never freed anyway
    def _starts_multi(self, word: str) -> bool:
        return self.multi_start.fullmatch(word) is not None

    @lru_cache(maxsize=65536)  # noqa: B019
    def _single(self, word: str) -> str | None:
        for length in self.stem_lengths:
            if length <= len(word) and word[:length] in self.stems:
                return self.stems[word[:length]]
        match = self.single.fullmatch(word)
        return self.single_codes[match.lastgroup or ""] if match else None

    def find(
        self, text: str, written: tuple[str, ...], folded: tuple[str, ...]
    ) -> Iterator[tuple[str, str]]:
        """Places named in `text` (NFC, US datelines blanked), whose words are `written`, and
        the same folded."""
        words = self.not_places.blanked(folded)
        elided = _elided_letters(text)
        unique = set(words)
        # Only a word that starts a name, a several-word pattern or is a stem can begin a
        # mention: visit those positions only, not every word of a long text.
        starters = unique & self.first_words
        starters.update(w for w in unique if self._starts_multi(w) or self._single(w))
        resume = 0
        # The words a name of several words took ("Equatorial Guinea"): a city of the same
        # name as one of them (Guinea is read as a city, capitalized only) is not named there.
        claimed: set[int] = set()
        for index in _positions(words, starters):
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
            if found is not None and self._longer_city_here(written, words, index, found[1]):
                found = None  # "Benin City", "Sudán del Sur": the longer name, read below
            if found is not None:
                code, size = found
                following = written[index + size] if index + size < len(written) else ""
                if not (
                    (
                        index
                        and words[index - 1] in NOT_AFTER.get(code, ())
                        and word.startswith("americ")
                    )
                    or _names_a_street(words, index, size)
                    or _a_village_named(words, index)
                    or _a_surname_here(written, words, index)
                    or (index > 0 and written[index - 1] in NEW_PLACE_WORDS)
                    or (size == 1 and word in FIRST_NAMES and _a_surname(following))
                    # a person: "Argentina “M”", "Chad M. Smith" (not a Russian title's
                    # country before its holder's initial: "прокурор Монголии М. Энх-Амгалан")
                    or _a_persons_initial(
                        word, following, _word_at(written, index + size + 1), elided
                    )
                    or _a_gang_name(following)
                ):
                    yield code, " ".join(words[index : index + size])
                resume = index + size
                claimed.update(range(index, resume))
        yield from self._cities(written, words, elided, claimed)
        for match in self.written.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "._"):
                continue  # inside a word or an abbreviation: "BUSH", "a.UK"
            if text[match.end() : match.end() + 1] == "$":
                continue  # a currency: US$ 12 milhões
            yield self.written_codes[match.group(0)], match.group(0)

    def _longer_city_here(
        self, written: tuple[str, ...], words: tuple[str, ...], index: int, size: int
    ) -> bool:
        """A city's or a translated country's name longer than `size` words starts at
        `index`, written with a capital."""
        if words[index] not in self.city_first_words or not _is_capitalized(written[index]):
            return False
        longest = min(self.city_longest, len(words) - index)
        return any(words[index : index + k] in self.cities for k in range(size + 1, longest + 1))

    def _cities(
        self,
        written: tuple[str, ...],
        words: tuple[str, ...],
        elided: frozenset[str],
        claimed: set[int] | frozenset[int] = frozenset(),
    ) -> Iterator[tuple[str, str]]:
        """Cities named in the text, written with capitals: `written` are its words as
        written, `words` the same folded; not at the positions of `claimed` (words of a
        longer name already read)."""
        starters = self.city_first_words.intersection(words)
        if not starters:
            return
        resume = 0
        for index in _positions(words, starters):
            if index < resume or index in claimed:
                continue
            for size in range(min(self.city_longest, len(words) - index), 0, -1):
                key = words[index : index + size]
                if key in self.cities and _is_capitalized(written[index]):
                    # A name other countries' places have too waits for context.
                    if self.context.get(key, {self.cities[key]}) != {self.cities[key]}:
                        break
                    following = written[index + size] if index + size < len(written) else ""
                    person = size == 1 and key[0] in FIRST_NAMES and _a_surname(following)
                    if not (
                        _names_a_street(words, index, size)
                        or _a_village_named(words, index)
                        or _a_surname_here(written, words, index)
                        or (index > 0 and written[index - 1] in NEW_PLACE_WORDS)
                        or person
                        or _a_persons_initial(
                            key[0], following, _word_at(written, index + size + 1), elided
                        )
                    ):
                        yield self.cities[key], " ".join(key)
                    resume = index + size
                    break

    def context_mentions(
        self, written: tuple[str, ...], folded: tuple[str, ...]
    ) -> Iterator[tuple[frozenset[str], str, bool, frozenset[str]]]:
        """Names that need context (cities several countries have, provinces and regions),
        written with a capital and not a street's: (the countries each may mean, its words,
        whether a locative preposition comes before it: "en Misiones", and the countries
        where it is a district's chief town named as the town: "em Beja"), in a text whose
        words are `written`, and the same `folded`."""
        # "Los Lagos" is a region here, not Lagos blanked; only the Channel's phrases are.
        words = self.not_regions.blanked(folded)
        starters = self.context_first_words.intersection(words)
        if not starters:
            return
        resume = 0
        for index in _positions(words, starters):
            if index < resume:
                continue
            for size in range(min(self.context_longest, len(words) - index), 0, -1):
                key = words[index : index + size]
                if key in self.context and _is_capitalized(written[index]):
                    candidates = self.context[key]
                    town_of: frozenset[str] = frozenset()
                    if key in self.districts and not _after_region_word(words, index):
                        town_of = self.districts[key]
                        candidates -= town_of  # "em Braga": the town
                    if (
                        candidates
                        and not _names_a_street(words, index, size)
                        and not _a_gang_name(_word_at(written, index + size))
                    ):
                        yield (
                            candidates,
                            " ".join(key),
                            _named_as_a_place(words, index),
                            town_of,
                        )
                    resume = index + size
                    break


def _countries_listed(match: re.Match[str], gazetteer: _Gazetteer) -> bool:
    """A "city, State" that is two countries in a list ("Bulgaria, Georgia, Germany"), or a
    Georgian city and its country ("Batumi, Georgia"): Georgia is a state's name and a
    country's."""
    state = match.group(0)[len(match.group("city")) :].strip(" ,")
    city = _tokens(fold(match.group("city")))
    return state == "Georgia" and (city in gazetteer.exact or " ".join(city) in GEORGIAN_TOWNS)


_LIST_JOINS = r"(?:,|\band\b|\by\b|\be\b|\bet\b|\bи\b)"
# Before the name, a comma would read "Rome, Georgia" (a US town) as a list.
_LIST_JOINS_BEFORE = r"(?:\band\b|\by\b|\be\b|\bet\b|\bи\b)"


# Countries' names in English, as ISO 3166 writes them.
@lru_cache(maxsize=1)
def _country_name_keys() -> frozenset[tuple[str, ...]]:
    return frozenset(
        _tokens(fold(name))
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", None))
        if name and "," not in name
    )


_SUBDIVISION_KEYS = frozenset(
    _tokens(fold(alias))
    for aliases in SUBDIVISIONS.values()
    for alias in aliases
    if not _META.search(alias.replace("\\w", ""))
)


def _blank_two_counties(match: re.Match[str]) -> str:
    """The two counties' names blanked, unless one is a US state's."""
    if {fold(match.group(1)), fold(match.group(2))} & _us_state_names():
        return match.group(0)
    chars = list(match.group(0))
    for group in (1, 2):
        start, end = (position - match.start() for position in match.span(group))
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _listed_with_a_country(
    words: str, prepared: list[tuple[str, tuple[str, ...], tuple[str, ...]]], gazetteer: _Gazetteer
) -> bool:
    """`words` (folded) stand in a list beside another country's name, not a demonym and not
    the United States': "in Georgia and Ukraine", "Armenia, Georgia and Azerbaijan" (a name
    before it counts only with "and": "Rome, Georgia" is a US town)."""
    name = re.escape(words)
    pattern = re.compile(
        rf"(\w+(?: \w+)?)\s*{_LIST_JOINS_BEFORE}\s*(?:the\s+)?{name}\b"
        rf"|\b{name}\s*{_LIST_JOINS}\s*(?:the\s+)?(\w+(?: \w+){{0,2}})"
    )
    for text, _, _ in prepared:
        for match in pattern.finditer(fold(text)):
            neighbour = _tokens(match.group(1) or match.group(2))
            for size in range(len(neighbour), 0, -1):
                key = neighbour[-size:] if match.group(1) else neighbour[:size]
                code = gazetteer.exact.get(key)
                if code and code != "us" and key not in gazetteer.demonym_keys:
                    return True
    return False


# After "Country, Region": more names of a list ("Guatemala, Chiapas y Tabasco").
_A_LIST_GOES_ON = re.compile(r"\s*(?:,|\by\b|\be\b|\bet\b|\band\b|\bpuis\b|\bи\b)\s*[A-ZÀ-ÞА-ЯЁ]")


def _towns_of_a_region(text: str, gazetteer: _Gazetteer) -> Iterator[str]:
    """Names in `text` that are a town's of another country than the one they would name:
    a town before the one country's region it is in (_TOWN_THEN_REGION), and the
    several-part names of French communes (_HYPHENED_NAME), as written."""
    if "," in text or "(" in text:
        for match in _TOWN_THEN_REGION.finditer(text):
            region = gazetteer.context.get(_tokens(fold(match.group("region"))), frozenset())
            if not region and match.group("region") in _BRAZILIAN_STATES:
                region = frozenset({"br"})  # "Filadélfia (TO)": a town of Tocantins
            town = _tokens(fold(match.group("town")))
            region_key = _tokens(fold(match.group("region")))
            if _A_LIST_GOES_ON.match(text, match.end()):
                continue  # "de Guatemala, Chiapas y Tabasco": a list, Guatemala named
            if (
                not region
                and (town in gazetteer.cities or town in gazetteer.exact)
                and region_key in _SUBDIVISION_KEYS
            ):
                # a city or a country's namesake before a region read whole ("Guadalupe,
                # Nuevo León", "Colombia, Nuevo León", "Lebanon (Ohio)"); not a city before a
                # country or a city-state ("Paris, Monaco": a list)
                named = gazetteer.exact.get(region_key)
                region = frozenset({named}) if named else frozenset()
            if len(region) != 1:
                continue
            code = gazetteer.cities.get(town) or gazetteer.exact.get(town)
            if code is None and len(gazetteer.context.get(town, ())) == 1:
                code = next(iter(gazetteer.context[town]))  # "Cáceres (MT)": not Spain's
            if region == {"br"} and code == "us" and match.group("region") in _US_AND_BR_STATES:
                continue  # "Philadelphia (PA)": Pennsylvania's as much as Pará's
            if code is not None and code not in region:
                yield match.group("town")
    if "-" in text:
        for match in _HYPHENED_NAME.finditer(text):
            words = _tokens(fold(match.group(0)))
            if (
                _NAME_JOINS.intersection(words[1:-1])
                and words not in gazetteer.exact
                and words not in gazetteer.cities
                and words not in gazetteer.context  # "Val-de-Marne", a department
            ):
                yield match.group(0)


def _us_towns(text: str, gazetteer: _Gazetteer) -> Iterator[str]:
    """The names of another country's places that `text` writes as US towns' (_US_TOWN_FRAME),
    as written: the longest end of the words before "Man" that names a city or a country
    ("Former Cairo City Treasurer": "Cairo"), never a US state's or a nationality ("Honduran
    Man")."""
    for match in _US_TOWN_FRAME.finditer(text):
        words = (match.group("lives") or match.group("town")).split()
        # before "Man", the name ends the words; after "City of", it starts them ("City of
        # Lebanon Police Department")
        names = (
            [" ".join(words[start:]) for start in range(len(words))]
            if match.group("lives")
            else [" ".join(words[:end]) for end in range(len(words), 0, -1)]
        )
        for name in names:
            if (
                match.group("town")
                and name != " ".join(words)
                and _tokens(fold(name)) not in _country_name_keys()
            ):
                # before more words, only a country's name is a US town's: "City of Lebanon
                # Police Department"; "City of London Police" is London's
                continue
            key = _tokens(fold(name))
            if name in US_STATE_ABBREVIATIONS or key in gazetteer.demonym_keys:
                break
            if (key in gazetteer.cities or key in gazetteer.exact) and (
                (*key, "city") not in gazetteer.cities  # "Mexico City Police": the capital
            ):
                yield name
                break


def _blank_a_citys_acronym(match: re.Match[str]) -> str:
    """ "(APIA)" is an agency, not Samoa's capital; "(USA)", "(GUYANA)" name countries."""
    word = match.group(1)
    if word in _COUNTRY_ACRONYMS or (fold(word),) not in _gazetteer().cities:
        return match.group(0)
    return " " * len(match.group(0))


def _mexican_dateline(text: str, context: frozenset[str]) -> re.Match[str] | None:
    """The Mexican dateline the text starts with, if any. "Mich." is Michigan in a US
    dateline: Michoacán only in a Mexican source or before a Spanish date."""
    match = _MEXICAN_DATELINE.match(text)
    if match is None:
        return None
    if match.group("state").lower() in _ABBREVIATIONS_OF_OTHER_STATES and not (
        "mx" in context or _SPANISH_DATE_AFTER.match(text, match.end())
    ):
        return None
    return match


def _region_named(town: str, prepared: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> bool:
    """The texts name the region of the town of TOWNS_BY_THEIR_REGION called `town`."""
    region = TOWNS_BY_THEIR_REGION[town][1]
    return any(not region.isdisjoint(folded) for _, _, folded in prepared)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


def countries_in(*texts: str, context: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(country code, the words that named it) for every mention in the texts. A city that a
    US dateline names ("PARIS, Texas") is the US city wherever the texts name it; a city whose
    name several countries have counts when the texts or `context` (the source's country)
    name one of them."""
    gazetteer = _gazetteer()
    texts = tuple(unicodedata.normalize("NFC", text) for text in texts)
    # "Filadélfia (TO)": the state, read before the town's name is blanked as another
    # country's namesake (below)
    states = (
        []
        if context & _PARTIES_IN_PARENTHESES and "br" not in context
        else [("br", match.group(0)) for text in texts for match in _BRAZILIAN_STATE.finditer(text)]
    )
    if "br" in context:
        states += [("br", m.group(0)) for text in texts for m in _PARTY_AND_STATE.finditer(text)]
    mexican = {
        index: match
        for index, text in enumerate(texts)
        if (match := _mexican_dateline(text, context))
    }
    # an agency's acronym in parentheses is no city: "Agency for Payments ... (APIA)"
    texts = tuple(
        _PARENTHESIZED_ACRONYM.sub(_blank_a_citys_acronym, text) if "(" in text else text
        for text in texts
    )
    states += [("mx", match.group("state")) for match in mexican.values()]
    # the dateline's town is Mexico's, whatever other country has its name ("MEDELLÍN DE
    # BRAVO"), and no US dateline's ("Morelia, Mich.")
    texts = tuple(
        " " * mexican[index].start("state") + text[mexican[index].start("state") :]
        if index in mexican
        else text
        for index, text in enumerate(texts)
    )
    states += [
        ("br", match.group(0))
        for text in texts
        if "MPF" in text
        for match in _MPF_OFFICE.finditer(text)
        if not text[max(0, match.start() - 1) : match.start()].isalnum()
    ]
    # "ALEXANDRIA, Va.", "Paris, Texas": a US city, whatever else has its name. (The search
    # for ", Va." first: the dateline's pattern tries every capitalized word.)
    datelines = [
        match
        for text in texts
        if _US_STATE_AFTER_COMMA.search(text)
        for match in _US_CITY.finditer(text)
        if not _countries_listed(match, gazetteer)
    ]
    if datelines:
        us_cities = dict.fromkeys(match.group("city") for match in datelines)  # text order
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, us_cities)) + r")(?!\w)", re.IGNORECASE
        )
        texts = tuple(pattern.sub(lambda m: " " * len(m.group(0)), text) for text in texts)
        yield from (("us", fold(city)) for city in us_cities)
    if any(
        "County" in text or "Parish" in text or "Township" in text or "ounties" in text
        for text in texts
    ):
        texts = tuple(_COUNTY.sub(lambda m: " " * len(m.group(0)), text) for text in texts)
        texts = tuple(_TWO_COUNTIES.sub(_blank_two_counties, text) for text in texts)
    # "Turkey Processing Plant" in a headline, "a turkey processing plant" in its text: a name
    # that is a word too, written as the word anywhere in the item, is the word everywhere.
    common = [
        m for text in texts if _COMMON_NOUN_QUICK.search(text) for m in _COMMON_NOUN.finditer(text)
    ]
    singular = {m.group("name") for m in common if m.group(0) == m.group("name")}
    plural = {m.group("name") for m in common} - singular
    if singular:
        pattern = re.compile(
            r"(?<!\w)(?<!new )(?:" + "|".join(map(re.escape, singular)) + r")s?(?!\w)",
            re.IGNORECASE,
        )
        texts = tuple(pattern.sub(lambda m: " " * len(m.group(0)), text) for text in texts)
    if plural:
        # "frozen turkeys" makes a headline's "Frozen Turkey" a bird, not "travel to Turkey"
        pattern = re.compile(
            r"(?<!\w)(?<!new )"
            + "".join(rf"(?<!\b{p} )" for p in _LOCATIVES_BEFORE)
            + r"(?:"
            + "|".join(map(re.escape, plural))
            + r")s?(?!\w)",
            re.IGNORECASE,
        )
        texts = tuple(pattern.sub(lambda m: " " * len(m.group(0)), text) for text in texts)
    namesakes = dict.fromkeys(
        name for text in texts for name in _towns_of_a_region(text, gazetteer)
    )
    if namesakes:
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, namesakes)) + r")(?![\w-])")
        texts = tuple(pattern.sub(lambda m: " " * len(m.group(0)), text) for text in texts)
    if "us" in context:
        towns = dict.fromkeys(town for text in texts for town in _us_towns(text, gazetteer))
        if towns:
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, towns)) + r")(?!\w)")
            texts = tuple(pattern.sub(lambda m: " " * len(m.group(0)), text) for text in texts)
    texts = tuple(
        _joined_saints_blanked(text, gazetteer) if "-S" in text else text for text in texts
    )
    prepared = []
    for text in texts:
        written = _tokens(text)
        prepared.append((text, written, _folded(written)))
    found: list[tuple[str, str]] = list(states)
    for text, written, folded in prepared:
        found.extend(gazetteer.find(text, written, folded))
        # (every prefix ends in "o": most texts have no "o-", and the pattern's lookbehind
        # would be tried at every position)
        if "o-" not in text and "O-" not in text:
            continue
        for match in _COMPOUND.finditer(text):
            second = _tokens(fold(match.group(2)))
            # only before a nationality or a country: "Franco-Rodríguez" is a surname
            if any(gazetteer.find(match.group(2), (match.group(2),), second)):
                found.append((_COMPOUND_PREFIXES[match.group(1).lower()], fold(match.group(1))))
    if any(words in TOWNS_BY_THEIR_REGION for _, words in found):
        # "Lagos" in a text that names the Algarve is the Portuguese town, not Nigeria's city
        found = [
            (code, words)
            for code, words in found
            if words not in TOWNS_BY_THEIR_REGION
            or code == TOWNS_BY_THEIR_REGION[words][0]
            or not _region_named(words, prepared)
        ]
    # France's overseas departments are France too (the sets label them both ways)
    found += [("fr", words) for code, words in found if code in _FRENCH_OVERSEAS_DEPARTMENTS]
    yield from found
    known = {code for code, _ in found} | context | ({"us"} if datelines else set())
    named = [f" {words} " for _, words in found]
    for _, written, folded in prepared:
        mentions = gazetteer.context_mentions(written, folded)
        for candidates, words, after_preposition, town_of in mentions:
            if town_of & context:
                continue  # the source's own country's town ("detido em Beja"), not Béja
            if any(f" {words} " in mention for mention in named):
                continue  # part of a name already read ("Republic of Georgia")
            if words in TOWNS_BY_THEIR_REGION and _region_named(words, prepared):
                continue  # "en Orán ... a Tucumán": the town of Salta, not Algeria's province
            chosen = [code for code in candidates if code in known]
            if len(chosen) > 1 and context & set(chosen):
                chosen = sorted(context & set(chosen))  # the source's own: "Posadas, Misiones"
            if len(chosen) == 1:
                if (words, chosen[0]) not in SMALL_NAMESAKES:
                    yield chosen[0], words
            elif (
                not chosen
                and after_preposition
                and len(candidates) == 1
                and words not in AMBIGUOUS  # "in Georgia": the state or the country
            ):
                yield next(iter(candidates)), words
            elif (
                not chosen
                and words in AMBIGUOUS
                and "us" not in known
                and len(candidates - {"us"}) == 1
                and (
                    (after_preposition and context)
                    or _listed_with_a_country(words, prepared, gazetteer)
                )
            ):
                # "na Geórgia" in a release from outside the US, "in Georgia and Ukraine" (a
                # list with another country's name), and nothing American: the country.
                yield next(iter(candidates - {"us"})), words
