"""Statute citations in prosecutors' releases, for `law:` rule terms.

Prosecution services name the law they charge under, often instead of the offence: a Russian
prosecutor's release says "по ч. 4 ст. 159 УК РФ" (fraud) and may never say "мошенничество"; the
CBI writes "Section 420 of IPC and Section 13(2) of the PC Act"; the MPF "Lei 9.613/98"; the DOJ
"18 U.S.C. § 1956(h)". A `law:` term names such a provision and matches every way it is cited.

Terms (the `law:` prefix removed; case, dots and accents do not matter):
- `18 USC 1956`: a section of a title of the United States Code. Matches "18 U.S.C. § 1956(h)",
  "18 U.S.C. §§ 1343 and 1956", "Title 18, United States Code, Section 1956".
- `УК РФ 159`, `CP 171`, `IPC 420`, `BNS 318`, `PC Act 13`, `IT Act 66`: an article (section)
  of a code, cited by number next to the code's name: Russia's Criminal Code (УК РФ, "Уголовного
  кодекса Российской Федерации"); a criminal code called Código Penal, code pénal or CP (whose
  country's is for the rule's `where: {country: ...}` to say: their numbers differ); India's
  Penal Code, Bharatiya Nyaya Sanhita, Prevention of Corruption Act and Information Technology Act.
  Matches "ч. 3 ст. 30, п. «а» ч. 4 ст. 228.1 УК РФ" (articles 30 and 228.1, not the parts),
  "art. 171, § 3º, do CP", "articles 222-34 à 222-39 du code pénal" (each article of the range),
  "Sections 120-B read with 420 of IPC".
- `Lei 9.613`, `Ley 20.000`, `Loi 2016-1691`, optionally with a year (`Ley 10/2010`): a numbered
  law. Matches "Lei nº 9.613/98", "Ley N° 20.000", "ley 20000".
A number ending in `*` also matches its sub-articles (`159*`: 159, 159.1 ... 159.6); several
numbers may share one term: `law:УК РФ 174, 174.1`.

Pure: citations are read from the folded text (textmatch.fold: casefolded, accents removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aggregator.terms.folding import fold


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited provision: `code` as in LAW_CODES (or "<title> usc"), `number` normalized
    (lowercase, no spaces: "159.1", "313-1", "149a" for 149-A, "570bis"; laws: digits or
    "2016-1691")."""

    code: str
    number: str
    year: str | None = None  # laws only: the last two digits of the year, when cited


@dataclass(frozen=True, slots=True)
class LawTerm:
    code: str
    numbers: tuple[str, ...]
    prefixes: tuple[bool, ...]
    year: str | None
    display: str  # how explain shows the code: "УК РФ", "18 USC", "Lei"

    def hits(self, cited: frozenset[Citation]) -> list[str]:
        found = []
        for citation in sorted(cited, key=lambda c: (c.code, c.number)):
            if citation.code != self.code:
                continue
            if self.year is not None and citation.year != self.year:
                continue
            if any(
                _same_or_under(citation.number, number, prefix)
                for number, prefix in zip(self.numbers, self.prefixes, strict=True)
            ):
                found.append(f"{self.display} {citation.number}")
        return found


def _same_or_under(cited: str, number: str, prefix: bool) -> bool:
    if cited == number:
        return True
    return prefix and cited.startswith(number) and cited[len(number)] in ".-"


# A code's names in folded text -> the code of terms. Checked longest first.
CODE_NAMES: dict[str, tuple[str, ...]] = {
    "ук рф": (
        "ук рф",
        "ук российскои федерации",
        "уголовного кодекса рф",
        "уголовного кодекса российскои федерации",
        "уголовныи кодекс рф",
        "уголовныи кодекс российскои федерации",
        "ук россии",
        "уголовного кодекса россии",
    ),
    "cp": (
        "codigo penal",
        "code penal",
        "cp",
        "c. pen.",
        "c. penal",
        "criminal code",
        "code criminel",
    ),
    "ipc": ("ipc", "indian penal code", "i.p.c."),
    "bns": ("bns", "bharatiya nyaya sanhita"),
    "pc act": ("pc act", "p.c. act", "prevention of corruption act"),
    "it act": ("it act", "i.t. act", "information technology act"),
}
TERM_CODES = {
    "укрф": "ук рф",
    "cp": "cp",
    "ipc": "ipc",
    "bns": "bns",
    "pcact": "pc act",
    "itact": "it act",
}
DISPLAY = {
    "ук рф": "УК РФ",
    "cp": "CP",
    "ipc": "IPC",
    "bns": "BNS",
    "pc act": "PC Act",
    "it act": "IT Act",
}


class LawTermError(ValueError):
    pass


_TERM_NUMBER = re.compile(
    r"^\d+[a-z]{0,2}(?:[.\-]\d+[a-z]?)*(?:-[a-z])?(?:bis|ter|quater|quinquies)?\*?$"
)
_USC_TERM = re.compile(r"^(\d{1,2})\s*u\.?s\.?c\.?\s+(.+)$")
_LAW_TERM = re.compile(r"^(lei|ley|loi)\s+([\d.\-]+?)(?:/(\d{2,4}))?$")


