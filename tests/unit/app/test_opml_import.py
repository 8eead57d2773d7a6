"""Importing an OPML list (app/opml.py): our own feeds are known, never subscribed to (issue
#24, 2: export-opml then import-opml subscribed the aggregator to itself)."""

from __future__ import annotations

from pathlib import Path

from aggregator.app.opml import exported, sources_to_import
from aggregator.config.loading import parse_config

CONFIG = """output: {base_url: "http://127.0.0.1:8080/"}
sources:
  - {id: ru-genproc, url: "https://epp.genproc.gov.ru/web/gprf/mass-media/news", type: html}
  - {id: eppo, url: "https://www.eppo.europa.eu/en/rss"}
"""


def opml(*urls: str) -> bytes:
    outlines = "".join(f'<outline text="x{n}" xmlUrl="{url}"/>' for n, url in enumerate(urls))
    return f'<opml version="2.0"><head/><body>{outlines}</body></opml>'.encode()


def test_our_own_export_imports_nothing(tmp_path: Path) -> None:
    config = parse_config(CONFIG, tmp_path / "feeds.yaml")
    assert sources_to_import(exported(config), config, ()) == []


def test_our_published_feeds_are_known_under_any_address(tmp_path: Path) -> None:
    config = parse_config(CONFIG, tmp_path / "feeds.yaml")
    found = sources_to_import(
        opml(
            "http://127.0.0.1:8080/sources/ru-genproc.atom",
            "http://127.0.0.1:8080/tags/fraud.atom",
            "https://news.example.org/sources/eppo.atom",  # our feed served under another name
            "https://news.example.org/sources/unknown.atom",  # not one of ours
            "https://www.eurojust.europa.eu/rss/press-releases.xml",
        ),
        config,
        (),
    )
    assert [source.url for source in found] == [
        "https://news.example.org/sources/unknown.atom",
        "https://www.eurojust.europa.eu/rss/press-releases.xml",
    ]


def test_an_outline_whose_address_cannot_be_read_is_skipped_not_a_crash(tmp_path: Path) -> None:
    """Found by an outside attack: `http://[bad/` and a port past 65535 raised ValueError."""
    config = parse_config(CONFIG, tmp_path / "feeds.yaml")
    skipped: list[str] = []
    found = sources_to_import(
        opml(
            "http://127.0.0.1:99999/x.xml",
            "http://[bad/x.xml",
            "javascript:alert(1)",
            "https://www.eurojust.europa.eu/rss/press-releases.xml",
        ),
        config,
        (),
        skipped,
    )
    assert [source.url for source in found] == [
        "https://www.eurojust.europa.eu/rss/press-releases.xml"
    ]
    assert skipped == ["http://127.0.0.1:99999/x.xml", "http://[bad/x.xml", "javascript:alert(1)"]
