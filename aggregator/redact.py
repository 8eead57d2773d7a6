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
_SECRET_SUFFIXES = ("_key", "_token", "_secret", "_password", "_signature", "_sig")
# An address in a sentence: up to a space or quote, and not its closing punctuation.
_URL_IN_TEXT = re.compile(r"""\bhttps?://[^\s"'<>`]*[^\s"'<>`.,;:!?)]""", re.IGNORECASE)


def is_secret_parameter(name: str) -> bool:
    normalized = unquote_plus(name).strip().lower().replace("-", "_")
    return normalized in SECRET_PARAMETERS or normalized.endswith(_SECRET_SUFFIXES)


def public_url(url: str) -> str:
    """`url` without userinfo and without secret-looking query parameters; everything else
    byte for byte as it was. An address that cannot be read at all is not shown."""
    try:
        parts = urlsplit(url)
        host_and_port = parts.netloc.rpartition("@")[2]
    except ValueError:
        return "(an unreadable address)"
    query = parts.query
    if query:
        kept = [pair for pair in query.split("&") if not is_secret_parameter(pair.split("=")[0])]
        query = "&".join(kept)
    if host_and_port == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, host_and_port, parts.path, query, parts.fragment))


def redact_urls(text: str) -> str:
    """`text` with every http(s) address in it made public (see `public_url`)."""
    if "://" not in text:
        return text
    return _URL_IN_TEXT.sub(lambda match: public_url(match.group()), text)
