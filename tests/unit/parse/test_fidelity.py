"""One fixture per cause of the differences feedparser's own corpus found between the two parse
paths (issue #21): each document is read by both, normalized as stored, and both must give the
value feedparser gives. tests/evaluations/test_feedparser_corpus.py runs the whole corpus."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from aggregator.errors import ParseError
from aggregator.models import Enclosure, FeedData, ParseOptions
from aggregator.parse.feed import parse_feed
from aggregator.update.worker import normalize_feed
from tests.support.feeds import NAMESPACED_RSS as RSS

URL = "http://example.org/feed.xml"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
ATOM = (
    '<feed xmlns="http://www.w3.org/2005/Atom"{attrs}><title>T</title><entry>{entry}</entry></feed>'
)


def both(document: str) -> FeedData:
    """The document through both paths; they must agree, and the result is returned."""
    body = document.encode("utf-8")
    found = []
    for fast in (True, False):
        parsed = parse_feed(body, url=URL, content_type="application/xml", fast=fast)
        found.append(normalize_feed(parsed, URL, NOW, 100, ParseOptions()))
    assert found[0] == found[1], "the two paths differ"
    return found[0]


def rss_item(item: str, channel: str = "") -> FeedData:
    return both(RSS.format(item=item, channel=channel))


def atom_entry(entry: str, attrs: str = "") -> FeedData:
    return both(ATOM.format(entry=entry, attrs=attrs))


@pytest.mark.parametrize(
    "body",
    [
        "<xhtml:body><p>Full <b>text</b></p></xhtml:body>",
        "<body><p>Full <b>text</b></p></body>",
        "<fullitem>&lt;p&gt;Full &lt;b&gt;text&lt;/b&gt;&lt;/p&gt;</fullitem>",
    ],
)
def test_rss_bodies_in_xhtml_body_body_and_fullitem_are_content(body: str) -> None:
    [item] = rss_item(f"<title>x</title><link>http://example.org/1</link>{body}").items
    assert "Full <b>text</b>" in item.summary_html


def test_dublin_core_titles_descriptions_creators_and_dates() -> None:
    [item] = rss_item(
        "<dc:title>A DC title</dc:title><dc:description>A DC description</dc:description>"
        "<dc:creator>Ana Souza</dc:creator><dcterms:issued>2026-11-02T10:00:00Z</dcterms:issued>"
        "<dcterms:modified>2026-11-03T10:00:00Z</dcterms:modified><link>http://example.org/1</link>"
    ).items
    assert (item.title, item.summary_html, item.author) == (
        "A DC title",
        "A DC description",
        "Ana Souza",
    )
    assert item.published == datetime(2026, 11, 2, 10, tzinfo=UTC)
    assert item.updated == datetime(2026, 11, 3, 10, tzinfo=UTC)


def test_an_atom_id_is_the_link_when_there_is_none_and_relative_ids_are_resolved() -> None:
    [item] = atom_entry(
        "<id>/news/2026/release-7</id><title>x</title><updated>2026-11-02T10:00:00Z</updated>",
        attrs=' xml:base="http://agency.example/"',
    ).items
    assert item.guid == "http://agency.example/news/2026/release-7"
    assert item.link == "http://agency.example/news/2026/release-7"


def test_media_categories_are_categories() -> None:
    [item] = rss_item(
        "<title>x</title><link>http://example.org/1</link>"
        "<media:category>Corruption</media:category><category>Fraud</category>"
    ).items
    assert item.categories == ("Corruption", "Fraud")


def test_of_two_alternate_links_the_last_one_wins_as_in_feedparser() -> None:
    [item] = atom_entry(
        '<id>urn:1</id><title>x</title><link href="http://example.org/first"/>'
        '<link rel="alternate" type="text/html" href="http://example.org/second"/>'
        '<link rel="alternate" type="application/pdf" href="http://example.org/file.pdf"/>'
    ).items
    assert item.link == "http://example.org/second"


def test_windows_1252_references_and_double_encoded_utf8_are_repaired() -> None:
    [reference] = rss_item("<title>It&#146;s the office</title><link>http://e.org/1</link>").items
    assert reference.title == "It\u2019s the office"
    [double] = rss_item(  # UTF-8 read as Latin-1 and encoded again: feedparser's repair
        "<title>the prosecutor\u00e2\u0080\u0099s office</title><link>http://e.org/2</link>"
    ).items
    assert double.title == "the prosecutor\u2019s office"


def test_enclosures_and_images_are_kept() -> None:
    [item] = rss_item(
        "<title>x</title><link>http://example.org/1</link>"
        '<enclosure url="http://example.org/a.mp3" type="audio/mpeg" length="1234"/>'
        '<media:thumbnail url="http://example.org/t.jpg"/>'
    ).items
    assert item.enclosures == (Enclosure("http://example.org/a.mp3", "audio/mpeg", 1234),)
    assert item.image == "http://example.org/t.jpg"
    [itunes] = rss_item(
        '<title>x</title><link>http://example.org/1</link><itunes:image href="/cover.png"/>'
    ).items
    assert itunes.image == "http://example.org/cover.png"


def test_plain_text_content_is_escaped_never_cleaned_as_html() -> None:
    [item] = atom_entry(
        '<id>urn:1</id><title type="text">History of the &lt;blink&gt; tag</title>'
        '<content type="text">History of the &lt;blink&gt; tag</content>'
    ).items
    assert item.title == "History of the <blink> tag"
    assert item.summary_html == "History of the &lt;blink&gt; tag"


def test_xml_base_is_honoured_for_relative_links_in_content() -> None:
    [item] = rss_item(
        '<title>x</title><content:encoded>&lt;a href="doc.pdf"&gt;the file&lt;/a&gt;'
        "</content:encoded>"
    ).items
    assert 'href="http://example.org/doc.pdf"' in item.summary_html
    document = RSS.replace("<rss ", '<rss xml:base="http://files.example/press/" ').format(
        channel="",
        item='<title>x</title><content:encoded>&lt;a href="doc.pdf"&gt;f&lt;/a&gt;'
        "</content:encoded>",
    )
    [based] = both(document).items
    assert 'href="http://files.example/press/doc.pdf"' in based.summary_html


def test_a_channel_without_items_is_an_empty_feed_and_nothing_at_all_says_so() -> None:
    feed = both("<CHANNEL><TITLE>Example feed</TITLE></CHANNEL>")
    assert (feed.title, feed.items) == ("Example feed", ())
    with pytest.raises(ParseError, match="not an RSS, Atom or CDF feed") as caught:
        parse_feed(b"<data><x>1</x></data>", url=URL, content_type=None)
    assert "Content-type" not in str(caught.value)


def test_the_feed_subtitle_is_kept() -> None:
    feed = rss_item("<title>x</title>", channel="<description>News of the office</description>")
    assert feed.subtitle == "News of the office"
