"""Items and entries as plain values, for the unit tests of normalizing, deciding and storing:
an item (ItemData) by key, an entry (EntryData) with any fields, the texts of one press
release, its cross-post and another case written from the same template, and a source's
items stored as a successful check stores them."""

from __future__ import annotations

from datetime import UTC, datetime

from aggregator.models import EntryData, FeedIntent, ItemData, TagAssignment
from aggregator.normalize.entries import normalize_entry
from aggregator.store import Store
from aggregator.stories.dedupe import DedupeContext, decide

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


def entry(**fields: object) -> EntryData:
    values: dict[str, object] = {
        "guid": None,
        "link": None,
        "title": "A title",
        "summary": "",
        "content": "",
        "author": None,
        "categories": (),
        "published": None,
        "updated": None,
    }
    values.update(fields)
    return EntryData(**values)  # type: ignore[arg-type]


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


def release_item(title: str, text: str, link: str) -> ItemData:
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


def store_items(store: Store, source_id: str, entries: list[ItemData]) -> None:
    """Decide and store a source's entries, as a successful check does."""
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
