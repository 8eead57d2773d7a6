"""The source catalogue as the command line uses it: an entry made a feeds.yaml source, and the
catalogue's entries with whether feeds.yaml has them already."""

from __future__ import annotations

from aggregator.catalog import CatalogEntry
from aggregator.config import Config
from aggregator.config.editing import NewSource


def new_source(entry: CatalogEntry) -> NewSource:
    """The feeds.yaml source for a catalogue entry (its id, address, reading, facts). Raises
    ValueError for an entry whose address is not known."""
    if not entry.usable or entry.url is None:
        raise ValueError(
            f"the catalogue knows no address for {entry.id} ({entry.name}): {entry.evidence}"
        )
    return NewSource(
        id=entry.id,
        url=entry.url,
        title=entry.name,
        kind=entry.kind,
        country=entry.country,
        language=entry.language,
        type=entry.type if entry.type == "html" else None,
        preset=entry.preset,
        article_date=entry.article_date,
    )


def configured(config: Config, entry: CatalogEntry) -> str | None:
    """The id of the feeds.yaml source that is this entry (same id or same address), if any."""
    for source in config.sources:
        if source.id == entry.id or (entry.url and source.url.rstrip("/") == entry.url.rstrip("/")):
            return source.id
    return None
