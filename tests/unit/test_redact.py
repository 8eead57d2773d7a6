"""Credentials kept out of addresses and messages (redact.py, docs/security.md)."""

from __future__ import annotations

import pytest

from aggregator.redact import public_url, redact_urls, secret_values, without_values


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
        # Found by an outside attack (issue #20 reopened):
        ("http://host/s.rss?a=1;token=SEMI", "http://host/s.rss?a=1"),
        ("http://host/s.rss?token[]=ARR&b=2", "http://host/s.rss?b=2"),
        ("http://host/s.rss?auth[token]=ARR", "http://host/s.rss"),
        ("http://host/s.rss?api+key=PLUS&api%20key=SP", "http://host/s.rss"),
        (
            "https://b.s3/f?AWSAccessKeyId=A&X-Amz-Credential=C&X-Amz-Signature=S&v=1",
            "https://b.s3/f?v=1",
        ),
        ("https://host/f?bearer=B&access_key_id=K&page=2", "https://host/f?page=2"),
        ("https://host/f?a=1;b=2", "https://host/f?a=1;b=2"),
        ("https://host/f?list[]=1&auth[user]=2", "https://host/f?list[]=1"),
    ],
)
def test_public_urls_carry_no_credentials(url: str, shown: str) -> None:
    assert public_url(url) == shown


def test_addresses_in_messages_are_redacted() -> None:
    message = "redirected from http://u:pw@a.example/x?token=T to https://b.example/y?key=K."
    assert redact_urls(message) == ("redirected from http://a.example/x to https://b.example/y.")
    quoted = "redirect loop: http://bob:it's-S3cret@127.0.0.1:43927/loop -> elsewhere"
    assert "S3cret" not in redact_urls(quoted) and "bob" not in redact_urls(quoted)


def test_the_credentials_of_a_source_address_are_taken_out_of_what_its_server_writes() -> None:
    secrets = secret_values("https://alice:pw-S3cret@host/feed?api_key=ECHOSECRET&page=1&sig=ab")
    assert secrets == {"pw-S3cret", "ECHOSECRET"}  # "ab" is too short to tell from words
    assert (
        without_values("https://host/a?id=7&api_key=ECHOSECRET", secrets) == "https://host/a?id=7"
    )
    assert without_values("https://host/a?k=pw-S3cret", secrets) == "https://host/a"
    assert without_values("https://host/a?id=7", secrets) == "https://host/a?id=7"
    assert secret_values("https://host/feed?page=1") == frozenset()


def test_a_log_record_quoting_a_huge_text_is_cut_and_stays_one_valid_line() -> None:
    """Found by an outside attack: an error quoting a 9 MB address was one 9 MB log line."""
    import json
    import logging

    from aggregator.logs import MAX_LOG_TEXT, JsonFormatter, Redacting

    huge = "http://u:pw@host/" + "a" * 200_000 + "?token=SECRET"
    try:
        raise ValueError(huge)
    except ValueError:
        import sys

        record = logging.LogRecord("aggregator", logging.ERROR, "x", 1, "failed: %s", (huge,), None)
        record.exc_info = sys.exc_info()
    for inner in (logging.Formatter("%(message)s"), JsonFormatter()):
        line = Redacting(inner).format(record)
        assert len(line) < 3 * MAX_LOG_TEXT and "characters more" in line
        assert "u:pw@" not in line and "SECRET" not in line
        if isinstance(inner, JsonFormatter):
            assert "exception" in json.loads(line)


def test_a_source_error_is_kept_at_most_max_message_characters() -> None:
    from aggregator.update.decide import MAX_MESSAGE, _said

    said = _said("not a feed; it links a feed at http://host/" + "x" * 9_000_000)
    assert said is not None and len(said) == MAX_MESSAGE and said.endswith("…")
    assert _said("short") == "short"


def test_a_user_name_beside_a_password_is_no_secret_but_alone_it_may_be_one() -> None:
    assert secret_values("https://reader:hunter22@host/feed") == {"hunter22"}
    assert secret_values("https://tok3n-value@host/feed") == {"tok3n-value"}
