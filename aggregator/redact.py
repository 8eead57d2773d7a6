"""Source addresses as they may be shown: without credentials.

A source's URL may carry a password (`https://alice:secret@host/feed`) or a key in its query
(`?api_key=...`, `&token=...`): the aggregator must send them to that server and nowhere else.
Every address that leaves the process (published feeds, OPML, pages, `status`, logs, stored
error messages) goes through `public_url`, or `redact_urls` for addresses inside a text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

# Query parameter names that carry credentials, compared lowercased with "-" read as "_".
SECRET_PARAMETERS = frozenset(
    {
        "key",
        "apikey",
        "api_key",
        "token",
        "access_token",
        "auth",
        "auth_token",
        "authorization",
        "secret",
        "client_secret",
        "password",
        "passwd",
        "pwd",
        "pass",
        "sig",
        "signature",
        "credential",
        "credentials",
        "private_token",
        "session",
        "sessionid",
        "jwt",
    }
)
_SECRET_SUFFIXES = ("_key", "_token", "_secret", "_password", "_signature", "_sig", "token")
_SECRET_PARTS = ("secret", "password", "passwd")
# Names written without a separator (apiToken is caught as api_token; apitoken is not).
_COMPACT = frozenset(
    {
        "apikey",
        "apitoken",
        "apisecret",
        "appkey",
        "appsecret",
        "authkey",
        "accesskey",
        "secretkey",
        "privatekey",
        "clientkey",
        "xapikey",
        "subscriptionkey",
    }
)
# Userinfo, whatever it holds (a quote, a colon) up to the @ before the host.
_USERINFO = re.compile(r"\b(https?://)[^/\s?#@]*@", re.IGNORECASE)
# An address in a sentence: up to a space or quote, and not its closing punctuation.
_URL_IN_TEXT = re.compile(r"""\bhttps?://[^\s"'<>`]*[^\s"'<>`.,;:!?)]""", re.IGNORECASE)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def is_secret_parameter(name: str) -> bool:
    """`apiToken`, `api-token`, `API_TOKEN` and `api_token` alike."""
    snake = _CAMEL.sub("_", unquote_plus(name).strip())
    normalized = snake.lower().replace("-", "_")
    return (
        normalized in SECRET_PARAMETERS
        or normalized.endswith(_SECRET_SUFFIXES)
        or any(part in normalized for part in _SECRET_PARTS)
        or normalized.replace("_", "") in _COMPACT
    )


def _without_secrets(pairs: str) -> str:
    return "&".join(
        pair for pair in pairs.split("&") if not is_secret_parameter(pair.split("=")[0])
    )


def public_url(url: str) -> str:
    """`url` without userinfo and without secret-looking query parameters; everything else
    byte for byte as it was. An address that cannot be read at all is not shown."""
    try:
        parts = urlsplit(url)
        host_and_port = parts.netloc.rpartition("@")[2]
    except ValueError:
        return "(an unreadable address)"
    query = _without_secrets(parts.query) if parts.query else ""
    # A fragment of parameters (OAuth's `#access_token=...`) is read the same way.
    fragment = _without_secrets(parts.fragment) if "=" in parts.fragment else parts.fragment
    if (host_and_port, query, fragment) == (parts.netloc, parts.query, parts.fragment):
        return url
    return urlunsplit((parts.scheme, host_and_port, parts.path, query, fragment))


def redact_urls(text: str) -> str:
    """`text` with every http(s) address in it made public (see `public_url`)."""
    if "://" not in text:
        return text
    text = _USERINFO.sub(r"\1", text)
    return _URL_IN_TEXT.sub(lambda match: public_url(match.group()), text)
