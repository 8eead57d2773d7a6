"""Sources without feeds (issue #7): presets, generic selectors, pagination, localized dates,
broken pages, robots.txt, article pages and JSON Feed, through real rounds on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from aggregator.store import Store
from tests.support.feed_server import Document, FeedServer
from tests.support.paths import DATA
from tests.support.rounds import Clock, run_round, write_config

# Fixture pages in the structure that evidence of the real sites shows (tests/data/presets/).
PRESET_PAGES = DATA / "presets"
FIXTURES = sorted(
    path.stem
    for path in PRESET_PAGES.glob("*.json")
    if "article" not in path.stem and json.loads(path.read_text())["items"]
)


def fixture(name: str) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((PRESET_PAGES / f"{name}.json").read_text())
    return spec


def serve_page(server: FeedServer, path: str, body: bytes | str, **options: object) -> str:
    data = body.encode() if isinstance(body, str) else body
    server.put(path, Document(data, content_type="text/html; charset=utf-8", **options))  # type: ignore[arg-type]
    return server.url(path)


def one_source(tmp_path: Path, body: str) -> tuple[Store, object]:
    config = write_config(
        tmp_path,
        "store: s.sqlite\noutput: {dir: out}\nfetch: {adaptive: false}\n"
        f"defaults: {{max_age: 36500d}}\nsources:\n{body}",
    )
    return Store(config.store_url), config


@pytest.mark.parametrize("name", FIXTURES)
def test_each_preset_reads_its_page_through_a_round(
    name: str, tmp_path: Path, feed_server: FeedServer
) -> None:
    spec = fixture(name)
    url = serve_page(feed_server, f"{name}/news", (PRESET_PAGES / f"{name}.html").read_bytes())
    store, config = one_source(
        tmp_path,
        f"  - id: {name}\n    url: {url}\n"
        f"    preset: {spec['preset']}\n"
        f"    language: {spec['language']}\n"
        "    pages: 1\n",
    )
    # The page's own "now": its relative dates («Сегодня», "hace 2 horas") are read by it.
    clock = Clock(datetime.fromisoformat(spec["now"].replace("Z", "+00:00")))
    zone = ZoneInfo(config.sources[0].parse_options().timezone or "UTC")  # type: ignore[attr-defined]
    try:
        summary = run_round(config, store, clock)  # type: ignore[arg-type]
        [result] = summary.results
        assert result.outcome == "ok", result.error
        assert result.new == len(spec["items"])
        stories = {urlsplit(s.link).path: s for s in store.latest_stories(50)}
        for item in spec["items"]:
            story = stories[urlsplit(item["link"]).path]
            assert story.title == item["title"]
            if item["date"]:
                assert story.published.astimezone(zone).date().isoformat() == item["date"]
        [row] = store.source_statuses()
        assert row.page_reading is not None and row.page_reading.startswith(
            f"preset {spec['preset']}"
        )
    finally:
        store.close()


GENERIC = """<html><head><title>News</title></head><body><ul>{items}</ul>{next}</body></html>"""


def generic_page(page: int, items: int = 2, next_page: bool = True) -> str:
    rows = "".join(
        f"<li class='news'><a class='t' href='item-{page}-{n}.html'>Story {page}.{n}</a>"
        f"<span class='when'>{10 + page} November 2026</span><p>Body {page}.{n}</p></li>"
        for n in range(items)
    )
    link = f"<a rel='next' href='/list/{page + 1}'>more</a>" if next_page else ""
    return GENERIC.format(items=rows, next=link)


SELECTORS = """    type: html
    language: en
    selectors:
      item: li.news
      title: a.t
      link: a.t@href
      date: span.when
      summary: p
      next: a[rel=next]@href
