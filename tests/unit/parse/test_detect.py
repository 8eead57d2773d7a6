"""News-list detection (parse/detect.py) on small pages, one behaviour each; its figures on
realistic pages are in tests/evaluations/test_list_detection.py."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html

from aggregator.config.selectors import first_text, select
from aggregator.parse.detect import detect_list

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
URL = "https://agency.example/news/"


def detect(body: str) -> object:
    return detect_list(lxml.html.document_fromstring(body), url=URL, language="en", now=NOW)


def news(n: int, title: str = "Prosecutors charge {n} people in a fraud case") -> str:
    return "".join(
        f'<li class="item"><h3><a href="/news/{i}">{title.format(n=i)}</a></h3>'
        f"<time datetime='2026-12-0{i % 5 + 1}'>Dec {i % 5 + 1}, 2026</time></li>"
        for i in range(n)
    )


def test_menus_footers_and_pagination_are_not_news() -> None:
    menu = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    pager = "".join(f'<a href="?page={i}">{i}</a>' for i in range(1, 9))
    page = (
        f"<nav><ul>{menu}</ul></nav><div class='pager'>{pager}</div>"
        f"<footer><ul>{menu}</ul></footer>"
    )
    assert detect(f"<html><body>{page}</body></html>") is None


def test_the_main_list_wins_over_a_sidebar_of_the_same_links() -> None:
    sidebar = f'<aside class="sidebar"><h2>Most read</h2><ul>{news(4)}</ul></aside>'
    body = f'<html><body><main><ul class="news">{news(8)}</ul></main>{sidebar}</body></html>'
    found = detect(body)
    assert found is not None
    assert len(found.items) == 8  # type: ignore[attr-defined]
    assert found.recipe.item.endswith("ul.news > li.item")  # type: ignore[attr-defined]


def test_upcoming_events_lose_to_the_news() -> None:
    events = "".join(
        f'<li class="event"><a href="/events/{i}">Conference on asset recovery number {i}</a>'
        f"<span>1{i}.01.2027</span></li>"
        for i in range(6)
    )
    body = (
        f'<html><body><ul class="events">{events}</ul><ul class="news">{news(5)}</ul></body></html>'
    )
    found = detect(body)
    assert found is not None and "/news/" in found.items[0].link  # type: ignore[attr-defined]


def test_screen_reader_text_is_not_part_of_a_title() -> None:
    items = "".join(
        f'<div class="card"><h3>Court convicts official number {i} of bribery</h3>'
        f'<a class="category" href="/topics/corruption">Corruption and public office</a>'
        f'<a href="/news/court-convicts-official-number-{i}-of-bribery">Read more'
        f'<span class="visually-hidden"> about court convicts official {i}</span></a></div>'
        for i in range(4)
    )
    found = detect(f"<html><body><section>{items}</section></body></html>")
    assert found is not None
    first = found.items[0]  # type: ignore[attr-defined]
    assert first.title == "Court convicts official number 0 of bribery"
    assert first.link == "https://agency.example/news/court-convicts-official-number-0-of-bribery"


def test_the_inferred_selectors_read_the_same_items() -> None:
    body = f'<html><body><main><ul class="news">{news(6)}</ul></main></body></html>'
    document = lxml.html.document_fromstring(body)
    found = detect_list(document, url=URL, language="en", now=NOW)
    assert found is not None and found.reproduced
    titles = [first_text(found.recipe.title, e) for e in select(found.recipe.item, document)]
    assert titles == [item.title for item in found.items]
    assert found.recipe.date == "time@datetime"


def test_a_definition_list_takes_each_date_from_its_term() -> None:
    entries = "".join(
        f"<dt>2026年12月{d}日</dt>"
        f"<dd><a href='/p/{d}{k}'>法務省からのお知らせ第{d}{k}号について</a></dd>"
        for d in (4, 3)
        for k in (1, 2)
    )
    found = detect(f"<html><body><dl class='news'>{entries}</dl></body></html>")
    assert found is not None
    assert [i.date_text for i in found.items] == ["2026年12月4日"] * 2 + ["2026年12月3日"] * 2  # type: ignore[attr-defined]
    assert found.recipe.date == "xpath:preceding-sibling::dt[1]"  # type: ignore[attr-defined]


def test_elements_css_cannot_name_give_selectors_that_compile() -> None:
    """Found by an outside attack: a next link inside `<x:nav>` made the selector `x:nav.pages
    > a` (":nav" read as a pseudo-class), and the source was lost; `<x:item>` rows made a
    selector that `check` refuses."""
    rows = news(6).replace("<li ", "<x:item ").replace("</li>", "</x:item>")
    body = (
        f'<html><body><main><div class="news-list">{rows}</div>'
        '<x:nav class="pages"><a href="/news/?page=2">Next</a></x:nav></main></body></html>'
    )
    document = lxml.html.document_fromstring(body)
    found = detect_list(document, url=URL, language="en", now=NOW)
    assert found is not None
    recipe = found.recipe
    for selector in (recipe.item, recipe.title, recipe.link, recipe.date, recipe.next):
        if selector:
            select(selector, document)  # compiles (raises ValueError otherwise)
    assert len(select(recipe.item, document)) == 6
    assert first_text(recipe.next, document) == "/news/?page=2"
