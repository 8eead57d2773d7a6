"""Hostile values in one field of a feed (docs/security.md): a bad ttl, date, character
reference, byte or JSON value loses that value, never the feed; both parse paths alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aggregator.hygiene import is_clean
from aggregator.normalize.entries import normalize_entry, plain_text
from aggregator.parse.feed import parse_feed
from aggregator.parse.fields import read_ttl, without_invalid_references
from aggregator.parse.jsonfeed import parse_jsonfeed

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


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


def test_a_json_value_nested_too_deep_loses_that_value_not_the_feed() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    head = '{"version": "https://jsonfeed.org/version/1.1", "title": "T", "_x": '
    first = '{"id": "1", "title": "quote \\" and [{ inside", "url": "http://e/1", "_deep": '
    second = '{"id": "2", "title": "good", "url": "http://e/2"}'
    document = (head + deep + ', "items": [' + first + deep + "}," + second + "]}").encode()
    feed = parse_jsonfeed(document)
    assert [entry.guid for entry in feed.entries] == ["1", "2"]


# --- elements feedparser's own handlers raise on (documents of feedparser's git tree, newer
# than the 6.0.11 corpus): the element is left out, the feed read ---------------------------

GOOD_ITEM = (
    "<item><title>good</title><link>http://e/good</link><guid isPermaLink='false'>g1</guid></item>"
)


@pytest.mark.parametrize(
    ("inside_channel", "left_out"),
    [
        (  # int() of an EPSG code that is not a number
            '<item xmlns:georss="http://www.georss.org/georss"'
            ' xmlns:gml="http://www.opengis.net/gml"><title>geo</title><georss:where>'
            "<gml:Point srsName='EPSG:abc'><gml:pos>45 -71</gml:pos></gml:Point></georss:where>"
            "</item>",
            "<pos>",
        ),
        ("<image><url>http://e/i.png</url></height><width>5</width></image>", "<height>"),
        ("<image><url>http://e/i.png</url></width></image>", "<width>"),
        (  # a textInput inside an item: its name, link and description found no context
            "<item><title>with a search box</title><textInput><name>q</name>"
            "<link>http://e/search</link><description>Search</description></textInput></item>",
            "<textinput>",
        ),
    ],
    ids=["gml-epsg-not-a-number", "stray-height", "stray-width", "textinput-in-item"],
)
def test_an_element_feedparser_raises_on_is_left_out_not_the_feed(
    inside_channel: str, left_out: str
) -> None:
    body = (
        f"<rss version='2.0'><channel><title>t</title>{inside_channel}{GOOD_ITEM}</channel></rss>"
    )
    for fast in (True, False):
        feed = parse_feed(body.encode(), url="http://e/f", content_type=None, fast=fast)
        assert "good" in [e.title for e in feed.entries]
        good = next(e for e in feed.entries if e.title == "good")
        assert (good.link, good.guid) == ("http://e/good", "g1")
        assert feed.warning is not None and f"left out {left_out}" in feed.warning


def test_a_backslash_in_a_doctype_entity_is_read_as_a_backslash() -> None:
    body = (
        b'<!DOCTYPE rss [\n  <!ENTITY path "C:\\data\\1\\new">\n]>\n<rss version="2.0"><channel>'
        b"<item><guid isPermaLink='false'>&path;</guid></item></channel></rss>"
    )
    for fast in (True, False):
        feed = parse_feed(body, url="http://e/f", content_type=None, fast=fast)
        assert [e.guid for e in feed.entries] == ["C:\\data\\1\\new"]
        assert feed.warning is None or "left out" not in feed.warning


def test_leaving_an_element_out_is_one_pass_over_its_tags() -> None:
    """Found by a review: a regular expression looking for each start tag's end tag took
    seconds on a document holding thousands of unclosed ones."""
    from aggregator.parse.feed import without_element

    body = b"<a><textInput x='1'><name>q</name></textInput><b/><TEXTINPUT/></textinput>"
    assert without_element(body, "textinput") == b"<a><b/>"
    nested = b"<x><t><t>in</t>between</t>after"
    assert without_element(nested, "t") == b"<x>after"
    many = b"<d>" + b"<textinput>" * 20_000 + b"text</d>"
    assert without_element(many, "textinput") == b"<d>text</d>"