"""


def test_generic_selectors_pagination_on_first_fetch_only(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    for page in (1, 2, 3, 4):
        serve_page(feed_server, f"list/{page}", generic_page(page))
    store, config = one_source(
        tmp_path,
        f"  - id: generic\n    url: {feed_server.url('list/1')}\n{SELECTORS}    pages: 3\n",
    )
    try:
        first = run_round(config, store, clock)  # type: ignore[arg-type]
        assert first.new == 6  # three pages of two
        assert [r.path for r in feed_server.requests if r.path.startswith("/list")] == [
            "/list/1",
            "/list/2",
            "/list/3",
        ]
        links = {s.link for s in store.latest_stories(50)}
        assert feed_server.url("list/item-2-1.html") in links  # relative to its own page
        clock.advance(hours=1)
        serve_page(feed_server, "list/1", generic_page(1, items=3))
        again = run_round(config, store, clock)  # type: ignore[arg-type]
        assert again.new == 1
        assert [r.path for r in feed_server.requests if r.path.startswith("/list")][3:] == [
            "/list/1"
        ]
    finally:
        store.close()


def test_changed_markup_is_loud_and_keeps_stored_items(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    serve_page(feed_server, "list/1", generic_page(1, next_page=False))
    store, config = one_source(
        tmp_path, f"  - id: generic\n    url: {feed_server.url('list/1')}\n{SELECTORS}"
    )
    try:
        assert run_round(config, store, clock).new == 2  # type: ignore[arg-type]
        serve_page(feed_server, "list/1", generic_page(1).replace("class='news'", "class='n2'"))
        clock.advance(hours=1)
        [result] = run_round(config, store, clock).results  # type: ignore[arg-type]
        assert result.outcome == "error"
        assert result.error == (
            "broken: selectors: selector `item` (li.news) matched 0 elements on a 200 page; "
            "and no news list was detected on the page"
        )
        [row] = store.source_statuses()
        assert row.error_kind == "broken" and row.items == 2
        serve_page(feed_server, "list/1", generic_page(1).replace("class='t'", "class='x'"))
        clock.advance(hours=2)
        [result] = run_round(config, store, clock).results  # type: ignore[arg-type]
        assert result.error == (
            "broken: selectors: 2 of 2 items have no title (selector `title`: a.t); "
            "and no news list was detected on the page"
        )
    finally:
        store.close()


def test_undated_items_are_said_so(tmp_path: Path, feed_server: FeedServer, clock: Clock) -> None:
    serve_page(feed_server, "list/1", generic_page(1).replace("November", "Novembruary"))
    store, config = one_source(
        tmp_path, f"  - id: generic\n    url: {feed_server.url('list/1')}\n{SELECTORS}"
    )
    try:
        run_round(config, store, clock)  # type: ignore[arg-type]
        [row] = store.source_statuses()
        assert row.outcome == "ok"
        assert row.notice == (
            "2 of 2 items had no readable date (selector `date`: span.when); "
            "the time first seen is used"
        )
        assert all(s.published == clock.now for s in store.latest_stories(5)[:1])
    finally:
        store.close()


def test_robots_txt_refusal_is_recorded_not_retried_soon(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    feed_server.put(
        "robots.txt", Document(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    )
    serve_page(feed_server, "private/news", generic_page(1))
    serve_page(feed_server, "public/news", generic_page(1, next_page=False))
    store, config = one_source(
        tmp_path,
        f"  - id: private\n    url: {feed_server.url('private/news')}\n{SELECTORS}"
        f"  - id: public\n    url: {feed_server.url('public/news')}\n{SELECTORS}",
    )
    try:
        results = {r.source_id: r for r in run_round(config, store, clock).results}  # type: ignore[arg-type]
        assert results["private"].error == "refused by robots.txt"
        assert results["public"].outcome == "ok"
        assert (results["private"].next_check_at - clock.now).total_seconds() == 3600
        assert not [r for r in feed_server.requests if r.path == "/private/news"]
        assert len([r for r in feed_server.requests if r.path == "/robots.txt"]) == 1
        [row] = [r for r in store.source_statuses() if r.id == "private"]
        assert row.error_kind == "refused"
    finally:
        store.close()


ARTICLE = """<html><head>
<meta property="og:description" content="The full story, from the article's own metadata.">
<script type="application/ld+json">
  {"@type": "NewsArticle", "datePublished": "2026-11-20T08:00:00Z"}
