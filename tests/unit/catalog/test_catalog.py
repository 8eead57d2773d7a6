"""The source catalogue shipped with the package: every PG20 delegation and the international
bodies covered, every entry readable as feeds.yaml would take it, the unknown marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from aggregator.app.catalog import new_source
from aggregator.catalog import PG20_DELEGATIONS, CatalogEntry, load_catalog, select_entries
from aggregator.config.editing import add_sources
from aggregator.config.loading import load_config
from aggregator.config.presets import PRESETS

ROOT = Path(__file__).resolve().parents[3]
CATALOG = load_catalog()
BODIES = ("int-interpol", "int-unodc", "eurojust", "europol", "eppo", "un-news-law-crime")


def test_every_pg20_delegation_and_the_international_bodies_are_covered() -> None:
    assert set(PG20_DELEGATIONS) <= {entry.delegation for entry in CATALOG}
    assert len(PG20_DELEGATIONS) == 21  # 19 countries, the EU and the African Union
    ids = {entry.id for entry in CATALOG}
    assert set(BODIES) | {"int-coe-cybercrime"} <= ids
    assert len(ids) == len(CATALOG)


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry.id)
def test_each_entry_is_consistent(entry: CatalogEntry) -> None:
    assert entry.evidence and len(entry.evidence) > 30
    if entry.url is None:
        assert entry.confidence == "unknown" and entry.type is None
        with pytest.raises(ValueError, match="knows no address"):
            new_source(entry)
        return
    assert entry.url.startswith("https://") or entry.url.startswith("http://")
    assert entry.confidence in ("high", "medium", "low")
    assert entry.preset is None or (entry.type == "html" and entry.preset in PRESETS)


def test_every_entry_with_an_address_is_added_to_feeds_yaml_as_the_catalogue_says(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("# kept\nsources:\n  - {id: first, url: 'https://first.example/rss'}\n")
    usable = [entry for entry in CATALOG if entry.usable]
    add_sources(path, [new_source(entry) for entry in usable])
    config = load_config(path)
    assert path.read_text().startswith("# kept\n")
    for entry in usable:
        source = config.source(entry.id)
        assert source is not None and source.url == entry.url
        assert (source.type, source.preset) == (entry.type, entry.preset)
        assert (source.country, source.language, source.kind) == (
            entry.country,
            entry.language,
            entry.kind,
        )
        assert source.fetch_article == (entry.article_date is not None)


def test_filters() -> None:
    brazil = select_entries(CATALOG, country="br")
    assert brazil and all("BR" in (e.country, e.delegation) for e in brazil)
    sure = select_entries(CATALOG, at_least="medium")
    assert sure and all(e.confidence in ("high", "medium") for e in sure)
    assert all(e.kind == "international" for e in select_entries(CATALOG, kind="international"))


def test_the_shipped_feeds_yaml_enables_the_medium_and_high_ones() -> None:
    config = load_config(ROOT / "feeds.yaml")
    by_url = {s.url.rstrip("/"): s for s in config.sources}
    by_id = {s.id: s for s in config.sources}
    for entry in CATALOG:
        if entry.url is None:
            continue
        source = by_id.get(entry.id) or by_url.get(entry.url.rstrip("/"))
        assert source is not None, f"{entry.id} is not in feeds.yaml"
        assert source.enabled == (entry.confidence in ("high", "medium")), entry.id
