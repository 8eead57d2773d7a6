"""Near-duplicate releases: the pure comparison, the store's band index, and the whole path
through the fixture feed server and the CLI (story, unmerge, published entries)."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser
import pytest

from aggregator.config.loading import STORE_VARIABLE
from aggregator.config.settings import SimilarTextSettings
from aggregator.demo.server import Document, FeedServer
from aggregator.models import ItemData, StoredItemState
from aggregator.normalize.entries import normalize_entry
from aggregator.normalize.similarity import band_keys, compare, profile, same_release, words_of
from aggregator.store import Store
from aggregator.stories.dedupe import DedupeContext, decide
from aggregator.stories.near_duplicates import similar_stories

from .test_cli import cli
from .test_dedupe import item, no_tags

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)

RELEASE = (
    "Judicial and law enforcement authorities in Germany, Italy and Slovakia have dismantled an "
    "organised crime group suspected of a VAT carousel fraud involving the trade in mobile "
    "phones and computer components. The network is estimated to have caused damage of EUR 45 "
    "million to the national treasuries. During a joint action day, 14 suspects were arrested "
    "and 32 locations searched. Eurojust set up a joint investigation team and hosted two "
    "coordination meetings to prepare the action."
)
CROSS_POST = (
    "With the support of Europol, judicial and law enforcement authorities in Germany, Italy "
    "and Slovakia have dismantled an organised crime group suspected of a VAT carousel fraud "
    "involving the trade in mobile phones and computer components. The network is estimated to "
    "have caused damage of EUR 45 million to the national treasuries. During a joint action "
    "day, 14 suspects were arrested and 32 locations searched. Europol deployed two analysts."
)
# Another case written from the same template: the same sentences, other places and figures.
OTHER_CASE = (
    RELEASE.replace("Germany, Italy and Slovakia", "Austria, Czechia and Poland")
    .replace("EUR 45 million", "EUR 12 million")
    .replace("14 suspects were arrested and 32", "6 suspects were arrested and 19")
)


def test_words_are_folded_and_short_texts_get_no_band_keys() -> None:
    assert words_of("Fiscalía ANTICORRUPCIÓN, São Paulo") == [
        "fiscalia",
        "anticorrupcion",
        "sao",
        "paulo",
    ]
    assert band_keys("Statement by the European Chief Prosecutor") == ()
    assert len(band_keys(RELEASE)) == 20


def test_the_same_lead_shares_band_keys_and_an_unrelated_text_does_not() -> None:
    lead_only = " ".join(RELEASE.split()[:45])
    assert set(band_keys(RELEASE)) & set(band_keys(lead_only))
    assert set(band_keys(RELEASE)) & set(band_keys(CROSS_POST))
    unrelated = (
        "A former teacher who sexually abused three pupils at a school in Kent over a period "
        "of six years has been jailed for 14 years. The victims came forward as adults."
    )
    assert not set(band_keys(RELEASE)) & set(band_keys(unrelated))


def test_cross_post_is_one_release_and_a_template_case_is_not() -> None:
    release, cross, other = profile(RELEASE), profile(CROSS_POST), profile(OTHER_CASE)
    score = same_release(release, cross, threshold=0.65, min_words=25)
    assert score is not None and score > 0.8
    # The template case shares most phrases but not its figures.
    assert compare(release, other).similarity > 0.65
    assert not compare(release, other).numbers_agree
    assert same_release(release, other, threshold=0.65, min_words=25) is None
    # A lead-only copy is contained in the whole release.
    lead = profile(" ".join(RELEASE.split()[:45]))
    assert same_release(release, lead, threshold=0.65, min_words=25) == 1.0
    # Short texts never merge on text alone, however alike.
    notice = profile("A new Red Notice has been published for a fugitive wanted for fraud.")
    assert same_release(notice, notice, threshold=0.65, min_words=25) is None
    assert same_release(release, cross, threshold=0.95, min_words=25) is None


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


def _entry(title: str, text: str, link: str) -> ItemData:
    from aggregator.models import EntryData

    return normalize_entry(
        EntryData(
            guid=link,
            link=link,
            title=title,
            summary=f"<p>{text}</p>",
            content="",
            author=None,
            categories=(),
            published=NOW,
            updated=None,
        ),
        base=None,
        now=NOW,
    )


def _store_entries(store: Store, source_id: str, entries: list[ItemData]) -> None:
    """Decide and store a source's entries, as a successful check does."""
    from aggregator.models import FeedIntent

    with store.transaction() as tx:
        intents = decide(entries, DedupeContext(source_id, "p", {}, {}), NOW, no_tags)
        tx.apply(
            FeedIntent(
                source_id=source_id,
                checked_at=NOW,
                outcome="ok",
                next_check_at=NOW,
                consecutive_errors=0,
                items=tuple(intents),
            )
        )


