"""Source ids made from feed titles in any script (app/discovery.make_id)."""

from __future__ import annotations

import pytest

from aggregator.app.discovery import make_id


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ministério Público Federal - Notícias", "ministerio-publico-federal-noticias"),
        ("Генеральная прокуратура", "generalnaya-prokuratura"),
        ("Fiscalía de Chile", "fiscalia-de-chile"),
        ("Parquet national financier", "parquet-national-financier"),
        ("最高人民检察院", "zuigaorenminjianchayuan"),
        (None, "news-agency-gov"),
        ("!!!", "source"),
    ],
)
def test_ids_are_transliterated_words(title: str | None, expected: str) -> None:
    assert make_id(title, "https://news.agency.gov/rss", set()) == expected


def test_ids_are_unique_and_short() -> None:
    taken = {"fiscalia-de-chile", "fiscalia-de-chile-2"}
    assert make_id("Fiscalía de Chile", "https://x/", taken) == "fiscalia-de-chile-3"
    assert len(make_id("word " * 40, "https://x/", set())) <= 40
