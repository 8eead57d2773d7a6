"""The hardening decisions on plain values: text hygiene, bounded HTML, dates and ttl that lose
a field and not the feed, credentials kept out of addresses, bounded searches, and which item
a story shows (docs/security.md)."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree

from aggregator.hygiene import clean_text, is_clean
from aggregator.models import StoryCopy as Candidate
from aggregator.normalize.dates import date_note, plausible
from aggregator.normalize.entries import (
    MAX_DEPTH,
    MAX_HTML,
    costly_html,
    http_url,
    normalize_entry,
    plain_text,
    sanitize_html,
)
from aggregator.parse.feed import parse_feed
from aggregator.parse.fields import read_ttl, without_invalid_references
from aggregator.parse.jsonfeed import parse_jsonfeed
from aggregator.redact import public_url, redact_urls
from aggregator.store.search_query import MAX_SEARCH_TERMS, search_problem, search_words
from aggregator.stories.representative import is_own_copy, representative

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def xml_accepts(text: str) -> bool:
    try:
        etree.Element("x").text = text
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("a\x01b\x1fc\x7fd", "abcd"),
        ("tab\tLF\nCR\r kept", "tab\tLF\nCR\r kept"),
        ("non\ufffe\uffffchar\U0001fffe", "nonchar"),
        ("lone \ud800 high, lone \udfff low", "lone  high, lone  low"),
        ("a pair \ud83d\ude00 joined", "a pair \U0001f600 joined"),
        ("cp1252 \x93quoted\x94 \x85 \x80", "cp1252 \u201cquoted\u201d \u2026 \u20ac"),
        ("undefined \x81\x8d\x8f\x90\x9d bytes", "undefined  bytes"),
        ("plain text stays", "plain text stays"),
    ],
)
def test_clean_text_keeps_only_what_xml_and_utf8_carry(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean
    assert xml_accepts(clean_text(dirty))
    assert is_clean(clean_text(dirty))
    clean_text(dirty).encode("utf-8")  # no surrogate left


def test_clean_text_is_idempotent_and_returns_clean_text_as_it_is() -> None:
    text = "Procuradoria-Geral — «Сегодня» 中文"
    assert clean_text(text) is text
    assert clean_text(clean_text("x\x02\ud800y")) == clean_text("x\x02\ud800y")


def test_deep_html_keeps_its_text_and_costs_little() -> None:
    deep = "<div>" * 300_000 + "deep text" + "</div>" * 300_000
    started = time.process_time()
    cleaned = sanitize_html(deep[: MAX_HTML - 100] + "tail", None)
    text = plain_text("<ul><li>" * 50_000 + "listed")
    assert time.process_time() - started < 3  # nh3 alone: 20 s and 51 s
    assert "<div" not in cleaned
    assert text == "listed"
    # A long list of unclosed <li> (optional end tags) is not deep: it stays HTML.
    items = "<ul>" + "<li>item" * (4 * MAX_DEPTH) + "</ul>"
    assert not costly_html(items)
    assert sanitize_html(items, None).count("<li>") == 4 * MAX_DEPTH


@pytest.mark.parametrize(
    "fragment",
    [
        "<div/>" * 100_000 + "x",  # the slash closes nothing: these nest
        "<div></span>" * 60_000 + "x",  # end tags of nothing open close nothing
        "<p>" + "".join(f'<b title="t{n}">' for n in range(250)) + "<p>x" * 2_000,
        "<span>x</span>" * 30_000,  # many elements
    ],
    ids=["self-closed-divs", "wrong-end-tags", "formatting-times-blocks", "many-elements"],
)
def test_html_that_costs_a_parser_far_more_than_its_size_keeps_its_text(fragment: str) -> None:
    started = time.process_time()
    cleaned = sanitize_html(fragment, None)
    assert time.process_time() - started < 2
    assert len(cleaned) < 2 * len(fragment) + 1000
    assert costly_html(fragment)


def test_ordinary_html_is_not_costly() -> None:
    release = "<p>The <b>Prosecutor</b> <a href='x'>charged</a> <i>three</i> people.</p>" * 200
    assert not costly_html(release)
    assert "<b>Prosecutor</b>" in sanitize_html(release, None)


def test_html_cut_at_the_cap_is_cut_before_a_tag() -> None:
    fragment = "<p>" + "x" * (MAX_HTML - 5) + "<strong>bold</strong></p>"
    cleaned = sanitize_html(fragment, None)
    assert "&lt;" not in cleaned and cleaned.endswith("</p>")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("60", 60),
        (" 15 ", 15),
        ("²", None),
        ("99999999999999999999", None),
        ("-5", None),
        ("0", None),
        ("abc", None),
        ("", None),
        (None, None),
    ],
)
def test_a_bad_ttl_is_ignored(text: str | None, minutes: int | None) -> None:
    expected = timedelta(minutes=minutes) if minutes else None
    assert read_ttl(text) == expected


def test_references_no_text_can_hold_are_dropped_and_others_kept() -> None:
    body = b"a&#xD800;b&#0;c&#x110000;d&#99999999999;e&#233;f&#x1F600;g&#1;h"
    assert without_invalid_references(body) == b"abcde&#233;f&#x1F600;g&#1;h"


def rss(title: str, date: str, ttl: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"<link>http://example.org/</link>{ttl}"
        f"<item><title>{title}</title><link>http://example.org/1</link><guid>g1</guid>"
        f"<pubDate>{date}</pubDate></item>"
        "<item><title>good</title><link>http://example.org/2</link><guid>g2</guid>"
        "<pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate></item></channel></rss>"
    ).encode()


def atom(date: str) -> bytes:
    return (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id>'
        "<updated>2026-11-01T00:00:00Z</updated>"
        f"<entry><title>bad date</title><id>urn:1</id><updated>{date}</updated>"
        '<link href="http://example.org/1"/></entry>'
        "<entry><title>good</title><id>urn:2</id><updated>2026-11-02T10:00:00Z</updated>"
        '<link href="http://example.org/2"/></entry></feed>'
    ).encode()


@pytest.mark.parametrize(
    "date",
    [
        "0000-01-01T00:00:00Z",
        "2026-13-45T10:00:00Z",
        "2026-01-01T25:61:00Z",
        "2003-12-31T25:14:55Z",
        "2024-02-30T10:00:00Z",
        "2026-01-01T10:00:00-99:99",
        "9999-12-31T23:59:59-01:00",
    ],
)
def test_an_unreadable_atom_date_loses_the_date_not_the_feed(date: str) -> None:
    """Each path keeps both entries, and both read the date alike: as feedparser does (it
    rolls 25:61 over to the next day and February 30 to March 1), or not at all, in which
    case the item says it is dated by when it was first seen."""
    found = []
    for fast in (True, False):
        feed = parse_feed(atom(date), url="http://example.org/f", content_type=None, fast=fast)
        assert [entry.title for entry in feed.entries] == ["bad date", "good"]
        found.append(normalize_entry(feed.entries[0], base=None, now=NOW))
    assert found[0].published == found[1].published
    if found[0].published is None:
        assert found[0].date_note and "dated by when it was first seen" in found[0].date_note


@pytest.mark.parametrize(
    ("title", "date", "ttl"),
    [
        ("x &#xD800; y", "Mon, 02 Nov 2026 09:00:00 +0000", ""),
        ("x", "Fri, 31 Dec 9999 23:59:59 -1200", ""),
        ("x", "Mon, 02 Nov 2026 09:00:00 +0000", "<ttl>²</ttl>"),
        ("x", "Mon, 02 Nov 2026 09:00:00 +0000", "<ttl>99999999999999999999</ttl>"),
    ],
)
def test_one_bad_rss_field_loses_that_field(title: str, date: str, ttl: str) -> None:
    for fast in (True, False):
        feed = parse_feed(rss(title, date, ttl), url="http://e/f", content_type=None, fast=fast)
        assert [e.title.strip() for e in feed.entries][1] == "good"
        assert feed.ttl is None
        assert is_clean(normalize_entry(feed.entries[0], base=None, now=NOW).title)


def test_json_feed_dates_and_surrogates() -> None:
    document = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "JS\\ud800title", "items": ['
        b'{"id": "1", "title": "bad \\u0001 date \\udfff", "url": "http://e/1",'
        b' "date_published": "9999-12-31T23:59:59-01:00"},'
        b'{"id": "2", "title": "good", "url": "http://e/2", "date_published": 12}]}'
    )
    feed = parse_jsonfeed(document)
    first, second = (normalize_entry(e, base=None, now=NOW) for e in feed.entries)
    assert first.title == "bad date"
    assert first.published is None and second.published is None
    assert second.date_note and "'12' could not be read" in second.date_note


def test_date_notes_say_why_the_first_seen_time_is_used() -> None:
    future = NOW + timedelta(days=400)
    assert date_note(NOW - timedelta(days=1), None, None, NOW) is None
    assert "in the future" in (date_note(future, None, None, NOW) or "")
    assert "before 1990" in (date_note(datetime(1970, 1, 1, tzinfo=UTC), None, None, NOW) or "")
    assert "'31/31/2026' could not be read" in (date_note(None, None, "31/31/2026", NOW) or "")
    assert date_note(None, None, None, NOW) is None  # no date given: nothing to explain
    edge = datetime(9999, 12, 31, 20, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert plausible(edge, NOW) is None  # in UTC that is the year 10000


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://alice:S3cret@host/feed?api_key=TOP&x=1", "http://host/feed?x=1"),
        ("https://host/f?token=a&Access-Token=b&sig=c&page=2", "https://host/f?page=2"),
        ("https://host/f?client_secret=a&my_api_key=b&q=fraud", "https://host/f?q=fraud"),
        ("https://host:8443/f?password=a#top", "https://host:8443/f#top"),
        ("https://host/f?keyword=fraud&monkey=1", "https://host/f?keyword=fraud&monkey=1"),
        ("https://host/f?apiToken=a&accessKey=b&clientSecret=c&x=1", "https://host/f?x=1"),
        ("https://host/cb#access_token=a&state=s", "https://host/cb#state=s"),
        ("https://host/f?apitoken=a&authtoken=b&accesskey=c&secretkey=d&n=1", "https://host/f?n=1"),
        ("https://host/f?db_password=a&my_secret_id=b&n=1", "https://host/f?n=1"),
        ("https://host/plain", "https://host/plain"),
    ],
)
def test_public_urls_carry_no_credentials(url: str, shown: str) -> None:
    assert public_url(url) == shown


def test_addresses_in_messages_are_redacted() -> None:
    message = "redirected from http://u:pw@a.example/x?token=T to https://b.example/y?key=K."
    assert redact_urls(message) == ("redirected from http://a.example/x to https://b.example/y.")
    quoted = "redirect loop: http://bob:it's-S3cret@127.0.0.1:43927/loop -> elsewhere"
    assert "S3cret" not in redact_urls(quoted) and "bob" not in redact_urls(quoted)


def test_searches_are_bounded() -> None:
    assert search_problem("fraud " * 100) is not None  # over 512 characters
    assert search_problem("fraud\x00") is not None
    assert search_problem("fraud\u0085") is not None
    assert search_problem("lavado de dinero") is None
    assert search_words("a A a b " * 50) == ["a", "b"]
    many = " ".join(f"w{n}" for n in range(100))
    assert len(search_words(many)) == MAX_SEARCH_TERMS


def test_only_http_urls_pass_to_output() -> None:
    assert http_url("https://example.org/x") == "https://example.org/x"
    for bad in ("javascript:alert(1)", "data:text/html,x", "/relative", "", None, "ftp://x/"):
        assert http_url(bad) is None


def candidate(
    item_id: int,
    source: str,
    link: str,
    site: str,
    hours: int,
    kind: str | None = None,
) -> Candidate:
    return Candidate(item_id, source, kind, link, (site, None), NOW - timedelta(hours=hours))


def test_an_agencys_own_copy_is_shown_whoever_published_first() -> None:
    agency = candidate(
        2, "eppo", "https://www.eppo.europa.eu/en/news/x", "https://eppo.europa.eu/rss", 1
    )
    scraper = candidate(
        1, "aggregator-x", "https://www.eppo.europa.eu/en/news/x", "https://news.example/feed", 5
    )
    assert is_own_copy(agency) and not is_own_copy(scraper)
    assert representative([scraper, agency]) == 2
    # Another EU agency on europa.eu is not the same site.
    europol = candidate(
        3, "europol", "https://www.eppo.europa.eu/en/news/x", "https://www.europol.europa.eu/rss", 9
    )
    assert not is_own_copy(europol)


def test_then_preferred_kinds_then_the_earliest_then_the_source_id() -> None:
    media = candidate(1, "paper", "https://j.example/1", "https://paper.example", 5, "media")
    doj = candidate(2, "doj", "https://j.example/1", "https://doj.example", 1, "prosecution")
    assert representative([media, doj], ["prosecution"]) == 2
    assert representative([media, doj]) == 1  # earlier
    twin = candidate(3, "aaa", "https://j.example/1", "https://x.example", 5)
    assert representative([media, twin]) == 3  # same time: source id


def test_the_representative_does_not_depend_on_arrival_order() -> None:
    found = [
        candidate(1, "paper", "https://j.example/1", "https://paper.example", 5, "media"),
        candidate(2, "doj", "https://doj.example/1", "https://doj.example", 1, "prosecution"),
        candidate(3, "sfo", "https://j.example/1", "https://sfo.example", 3, "prosecution"),
        candidate(4, "un", "https://j.example/1", "https://un.example", 3, "international"),
    ]
    for prefer in ([], ["prosecution"], ["international", "prosecution"]):
        chosen = {representative(list(order), prefer) for order in itertools.permutations(found)}
        assert chosen == {2}  # the only own copy


def test_a_few_bad_bytes_do_not_make_a_utf8_document_windows_1252() -> None:
    """One encoded surrogate (ED A0 80) in a UTF-8 document: its other accented letters stay
    as written, on both parse paths; a document really written in windows-1252 is still read
    as such."""
    document = (
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            "<item><title>Ação em São Paulo – Zürich BAD</title><link>http://e/1</link></item>"
            "</channel></rss>"
        )
        .encode()
        .replace(b"BAD", b"\xed\xa0\x80")
    )
    for fast in (True, False):
        feed = parse_feed(document, url="http://e/f", content_type=None, fast=fast)
        assert feed.entries[0].title.startswith("Ação em São Paulo – Zürich")
    text = "Ação pública da Procuradoria-Geral: operação contra corrupção e lavagem em São Paulo"
    latin = (
        f"<rss version='2.0'><channel><title>T</title><item><title>{text}</title>"
        "<link>http://e/1</link></item></channel></rss>"
    ).encode("cp1252")
    title = parse_feed(latin, url="http://e/f", content_type=None).entries[0].title
    assert title == text  # windows-1252 (not windows-1250's "Açăo"), nor damaged UTF-8


def test_json_feed_text_is_text_and_raw_controls_are_tolerated() -> None:
    document = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "A <b>bold</b> title",'
        b' "items": [{"id": "1", "url": "http://e/1", "title": "<img src=x onerror=alert(1)>",'
        b' "summary": "tab\tinside \x01 raw"}]}'
    )
    feed = parse_jsonfeed(document)
    item = normalize_entry(feed.entries[0], base=None, now=NOW)
    assert item.title == "<img src=x onerror=alert(1)>"  # as written: text, escaped on output
    assert "<img" not in item.summary_html and plain_text(item.summary_html) == "tab inside raw"


def test_a_parse_pool_restart_does_not_cancel_the_parses_queued_in_it() -> None:
    """A parse that overruns its limit restarts the pool, which cancels what was queued in
    the old one: those parses are run again in the new pool, and never end the round with a
    CancelledError."""
    import asyncio

    from aggregator.errors import ParseError
    from aggregator.update.runtime import ParsePool

    async def go() -> list[object]:
        pool = ParsePool(timedelta(seconds=2), workers=1)
        try:

            async def later() -> object:
                await asyncio.sleep(1.5)
                return await pool._run(time.sleep, 0)

            return await asyncio.gather(
                pool._run(time.sleep, 10), *(later() for _ in range(3)), return_exceptions=True
            )
        finally:
            pool.close()

    first, *others = asyncio.run(go())
    assert isinstance(first, ParseError)
    assert others == [None, None, None]


def test_text_from_servers_is_shown_as_written_in_tables() -> None:
    """`status` and `preview` print titles and messages written by servers: Rich markup in
    them (`[/b]` raised MarkupError, `[link=...]` made a terminal link) is shown as text."""
    import io

    from rich.console import Console
    from rich.table import Table

    from aggregator.cli.sources import _add_plain_row

    table = Table()
    table.add_column("error")
    _add_plain_row(table, "503 Busy [/bold] see [link=javascript:alert(1)]here[/link]")
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(table)
    assert "[/bold]" in out.getvalue() and "[link=javascript:alert(1)]" in out.getvalue()


def test_a_json_value_nested_too_deep_loses_that_value_not_the_feed() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    head = '{"version": "https://jsonfeed.org/version/1.1", "title": "T", "_x": '
    first = '{"id": "1", "title": "quote \\" and [{ inside", "url": "http://e/1", "_deep": '
    second = '{"id": "2", "title": "good", "url": "http://e/2"}'
    document = (head + deep + ', "items": [' + first + deep + "}," + second + "]}").encode()
    feed = parse_jsonfeed(document)
    assert [entry.guid for entry in feed.entries] == ["1", "2"]


def test_pages_of_the_same_host_get_the_source_credentials_back() -> None:
    from aggregator.update.pages import with_credentials_of

    source = "https://alice:S3cret@agency.example/news?api_key=K&page=1"
    assert (
        with_credentials_of(source, "https://agency.example/news?page=2")
        == "https://alice:S3cret@agency.example/news?page=2&api_key=K"
    )
    # Another host never gets them.
    assert with_credentials_of(source, "https://other.example/x") == "https://other.example/x"