</script>
</head><body><article><p>Text</p></article></body></html>"""


def test_article_pages_give_summary_and_date(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    listing = (
        "<ul>"
        + "".join(
            f"<li class='news'><a class='t' href='/a/{n}'>Headline {n}</a></li>" for n in range(2)
        )
        + "</ul>"
    )
    serve_page(feed_server, "list", listing)
    for n in range(2):
        serve_page(feed_server, f"a/{n}", ARTICLE)
    store, config = one_source(
        tmp_path,
        f"  - id: articles\n    url: {feed_server.url('list')}\n    type: html\n"
        f"    fetch_article: true\n    selectors: {{item: li.news, title: a.t, link: a.t@href}}\n",
    )
    try:
        assert run_round(config, store, clock).new == 2  # type: ignore[arg-type]
        stories = store.latest_stories(5)
        assert {s.summary_html for s in stories} == {
            "<p>The full story, from the article's own metadata.</p>"
        }
        assert {s.published for s in stories} == {datetime(2026, 11, 20, 8, tzinfo=UTC)}
        clock.advance(hours=1)
        serve_page(feed_server, "list", listing.replace("</ul>", "<!-- changed --></ul>"))
        again = run_round(config, store, clock)  # type: ignore[arg-type]
        assert (again.new, again.updated) == (0, 0)  # articles are read once, for new items
        assert len([r for r in feed_server.requests if r.path.startswith("/a/")]) == 2
    finally:
        store.close()


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Eurojust (JSON)",
    "home_page_url": "https://www.eurojust.europa.eu/",
    "items": [
        {
            "id": "ej-1",
            "url": "https://www.eurojust.europa.eu/news/joint-action-day",
            "title": "Joint action day against money laundering",
            "content_html": "<p>Seven countries <b>took part</b>.</p><script>x()</script>",
            "date_published": "2026-11-26T09:00:00+01:00",
            "tags": ["money laundering"],
            "authors": [{"name": "Eurojust Press"}],
        },
        {
            "id": "ej-2",
            "url": "https://www.eurojust.europa.eu/news/plain",
            "title": "Plain text item",
            "content_text": "Line one & two.\n\nSecond paragraph.",
            "date_modified": "2026-11-25T12:00:00Z",
        },
    ],
}


@pytest.mark.parametrize(
    ("declared", "content_type"),
    [
        ("    type: jsonfeed\n", "application/json"),
        ("", "application/feed+json"),
        ("", "application/json"),
    ],
)
def test_json_feed_input(
    declared: str, content_type: str, tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    feed_server.put(
        "feed.json", Document(json.dumps(JSON_FEED).encode(), content_type=content_type)
    )
    store, config = one_source(
        tmp_path, f"  - id: ej\n    url: {feed_server.url('feed.json')}\n{declared}"
    )
    try:
        summary = run_round(config, store, clock)  # type: ignore[arg-type]
        assert summary.new == 2, summary.results[0].error
        stories = {s.title: s for s in store.latest_stories(5)}
        rich = stories["Joint action day against money laundering"]
        assert rich.content_html == "<p>Seven countries <b>took part</b>.</p>"
        assert rich.author == "Eurojust Press"
        assert rich.published == datetime(2026, 11, 26, 8, tzinfo=UTC)
        plain = stories["Plain text item"]
        assert plain.content_html == "<p>Line one &amp; two.</p><p>Second paragraph.</p>"
        assert plain.published == datetime(2026, 11, 25, 12, tzinfo=UTC)
    finally:
        store.close()


def test_preview_shows_what_would_be_extracted_and_stores_nothing(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    from tests.support.commands import cli

    spec = fixture("uswds-epa")
    url = serve_page(feed_server, "news", (PRESET_PAGES / "uswds-epa.html").read_bytes())
    config = tmp_path / "feeds.yaml"
    config.write_text(
        f"store: s.sqlite\nsources:\n  - id: epa\n    url: {url}\n"
        "    preset: uswds\n    language: en\n"
    )
    shown = cli(config, "preview", "epa", "--json")
    assert shown.returncode == 0, shown.stderr
    items = json.loads(shown.stdout)
    assert [i["title"] for i in items] == [i["title"] for i in spec["items"]]
    assert items[0]["published"] == "2026-12-04T12:00:00+00:00"
    assert shown.stderr.strip() == (
        f"{len(items)} items; read as: preset uswds (collection); next page: {url}?page=1"
    )
    assert not (tmp_path / "s.sqlite").exists()
    table = cli(config, "preview", "--url", url, "--preset", "uswds")
    assert table.returncode == 0 and "EPA Announces" in table.stdout
    custom = cli(
        config,
        "preview",
        "--url",
        url,
        "--selector",
        "item=li.usa-collection__item",
        "--selector",
        "title=h3",
        "--selector",
        "link=h3 a@href",
        "--json",
    )
    assert len(json.loads(custom.stdout)) == len(spec["items"])
    # Selectors that match nothing give way to detection, and say so.
    stale = cli(config, "preview", "epa", "--selector", "item=li.gone")
    assert stale.returncode == 0, stale.stderr
    assert "notice: preset uswds (collection): selector `item` (li.gone) matched 0" in stale.stderr
    assert "read as: detected" in stale.stderr
    nothing = serve_page(feed_server, "empty", "<html><body><p>Moved.</p></body></html>")
    broken = cli(config, "preview", "--url", nothing, "--type", "html")
    assert broken.returncode == 1
    assert "no news list found on the page" in broken.stderr
    bad = cli(config, "preview", "--url", url, "--selector", "item=li[")
    assert bad.returncode == 2 and "invalid CSS selector" in bad.stderr
    assert cli(config, "preview").returncode == 2
