"""Credentials kept out of addresses and messages (redact.py, docs/security.md)."""

from __future__ import annotations

import pytest

from aggregator.redact import public_url, redact_urls


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://alice:S3cret@host/feed?api_key=TOP&x=1", "http://host/feed?x=1"),
        ("https://host/f?token=a&Access-Token=b&sig=c&page=2", "https://host/f?page=2"),
        ("https://host/f?client_secret=a&my_api_key=b&q=fraud", "https://host/f?q=fraud"),
        ("https://host:8443/f?password=a#top", "https://host:8443/f#top"),
        ("https://host/f?keyword=fraud&monkey=1", "https://host/f?keyword=fraud&monkey=1"),
        ("https://host/f?apiToken=a&accessKey=b&clientSecret=c&x=1", "https://host/f?x=1"),
        ("https://host/cb#access_token=a&state=s", "https://host/cb#state=s"),
        ("https://host/f?apitoken=a&authtoken=b&accesskey=c&secretkey=d&n=1", "https://host/f?n=1"),
        ("https://host/f?db_password=a&my_secret_id=b&n=1", "https://host/f?n=1"),
        ("https://host/plain", "https://host/plain"),
    ],
)
def test_public_urls_carry_no_credentials(url: str, shown: str) -> None:
    assert public_url(url) == shown


def test_addresses_in_messages_are_redacted() -> None:
    message = "redirected from http://u:pw@a.example/x?token=T to https://b.example/y?key=K."
    assert redact_urls(message) == ("redirected from http://a.example/x to https://b.example/y.")
    quoted = "redirect loop: http://bob:it's-S3cret@127.0.0.1:43927/loop -> elsewhere"
    assert "S3cret" not in redact_urls(quoted) and "bob" not in redact_urls(quoted)
