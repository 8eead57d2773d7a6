"""Full-text search over items: SQLite FTS5, or PostgreSQL text search with each item's
language for stemming. Kept in step with the items by the store's own writes (new items,
edits, pruning); a store copied to another database is indexed again there.

- SQLite: a virtual table `item_search(title, body)` whose rowid is the item's id, tokenized
  with accents removed ("fiscalia" finds "Fiscalía"); ranked by BM25, title weighted 10:1.
- PostgreSQL: a table `item_search(item_id, document tsvector)` with a GIN index; the document
  is the title (weight A) and the body (weight B) under the item's language configuration
  (english, portuguese, spanish, french, russian... else simple); a query is read as a web
  search (quotes, OR, -word) in every language configuration at once, ranked by ts_rank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam, select, text

from aggregator.models import ItemIntent
from aggregator.store.driver import run_many
from aggregator.store.schema import item_tags, items
from aggregator.store.search_query import search_tokens, search_words

CONFIGURATIONS = {
    "en": "english",
    "pt": "portuguese",
    "es": "spanish",
    "fr": "french",
    "ru": "russian",
    "de": "german",
    "it": "italian",
    "nl": "dutch",
}
_WORD = re.compile(r"\w+")


def create(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            "CREATE VIRTUAL TABLE item_search USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        connection.exec_driver_sql(
            "CREATE TABLE item_search (item_id INTEGER PRIMARY KEY"
            " REFERENCES items (id) ON DELETE CASCADE, document tsvector NOT NULL)"
        )
        connection.exec_driver_sql(
            "CREATE INDEX ix_item_search ON item_search USING GIN (document)"
        )


def index(connection: Connection, rows: Sequence[dict[str, Any]], *, fresh: bool = False) -> None:
    """(Re)index items: rows of {id, title, summary_html, content_html, language} and,
    when the caller has it already, the body's plain text. `fresh`: items just inserted, with
    nothing indexed to replace."""
    if not rows:
        return
    # (imported here: the bodies' plain text needs the sanitizer and lxml, which a round of
    # unchanged feeds never loads)
    from aggregator.normalize.entries import body_text

    values = [
        (
            row["id"],
            row["title"],
            row["body"]
            if row.get("body") is not None
            else body_text(row["summary_html"], row["content_html"]),
            CONFIGURATIONS.get((row.get("language") or "")[:2], "simple"),
        )
        for row in rows
    ]
    if connection.dialect.name == "sqlite":
        if not fresh:
            forget(connection, [value[0] for value in values])
        run_many(
            connection,
            "INSERT INTO item_search (rowid, title, body) VALUES (?, ?, ?)",
            [value[:3] for value in values],
        )
    else:
        run_many(
            connection,
            "INSERT INTO item_search (item_id, document) VALUES (?,"
            " setweight(to_tsvector(CAST(? AS regconfig), ?), 'A')"
            " || setweight(to_tsvector(CAST(? AS regconfig), ?), 'B'))"
            " ON CONFLICT (item_id) DO UPDATE SET document = excluded.document",
            [(id_, config, title, config, body) for id_, title, body, config in values],
        )


def row_of(item_id: int, item: ItemIntent) -> dict[str, Any]:
    """What `index` needs of an item being written."""
    language = next((t.tag for t in item.tags if t.origin == "language"), "lang:")
    return {
        "id": item_id,
        "title": item.data.title,
        "summary_html": item.data.summary_html,
        "content_html": item.data.content_html,
        "body": item.data.search_text,
        "language": language.removeprefix("lang:"),
    }


def forget(connection: Connection, item_ids: Sequence[int]) -> None:
    if item_ids:
        statement = text("DELETE FROM item_search WHERE rowid IN :ids").bindparams(
            bindparam("ids", expanding=True)
        )
        if connection.dialect.name != "sqlite":
            statement = text("DELETE FROM item_search WHERE item_id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            )
        connection.execute(statement, {"ids": list(item_ids)})


def rebuild(connection: Connection) -> int:
    """Index every stored item (a migration, or a store copied from another database)."""
    language = (
        select(item_tags.c.tag)
        .where(item_tags.c.item_id == items.c.id, item_tags.c.origin == "language")
        .limit(1)
        .scalar_subquery()
    )
    query = select(
        items.c.id,
        items.c.title,
        items.c.summary_html,
        items.c.content_html,
        language.label("language"),
    ).order_by(items.c.id)
    count = 0
    for batch in connection.execute(query).partitions(2000):
        index(
            connection,
            [
                {**row._mapping, "language": (row.language or "").removeprefix("lang:")}
                for row in batch
            ],
        )
        count += len(batch)
    return count


def matching_items(connection: Connection, query: str) -> TextClause | None:
    """A statement selecting (item_id, rank) of the items matching `query`, best first, with
    its parameters bound; None for a query with no words."""
    if connection.dialect.name == "sqlite":
        words = search_words(query)
        if not words:
            return None
        phrase = " ".join(f'"{word}"' for word in words)  # every word, as a plain term
        return text(
            "SELECT rowid AS item_id, bm25(item_search, 10.0, 1.0) AS rank FROM item_search"
            " WHERE item_search MATCH :phrase ORDER BY rank"
        ).bindparams(phrase=phrase)
    query = search_tokens(query)
    if not _WORD.search(query):
        return None
    queries = " || ".join(
        f"websearch_to_tsquery('{name}', :query)"
        for name in ("simple", *dict.fromkeys(CONFIGURATIONS.values()))
    )
    return text(
        f"SELECT item_id, -ts_rank(document, q) AS rank FROM item_search,"
        f" (SELECT {queries}) AS t(q)"
        " WHERE document @@ q ORDER BY rank"
    ).bindparams(query=query)