def parse_law_term(text: str) -> LawTerm:
    """A `law:` term without its prefix; LawTermError says what is wrong."""
    folded = " ".join(fold(text).split())
    usc = _USC_TERM.match(folded)
    if usc:
        return _term(f"{int(usc[1])} usc", usc[2], f"{int(usc[1])} USC", None, text)
    law = _LAW_TERM.match(folded)
    if law:
        number = _law_number(law[2])
        return LawTerm(law[1], (number,), (False,), _year(law[3]), law[1].capitalize())
    for spelled, code in sorted(TERM_CODES.items(), key=lambda kv: -len(kv[0])):
        squeezed = folded.replace(" ", "")
        if squeezed.startswith(spelled):
            rest = folded[len(_spelled_prefix(folded, spelled)) :]
            return _term(code, rest, DISPLAY[code], None, text)
    raise LawTermError(
        f'unknown code in "law:{text}": write "<title> USC <section>" (18 USC 1956), '
        '"УК РФ <article>", "CP <article>", "IPC", "BNS", "PC Act" or "IT Act" <section>, '
        'or "Lei", "Ley" or "Loi" <number>'
    )


def _spelled_prefix(folded: str, spelled: str) -> str:
    """The part of `folded` that spells `spelled` with its spaces ("pc act" for "pcact")."""
    taken = 0
    for index, char in enumerate(folded):
        if char != " ":
            taken += 1
        if taken == len(spelled):
            return folded[: index + 1]
    return folded


def _term(code: str, numbers: str, display: str, year: str | None, text: str) -> LawTerm:
    parts = [part.replace(" ", "").lstrip("§") for part in numbers.split(",")]
    if not parts or any(not _TERM_NUMBER.match(part) for part in parts):
        raise LawTermError(
            f'bad article number in "law:{text}": write numbers such as 159, 159.1, 313-1, '
            "149-A or 570 bis, separated by commas; a trailing * takes sub-articles too"
        )
    return LawTerm(
        code,
        tuple(_article(part.rstrip("*")) for part in parts),
        tuple(part.endswith("*") for part in parts),
        year,
        display,
    )


def _law_number(number: str) -> str:
    return number.replace(".", "") if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number) else number


def _year(year: str | None) -> str | None:
    return year[-2:] if year else None


# --- reading citations -------------------------------------------------------------------

_SECTION = r"\d+(?!\d)[a-z]{0,2}(?:-\d+)?(?!\s*u\.?\s?s\.?\s?c)(?:\s*\([0-9a-z]{1,4}\))*"
_USC = re.compile(
    r"(?<!\w)(?:(\d{1,2})\s*u\.?\s?s\.?\s?c\.?(?:\s?a\.?)?(?!\w)\s*(?:§§?|sections?|secs?\.)?"
    r"|title\s+(\d{1,2}),?\s+(?:of\s+the\s+)?(?:united\s+states|u\.\s?s\.)\s+code,?\s*"
    r"(?:§§?|sections?|secs?\.))"
    rf"\s*({_SECTION}(?:(?:\s*(?:,|;|&|\band\b|\bor\b))+\s*(?:§\s*)?"
    rf"(?:{_SECTION}|(?:\([0-9a-z]{{1,4}}\)\s*)+))*)"
)
_USC_SECTION = re.compile(r"(?<![\w(])\d+[a-z]{0,2}(?:-\d+)?(?![\w)])")

_LAW = re.compile(
    r"(?<!\w)(lei|ley|loi)\s+(?:federal\s+|organica\s+|complementar\s+)?"
    r"(?:(?:n\.?\s*[°o]?\.?|no\.?|numero)\s*)?(\d{1,3}(?:\.\d{3})+|\d{4}-\d+|\d+)(?!\w)"
    r"(?:\s*/\s*(\d{4}|\d{2})(?!\d))?"
)