def test_the_store_finds_a_near_duplicate_by_its_bands(tmp_path: Path) -> None:
    from aggregator.config.loading import SourceSettings

    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        store.sync_sources(
            [
                SourceSettings(id="a", url="https://a.example/f"),
                SourceSettings(id="b", url="https://b.example/f"),
            ],
            NOW,
        )
        first = _entry("VAT fraud network dismantled", RELEASE, "https://a.example/1")
        _store_entries(store, "a", [first])
        cross = _entry("14 arrests in VAT carousel fraud", CROSS_POST, "https://b.example/9")
        other = _entry("Another VAT fraud", OTHER_CASE, "https://b.example/10")
        with store.transaction() as tx:
            found = similar_stories(
                tx, [cross, other], skip_keys=(), linked={}, settings=SimilarTextSettings(), now=NOW
            )
            assert set(found) == {cross.key}
            story, why = found[cross.key]
            assert isinstance(story, int) and why.startswith("text similarity 0.")
            off = similar_stories(
                tx,
                [cross],
                skip_keys=(),
                linked={},
                settings=SimilarTextSettings(enabled=False),
                now=NOW,
            )
            assert off == {}
            # Outside the time window, no candidate at all.
            late = _entry("14 arrests in VAT carousel fraud", CROSS_POST, "https://b.example/11")
            late = replace(late, published=NOW + timedelta(days=30))
            assert (
                similar_stories(
                    tx, [late], skip_keys=(), linked={}, settings=SimilarTextSettings(), now=NOW
                )
                == {}
            )
    finally:
        store.close()


def rss(*entries: tuple[str, str, str, str]) -> bytes:
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{link}</link>"
        f'<guid isPermaLink="false">{guid}</guid>'
        f"<pubDate>{format_datetime(NOW - timedelta(hours=2))}</pubDate>"
        f"<description>{escape('<p>' + escape(text) + '</p>')}</description></item>"
        for guid, link, title, text in entries
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://example.org/</link>{items}</channel></rss>"
    ).encode()


def test_cross_post_with_another_link_is_one_story_end_to_end(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    eurojust_item = (
        "ej-1",
        "https://www.eurojust.europa.eu/news/vat-1",
        "Eurojust supports VAT fraud action",
        RELEASE,
    )
    feed_server.put("eurojust.rss", Document(rss(eurojust_item)))
    feed_server.put(
        "europol.rss",
        Document(
            rss(
                (
                    "ep-1",
                    "https://www.europol.europa.eu/news/14-arrests",
                    "14 arrests in VAT fraud",
                    CROSS_POST,
                ),
                (
                    "ep-2",
                    "https://www.europol.europa.eu/news/other-case",
                    "6 arrests in VAT fraud",
                    OTHER_CASE,
                ),
            )
        ),
    )
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "store: s.sqlite\noutput: {dir: public}\nsources:\n"
        f"  - {{id: eurojust, title: Eurojust, url: '{feed_server.base_url}eurojust.rss'}}\n"
        f"  - {{id: europol, title: Europol, url: '{feed_server.base_url}europol.rss'}}\n"
    )
    assert cli(config, "fetch").returncode == 0
    items = json.loads(
        cli(config, "story", "https://www.europol.europa.eu/news/14-arrests", "--json").stdout
    )
    assert sorted(i["source_id"] for i in items) == ["eurojust", "europol"]
    assert items[1]["why"].startswith("text similarity 0.") and items[1]["why"].endswith(
        f"with item {items[0]['id']}"
    )
    shown = cli(config, "story", str(items[0]["id"])).stdout
    assert "why: text similarity 0." in shown
    other = json.loads(
        cli(config, "story", "https://www.europol.europa.eu/news/other-case", "--json").stdout
    )
    assert len(other) == 1
    feed = feedparser.parse((tmp_path / "public" / "feed.atom").read_bytes())
    assert len(feed.entries) == 2
    merged = next(e for e in feed.entries if e.id == items[0]["story"])
    # The entry shows one item (representative.py decides which) and names the other source.
    shown_source = next(i["source_id"] for i in items if i["shown"])
    other_title = {"eurojust": "Europol", "europol": "Eurojust"}[shown_source]
    assert f"Also reported by: {other_title}" in merged.content[0].value

    # A wrong merge undone stays undone, even when the item is edited and fetched again.
    europol_id = next(i["id"] for i in items if i["source_id"] == "europol")
    eurojust_id = next(i["id"] for i in items if i["source_id"] == "eurojust")
    assert cli(config, "unmerge", str(europol_id)).returncode == 0
    feed_server.put(
        "europol.rss",
        Document(
            rss(
                (
                    "ep-1",
                    "https://www.europol.europa.eu/news/14-arrests",
                    "14 arrests in VAT fraud (updated)",
                    CROSS_POST + " Updated.",
                ),
                (
                    "ep-2",
                    "https://www.europol.europa.eu/news/other-case",
                    "6 arrests in VAT fraud",
                    OTHER_CASE,
                ),
            )
        ),
    )
    # GUID churn at the same time: Eurojust republishes its release under a new guid.
    feed_server.put("eurojust.rss", Document(rss(("ej-1-v2", *eurojust_item[1:]))))
    assert cli(config, "fetch", "--all").returncode == 0
    assert len(json.loads(cli(config, "story", str(europol_id), "--json").stdout)) == 1
    eurojust_story = json.loads(cli(config, "story", str(eurojust_id), "--json").stdout)
    assert [i["id"] for i in eurojust_story] == [eurojust_id]  # no second copy
    assert eurojust_story[0]["key"] == "ej-1-v2"


