"""Retention: delete old items, never a source's newest ones nor anything still published."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, select, update

from aggregator.store import bands, feed_index, search
from aggregator.store.schema import items, stories


@dataclass(frozen=True, slots=True)
class PruneResult:
    items: int
    stories: int


def prune(
    connection: Connection,
    *,
    seen_before: datetime,
    keep_per_source: int,
    protected_stories: Collection[int],
    dry_run: bool = False,
) -> PruneResult:
    """Items first seen before `seen_before`, beyond each source's newest `keep_per_source`,
    whose story is not `protected` (still in a published feed)."""
    rank = func.row_number().over(
        partition_by=items.c.source_id, order_by=(items.c.published_at.desc(), items.c.id.desc())
    )
    ranked = select(
        items.c.id, items.c.story_id, items.c.first_seen_at, rank.label("rank")
    ).subquery()
    doomed_query = select(ranked.c.id).where(
        ranked.c.first_seen_at < seen_before, ranked.c.rank > keep_per_source
    )
    if protected_stories:
        doomed_query = doomed_query.where(ranked.c.story_id.not_in(list(protected_stories)))
    doomed = list(connection.execute(doomed_query).scalars())
    if not doomed:
        return PruneResult(0, 0)
    touched = set(
        connection.execute(
            select(items.c.story_id).where(items.c.id.in_(doomed)).distinct()
        ).scalars()
    )
    if dry_run:
        remaining = (
            select(items.c.story_id)
            .where(items.c.story_id.in_(touched), items.c.id.not_in(doomed))
            .distinct()
        )
        left = set(connection.execute(remaining).scalars())
        return PruneResult(len(doomed), len(touched - left))
    search.forget(connection, doomed)  # SQLite's full-text table has no foreign key
    connection.execute(delete(items).where(items.c.id.in_(doomed)))  # tags, big band table cascade
    bands.forget_deleted(connection)  # the small band table has no foreign key
    survivors = dict(
        connection.execute(
            select(items.c.story_id, func.min(items.c.id))
            .where(items.c.story_id.in_(touched))
            .group_by(items.c.story_id)
        ).all()
    )
    for story_id, first_item in survivors.items():
        # A story that lost its representative is shown through its oldest remaining item.
        connection.execute(
            update(stories)
            .where(
                stories.c.id == story_id,
                stories.c.representative_item_id.not_in(
                    select(items.c.id).where(items.c.story_id == story_id)
                ),
            )
            .values(representative_item_id=first_item)
        )
    feed_index.stories_changed(connection, list(survivors))  # fewer "also reported by"
    gone = touched - set(survivors)
    if gone:
        connection.execute(delete(stories).where(stories.c.id.in_(gone)))
    return PruneResult(len(doomed), len(gone))
