"""feeds.yaml -> Config: reading the file, every setting's model, editing the file in place.

`loading` reads the file (errors with file and line), `settings` holds the pydantic models and
the value types, `editing` changes the file as text (add, remove, disable) keeping every other
byte, `presets` and `selectors` are the HTML sources' selector language and its presets.
"""

from aggregator.config.loading import (
    SOURCE_KINDS,
    STORE_VARIABLE,
    TAG,
    Config,
    RuleSettings,
    SourceSettings,
    load_config,
    normalize_tag,
    parse_duration,
    resolve_store_url,
)

__all__ = [
    "SOURCE_KINDS",
    "STORE_VARIABLE",
    "TAG",
    "Config",
    "RuleSettings",
    "SourceSettings",
    "load_config",
    "normalize_tag",
    "parse_duration",
    "resolve_store_url",
]
