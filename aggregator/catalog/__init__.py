"""The source catalogue shipped with the package (sources.yaml beside this file): for every PG20
delegation and the international bodies the summit follows, where the prosecution service (or
justice ministry) publishes its news, how to read it, and the evidence and confidence behind
it. Entries with nothing known say so (`url: null`, confidence `unknown`). `aggregator catalog`
lists it; `aggregator add CATALOG-ID` adds an entry to feeds.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from ruamel.yaml import YAML

Confidence = Literal["high", "medium", "low", "unknown"]
CONFIDENCES: tuple[Confidence, ...] = ("high", "medium", "low", "unknown")
# Delegations of the G20 prosecutors' meeting: the G20's members, the EU and the African Union
# ("AFU" here: "AU" is Australia in ISO 3166 and in feeds.yaml's `country:`).
PG20_DELEGATIONS = (
    *("AR", "AU", "BR", "CA", "CN", "DE", "FR", "GB", "ID", "IN"),
    *("IT", "JP", "KR", "MX", "RU", "SA", "TR", "US", "ZA", "EU", "AFU"),
)


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    id: str
    name: str
    delegation: str | None
    country: str | None
    kind: str
    language: str | None
    url: str | None
    type: Literal["feed", "html"] | None
    preset: str | None
    confidence: Confidence
    evidence: str
    article_date: str | None = None  # list without dates: the date on each article page

    @property
    def usable(self) -> bool:
        """Whether it can be added to feeds.yaml (an address is known)."""
        return self.url is not None and self.type is not None

    @property
    def reading(self) -> str:
        """How it is read, in a word or two."""
        if self.type == "feed":
            return "feed"
        if self.type == "html":
            return f"preset {self.preset}" if self.preset else "detection"
        return "-"


@lru_cache(maxsize=1)
def load_catalog() -> tuple[CatalogEntry, ...]:
    text = (resources.files("aggregator.catalog") / "sources.yaml").read_text(encoding="utf-8")
    rows: list[dict[str, Any]] = YAML(typ="safe").load(text)
    return tuple(CatalogEntry(**row) for row in rows)


def find_entry(entry_id: str) -> CatalogEntry | None:
    return next((entry for entry in load_catalog() if entry.id == entry_id), None)


def select_entries(
    entries: tuple[CatalogEntry, ...],
    *,
    country: str | None = None,
    kind: str | None = None,
    at_least: Confidence | None = None,
) -> list[CatalogEntry]:
    """Entries of a country (or delegation), of a kind, of at least a confidence. Pure."""
    chosen = []
    for entry in entries:
        if country and country.upper() not in {entry.country, entry.delegation}:
            continue
        if kind and entry.kind != kind:
            continue
        if at_least and CONFIDENCES.index(entry.confidence) > CONFIDENCES.index(at_least):
            continue
        chosen.append(entry)
    return chosen
