"""Re-tagging stored items after the rules changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, delete, insert, select

from aggregator.models import DECLARED_LANGUAGE, TagAssignment
from aggregator.store import feed_index
from aggregator.store.schema import item_tags, items

# Rows of (source id, title, summary HTML, content HTML, link, author, categories JSON, the
# language its feed declared when fetched, or None) -> the tags of each (tags.tag_rows)
Row = tuple[str, str, str, str, str | None, str | None, str, str | None]
TagsOf = Callable[[Sequence[Row]], list[tuple[TagAssignment, ...]]]


def retag_batch(
    connection: Connection, tags_of: TagsOf, after_id: int, size: int
) -> tuple[int, int]:
    """Retag up to `size` items with ids above `after_id`; returns (count, last id)."""
    # The language an item's feed declared is known only from its stored lang: tag.
    declared = (
        select(item_tags.c.tag)
        .where(
            item_tags.c.item_id == items.c.id,
            item_tags.c.origin == "language",
            item_tags.c.detail == DECLARED_LANGUAGE,
        )
        .limit(1)
        .scalar_subquery()
    )
    rows = connection.execute(
        select(
            items.c.id,
            items.c.source_id,
            items.c.title,
            items.c.summary_html,
            items.c.content_html,
            items.c.link,
            items.c.author,
            items.c.categories,
            declared.label("declared"),
        )
        .where(items.c.id > after_id)
        .order_by(items.c.id)
        .limit(size)
    ).all()
    if not rows:
        return 0, after_id
    ids = [row.id for row in rows]
    connection.execute(delete(item_tags).where(item_tags.c.item_id.in_(ids)))
    tags = tags_of(
        [
            (
                row.source_id,
                row.title,
                row.summary_html,
                row.content_html,
                row.link,
                row.author,
                row.categories,
                row.declared.removeprefix("lang:") if row.declared else None,
            )
            for row in rows
        ]
    )
    values = [
        {"item_id": row.id, "tag": tag.tag, "origin": tag.origin, "detail": tag.detail}
        for row, assigned in zip(rows, tags, strict=True)
        for tag in assigned
    ]
    if values:
        connection.execute(insert(item_tags), values)
    feed_index.items_changed(connection, ids)
    return len(rows), ids[-1]
