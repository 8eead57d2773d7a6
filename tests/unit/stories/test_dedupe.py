"""The pure decision of stories/dedupe.py: new, edited or unchanged, and which story an item
joins (by its link, or by a near-duplicate match found before)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aggregator.models import StoredItemState
from aggregator.stories.dedupe import DedupeContext, decide, story_entry_id
from tests.support.items import item, no_tags

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def context(
    stored: dict[str, StoredItemState] | None = None, links: dict[str, int] | None = None
) -> DedupeContext:
    return DedupeContext("src", "tag:x,2026:agg", stored or {}, links or {})


def test_new_items_get_stories_and_repeats_in_a_feed_are_dropped() -> None:
    intents = decide(
        [item("a", "https://x/1"), item("a", "https://x/9"), item("b")], context(), NOW, no_tags
    )
    assert [i.data.key for i in intents] == ["a", "b"]
    assert intents[0].story == story_entry_id("tag:x,2026:agg", "src", "a")
    assert all(i.action == "new" for i in intents)


def test_same_link_joins_an_existing_story_or_one_made_in_this_batch() -> None:
    intents = decide(
        [item("a", "https://x/1"), item("b", "https://x/1"), item("c", "https://x/2")],
        context(links={"https://x/2": 42}),
        NOW,
        no_tags,
    )
    assert intents[0].story == intents[1].story and isinstance(intents[0].story, str)
    assert intents[2].story == 42


def test_unchanged_items_produce_nothing_and_edits_update_in_place() -> None:
    stored = {
        "a": StoredItemState(7, "a", "h1", 3, NOW - timedelta(days=1)),
        "b": StoredItemState(8, "b", "h1", 4, NOW - timedelta(days=1)),
    }
    intents = decide([item("a"), item("b", content_hash="h2")], context(stored), NOW, no_tags)
    assert len(intents) == 1
    edit = intents[0]
    assert (edit.action, edit.item_id, edit.story, edit.updated_at) == ("update", 8, 4, NOW)


def test_edit_keeps_publisher_updated_time_when_it_moved_forward() -> None:
    stored = {"a": StoredItemState(7, "a", "h1", 3, NOW - timedelta(days=2))}
    later = NOW - timedelta(hours=1)
    [edit] = decide([item("a", content_hash="h2", updated=later)], context(stored), NOW, no_tags)
    assert edit.updated_at == later


def test_undated_items_keep_feed_order() -> None:
    intents = decide([item("newest"), item("older"), item("oldest")], context(), NOW, no_tags)
    times = [i.published_at for i in intents]
    assert times == sorted(times, reverse=True) and times[0] == NOW
    assert all(i.first_seen_at == NOW for i in intents)


def test_decide_follows_similar_matches_to_stored_and_same_batch_stories() -> None:
    a, b, c = item("a", "https://x/1"), item("b", "https://y/2"), item("c", "https://z/3")
    found = DedupeContext(
        "src",
        "tag:x,2026:agg",
        {},
        {},
        similar={"a": (42, "text similarity 0.91 with item 7"), "c": ("b", "same fetch")},
    )
    first, second, third = decide([a, b, c], found, NOW, no_tags)
    assert (first.story, first.merge_reason) == (42, "text similarity 0.91 with item 7")
    assert third.story == second.story and isinstance(second.story, str)
    assert second.merge_reason is None and third.merge_reason == "same fetch"


def test_a_new_guid_on_a_stored_link_with_the_same_title_is_the_same_item() -> None:
    stored = StoredItemState(7, "old-guid", "h1", 3, NOW - timedelta(days=1), title="new-guid")
    republished = item("new-guid", "https://x/1")
    [intent] = decide(
        [republished],
        DedupeContext("src", "p", {}, {}, stored_by_link={"https://x/1": stored}),
        NOW,
        no_tags,
    )
    # Same text: the stored item takes the new key; nothing a reader sees changed.
    assert (intent.action, intent.item_id, intent.data.key) == ("update", 7, "new-guid")
    assert intent.updated_at == stored.updated_at
    # While the old guid is still in the feed, the two are two items (one story by link).
    both = decide(
        [republished, item("old-guid", "https://x/1")],
        DedupeContext(
            "src",
            "p",
            {"old-guid": stored},
            {"https://x/1": 3},
            stored_by_link={"https://x/1": stored},
        ),
        NOW,
        no_tags,
    )
    assert [(i.action, i.story) for i in both] == [("new", 3)]
