"""Which copy a story shows, through the real store: the agency's own copy, whichever source
was fetched first, and whatever site a third party's feed claims as its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from aggregator.config.loading import Config
from aggregator.store import Store
from tests.support.feed_server import Document, FeedServer
from tests.support.rounds import Clock, run_round, write_config


def sources_config(tmp_path: Path, sources: dict[str, str]) -> Config:
    """A config of the given sources (id -> address), nothing too old to publish."""
    return write_config(
        tmp_path,
        "store: s.sqlite\ndefaults: {max_age: 36500d}\nsources:\n"
        + "".join(f"  - {{id: {name}, url: '{url}'}}\n" for name, url in sources.items()),
    )


def feed(title: str, site: str, item_title: str, link: str, date: str) -> Document:
    return Document(
        (
            f"<rss version='2.0'><channel><title>{title}</title><link>{site}</link>"
            f"<description>d</description><item><title>{item_title}</title><link>{link}</link>"
            f"<guid isPermaLink='false'>{title}-1</guid><pubDate>{date}</pubDate>"
            f"<description>{item_title}, the text.</description></item></channel></rss>"
        ).encode()
    )


@pytest.mark.parametrize("first", ["agency", "scraper"])
def test_a_third_party_cannot_take_an_agencys_story_over(
    tmp_path: Path, feed_server: FeedServer, clock: Clock, first: str
) -> None:
    """The scraper (on a host of its own) republishes the agency's release an hour earlier,
    under the agency's own link, and its feed claims the agency's site as its own: the story
    still shows the agency's copy, whether the agency or the scraper is fetched first."""
    agency_link = feed_server.url("news/release-1")
    feed_server.put(
        "agency.rss",
        feed(
            "Agency",
            feed_server.base_url,
            "Agency: three charged",
            agency_link,
            "Fri, 05 Jan 2024 09:00:00 GMT",
        ),
    )
    with FeedServer(host="127.0.0.2") as elsewhere:
        elsewhere.put(
            "scraper.rss",
            feed(
                "Scraper",
                feed_server.base_url,
                "SCRAPER headline",
                agency_link,
                "Fri, 05 Jan 2024 08:00:00 GMT",
            ),
        )
        sources = {"agency": feed_server.url("agency.rss"), "scraper": elsewhere.url("scraper.rss")}
        config = sources_config(tmp_path, sources)
        store = Store(config.store_url)
        try:
            second = "scraper" if first == "agency" else "agency"
            run_round(config, store, clock, source_ids=[first], due_only=False)
            clock.advance(minutes=5)
            run_round(config, store, clock, source_ids=[second], due_only=False)
            [story] = store.latest_stories(5)
            assert story.title == "Agency: three charged", (first, story.title)
            assert story.source.id == "agency"
            assert [ref.id for ref, _ in story.also] == ["scraper"]
        finally:
            store.close()


def test_published_links_are_the_cleaned_links(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    """Two sources carry one release, each linking it with tracking parameters and a scheme in
    capitals: the story's link and its "also reported by" link are published without them
    (issue #24), the path, other parameters and the fragment as written."""
    host = feed_server.base_url.removeprefix("http://").rstrip("/")
    agency_link = (
        f"HTTP://{host.upper()}/News/release-1?id=7&utm_source=govuk&utm_medium=atom#partners"
    )
    partner_link = f"http://{host}/partner/r1?fbclid=abc"
    feed_server.put(
        "agency.rss",
        feed("Agency", feed_server.base_url, "Three charged", agency_link, "Fri, 05 Jan 2024"),
    )
    feed_server.put(
        "partner.rss",
        feed(
            "Partner", "http://partner.example/", "Three charged", partner_link, "Fri, 05 Jan 2024"
        ),
    )
    sources = {"agency": feed_server.url("agency.rss"), "partner": feed_server.url("partner.rss")}
    config = sources_config(tmp_path, sources)
    store = Store(config.store_url)
    try:
        run_round(config, store, clock, due_only=False)
        stories = store.latest_stories(5)
        links = sorted(
            [link for story in stories for link in (story.link, *(x for _, x in story.also))]
        )
        assert links == sorted(
            [f"http://{host.lower()}/News/release-1?id=7#partners", f"http://{host}/partner/r1"]
        ), links
    finally:
        store.close()


def test_a_page_linked_with_and_without_www_is_one_story(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    """One source links the release at https://www.<host>/..., another at https://<host>/...
    with its own title and text: one story by default (issue #24), whichever comes first."""
    feed_server.put(
        "agency.rss",
        feed(
            "Agency",
            "https://www.eppo.example/",
            "EPPO arrests 4",
            "https://www.eppo.example/news/r-9?utm_source=x",
            "Fri, 05 Jan 2024 09:00:00 GMT",
        ),
    )
    feed_server.put(
        "digest.rss",
        feed(
            "Digest",
            "https://digest.example/",
            "Four held in VAT probe",
            "https://eppo.example/news/r-9",
            "Fri, 05 Jan 2024 11:00:00 GMT",
        ),
    )
    sources = {"agency": feed_server.url("agency.rss"), "digest": feed_server.url("digest.rss")}
    config = sources_config(tmp_path, sources)
    store = Store(config.store_url)
    try:
        run_round(config, store, clock, source_ids=["digest"], due_only=False)
        clock.advance(minutes=5)
        run_round(config, store, clock, source_ids=["agency"], due_only=False)
        [story] = store.latest_stories(5)
        assert sorted([story.source.id, *(ref.id for ref, _ in story.also)]) == [
            "agency",
            "digest",
        ]
    finally:
        store.close()
