"""Atom rendering (publish/atom.py): valid against RFC 4287's grammar, complete, deterministic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import feedparser
from lxml import etree

from aggregator.models import SourceRef, StoryEntry
from aggregator.publish.atom import FeedMeta, render_atom
from tests.support.paths import DATA

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(DATA / "atom.rng")))
WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
EUROPOL = SourceRef(
    "europol",
    "Europol",
    "https://www.europol.europa.eu/rss",
    "https://www.europol.europa.eu/",
)
EUROJUST = SourceRef("eurojust", "Eurojust", "https://www.eurojust.europa.eu/rss.xml", None)
META = FeedMeta(
    id="tag:example.org,2026:agg",
    title="News",
    self_url="https://f.example/feed.atom",
    site_url="https://f.example/",
)


def story(n: int, **changes: object) -> StoryEntry:
    values: dict[str, object] = {
        "entry_id": f"tag:example.org,2026:agg:story:{n}",
        "title": f"Story {n} & more",
        "link": f"https://www.europol.europa.eu/news/{n}",
        "summary_html": "<p>Short <b>text</b></p>",
        "content_html": "",
        "author": None,
        "published": WHEN - timedelta(days=n),
        "updated": WHEN - timedelta(days=n),
        "source": EUROPOL,
        "tags": ("crypto", "kind:international"),
    }
    values.update(changes)
    return StoryEntry(**values)  # type: ignore[arg-type]


def render(*stories: StoryEntry) -> bytes:
    return render_atom(META, stories, tag_scheme="https://f.example/tags/")


def test_documents_validate_against_the_rfc_4287_grammar() -> None:
    also = ((EUROJUST, "https://www.eurojust.europa.eu/news/joint-action"),)
    documents = [
        render(),
        render(story(1), story(2, also=also, content_html="<p>Full</p>", author="Press office")),
        render(story(3, link=None)),
        render(story(4, source_updated=WHEN)),
    ]
    for document in documents:
        tree = etree.fromstring(document)
        assert SCHEMA.validate(tree), SCHEMA.error_log


def test_entries_carry_provenance_categories_and_related_links() -> None:
    also = (
        (EUROJUST, "https://www.eurojust.europa.eu/news/joint-action"),
        (EUROJUST, "https://WWW.europol.europa.eu/news/1?utm_source=x"),
    )
    tree = etree.fromstring(render(story(1, also=also)))
    [entry] = tree.findall(f"{ATOM}entry")
    related = entry.findall(f"{ATOM}link[@rel='related']")
    assert [(link.get("href"), link.get("title")) for link in related] == [
        ("https://www.eurojust.europa.eu/news/joint-action", "Eurojust")
    ]
    source = entry.find(f"{ATOM}source")
    assert source.findtext(f"{ATOM}id") == EUROPOL.feed_url
    assert source.findtext(f"{ATOM}title") == "Europol"
    # No updated time known (a story of an older version's row): none claimed.
    assert source.find(f"{ATOM}updated") is None
    assert [(c.get("term"), c.get("scheme")) for c in entry.findall(f"{ATOM}category")] == [
        ("crypto", "https://f.example/tags/"),
        ("kind:international", "https://f.example/tags/"),
    ]
    parsed = feedparser.parse(render(story(1, also=also)))
    assert parsed.entries[0].author == "Europol"  # the source's name when the item has none
    assert parsed.entries[0].link == "https://www.europol.europa.eu/news/1"
    assert parsed.feed.links[0].rel == "self"


def test_the_source_updated_is_the_one_known_when_the_entry_was_written() -> None:
    """atom:source carries the source feed's updated time as the store kept it with the shown
    item (issue #24): RFC 4287 recommends it, and it changes only when the entry does."""
    written = datetime(2026, 11, 20, 7, 30, 5, tzinfo=UTC)
    document = render(story(1, source_updated=written), story(2))
    tree = etree.fromstring(document)
    first, second = tree.findall(f"{ATOM}entry")
    assert first.find(f"{ATOM}source").findtext(f"{ATOM}updated") == "2026-11-20T07:30:05Z"
    assert second.find(f"{ATOM}source").find(f"{ATOM}updated") is None
    assert SCHEMA.validate(tree), SCHEMA.error_log
    parsed = feedparser.parse(document)
    assert parsed.entries[0].source.updated == "2026-11-20T07:30:05Z"


def test_rendering_is_deterministic_and_feed_updated_is_the_newest_entry() -> None:
    first = render(story(1), story(2))
    assert first == render(story(1), story(2))
    parsed = feedparser.parse(first)
    assert parsed.feed.updated == "2026-11-19T09:00:00+00:00"
    assert [e.title for e in parsed.entries] == ["Story 1 & more", "Story 2 & more"]
