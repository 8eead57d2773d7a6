"""The decisions of one source's check (update/decide.py, stories/deciding.py), on plain values:
no network, no store, no clock."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from aggregator.config.loading import Config, SourceSettings, parse_config
from aggregator.errors import BrokenPage, ParseError
from aggregator.models import (
    FeedData,
    FetchResult,
    ItemData,
    SourceState,
    StoredItemState,
    StoryCopy,
    TagAssignment,
)
from aggregator.stories.deciding import decide_items, shown_items
from aggregator.update import decide
from aggregator.update.decide import Check

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
CONFIG_TEXT = """
output: {id: "tag:example.org,2026:agg"}
stories: {prefer_kinds: [prosecution, international]}
sources:
  - {id: gp, url: "https://gp.example/news.rss", kind: prosecution}
  - {id: paper, url: "https://paper.example/rss", kind: media}
  - {id: list, url: "https://list.example/news", type: html, preset: uswds, pages: 3}
"""


@pytest.fixture(scope="module")
def config() -> Config:
    return parse_config(CONFIG_TEXT, Path("/nonexistent/feeds.yaml"))


def source(config: Config, source_id: str) -> SourceSettings:
    return next(s for s in config.settings.sources if s.id == source_id)


def state(source_id: str = "gp", **changes: Any) -> SourceState:
    values: dict[str, Any] = {
        "id": source_id,
        "url": "https://gp.example/news.rss",
        "etag": None,
        "last_modified": None,
        "body_hash": None,
        "consecutive_errors": 0,
        "next_check_at": None,
    }
    values.update(changes)
    return SourceState(**values)


def fetched(status: int | None = 200, **changes: Any) -> FetchResult:
    return FetchResult("gp", "https://gp.example/news.rss", status, **changes)


def item(key: str, link: str | None = None, published: datetime | None = NOW) -> ItemData:
    return ItemData(
        key=key,
        guid=key,
        link=link,
        canonical_link=link,
        title=f"Title {key}",
        summary_html="",
        content_html="",
        author=None,
        categories=(),
        published=published,
        updated=None,
        content_hash="hash-" + key,
    )


def no_tags(_: ItemData) -> tuple[TagAssignment, ...]:
    return ()


# What an answer is, before reading it


def test_a_304_is_not_modified_whatever_the_body_hash() -> None:
    assert decide.answer_outcome(state(body_hash="h"), fetched(304), "h") == "not-modified"
    assert decide.answer_outcome(state(body_hash="h"), fetched(304), "other") == "not-modified"


def test_the_same_bytes_as_last_time_are_unchanged_and_new_bytes_are_read() -> None:
    assert decide.answer_outcome(state(body_hash="h"), fetched(200), "h") == "unchanged"
    assert decide.answer_outcome(state(body_hash="h"), fetched(200), "new") is None
    assert decide.answer_outcome(state(body_hash=None), fetched(200), "new") is None


def test_a_304_that_carries_an_error_is_not_taken_for_not_modified() -> None:
    assert decide.answer_outcome(state(), fetched(304, error="bad"), "x") is None


def test_an_html_list_reads_its_further_pages_on_its_first_fetch_only(config: Config) -> None:
    listing = source(config, "list")
    assert decide.follows_pages(listing, state("list"))
    assert not decide.follows_pages(listing, state("list", body_hash="seen"))
    assert not decide.follows_pages(source(config, "gp"), state())


def test_a_list_without_pages_reads_a_few_pages_first_and_pages_1_only_one(
    config: Config,
) -> None:
    plain = SourceSettings(id="p", url="https://p.example/news", type="html")
    assert plain.first_pages == 3 and decide.follows_pages(plain, state("p"))
    single = SourceSettings(id="s", url="https://s.example/news", type="html", pages=1)
    assert not decide.follows_pages(single, state("s"))
    assert SourceSettings(id="f", url="https://f.example/rss").first_pages == 1


def test_error_kind_comes_from_the_error_type_not_its_words() -> None:
    assert decide.error_kind(BrokenPage("selectors matched nothing")) == "broken"
    # The old rule read a message prefix; a parse error that only says "broken:" is not one.
    assert decide.error_kind(ParseError("broken: but only in words")) == "permanent"
    assert decide.error_kind(ValueError("x")) == "permanent"


def test_failure_message_names_unexpected_errors_and_keeps_parse_errors() -> None:
    assert decide.failure_message(ParseError("not a feed")) == "not a feed"
    assert decide.failure_message(KeyError("k")) == "parser failed: KeyError: 'k'"


# The whole outcome of a successful check


def check(
    config: Config,
    *,
    state_: SourceState | None = None,
    fetched_: FetchResult | None = None,
    feed: FeedData | None = None,
    body_hash: str | None = "body",
) -> Check:
    return Check(
        source=source(config, "gp"),
        state=state_ or state(),
        fetched=fetched_ or fetched(200, etag='"e"', size=120, wire_hash="wire"),
        checked_at=NOW,
        outcome="ok",
        body_hash=body_hash,
        feed=feed,
    )


def success(config: Config, the_check: Check, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "schedule": decide.policy(config, source(config, "gp")),
        "recent": 0,
        "jitter": 0.0,
    }
    values.update(changes)
    return decide.success(config.settings.fetch, the_check, NOW, **values)


def test_success_is_built_whole_with_its_next_check(config: Config) -> None:
    feed = FeedData("GP", "https://gp.example/", "ru", (), subtitle="News", ttl=None)
    intent = success(config, check(config, feed=feed))
    assert intent.next_check_at > NOW  # never a placeholder to be filled in later
    assert intent.next_check_reason.startswith("adaptive")
    assert (intent.etag, intent.body_hash, intent.wire_hash, intent.body_size) == (
        '"e"',
        "body",
        "wire",
        120,
    )
    assert (intent.feed_title, intent.feed_link, intent.feed_subtitle) == (
        "GP",
        "https://gp.example/",
        "News",
    )
    assert intent.consecutive_errors == 0 and intent.error is None


def test_without_a_new_body_the_hashes_and_size_stay_those_of_the_stored_body(
    config: Config,
) -> None:
    stored = state(body_hash="old", wire_hash="old-wire", body_size=99)
    intent = success(
        config,
        check(config, state_=stored, fetched_=fetched(304, size=0), body_hash=None),
    )
    assert (intent.body_hash, intent.wire_hash, intent.body_size) == ("old", "old-wire", 99)


def test_new_items_of_the_week_shorten_the_interval(config: Config) -> None:
    quiet = success(config, check(config))
    items = tuple(
        decide_items(_Lookup(), config, source(config, "gp"), [item(str(n))], NOW, no_tags)[0]
        for n in range(40)
    )
    busy = success(config, check(config), items=items)
    assert busy.next_check_at < quiet.next_check_at
    assert "40 items" in busy.next_check_reason


def test_a_server_hint_longer_than_the_interval_is_honoured(config: Config) -> None:
    feed = FeedData(None, None, None, (), ttl=timedelta(days=3))
    hinted = fetched(200, freshness=timedelta(hours=30))
    intent = success(config, check(config, fetched_=hinted, feed=feed), recent=1000)
    assert intent.next_check_reason.startswith("server asked")
    assert intent.next_check_at >= NOW + timedelta(hours=24)


def test_a_permanent_move_is_watched_then_trusted_after_the_grace(config: Config) -> None:
    moved = fetched(200, moved_to="https://new.example/rss")
    first = success(config, check(config, fetched_=moved))
    assert (first.moved_to, first.moved_rounds, first.fetch_url) == (
        "https://new.example/rss",
        1,
        None,
    )
    watched = state(
        moved_to="https://new.example/rss",
        moved_since=NOW - timedelta(days=2),
        moved_rounds=5,
    )
    trusted = success(config, check(config, state_=watched, fetched_=moved))
    assert trusted.fetch_url == "https://new.example/rss"
    assert (trusted.moved_to, trusted.moved_since, trusted.moved_rounds) == (None, None, 0)


def test_a_feed_warning_is_kept_without_credentials_or_control_characters(
    config: Config,
) -> None:
    feed = FeedData(None, None, None, (), warning="bad \x01 https://u:secret@x.example/f")
    intent = success(config, check(config, feed=feed))
    assert intent.notice is not None
    assert "secret" not in intent.notice and "\x01" not in intent.notice


# The whole outcome of a failed check


def test_a_transient_failure_backs_off_and_keeps_the_move_watch() -> None:
    watched = state(consecutive_errors=2, moved_to="https://n.example/", moved_rounds=2)
    intent = decide.failure(
        watched, fetched(503, error_kind="transient"), "HTTP 503", NOW, jitter=0.0
    )
    assert intent.outcome == "error" and intent.consecutive_errors == 3
    assert intent.next_check_at == NOW + timedelta(minutes=8)
    assert intent.next_check_reason == "backoff after 3 errors"
    assert (intent.moved_to, intent.moved_rounds) == ("https://n.example/", 2)


def test_a_permanent_failure_retries_slowly_and_a_retry_after_wins() -> None:
    slow = decide.failure(state(), fetched(200), "not a feed", NOW, jitter=0.0)
    assert slow.error_kind == "permanent"
    assert slow.next_check_at == NOW + timedelta(hours=1)
    asked = decide.failure(
        state(), fetched(429, retry_after=timedelta(hours=5)), "429", NOW, jitter=0.0
    )
    assert asked.next_check_at == NOW + timedelta(hours=5)
    assert asked.next_check_reason == "server asked: Retry-After"


def test_gone_disables_the_source_and_says_how_to_enable_it() -> None:
    intent = decide.failure(state(), fetched(410, error_kind="gone"), "HTTP 410", NOW, jitter=0)
    assert intent.next_check_reason == "disabled"
    assert intent.disable_reason is not None
    assert "aggregator enable gp" in intent.disable_reason


def test_the_kind_given_overrides_the_fetch_result_kind() -> None:
    intent = decide.failure(
        state(), fetched(200), "selectors matched nothing", NOW, jitter=0.0, kind="broken"
    )
    assert intent.error_kind == "broken"


def test_the_rate_window_starts_a_week_before_the_earliest_check() -> None:
    later = NOW + timedelta(seconds=30)
    assert decide.recent_window_start([later, NOW]) == NOW - timedelta(days=7)
    assert decide.recent_window_start([]) is None


# Which copy a story shows (stories/deciding.py)


class _Lookup:
    """A StoryLookup answered from plain dictionaries."""

    def __init__(
        self,
        stored: dict[str, StoredItemState] | None = None,
        links: dict[str, int] | None = None,
        shown: dict[int, StoryCopy] | None = None,
        has_items: bool = True,
    ) -> None:
        self.stored, self.links, self.shown, self.known = (
            stored or {},
            links or {},
            shown or {},
            has_items,
        )

    def stored_items(self, source_id: str, keys: Sequence[str]) -> dict[str, StoredItemState]:
        return {k: v for k, v in self.stored.items() if k in keys}

    def stored_by_link(self, source_id: str, links: Sequence[str]) -> dict[str, StoredItemState]:
        return {}

    def stories_by_link(self, links: Sequence[str]) -> dict[str, int]:
        return {k: v for k, v in self.links.items() if k in links}

    def band_hits(self, bands: Collection[int], crowded: int) -> dict[int, list[int]]:
        return {}

    def candidate_items(self, ids: Collection[int]) -> dict[int, dict[str, Any]]:
        return {}

    def has_items(self, source_id: str) -> bool:
        return self.known

    def shown_copies(self, story_ids: Collection[int]) -> dict[int, StoryCopy]:
        return {k: v for k, v in self.shown.items() if k in story_ids}


def test_the_agencys_own_copy_takes_over_a_story_a_newspaper_started(config: Config) -> None:
    link = "https://gp.example/news/1"
    papers_copy = StoryCopy(7, "paper", "media", link, ("https://paper.example/rss",), NOW)
    lookup = _Lookup(links={link: 70}, shown={70: papers_copy})
    (intent,) = decide_items(lookup, config, source(config, "gp"), [item("a", link)], NOW, no_tags)
    assert intent.action == "new" and intent.story == 70 and intent.shown


def test_a_newspaper_joining_an_agencys_story_does_not_take_it_over(config: Config) -> None:
    link = "https://gp.example/news/1"
    agency = StoryCopy(3, "gp", "prosecution", link, ("https://gp.example/news.rss",), NOW)
    lookup = _Lookup(links={link: 30}, shown={30: agency})
    (intent,) = decide_items(
        lookup, config, source(config, "paper"), [item("a", link)], NOW, no_tags
    )
    assert intent.story == 30 and not intent.shown


def test_an_edited_item_is_an_update_and_never_changes_what_a_story_shows(
    config: Config,
) -> None:
    stored = StoredItemState(5, "a", "old-hash", 50, NOW - timedelta(days=1), "Title a")
    lookup = _Lookup(stored={"a": stored})
    (intent,) = decide_items(lookup, config, source(config, "gp"), [item("a")], NOW, no_tags)
    assert intent.action == "update" and intent.item_id == 5 and not intent.shown


def test_a_first_fetch_lists_only_recent_items(config: Config) -> None:
    old = item("old", published=NOW - timedelta(days=400))
    new = item("new")
    intents = decide_items(
        _Lookup(has_items=False), config, source(config, "gp"), [old, new], NOW, no_tags
    )
    assert {i.data.key: i.listed for i in intents} == {"old": False, "new": True}


def test_in_a_new_story_exactly_one_newcomer_is_shown(config: Config) -> None:
    link = "https://elsewhere.example/1"
    intents = decide_items(
        _Lookup(), config, source(config, "gp"), [item("a", link), item("b", link)], NOW, no_tags
    )
    assert intents[0].story == intents[1].story
    assert [i.shown for i in intents] == [True, False]


def test_shown_items_prefers_the_configured_kinds_over_an_earlier_copy(config: Config) -> None:
    link = "https://elsewhere.example/1"
    (intent,) = decide_items(
        _Lookup(), config, source(config, "gp"), [item("a", link)], NOW, no_tags
    )
    newcomer = replace(intent, story=9, shown=False)
    earlier_paper = StoryCopy(
        2, "paper", "media", link, ("https://paper.example/rss",), NOW - timedelta(hours=3)
    )
    chosen = shown_items([newcomer], source(config, "gp"), {9: earlier_paper}, ["prosecution"])
    assert chosen[0].shown
    kept = shown_items([newcomer], source(config, "gp"), {9: earlier_paper}, [])
    assert not kept[0].shown  # with no preference the earlier copy stays