_ARTICLE_MARK = (
    r"ст\.|стать\w*|статеи|art\.|arts\.|artigos?|articulos?|articles?|art|arts"
    r"|sections?|secs?\.|sec|u/s|s\."
)
_PART_MARK = (
    r"ч\.|част\w*|п\.|пп\.|пункт\w*|подпункт\w*|абз\.|абзац\w*|§+|paragrafo|parrafo"
    r"|inciso|incisos|numero|n°|no\.|al\.|alinea|apartado|letra"
)
# Words that may stand between the numbers of one citation and the code's name.
_CONNECTORS = frozenset(
    [
        "и",
        "или",
        "с",
        "в",
        "ред",
        ",",
        "e",
        "y",
        "et",
        "ou",
        "o",
        "a",
        "c/c",
        "combinado",
        "com",
        "do",
        "da",
        "de",
        "del",
        "du",
        "des",
        "la",
        "le",
        "el",
        "the",
        "of",
        "with",
        "read",
        "r/w",
        "and",
        "to",
        "caput",
        "bis",
        "ter",
        "quater",
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "vi",
        "vii",
        "viii",
        "ix",
        "x",
    ]
)
_TOKEN = re.compile(
    r"(?P<space>\s+)"
    rf"|(?P<art>(?<!\w)(?:{_ARTICLE_MARK})(?!\w))"
    rf"|(?P<part>(?<!\w)(?:{_PART_MARK})(?=[\s\d]|$))"
    r"|(?P<num>\d+(?:[.\-]\d+)*(?:\.?[o°](?!\w)|-?[a-z](?!\w))?"
    r"(?:\s?(?:bis|ter|quater|quinquies)(?!\w))?)"
    r"|(?P<quote>«[^»]{0,3}»|\"[^\"]{0,3}\"|\([0-9a-z]{1,4}\))"
    r"|(?P<word>c/c|r/w|[^\W\d]+|,)"
)
_CODE_OF = {fold(name): code for code, names in CODE_NAMES.items() for name in names}
_CODE_NAME = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        r"\s+".join(map(re.escape, name.split()))
        for name in sorted(_CODE_OF, key=len, reverse=True)
    )
    + r")(?!\w)"
)
_DIGIT = re.compile(r"\d")
_MARKS = re.compile(rf"(?<!\w)(?:{_ARTICLE_MARK})(?!\w)")


@lru_cache(maxsize=256)
def citations_in(folded: str) -> frozenset[Citation]:
    """Every provision the folded text cites. Cached: each field of an item is read once
    whatever the number of `law:` terms."""
    found: set[Citation] = set()
    if _DIGIT.search(folded) is None:
        return frozenset()
    if "u" in folded and ("s.c" in folded or "usc" in folded or "code" in folded):
        for match in _USC.finditer(folded):
            title = int(match[1] or match[2])
            sections = re.sub(r"\([^)]*\)", " ", match[3])
            for section in _USC_SECTION.findall(sections):
                found.add(Citation(f"{title} usc", section))
    for match in _LAW.finditer(folded):
        found.add(Citation(match[1], _law_number(match[2]), _year(match[3])))
    if _MARKS.search(folded):
        found.update(_code_citations(folded))
    return frozenset(found)


def _code_citations(folded: str) -> set[Citation]:
    """Articles cited next to a code's name, read from each article mark on."""
    found: set[Citation] = set()
    position = 0
    while (mark := _MARKS.search(folded, position)) is not None:
        position = max(_read_citation(folded, mark.start(), found), mark.end())
    return found


def _read_citation(folded: str, position: int, found: set[Citation]) -> int:
    """A small state machine over the words from an article mark: after a part mark numbers
    are parts ("ч. 4 ст. 159" cites 159), after an article mark articles; the articles read
    are cited when a code's name follows, and dropped at the first word that cannot belong to
    a citation. Returns where it stopped."""
    articles: list[str] = []
    mode = ""  # "art": numbers are articles; "part": parts of one
    range_from: str | None = None
    while position < len(folded):
        name = _CODE_NAME.match(folded, position)
        if name is not None:
            code = _CODE_OF[" ".join(name[0].split())]
            found.update(Citation(code, article) for article in articles)
            return name.end()
        token = _TOKEN.match(folded, position)
        if token is None:
            return position  # punctuation that ends a citation
        kind, text = token.lastgroup, token[0]
        position = token.end()
        if kind == "space" or kind == "quote":
            continue
        if kind == "art":
            mode = "art"
        elif kind == "part":
            mode = "part"
        elif kind == "num" and mode == "art":
            number = _article(text)
            if range_from is not None:
                articles.extend(_expand(range_from, number))
                range_from = None
            articles.append(number)
        elif kind == "num" and mode != "part":
            return position
        elif kind == "word" and text in ("a", "à") and mode == "art" and articles:
            range_from = articles[-1]  # "222-34 à 222-39", "arts. 33 a 40"
        elif kind == "word" and text not in _CONNECTORS:
            return position
    return position


def _article(text: str) -> str:
    """One spelling per article: "1º" and "217.º" (ordinals) are 1 and 217; "149-A" and "269A"
    are 149a and 269a; "570 bis" is 570bis."""
    text = re.sub(r"\.?[o°]$", "", text.replace(" ", ""))
    return re.sub(r"(?<=\d)-(?=[a-z](?:bis|ter|quater|quinquies)?$)", "", text)


def _expand(first: str, last: str) -> list[str]:
    """The articles strictly between `first` and `last` of a range, when both share their
    stem and the range is short ("222-34 à 222-39": 222-35 ... 222-38)."""
    stem_a, _, low = first.rpartition("-")
    stem_b, _, high = last.rpartition("-")
    if stem_a != stem_b or not (low.isdigit() and high.isdigit()):
        return []
    start, end = int(low), int(high)
    if not 0 < end - start <= 20:
        return []
    joiner = "-" if stem_a else ""
    return [f"{stem_a}{joiner}{n}" for n in range(start + 1, end)]
