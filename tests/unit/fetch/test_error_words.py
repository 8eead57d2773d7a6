"""How a failed request is said (fetch/client.py): the host named, a DNS failure said as one."""

from __future__ import annotations

import httpx

from aggregator.fetch.client import _describe_http_error


def failure(kind: type[httpx.HTTPError], message: str) -> httpx.HTTPError:
    error = kind(message)
    error.request = httpx.Request("GET", "https://news.agency.example/rss")
    return error


def test_a_name_that_does_not_resolve_is_said_so_with_the_host() -> None:
    said = _describe_http_error(failure(httpx.ConnectError, "[Errno -2] Name or service not known"))
    assert said.startswith("the name news.agency.example does not resolve (DNS)")


def test_other_failures_name_the_host() -> None:
    said = _describe_http_error(failure(httpx.ConnectError, "[Errno 111] Connection refused"))
    assert said == "cannot connect (news.agency.example): [Errno 111] Connection refused"
    assert _describe_http_error(httpx.ConnectError("boom")) == "cannot connect: boom"
