"""Where the frozen RFC 5005 archive pages of each published feed end.

A page holds the next `entries` published stories in the order they were stored; once full it
never changes. Its last story id is kept here, so a publish reads only the stories after the
last full page (not a count of all stories and an OFFSET through them).
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from aggregator.store.engine import insert_ignoring_duplicates
from aggregator.store.schema import archive_pages


def bounds(connection: Connection, feed: str) -> list[int]:
    query = (
        select(archive_pages.c.last_story_id)
        .where(archive_pages.c.feed == feed)
        .order_by(archive_pages.c.page)
    )
    return list(connection.execute(query).scalars())


def add(connection: Connection, feed: str, first_page: int, last_story_ids: list[int]) -> None:
    if last_story_ids:
        # Two publishers working out the same page write the same row: the second is ignored.
        connection.execute(
            insert_ignoring_duplicates(connection, archive_pages),
            [
                {"feed": feed, "page": first_page + offset, "last_story_id": last}
                for offset, last in enumerate(last_story_ids)
            ],
        )
