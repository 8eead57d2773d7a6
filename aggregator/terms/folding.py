"""Text as matching sees it: casefolded, accents removed ("Fiscalía" -> "fiscalia", "Российской"
-> "россиискои")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """Casefolded, accents removed (NFKD without combining marks)."""
    folded = text.casefold()
    if folded.isascii():
        return folded  # nothing to decompose: most English text, at no cost
    # Typographic apostrophes are the apostrophe ("trafic d’influence" is the term's "trafic
    # d'influence"): real French and English releases write them, terms are typed with "'".
    folded = folded.translate(APOSTROPHES)
    return _combining_marks().sub("", unicodedata.normalize("NFKD", folded))


# The typographic apostrophes and the character each stands for (one for one: positions keep).
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    """Every combining mark of the Basic Multilingual Plane as one character class: a C-level
    scan instead of a Python test per character (much faster on long texts:
    docs/performance.md, "What changed in this round of work")."""
    marks = [code for code in range(0x10000) if unicodedata.combining(chr(code))]
    ranges: list[tuple[int, int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    members = "".join(
        re.escape(chr(low)) + (f"-{re.escape(chr(high))}" if high != low else "")
        for low, high in ranges
    )
    return re.compile(f"[{members}]+")
