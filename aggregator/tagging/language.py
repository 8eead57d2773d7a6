"""An item's language: the source's `language` setting, else the language its feed declares
when the feed's own text confirms it, else detected from the item's text.

Feeds declare a language (RSS <language>, Atom xml:lang, JSON Feed `language`) and many declare
the wrong one: publishing software defaults to "en-US" whatever the site writes in. So a
declaration is used only once a few of the document's items, detected one by one, confirm it
(at least one confident detection agrees, none disagrees); then the document's other items
need no detection of their own (detection was a large part of a parse worker's tagging time:
docs/performance.md, "Figures (2026-11-29, seventh session)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from aggregator.models import DECLARED_LANGUAGE

# The languages of the sources this project follows, plus close neighbours that would otherwise
# be guessed for short texts. Restricting the model makes short titles far more reliable.
CANDIDATES = ["en", "ru", "pt", "es", "fr", "de", "it", "nl", "uk", "pl", "tr", "ar", "zh", "ja"]
MIN_LETTERS = 20  # below this, a guess is noise: no language tag
SAMPLE = 250


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid  # type: ignore[import-untyped]

    from aggregator.tagging.language_cache import cache_root, cached_model
    from aggregator.tagging.language_model import ModelLayoutError, build_identifier

    try:
        model_file = Path(langid.__file__).parent / langid.MODEL_FILE
        return build_identifier(cached_model(model_file, CANDIDATES, cache_root()))
    except ModelLayoutError:
        # A py3langid whose model file is laid out otherwise: its own loader, which holds
        # the whole model while loading (see language_model.py; docs/performance.md, "Memory
        # of every process").
        pass
    identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATES)
    # The identifier keeps the model of all 142 languages to allow another set_languages:
    # memory held in every parse worker for a table this process never uses again
    # (docs/performance.md, "Figures (2026-11-29, fifth session)", parse workers' memory).
    if hasattr(identifier, "_full_model"):
        identifier._full_model = None
    return identifier


CONFIDENT = 0.8  # below this probability a detection is no answer
SAMPLES = 3  # items of a document that must confirm its declared language
DECLARED = DECLARED_LANGUAGE  # the detail of a lang: tag taken from the feed


def item_language(configured: str | None, *texts: str, declared: str | None = None) -> str | None:
    """`declared`: the feed's language, already confirmed (see confirmed_language)."""
    if configured:
        return configured.split("-")[0].lower()
    if declared:
        return declared
    found = detect(*texts)
    return found[0] if found and found[1] >= CONFIDENT else None


def detect(*texts: str) -> tuple[str, float] | None:
    """The likeliest language of the texts and its probability; None for too little text."""
    # The first few hundred characters tell the language as well as the whole text does, at a
    # fraction of the cost (the model's n-gram counting is linear in the text).
    text = " ".join(t for t in texts if t)[:SAMPLE]
    if sum(map(str.isalpha, text)) < MIN_LETTERS:
        return None
    language, probability = _identifier().classify(text)
    return str(language), float(probability)


def primary_subtag(tag: str | None) -> str | None:
    """A declared language as its primary subtag ("en-US", "pt_BR" -> "en", "pt"); None for
    anything that is not a language tag ("x-default", "")."""
    primary = re.split(r"[-_]", (tag or "").strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def confirmed_language(declared: str | None, samples: Sequence[Sequence[str]]) -> str | None:
    """The feed's declared language if the sampled items' texts confirm it: at least one of
    them is confidently detected in it and none confidently in another."""
    language = primary_subtag(declared)
    if language is None:
        return None
    agreeing = 0
    for texts in samples:
        found = detect(*texts)
        if found is None or found[1] < CONFIDENT:
            continue
        if found[0] != language:
            return None
        agreeing += 1
    return language if agreeing else None


def spread(count: int, wanted: int = SAMPLES) -> list[int]:
    """Up to `wanted` positions spread over `count` items (first, middle, last): a feed whose
    language changes part way is more likely caught than by its first items alone."""
    if count <= wanted:
        return list(range(count))
    return sorted({round(i * (count - 1) / (wanted - 1)) for i in range(wanted)})
