"""Property: any Unicode text, in any field a source gives, publishes valid Atom, RSS and JSON.

Documents are generated with arbitrary text in every field (control characters, lone
surrogates, noncharacters, C1 controls, markup, `javascript:` addresses mixed in on purpose),
read by the parse worker's own function, and rendered by the three writers; every output must
parse strictly (Atom against RFC 4287's RELAX NG schema), hold no script and no address but
http(s) ones.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import escape

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from aggregator.models import FeedData, ParseOptions, SourceRef, StoryEntry
from aggregator.publish.atom import FeedMeta, render_atom
from aggregator.publish.other_formats import render_json_feed, render_rss
from aggregator.update.worker import parse_document
from tests.support.paths import DATA

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SCHEMA = etree.RelaxNG(etree.parse(str(DATA / "atom.rng")))
STRICT = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
HOSTILE = [
    "\x00",
    "\x01",
    "\x0b",
    "\x1f",
    "\x7f",
    "\x85",
    "\x92",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "&#1;",
    "&#xD800;",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "]]>",
    "\u2028",
]
TEXT = st.lists(
    st.one_of(
        st.text(st.characters(codec=None, categories=None), max_size=12),
        st.sampled_from(HOSTILE),
    ),
    max_size=6,
).map("".join)


def jsonfeed(title: str, fields: list[str]) -> bytes:
    """A JSON Feed whose fields are `fields` (escapes carry even lone surrogates)."""
    item = {
        "id": fields[0],
        "url": fields[1],
        "title": fields[2],
        "content_html": fields[3],
        "summary": fields[4],
        "authors": [{"name": fields[5]}],
        "tags": [fields[6]],
        "date_published": fields[7],
    }
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": fields[1],
        "items": [item, {"id": "good", "url": "https://example.org/good", "title": "Good"}],
    }
    return json.dumps(document, ensure_ascii=True).encode()


def rss(title: str, fields: list[str]) -> bytes:
    """An RSS document with the fields escaped as XML text, raw characters and all: one that
    XML forbids makes it ill-formed, and feedparser reads it."""

    def text(value: str) -> bytes:
        return escape(value, quote=False).encode("utf-8", "surrogatepass")

    return (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>'
        + text(title)
        + b"</title><link>"
        + text(fields[1])
        + b"</link><item><guid>"
        + text(fields[0])
        + b"</guid><link>"
        + text(fields[1])
        + b"</link><title>"
        + text(fields[2])
        + b"</title><description>"
        + text(fields[3])
        + b"</description><author>"
        + text(fields[5])
        + b"</author><category>"
        + text(fields[6])
        + b"</category><pubDate>"
        + text(fields[7])
        + b"</pubDate></item><item><title>Good</title><link>https://example.org/good</link>"
        b"</item></channel></rss>"
    )


def entries(feed: FeedData) -> list[StoryEntry]:
    """Each item as the store gives it to the writers."""
    source = SourceRef(
        id="s",
        title=feed.title or "s",
        feed_url="https://example.org/feed",
        site_link=feed.link,
        language=feed.language,
    )
    return [
        StoryEntry(
            entry_id=f"tag:example.org,2026:story:{n}",
            title=item.title,
            link=item.link,
            summary_html=item.summary_html,
            content_html=item.content_html,
            author=item.author,
            published=item.published or NOW,
            updated=item.updated or item.published or NOW,
            source=source,
            tags=("fraud",),
            also=((source, item.link),),
        )
        for n, item in enumerate(feed.items)
    ]


def assert_publishable(feed: FeedData) -> None:
    assert any(item.title == "Good" for item in feed.items)
    stories = entries(feed)
    meta = FeedMeta(
        id="tag:example.org,2026:agg",
        title="Agg",
        self_url="https://example.org/feed.atom",
        site_url="https://example.org/",
    )
    atom = etree.fromstring(render_atom(meta, stories, tag_scheme="https://e.org/tags/"), STRICT)
    assert SCHEMA.validate(atom), SCHEMA.error_log
    rss_root = etree.fromstring(render_rss(meta, stories), STRICT)
    document = json.loads(render_json_feed(meta, stories))
    html_parts = [
        *(e.text or "" for e in atom.iter("{*}content", "{*}summary")),
        *(e.text or "" for e in rss_root.iter("description", "{*}encoded")),
        *(item["content_html"] for item in document["items"]),
    ]
    for part in html_parts:
        if not part.strip():
            continue
        for element in lxml.html.fragments_fromstring(part):
            if not isinstance(element, lxml.html.HtmlElement):
                continue
            for node in element.iter():
                assert node.tag not in ("script", "iframe", "object", "embed")
                for name, value in node.attrib.items():
                    assert not name.lower().startswith("on")
                    if name in ("href", "src"):
                        assert value.startswith(("http://", "https://", "mailto:")), value
    urls = [e.get("href") for e in atom.iter("{*}link")]
    urls += [item.get("url") for item in document["items"] if item.get("url")]
    urls += [e.text for e in atom.iter("{*}id") if (e.text or "").startswith("http")]
    assert all(url and url.startswith(("http://", "https://")) for url in urls), urls


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, fields=st.lists(TEXT, min_size=8, max_size=8))
def test_any_text_in_a_json_feed_publishes_valid_documents(title: str, fields: list[str]) -> None:
    feed = parse_document(
        jsonfeed(title, fields), "https://example.org/feed.json", None, NOW, 100, ParseOptions()
    )
    assert_publishable(feed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, fields=st.lists(TEXT, min_size=8, max_size=8))
def test_any_text_in_an_rss_feed_publishes_valid_documents(title: str, fields: list[str]) -> None:
    feed = parse_document(
        rss(title, fields), "https://example.org/feed.rss", None, NOW, 100, ParseOptions()
    )
    assert_publishable(feed)
