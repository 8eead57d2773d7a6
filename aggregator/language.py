"""An item's language: the source's `language` setting, else detected from its text."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

# The languages of the sources this project follows, plus close neighbours that would otherwise
# be guessed for short texts. Restricting the model makes short titles far more reliable.
CANDIDATES = ["en", "ru", "pt", "es", "fr", "de", "it", "nl", "uk", "pl", "tr", "ar", "zh", "ja"]
MIN_LETTERS = 20  # below this, a guess is noise: no language tag
SAMPLE = 250


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid  # type: ignore[import-untyped]

    from .language_cache import cache_root, cached_model
    from .language_model import ModelLayoutError, build_identifier

    try:
        model_file = Path(langid.__file__).parent / langid.MODEL_FILE
        return build_identifier(cached_model(model_file, CANDIDATES, cache_root()))
    except ModelLayoutError:
        # A py3langid whose model file is laid out otherwise: its own loader, which holds
        # the whole model while loading (~115 MB more at the peak, see language_model.py).
        pass
    identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATES)
    # The identifier keeps the model of all 142 languages to allow another set_languages:
    # 28 MB per parse worker that this process never uses again.
    if hasattr(identifier, "_full_model"):
        identifier._full_model = None
    return identifier


def item_language(configured: str | None, *texts: str) -> str | None:
    if configured:
        return configured.split("-")[0].lower()
    # The first few hundred characters tell the language as well as the whole text does, at a
    # fraction of the cost (the model's n-gram counting is linear in the text).
    text = " ".join(t for t in texts if t)[:SAMPLE]
    if sum(map(str.isalpha, text)) < MIN_LETTERS:
        return None
    language, probability = _identifier().classify(text)
    return str(language) if probability >= 0.8 else None
