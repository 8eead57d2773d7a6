"""Further pages of HTML sources (update/pages.py): the source's credentials go only to pages
of its own host."""

from __future__ import annotations


def test_pages_of_the_same_host_get_the_source_credentials_back() -> None:
    from aggregator.update.pages import with_credentials_of

    source = "https://alice:S3cret@agency.example/news?api_key=K&page=1"
    assert (
        with_credentials_of(source, "https://agency.example/news?page=2")
        == "https://alice:S3cret@agency.example/news?page=2&api_key=K"
    )
    # Another host never gets them.
    assert with_credentials_of(source, "https://other.example/x") == "https://other.example/x"
