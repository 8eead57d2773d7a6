"""The lxml fast path gives the same items as feedparser (the reference), and leaves to
feedparser every document it cannot read exactly as feedparser would."""

from __future__ import annotations

from importlib import resources

import pytest

from aggregator.parse.fast import parse_fast
from aggregator.parse.feed import parse_feed
from tests.support.parse_diff import differences
from tests.support.paths import DATA

FEEDS = DATA / "feeds"
TAKEN = ["rss2_full.rss", "atom_full.atom", "rss1.rdf"]
DECLINED = [
    "decline_xhtml.atom",
    "decline_doctype.rss",
    "decline_entities.rss",
    "decline_markup.rss",
    "decline_portuguese_dates.rss",
]
DEMO = ["eppo.rss", "eppo.v2.rss", "europol.rss", "sfo.atom", "mpf.rss"]


@pytest.mark.parametrize("name", TAKEN)
def test_fast_path_reads_the_fixture_as_feedparser_does(name: str) -> None:
    taken, found = differences((FEEDS / name).read_bytes(), "https://host.example/feed", None)
    assert taken, f"the fast path declined {name}"
    assert found == []


@pytest.mark.parametrize("name", DECLINED)
def test_fast_path_leaves_what_it_cannot_read_exactly_to_feedparser(name: str) -> None:
    body = (FEEDS / name).read_bytes()
    assert parse_fast(body, url="https://host.example/feed", content_type=None) is None
    # ...and the document is still read, by feedparser.
    assert parse_feed(body, url="https://host.example/feed", content_type=None).entries


@pytest.mark.parametrize("name", DEMO)
def test_both_paths_agree_on_the_bundled_sample_feeds(name: str) -> None:
    body = (resources.files("aggregator.demo") / "feeds" / name).read_bytes()
    _, found = differences(body, "https://host.example/feed", None)
    assert found == []


def test_the_fixtures_exercise_the_fields_that_differ_between_parsers() -> None:
    feed = parse_fast(
        (FEEDS / "rss2_full.rss").read_bytes(), url="https://host.example/feed", content_type=None
    )
    assert feed is not None
    first, permalink, relative, undated = feed.entries
    assert first.categories == ("Fraud", "Courts") and first.author == "Press Office"
    assert permalink.link == "https://prosecutor.example/news/2"  # from the permalink guid
    assert relative.link == "https://host.example/news/3"
    assert relative.summary == relative.content  # feedparser's rule, kept
    assert undated.published is None
    atom = parse_fast(
        (FEEDS / "atom_full.atom").read_bytes(), url="https://host.example/feed", content_type=None
    )
    assert atom is not None
    assert atom.entries[0].link == "https://sfo.example/news/2026/director-charged"  # xml:base


def test_an_http_charset_that_contradicts_the_document_goes_to_feedparser() -> None:
    body = (FEEDS / "rss2_full.rss").read_bytes()
    assert parse_fast(body, url="u", content_type="text/xml; charset=utf-8") is not None
    assert parse_fast(body, url="u", content_type="text/xml; charset=iso-8859-1") is None
    assert parse_fast(body, url="u", content_type="text/plain") is None


def test_entities_are_never_resolved() -> None:
    body = (FEEDS / "decline_doctype.rss").read_bytes()
    feed = parse_feed(body, url="https://host.example/feed", content_type=None)
    assert all("root:" not in (e.title + e.summary) for e in feed.entries)


@pytest.mark.parametrize(
    ("document", "updated"),
    [
        (
            b"<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><id>urn:x</id>"
            b"<updated>2026-11-25T10:12:40+01:00</updated></feed>",
            "2026-11-25T09:12:40+00:00",
        ),
        (
            b"<rss version='2.0'><channel><title>t</title><link>https://h.example/</link>"
            b"<description>d</description><lastBuildDate>Wed, 25 Nov 2026 10:12:40 GMT"
            b"</lastBuildDate><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate></channel></rss>",
            "2026-11-25T10:12:40+00:00",
        ),
        (
            b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
            b" xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
            b"<channel rdf:about='https://h.example/'><title>t</title>"
            b"<link>https://h.example/</link><description>d</description>"
            b"<dc:date>2026-11-25T10:12:40Z</dc:date></channel></rdf:RDF>",
            "2026-11-25T10:12:40+00:00",
        ),
        # A channel's pubDate alone is its publication, not an update (feedparser's reading).
        (
            b"<rss version='2.0'><channel><title>t</title><link>https://h.example/</link>"
            b"<description>d</description><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate>"
            b"</channel></rss>",
            None,
        ),
    ],
)
def test_the_feeds_own_updated_time_is_read_by_both_paths(
    document: bytes, updated: str | None
) -> None:
    """What atom:source republishes as the source feed's updated time (issue #24)."""
    fast = parse_fast(document, url="https://h.example/feed", content_type=None)
    assert fast is not None, "the fast path declined"
    reference = parse_feed(document, url="https://h.example/feed", content_type=None, fast=False)
    for feed in (fast, reference):
        assert (feed.updated.isoformat() if feed.updated else None) == updated


@pytest.mark.parametrize(
    "document",
    [
        b'<rss version="2.0" xml:lang="en"><channel><title>t</title><item><title>a</title>'
        b"</item></channel></rss>",
        b'<rss version="2.0" xml:lang="pt_BR"><channel><language>fr</language><item>'
        b"<title>a</title></item></channel></rss>",
        b'<rss version="2.0" lang="es_ES"><channel><item><title>a</title></item></channel></rss>',
        b'<rss version="2.0"><channel xml:lang="de"><item><title>a</title></item></channel></rss>',
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru_RU"><title>t</title>'
        b"<entry><title>a</title><id>urn:x</id></entry></feed>",
    ],
    ids=["rss-root", "rss-element-wins", "rss-plain-lang", "rss-channel-only", "atom-underscore"],
)
def test_the_feeds_language_is_read_as_feedparser_reads_it(document: bytes) -> None:
    taken, found = differences(document, "https://host.example/feed", None)
    assert taken and found == []
