"""Full-text search in the store: the words of a search are bounded (store/search_query.py), and
a search past the time limit is stopped, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aggregator.config.loading import STORE_VARIABLE
from aggregator.store import Store
from aggregator.store.search_query import MAX_SEARCH_TERMS, search_problem, search_words


def test_searches_are_bounded() -> None:
    assert search_problem("fraud " * 100) is not None  # over 512 characters
    assert search_problem("fraud\x00") is not None
    assert search_problem("fraud\u0085") is not None
    assert search_problem("lavado de dinero") is None
    assert search_words("a A a b " * 50) == ["a", "b"]
    many = " ".join(f"w{n}" for n in range(100))
    assert len(search_words(many)) == MAX_SEARCH_TERMS


def test_a_search_past_the_time_limit_is_stopped(tmp_path: Path) -> None:
    """The store stops a search after `search_timeout` (SQLite: a progress handler;
    PostgreSQL: statement_timeout) with SearchTimeout, which the web answers with 503; a
    search within the limit on the same store still works."""
    from sqlalchemy import text

    from aggregator.errors import SearchTimeout
    from aggregator.store import search

    url = os.environ.get(STORE_VARIABLE) or f"sqlite:///{tmp_path / 's.sqlite'}"
    store = Store(url, search_timeout=0.001)
    try:
        with store.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("ALTER TABLE item_search DROP CONSTRAINT item_search_item_id_fkey")
                )
            words = " ".join(f"fraud{n % 50} laundering bribery" for n in range(60))
            search.index(
                connection,
                [
                    {"id": n, "title": f"Fraud case {n}", "body": words, "language": "en"}
                    for n in range(1, 30_001)
                ],
                fresh=True,
            )
        with pytest.raises(SearchTimeout):
            store.search("fraud laundering bribery case")
        store.search_timeout = 60.0
        assert store.search("fraud laundering bribery case") == []  # no published story
    finally:
        store.close()
