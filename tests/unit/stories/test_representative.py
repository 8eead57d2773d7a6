"""Which copy a story shows (stories/representative.py): the agency's own copy first, then the
preferred kinds of source, the earliest, the source id; never the order things arrived in."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from aggregator.models import StoryCopy as Candidate
from aggregator.stories.representative import is_own_copy, representative

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


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


def test_by_default_a_media_copy_published_first_does_not_take_an_agencys_story() -> None:
    """Found by an outside attack: a media source that copied a release word for word onto its
    own site, dated four hours earlier, became the story's copy (both were their source's own
    copy, and the earliest won), and its later edits showed under the agency's entry."""
    from aggregator.config.settings import StoriesSettings

    prefer = StoriesSettings().prefer_kinds
    agency = candidate(
        2, "agency", "https://agency.example/news/1", "https://agency.example/rss", 1, "prosecution"
    )
    copier = candidate(
        1, "copier", "https://copier.example/a/1", "https://copier.example/rss", 5, "media"
    )
    no_kind = candidate(3, "anon", "https://anon.example/1", "https://anon.example/rss", 9)
    assert is_own_copy(agency) and is_own_copy(copier) and is_own_copy(no_kind)
    assert representative([copier, agency, no_kind], prefer) == 2
    assert representative([copier, no_kind], prefer) == 3  # then the earliest