def test_a_crowded_band_key_is_boilerplate_and_finds_no_candidates(tmp_path: Path) -> None:
    """A key held by more than CROWDED stored items says nothing about a copy: it is skipped
    (without it a source whose items all open alike made every new item a candidate of
    thousands), while a key of a real copy still finds it."""
    from sqlalchemy import insert

    from aggregator.store.schema import item_bands
    from aggregator.stories.near_duplicates import CROWDED

    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        from aggregator.config.loading import SourceSettings

        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        entries = [
            _entry(f"Release {n}", f"{RELEASE} Case {n}.", f"https://a.example/{n}")
            for n in range(CROWDED + 2)
        ]
        _store_entries(store, "a", entries)
        with store.engine.begin() as connection:  # one key every stored item has, one only two
            ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM items")]
            connection.execute(insert(item_bands), [{"band": 7, "item_id": i} for i in ids])
            connection.execute(insert(item_bands), [{"band": 8, "item_id": i} for i in ids[:2]])
        with store.transaction() as tx:
            hits = tx.band_hits([7, 8], CROWDED)
            assert hits == {8: ids[:2]}
            assert tx.band_hits([7], len(ids)) == {7: ids}
    finally:
        store.close()


def test_band_keys_are_found_before_and_after_the_small_index_folds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New keys go to a small index that moves into the big one when full (bands.py): every
    stored item is found by each of its keys wherever they are, and none is lost or doubled."""
    from sqlalchemy import text

    from aggregator.config.loading import SourceSettings
    from aggregator.store import bands

    monkeypatch.setattr(bands, "FOLD_ITEMS", 2)  # a fold every 2 items
    # On the PostgreSQL pass, its database (the fold is one statement of its own there).
    store = Store(os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        store.sync_sources([SourceSettings(id="a", url="https://a.example/f")], NOW)
        entries = [
            _entry(f"Case {n}", f"{text} Case number {n}.", f"https://a.example/{n}")
            for n, text in enumerate((RELEASE, OTHER_CASE, RELEASE[::-1], OTHER_CASE[::-1]))
        ]
        for entry in entries:
            _store_entries(store, "a", [entry])
        with store.engine.connect() as connection:
            count = "SELECT count(*) FROM {}"
            big, small = (
                connection.execute(text(count.format(t))).scalar()
                for t in ("item_bands", "recent_bands")
            )
            ids = [row[0] for row in connection.execute(text("SELECT id FROM items ORDER BY id"))]
        keys = [set(entry.text_bands) for entry in entries]
        # The third item made the small index span 2 items: it folded; the fourth's wait.
        assert big == sum(len(k) for k in keys[:3]) and small == len(keys[3])
        with store.transaction() as tx:
            hits = tx.band_hits(set().union(*keys), 100)
            for item_id, own in zip(ids, keys, strict=True):
                assert all(item_id in hits[key] for key in own)
            bands.forget(tx.connection, ids[0])
            assert not any(ids[0] in found for found in tx.band_hits(keys[0], 100).values())
    finally:
        store.close()
