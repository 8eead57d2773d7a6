"""Names are not topics: agency, office, unit, operation and programme names whose words are
topic words ("Serious Fraud Office", "Parquet national antiterroriste", "Operation Thunder",
forum «Уроки Нюрнберга») are blanked out of the text rules read, so that a term never counts
inside a name. The names shipped in data/names.txt, with feeds.yaml's `tagging: {names:}`
added; operation names are found by their pattern. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from aggregator.terms.folding import fold

_QUOTED = r"«[^»]{1,60}»|\"[^\"]{1,60}\"|“[^”]{1,60}”|„[^“]{1,60}“|'[^']{1,60}'|‘[^’]{1,60}’"
# "Operation Thunder", «операция "Картель"», "Operação Lava Jato", "Opération Mare Nostrum": the
# word for an operation, then a quoted name or up to four capitalized words; and a case or an
# investigation with a quoted name ("Investigation 'Cuba'", «дело "Омега"»).
_OPERATION = re.compile(
    r"(?<!\w)(?:(?:[Oo]peration|[Oo]peração|[Oo]peracao|[Oo]peración|[Oo]peracion|[Oo]pération"
    r"|[Oo]perazione|[Оо]перац\w*|[Oo]p\.)\s+"
    rf"(?:{_QUOTED}"
    r"|(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*)(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*|\d+)){0,3})"
    r"|(?:[Ii]nvestigation|[Ii]nvestigação|[Ii]nvestigación|[Ee]nquête|[Cc]ase|[Cc]aso"
    r"|[Aa]ffaire|[Дд]ел\w*|[Фф]орум\w*|[Ff]orum)\s+"
    rf"(?:{_QUOTED}))"
)


@dataclass(frozen=True, slots=True)
class Names:
    """The names of a config, compiled: one alternation over their folded forms."""

    pattern: re.Pattern[str] | None

    def spans(self, folded: str) -> list[tuple[int, int]]:
        if self.pattern is None or not folded:
            return []
        return [match.span() for match in self.pattern.finditer(folded)]


def shipped_names() -> tuple[str, ...]:
    text = resources.files("aggregator.tagging").joinpath("data/names.txt").read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=8)
def compile_names(extra: tuple[str, ...] = ()) -> Names:
    folded = sorted(
        {fold(name).strip() for name in (*shipped_names(), *extra)}, key=len, reverse=True
    )
    if not folded:
        return Names(None)
    body = "|".join(r"[\s\-]+".join(map(_word, name.split())) for name in folded if name)
    return Names(re.compile(rf"(?<!\w)(?:{body})(?!\w)"))


def _word(word: str) -> str:
    """A name's word as a pattern; Russian words declined ("управления" for "управление"): a
    long Cyrillic word matches any ending after its stem."""
    if len(word) >= 6 and re.search("[а-я]", word):
        return re.escape(word[:-2]) + r"\w*"
    return re.escape(word)


def operation_names(original: str) -> list[str]:
    """The operation names of a text as written ("Operation Thunder")."""
    return [match.group(0) for match in _OPERATION.finditer(original)]


def blank_names_written(original: str, names: Names) -> str:
    """The text as written with every name blanked, for the gazetteer (which needs the capitals
    of the text as written): a place inside a name ("Uroki Nyurnberga", "Operation Cuba") is
    not a place the item is about."""
    folded = fold(original)
    blanked = list(original)
    if len(folded) == len(original):  # folding kept every position: spans carry over
        for start, end in names.spans(folded):
            blanked[start:end] = " " * (end - start)
    text = "".join(blanked)
    for match in _OPERATION.finditer(text):
        start, end = match.span()
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def without_names(original: str, folded: str, names: Names) -> tuple[str, list[str]]:
    """The folded text with every name blanked (spaces of the same length, so positions and
    word boundaries stay), and the names found, as they read folded."""
    spans = names.spans(folded)
    operations = [fold(name) for name in operation_names(original)]
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
