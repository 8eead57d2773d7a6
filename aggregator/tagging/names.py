"""Names are not topics: agency, office, unit, operation and programme names whose words are
topic words ("Serious Fraud Office", "Parquet national antiterroriste", "Operation Thunder",
forum «Уроки Нюрнберга») are blanked out of the text rules read, so that a term never counts
inside a name. The names shipped in data/names.txt, with feeds.yaml's `tagging: {names:}`
added; operation names are found by their pattern. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from aggregator.terms.folding import fold

_QUOTED = r"«[^»]{1,60}»|\"[^\"]{1,60}\"|“[^”]{1,60}”|„[^“]{1,60}“|'[^']{1,60}'|‘[^’]{1,60}’"
_CAPITAL = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_QUOTED_NAME = (
    rf"«\s?[{_CAPITAL}][^»]{{0,59}}»|\"[{_CAPITAL}][^\"]{{0,59}}\"|“[{_CAPITAL}][^”]{{0,59}}”"
    rf"|„[{_CAPITAL}][^“]{{0,59}}“|'[{_CAPITAL}][^']{{0,59}}'|‘[{_CAPITAL}][^’]{{0,59}}’"
)
# Not "УК": the criminal code's offence names follow it in quotes (ст. 290 УК «Получение
# взятки»).
_LEGAL_FORMS = (
    "ООО",
    "ОАО",
    "ЗАО",
    "ПАО",
    "АО",
    "ИП",
    "ФГБУ",
    "ФГУП",
    "ФКУ",
    "МУП",
    "ГУП",
    "АНО",
    "ГБУ",
    "ГКУ",
    "МБУ",
    "МКУ",
    "ТСЖ",
    "СНТ",
    "КФХ",
)
# "Operation Thunder", «операция "Картель"», "Operação Lava Jato", "Opération Mare Nostrum": the
# word for an operation, then a quoted name or up to four capitalized words; and a case, an
# investigation, a forum, a ship or a station with a quoted name ("Investigation 'Cuba'",
# «дело "Омега"», the tanker «Норвегия»).
_OPERATION = re.compile(
    r"(?<!\w)(?:(?:[Oo]peration|[Oo]peração|[Oo]peracao|[Oo]peración|[Oo]peracion|[Oo]pération"
    r"|[Oo]perazione|[Оо]перац\w*|[Oo]p\.|[Cc]ode-?named|[Cc]odenamed)\s+"
    rf"(?:{_QUOTED}"
    r"|(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*)(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*|\d+)){0,3})"
    r"|(?:[Ii]nvestigation|[Ii]nvestigação|[Ii]nvestigación|[Ee]nquête|[Cc]ase|[Cc]aso"
    r"|[Aa]ffaire|[Дд]ел\w*|[Фф]орум\w*|[Ff]orum|[Cc]ode-?named|[Cc]ode name"
    # Ships and stations named after places: the tanker «Норвегия», metro «Китай-город».
    r"|[Тт]анкер\w*|[Сс]удн\w*|[Тт]еплоход\w*|[Сс]ухогруз\w*|[Мм]етро|[Ss]hip|[Vv]essel"
    r"|[Tt]anker|[Nn]avire|[Pp]orte-conteneurs|[Bb]uque|[Nn]avio|[Nn]ave|[Ss]tation|[Gg]are"
    r"|[Vv]raquier|[Pp][ée]trolier|[Ff]reighter|[Bb]ulk carrier|[Gg]ranelero|[Gg]raneleiro"
    r"|[Pp]etroleiro|[Pp]etrolero|[Cc]argo(?=\s+«)|[Bb]uque-?tanque|[Cc]arguero|[Cc]argueiro"
    r"|[Pp]ortacontenedores|[Pp]orta-contentores"
    r"|[Ll]ancha|[Bb]arco|[Pp]esquero|[Кк]раболов\w*|[Тт]раулер\w*|[Сс]ейнер\w*"
    r"|[Ee]staci[oó]n|[Ee]sta[cç][aã]o|[Гг]остиниц\w*|[Оо]тел\w*|[Hh]otel"
    # Restaurants, cafés and shopping centres: the restaurant «Прага», the café "Paris".
    r"|[Рр]есторан\w*|[Кк]афе|[Кк]инотеатр\w*|ТЦ|ТРЦ|[Rr]estaurant\w*|[Cc]af[ée]"
    # a product named: the sauce «Чили острый»; a radio station, a TV channel, a newspaper:
    # «Эхо Москвы»
    r"|[Сс]оус\w*|[Рр]адиостанци\w*|[Рр]адио|[Тт]елеканал\w*|[Гг]азет\w*"
    # a firm named: «МММ-биткоин»
    r"|[Фф]ирм\w*|[Кк]омпани\w*)\s+"
    # what kind of ship, between the word and the name: "o navio de carga «Estrela de Tânger»"
    r"(?:(?:de|da|do|del)\s+(?:carga|pesca|passageiros|pasajeros|recreio|recreo|guerra"
    r"|cruzeiro|crucero|apoio|abastecimiento)\s+)?"
    rf"(?:{_QUOTED})"
    # an investigation named: "Baptisée « Panama », l'enquête", "l'enquête, baptisée « X »"
    r"|(?:[Bb]aptis[ée]e?s?|[Dd][ée]nomm[ée]e?s?|[Bb]autizad[oa]s?|[Dd]enominad[oa]s?|[Dd]ubbed)"
    rf"\s+(?:{_QUOTED_NAME})(?=\s*,?\s*(?:l'|la |le |a |o |the |an )?"
    r"(?:enqu[êe]te|op[ée]ration|investigaci[oó]n|operaci[oó]n|investiga[cç][aã]o|opera[cç][aã]o"
    r"|investigation|operation|affaire|caso)\b)"
    r"|(?<=[Ee]nquête, )(?:baptis[ée]e?|dénommée)\s+(?:«[^»]{1,60}»)"
    r"|(?<=[Oo]pération )(?:baptis[ée]e?|dénommée)\s+(?:«[^»]{1,60}»)"
    r"|(?<=[Oo]peration )(?:dubbed|named|codenamed)\s+(?:\"[^\"]{1,60}\"|“[^”]{1,60}”)"
    # Night clubs and bars: the discothèque « Le Cartel », the bar "El Cartel"; a name starts
    # with a capital (the club "was used to launder money" is speech).
    r"|(?:[Dd]iscoth[èe]que|[Bb]o[iî]te de nuit|[Nn]ight ?club|[Cc]lub|[Bb]ar|[Dd]iscoteca"
    r"|[Bb]oate|[Бб]ар|[Кк]луб\w*|[Дд]искотек\w*)\s+"
    rf"(?:{_QUOTED_NAME})"
    # English ships named without quotes: "the tanker Lisbon Trader", "M/V Ocean Star"; a name
    # of two words or more after an article or a preposition, not starting with a word a
    # headline goes on with, so that "a tanker Iran seized" and a title's "Tanker Seized Off
    # Iran" keep their words.
    r"|(?i:the|a|an|oil|chemical|cargo|crude|from|aboard|of)\s+(?:[Tt]anker|[Vv]essel|[Ff]reighter"
    r"|[Bb]ulk [Cc]arrier|[Cc]ontainer [Ss]hip)\s+(?:M/[VT]\s+[A-Z][\w'’-]*|"
    r"(?!(?:In|On|At|Off|From|Near|With|Was|Is|Carrying|Seized|Boarded|Bound|Sailing|Flagged"
    r"|Registered|Owned|Operated|And|Or|To|For|By|Sanctions?|Operator|Owner|Crew)\b)"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,2})"
    r"|M/[VT]\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
    # a road named after the cities it joins: «автодороги М5 "Москва – Челябинск"»
    rf"|(?:[Аа]втодорог\w*|[Тт]расс\w*)\s+(?:[МРАЕMPAE]-?\d+\s+)?(?:{_QUOTED})"
    r")"
)

# The quoted name of a Russian company or public body after its legal form: ООО «Блокчейн
# Девелопмент», ФГБУ «Заповедное Подлеморье». Its words are no topic; the legal form stays (the
# rules read "ООО" as a private company's) and the gazetteer still reads it (ФКУ «ИК-6 УФСИН
# России по Челябинской области» names Russia).
_COMPANY = re.compile(
    "(?:" + "|".join(rf"(?<=(?<!\w){form}\s)" for form in _LEGAL_FORMS) + rf")(?:{_QUOTED_NAME})"
)

_WORDS = re.compile(r"\w+")
PREFIX = 4
# A text can hold an operation's, a case's or a ship's name only if it has a quotation mark or
# the word for an operation (the other kinds need a quoted name).
_QUOTES = frozenset("«\"“„'‘")
_OPERATION_WORDS = (
    "opera",
    "opéra",
    "операц",
    "op.",
    "code-named",
    "codenamed",
    "tanker",
    "vessel",
    "freighter",
    "bulk carrier",
    "container ship",
    "m/v",
    "m/t",
)


@lru_cache(maxsize=16)
def _word_set(folded: str) -> frozenset[str]:
    """The words of a folded text: kept for the few texts at hand, since the names of one
    text are looked for several times (for the rules, for the places)."""
    return frozenset(_WORDS.findall(folded))


@lru_cache(maxsize=16)
def _may_name_an_operation(original: str) -> bool:
    """(Kept for the few texts at hand: a text is asked for the rules and for the places.)"""
    if any(quote in original for quote in _QUOTES):
        return True
    lowered = original.lower()
    return any(word in lowered for word in _OPERATION_WORDS)


# A names.txt line so marked is a place's name whose words are topic words ("place: Côte
# d'Ivoire", ivory): blanked for the rules, kept for the gazetteer.
PLACE_MARK = "place:"


@dataclass(frozen=True, slots=True)
class Names:
    """The names of a config, compiled: one alternation over their folded forms (`pattern`),
    and one over those that are not places (`non_places`, for the gazetteer)."""

    pattern: re.Pattern[str] | None
    non_places: re.Pattern[str] | None = None
    folded: frozenset[str] = frozenset()
    # Words a text must have for a name to be in it, so that the alternation (slow: every
    # position of the text tries every name) runs only over texts that may hold one: a
    # name's first word -> the second words it may have after it ("" when the name has one
    # word); and the first PREFIX letters of the names whose first word is a declined
    # Russian stem ("управлени..."), for texts that are not ASCII.
    entry_words: Mapping[str, frozenset[str]] = field(default_factory=dict, hash=False)
    stem_prefixes: frozenset[str] = frozenset()
    always: bool = False  # a name with no word to look for: every text may hold it

    def may_hold_a_name(self, folded: str) -> bool:
        if self.always:
            return True
        words = _word_set(folded)
        for first in self.entry_words.keys() & words:
            seconds = self.entry_words[first]
            if "" in seconds or not seconds.isdisjoint(words):
                return True
        if self.stem_prefixes and not folded.isascii():
            return not self.stem_prefixes.isdisjoint({word[:PREFIX] for word in words})
        return False

    def spans(self, folded: str) -> list[tuple[int, int]]:
        if self.pattern is None or not folded or not self.may_hold_a_name(folded):
            return []
        return [match.span() for match in self.pattern.finditer(folded)]

    def non_place_spans(self, folded: str) -> list[tuple[int, int]]:
        if self.non_places is None or not folded or not self.may_hold_a_name(folded):
            return []
        return [match.span() for match in self.non_places.finditer(folded)]

    def is_name(self, folded_term: str) -> bool:
        """The term is itself a whole name ("Computer Fraud and Abuse Act"): a rule may count
        it as evidence although its words do not count inside it."""
        return folded_term in self.folded


def shipped_names() -> tuple[str, ...]:
    """The shipped names as written, place names with their mark."""
    text = resources.files("aggregator.tagging").joinpath("data/names.txt").read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _alternation(names: set[str]) -> re.Pattern[str] | None:
    ordered = sorted((name for name in names if name), key=len, reverse=True)
    if not ordered:
        return None
    body = "|".join(r"[\s\-]+".join(map(_word, name.split())) for name in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


@lru_cache(maxsize=8)
def compile_names(extra: tuple[str, ...] = ()) -> Names:
    every: set[str] = set()
    places: set[str] = set()
    for line in (*shipped_names(), *extra):
        is_place = line.startswith(PLACE_MARK)
        name = fold(line.removeprefix(PLACE_MARK) if is_place else line).strip()
        every.add(name)
        if is_place:
            places.add(name)
    entry: dict[str, set[str]] = {}
    stems: set[str] = set()
    always = False
    for name in every - {""}:
        keys = [_entry_key(word) for word in name.split()[:2]]
        first, stem = keys[0]
        if stem:
            if len(first) < PREFIX:
                always = True
            stems.add(first[:PREFIX])
        elif not first:
            always = True
        else:
            second, second_is_stem = keys[1] if len(keys) > 1 else ("", False)
            # A declined second word is looked for as its first word only.
            entry.setdefault(first, set()).add("" if second_is_stem else second)
    return Names(
        _alternation(every),
        _alternation(every - places),
        frozenset(every - {""}),
        {first: frozenset(seconds) for first, seconds in entry.items()},
        frozenset(stems),
        always,
    )


def _entry_key(word: str) -> tuple[str, bool]:
    """The characters a match of the name's word starts with, and whether more may follow
    them in the same text word (a declined Russian stem, see `_word`). A word written with
    a sign ("d'ivoire") gives its first run of word characters, a text word of its own."""
    stem = len(word) >= 6 and re.search("[а-я]", word) is not None
    if stem:
        word = word[:-2]
    match = _WORDS.match(word)
    run = match.group(0) if match else ""
    return run, stem and run == word


def _word(word: str) -> str:
    """A name's word as a pattern; Russian words declined ("управления" for "управление"): a
    long Cyrillic word matches any ending after its stem."""
    bare = word.rstrip(",.;:")
    if len(bare) >= 6 and re.search("[а-я]", bare):
        # the stem, then any ending, then the punctuation the name has there ("безопасности,")
        pattern = re.escape(bare[:-2]) + r"\w*" + re.escape(word[len(bare) :])
    else:
        pattern = re.escape(word)
    # A hyphen inside a name's word is also written as a space ("Anti Corruption Branch").
    return pattern.replace(r"\-", r"[\s\-]+")


def operation_names(original: str) -> list[str]:
    """The operation names of a text as written ("Operation Thunder")."""
    if not _may_name_an_operation(original):
        return []
    return [match.group(0) for match in _OPERATION.finditer(original)]


# Businesses named after a place, capitalized: "the Istanbul Grill", "Singapour Négoce",
# "Moçambique Confeções", "Algarve Rénovation" (a London takeaway and kebab shops from Turkey
# keep their places). The business's word is looked for first (a few literal words), then the
# one or two capitalized words before it.
# Words of a shop's or a firm's name, not of a headline's Title Case ("Cocaine Import",
# "Insider Trading" are no businesses).
_BUSINESS_WORDS = (
    "Grill",
    "Kebab",
    "Pizzeria",
    "Takeaway",
    "Négoce",
    "Confeções",
    "Confecções",
    "Rénovation",
)
_BUSINESS_WORD = re.compile(r"(?<=\s)(?:" + "|".join(_BUSINESS_WORDS) + r")\b")
_BUSINESS_NAME_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?\s+$")


def business_names(original: str) -> list[str]:
    """The capitalized names of businesses named after a place, as written."""
    found: list[str] = []
    # (The words looked for first: the pattern starts with a lookbehind, which is tried at
    # every position of a text.)
    if not any(word in original for word in _BUSINESS_WORDS):
        return found
    for match in _BUSINESS_WORD.finditer(original):
        before = _BUSINESS_NAME_BEFORE.search(original, max(0, match.start() - 60), match.start())
        if before:
            found.append(original[before.start() : match.end()])
    return found


# Spanish and Portuguese units named after the offences they pursue, written with capitals:
# "Unidad Fiscal Especializada en Cibercrimen", "Fiscalía de Estupefacientes", "Unidad Fiscal de
# Usurpaciones, Estafas y Cibercriminalidad", "Câmara de Combate à Corrupção". Their offence
# words are no topic of the item (names are not topics); written in lower case, the same words
# are the office's work and count. English is left out: its headlines capitalize every word.
_UNIT_HEADS = (
    "Unidad",
    "Unidades",
    "Unidade",
    "Fiscalía",
    "Fiscalia",
    "Fiscalías",
    "Procuraduría",
    "Subprocuraduría",
    "Procuradoria",
    "Promotoria",
    "Brigada",
    "Dirección",
    "División",
    "Divisão",
    "Sección",
    "Coordenadoria",
    "Delegacia",
    "Câmara",
    "Câmaras",
)
_UNIT_CAPITAL = "A-ZÁÉÍÓÚÑÂÊÔÃÕÇÀ"
# A word of a unit's subject: capitalized, not an acronym (INTERPOL, PCC, DEA are bodies and
# gangs of their own), not an international police body named beside the unit.
_UNIT_WORD = (
    r"(?!(?:Interpol|Europol|Eurojust|Ameripol|Afripol)\b)"
    rf"[{_UNIT_CAPITAL}][a-záéíóúñâêôãõçàü][\w-]*"
)
# One part of the subject: a word, or two ("Meio Ambiente", "Delitos Económicos"), or "Combate
# à Corrupção"; a headline in Title Case runs on no further than that ("Fiscalía de Chile
# Investiga Red de Narcotráfico": the name ends at "Investiga").
_UNIT_PART = (
    rf"(?:(?:Combate|Repressão|Represión|Lucha)\s+(?:a|à|ao|al|contra)\s+(?:la\s+|el\s+)?{_UNIT_WORD}"
    rf"|{_UNIT_WORD}(?:\s+{_UNIT_WORD})?)"
)
# What follows a unit's head word: its capitalized qualifiers ("Fiscal Especializada"), a
# preposition, and the parts of its subject, joined by "y", "e" and "de" ("Delitos Económicos y
# Anticorrupción", "Investigación de Ciberdelitos"), or listed with commas up to a last "y"
# ("Usurpaciones, Estafas y Cibercriminalidad"). Not by "contra", "en" or "a": another body or
# a case follows those ("la Fiscalía de Chile contra el Tren de Aragua").
_UNIT_REST = re.compile(
    rf"(?:\s+[{_UNIT_CAPITAL}]\w+){{0,3}},?\s+(?:(?:e|y)\s+)?(?:en|de|contra|para|sobre|da|do|à|ao|no|na)\s+"
    r"(?:(?:la|las|los|el|a|as|o|os|materia de)\s+)?"
    rf"{_UNIT_PART}"
    rf"(?:\s+(?:(?:y|e)(?:\s+(?:de|del|da|do))?|de|del|da|do|das|dos)"
    rf"(?:\s+(?:la|las|los|el|a|o|as|os))?\s+{_UNIT_PART}"
    # (a comma list read whole, a few parts at most: no part is read twice, whatever the text)
    rf"|(?:,\s*{_UNIT_PART}){{1,8}}\s+(?:y|e)\s+{_UNIT_PART}){{0,8}}"
)


def unit_names(original: str) -> list[str]:
    """The capitalized names of Spanish and Portuguese units named after offences, as written."""
    found: list[str] = []
    for head in _UNIT_HEADS:
        start = original.find(head)
        while start != -1:
            if start == 0 or not original[start - 1].isalnum():
                match = _UNIT_REST.match(original, start + len(head))
                if match:
                    found.append(original[start : match.end()])
            start = original.find(head, start + len(head))
    return found


def company_names(original: str) -> list[str]:
    """The quoted company names of a text as written (ООО «Вектор»): names for the rules."""
    if "«" not in original and '"' not in original and "“" not in original:
        return []
    return [match.group(0) for match in _COMPANY.finditer(original)]


def blank_names_written(original: str, names: Names, *, keep_places: bool = True) -> str:
    """The text as written with every name blanked, for the gazetteer (which needs the capitals
    of the text as written: a place inside a name, "Uroki Nyurnberga", "Operation Cuba", is
    not a place the item is about; names that are places are kept for it) and for the rules'
    regular expressions (`keep_places=False`: every name blanked, companies' too)."""
    folded = fold(original)
    blanked = list(original)
    if len(folded) == len(original):  # folding kept every position: spans carry over
        spans = names.non_place_spans(folded) if keep_places else names.spans(folded)
        for start, end in spans:
            blanked[start:end] = " " * (end - start)
    text = "".join(blanked)
    for business in business_names(text):
        text = text.replace(business, " " * len(business))
    if not keep_places:
        for company in (*company_names(text), *unit_names(text)):
            text = text.replace(company, " " * len(company))
    if not _may_name_an_operation(text):
        return text
    for match in _OPERATION.finditer(text):
        start, end = match.span()
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def without_names(original: str, folded: str, names: Names) -> tuple[str, list[str]]:
    """The folded text with every name blanked (spaces of the same length, so positions and
    word boundaries stay), and the names found, as they read folded."""
    spans = names.spans(folded)
    operations = [
        fold(name)
        for name in (
            *operation_names(original),
            *company_names(original),
            *business_names(original),
            *unit_names(original),
        )
    ]
    if not spans and not operations:
        return folded, []
    found = [folded[start:end] for start, end in spans]
    blanked = list(folded)
    for start, end in spans:
        blanked[start:end] = " " * (end - start)
    text = "".join(blanked)
    for name in operations:
        if name and name in text:
            text = text.replace(name, " " * len(name))
            found.append(name)
    return text, found
