from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aggregator.models import ItemData, StoredItemState, TagAssignment
from aggregator.stories.dedupe import DedupeContext, decide, story_entry_id

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def item(
    key: str,
    link: str | None = None,
    content_hash: str = "h1",
    published: datetime | None = None,
    updated: datetime | None = None,
) -> ItemData:
    return ItemData(
        key=key,
        guid=key,
        link=link,
        canonical_link=link,
        title=key,
        summary_html="",
        content_html="",
        author=None,
        categories=(),
        published=published,
        updated=updated,
        content_hash=content_hash,
    )


def no_tags(_: ItemData) -> tuple[TagAssignment, ...]:
    return ()


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
