"""The presets against fixture pages in the structure that independent evidence shows for each
agency (tests/data/presets/, each page's evidence in its JSON and the folder's README): every
item read with its title, link and date; and, when the page's markup changes under a preset,
the list detected instead with a warning naming what failed."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from aggregator.config.loading import SourceSettings
from aggregator.config.presets import PRESETS
from aggregator.parse.article import parse_article
from aggregator.parse.html import parse_html_list

FOLDER = Path(__file__).resolve().parents[2] / "data" / "presets"
LISTS = sorted(
    path.stem
    for path in FOLDER.glob("*.json")
    if json.loads(path.read_text())["items"] and "article" not in path.stem
)


def fixture(name: str) -> tuple[dict[str, Any], bytes]:
    return json.loads((FOLDER / f"{name}.json").read_text()), (FOLDER / f"{name}.html").read_bytes()


def read_options(spec: dict[str, Any], preset: str | None = "") -> Any:
    chosen = spec["preset"] if preset == "" else preset
    return SourceSettings(id="s", url=spec["url"], type="html", preset=chosen).parse_options()


def read(spec: dict[str, Any], body: bytes, preset: str | None) -> Any:
    options = read_options(spec, preset)
    return parse_html_list(
        body,
        url=spec["url"],
        content_type="text/html; charset=utf-8",
        recipes=options.recipes,
        language=spec["language"],
        now=datetime.fromisoformat(spec["now"].replace("Z", "+00:00")),
        timezone=options.timezone,
    )


def test_every_preset_has_a_fixture_page() -> None:
    assert {fixture(name)[0]["preset"] for name in LISTS} == set(PRESETS)


@pytest.mark.parametrize("name", LISTS)
def test_the_preset_reads_its_evidenced_structure(name: str) -> None:
    spec, body = fixture(name)
    parsed = read(spec, body, spec["preset"])
    assert parsed.reading.startswith(f"preset {spec['preset']}")
    assert [(e.title, e.link) for e in parsed.entries] == [
        (i["title"], i["link"]) for i in spec["items"]
    ]
    # Dates and times as the page shows them: in the site's time zone.
    zone = ZoneInfo(read_options(spec).timezone or "UTC")
    for entry, expected in zip(parsed.entries, spec["items"], strict=True):
        if expected["date"]:
            assert entry.published is not None, entry.unreadable_date
            local = entry.published.astimezone(zone)
            assert local.date().isoformat() == expected["date"]
            if expected.get("time"):
                assert local.strftime("%H:%M") == expected["time"]
    if spec.get("next"):
        assert parsed.next_url == spec["next"]


@pytest.mark.parametrize("name", LISTS)
def test_a_preset_that_no_longer_fits_gives_way_to_detection(name: str) -> None:
    spec, body = fixture(name)
    # A redesign: every class renamed, third-level headings made fifth-level, the article
    # addresses moved; the structure of the list kept.
    redesigned = re.sub(rb'class="([^"]*)"', lambda m: b'class="new-' + m.group(1) + b'"', body)
    redesigned = redesigned.replace(b"<h3", b"<h5").replace(b"</h3>", b"</h5>")
    redesigned = redesigned.replace(b"/press-detail/", b"/press/detail/")
    parsed = read(spec, redesigned, spec["preset"])
    titles = [e.title for e in parsed.entries]
    assert titles == [i["title"] for i in spec["items"]]
    assert parsed.reading.startswith("detected")
    assert parsed.warning.startswith(f"preset {spec['preset']}")
    assert "detected" in parsed.warning and parsed.detected is not None


def test_an_article_page_gives_the_date_a_list_without_dates_lacks() -> None:
    spec, body = fixture("cps-article")
    article = parse_article(
        body,
        content_type="text/html",
        summary_selector=None,
        date_selector=".cps-content__date",
        language="en",
    )
    assert article.published is not None
    assert article.published.date().isoformat() == spec["items"][0]["date"]
