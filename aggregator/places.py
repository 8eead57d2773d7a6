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

from .textmatch import fold

# cc -> extra names (folded on use); regular expressions where a plain name is not enough.
ALIASES: dict[str, tuple[str, ...]] = {
    "us": (
        "united states",
        "united states of america",
        "americans?",  # not after latin, south, north or central: see NOT_AFTER
        "washington",
        "сша",
        "соединенные штаты",
        "американ\\w*",
        "estados unidos",
        "norte-american\\w*",
        "estadounidense\\w*",
        "etats-unis",
        "americain\\w*",
    ),
    "gb": (
        "united kingdom",
        "britain",
        "great britain",
        "british",
        "england",
        "english court",
        "scotland",
        "scottish",
        "wales",
        "welsh",
        "northern ireland",
        "london",
        "великобритани\\w*",
        "британ\\w*",
        "лондон\\w*",
        "reino unido",
        "britanic\\w*",
        "royaume-uni",
        "britannique\\w*",
    ),
    "ru": (
        "russia",
        "russian",
        "moscow",
        "росси[яиюей]",
        "российск\\w*",
        "рф",
        "москв\\w*",
        "russia",
        "russo",
        "russa",
        "russos",
        "russas",
        "rusia",
        "ruso",
        "rusa",
        "russie",
        "russe\\w*",
        "kremlin",
        "кремл\\w*",
    ),
    "br": (
        "brazil",
        "brazilian",
        "brasil",
        "brasileir\\w*",
        "бразили\\w*",
        "bresil",
        "bresilien\\w*",
        "brasilen\\w*",
        "sao paulo",
        "brasilia",
        "rio de janeiro",
    ),
    "cn": (
        "china",
        "chinese",
        "beijing",
        "китай",
        "китая",
        "китайск\\w*",
        "china",
        "chines\\w*",
        "chine",
        "chinois\\w*",
        "pekin",
        "pequim",
    ),
    "in": (
        "india",
        "indian",
        "new delhi",
        "mumbai",
        "индия",
        "индии",
        "индийск\\w*",
        "india",
        "indiano",
        "indiana",
        "inde",
        "indien\\w*",
    ),
    "za": (
        "south africa",
        "south african",
        "юар",
        "южн\\w* африк\\w*",
        "africa do sul",
        "sudafrica",
        "afrique du sud",
        "sud-africain\\w*",
        "pretoria",
        "johannesburg",
    ),
    "fr": (
        "france",
        "french",
        "paris",
        "франци\\w*",
        "французск\\w*",
        "francia",
        "franca",
        "frances\\w*",
        "francais\\w*",
        "francaise\\w*",
    ),
    "de": (
        "germany",
        "german",
        "berlin",
        "германи\\w*",
        "немецк\\w*",
        "alemanha",
        "alema\\w*",
        "alemania",
        "allemagne",
        "allemand\\w*",
    ),
    "it": (
        "italy",
        "italian",
        "rome",
        "итали\\w*",
        "italia",
        "italiano",
        "italiana",
        "italie",
        "italien\\w*",
    ),
    "jp": (
        "japan",
        "japanese",
        "tokyo",
        "япони\\w*",
        "japao",
        "japon",
        "japones\\w*",
        "japonais\\w*",
    ),
    "kr": (
        "south korea",
        "republic of korea",
        "korean",
        "seoul",
        "южн\\w* корея",
        "южной кореи",
        "coreia do sul",
        "corea del sur",
        "coree du sud",
    ),
    "ca": (
        "canada",
        "canadian",
        "ottawa",
        "канад\\w*",
        "canadense\\w*",
        "canadiense\\w*",
        "canadien\\w*",
    ),
    "mx": (
        "mexico",
        "mexican",
        "мексик\\w*",
        "mexicano\\w*",
        "mexicana\\w*",
        "mexique",
        "mexicain\\w*",
    ),
    "ar": (
        "argentina",
        "argentine",
        "argentinian",
        "аргентин\\w*",
        "argentino\\w*",
        "argentina\\w*",
        "argentin\\w*",
        "buenos aires",
    ),
    "au": (
        "australia",
        "australian",
        "австрали\\w*",
        "australiano\\w*",
        "australie",
        "australien\\w*",
    ),
    "id": ("indonesia", "indonesian", "jakarta", "индонези\\w*", "indonesie"),
    "sa": (
        "saudi arabia",
        "saudi",
        "riyadh",
        "саудовск\\w*",
        "arabia saudita",
        "arabie saoudite",
        "saoudien\\w*",
    ),
    "tr": (
        "turkey",
        "turkish",
        "turkiye",
        "ankara",
        "истанбул",
        "турци\\w*",
        "turquia",
        "turquie",
        "turc",
        "turque",
    ),
    "ae": (
        "united arab emirates",
        "emirati",
        "emirates",
        "dubai",
        "abu dhabi",
        "оаэ",
        "эмират\\w*",
        "emirados arabes",
        "emiratos arabes",
        "emirats arabes",
    ),
    "ch": ("switzerland", "swiss", "швейцари\\w*", "suica", "suiza", "suisse"),
    "nl": (
        "netherlands",
        "dutch",
        "the hague",
        "нидерланд\\w*",
        "holanda",
        "paises bajos",
        "pays-bas",
        "la haye",
        "haia",
    ),
    "ua": ("ukraine", "ukrainian", "kyiv", "украин\\w*", "ucrania", "ucraniano\\w*"),
    "es": ("spain", "spanish", "madrid", "испани\\w*", "espanha", "espana", "espagne"),
    "pt": ("portugal", "portuguese", "lisbon", "португали\\w*", "lisboa", "portugues\\w*"),
    "co": ("colombia", "colombian", "bogota", "колумби\\w*", "colombiano\\w*", "colombie"),
    "cl": (
        "chile",
        "chilean",
        "santiago de chile",
        "чили",
        "chileno\\w*",
        "chilena\\w*",
        "chili",
        "chilien\\w*",
    ),
    "pe": ("peru", "peruvian", "перу", "peruano\\w*", "perou"),
    "ge": (
        "republic of georgia",
        "georgian",
        "tbilisi",
        "грузи\\w*",
        "georgia \\(country\\)",
        "georgie",
        "georgiano\\w*",
    ),
    "jo": ("jordanian", "amman", "иордани\\w*", "jordania", "jordanie", "jordaniano\\w*"),
    "ng": ("nigeria", "nigerian", "нигери\\w*"),
}
ACRONYMS: dict[str, tuple[str, ...]] = {  # matched case-sensitively on the text as written
    "us": ("US", "USA", "U.S.", "U.S.A."),
    "gb": ("UK", "U.K."),
    "ae": ("UAE", "U.A.E."),
    "ru": ("РФ",),
    "cn": ("PRC",),
    "za": ("RSA",),
}
# More countries often in the news, in ru (stems: Russian declines names), pt, es and fr.
MORE: dict[str, str] = {
    "af": "афганистан\\w*|afeganistao|afganistan",
    "sy": "сири[яиюей]|syrie|siria",
    "am": "армени[яиюей]|armenie",
    "iq": "ирак\\w*|iraque|irak",
    "ir": "иран\\w*|irao|iranian\\w*",  # not "Irã": folded, it is the word "ira" (anger)
    "il": "израил\\w*|israel\\w*",
    "eg": "египт\\w*|egito|egipto|egypte",
    "be": "бельги\\w*|belgica|belgique|belgian",
    "ma": "марокк\\w*|marrocos|marruecos|maroc|moroccan",
    "ve": "венесуэл\\w*|venezuelan\\w*|venezolan\\w*|venezuelien\\w*",
    "py": "парагва\\w*|paraguai|paraguayo\\w*",
    "uy": "уругва\\w*|uruguaio\\w*|uruguayo\\w*",
    "bo": "боливи\\w*|bolivie|boliviano\\w*",
    "ec": "эквадор\\w*|equador|equateur",
    "pa": "панам\\w*|panama",
    "kp": "north korea|кндр|северн\\w* коре\\w*|coreia do norte|corea del norte|coree du nord",
    "pl": "польш\\w*|polonia|pologne|polish",
    "ro": "румыни\\w*|romenia|rumania|roumanie|romanian",
    "gr": "греци\\w*|grecia|grece|greek",
    "at": "австри\\w*|autriche",
    "se": "швеци\\w*|suecia|suede|swedish",
    "cz": "чехи[яиюей]|czech republic|czechia|republique tcheque",
    "rs": "серби[яиюей]|servia|serbie",
    "by": "беларус\\w*|белорус\\w*|bielorrussia|bielorrusia|bielorussie",
    "kz": "казахстан\\w*|cazaquistao|kazajistan",
    "az": "азербайджан\\w*|azerbaijao",
    "uz": "узбекистан\\w*|uzbequistao",
    "kg": "киргиз\\w*|кыргыз\\w*",
    "tj": "таджикистан\\w*",
    "md": "молдов\\w*|moldavia|moldavie",
    "cu": "куб[аеуы]|cuban\\w*|cubano\\w*",
    "th": "таиланд\\w*|tailandia|thailande|thai",
    "vn": "вьетнам\\w*|vietna\\w*",
    "ph": "филиппин\\w*|filipinas|philippines|filipino\\w*",
    "pk": "пакистан\\w*|paquistao|pakistani",
    "cy": "кипр\\w*|chipre|chypre|cypriot",
    "lb": "ливан\\w*|libano|liban",
    "ly": "ливи[яиюей]|libia|libye",
    "qa": "катар\\w*|catar",
    "hk": "гонконг\\w*|hong kong",
    "sg": "сингапур\\w*|singapura|singapour",
    "nl2": "голланди\\w*|нидерланд\\w*",
    "ua2": "киев\\w*|kiev",
}
AMBIGUOUS = {"georgia", "jordan", "reunion"}  # names that mean something else too


# A match is dropped when the word before it is one of these (Latin American, South African).
NOT_AFTER = {"us": {"latin", "south", "north", "central"}}
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
