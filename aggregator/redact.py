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
        "bearer",
    }
)
_SECRET_SUFFIXES = (
    "_key",
    "_token",
    "_secret",
    "_password",
    "_signature",
    "_sig",
    "token",
    "_credential",
    "_key_id",  # AWS's access_key_id
)
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
        "awsaccesskeyid",
        "accesskeyid",
    }
)
# Userinfo, whatever it holds (a quote, a colon) up to the @ before the host.
_USERINFO = re.compile(r"\b(https?://)[^/\s?#@]*@", re.IGNORECASE)
# An address in a sentence: up to a space or quote, and not its closing punctuation.
_URL_IN_TEXT = re.compile(r"""\bhttps?://[^\s"'<>`]*[^\s"'<>`.,;:!?)]""", re.IGNORECASE)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def is_secret_parameter(name: str) -> bool:
    """`apiToken`, `api-token`, `API_TOKEN`, `api+key` and `api_token` alike; a name in PHP's
    array form (`token[]`, `auth[token]`) is secret when one of its parts is."""
    readable = unquote_plus(name).strip()
    return any(_is_secret_name(part) for part in _ARRAY_PARTS.split(readable) if part)


def _is_secret_name(name: str) -> bool:
    snake = _CAMEL.sub("_", name.strip())
    normalized = re.sub(r"[\s-]+", "_", snake.lower())
    return (
        normalized in SECRET_PARAMETERS
        or normalized.endswith(_SECRET_SUFFIXES)
        or any(part in normalized for part in _SECRET_PARTS)
        or normalized.replace("_", "") in _COMPACT
    )


_ARRAY_PARTS = re.compile(r"[\[\]]+")
# Parameters are separated by "&", or by ";" (HTML 4's recommendation, still served).
_SEPARATOR = re.compile(r"([&;])")


def _without_secrets(pairs: str) -> str:
    pieces = _SEPARATOR.split(pairs)
    kept: list[str] = []
    for index in range(0, len(pieces), 2):
        pair = pieces[index]
        if pair and is_secret_parameter(pair.split("=")[0]):
            continue
        if kept and index > 0:
            kept.append(pieces[index - 1])
        kept.append(pair)
    return "".join(kept).strip("&;")


def secret_values(url: str) -> frozenset[str]:
    """The credentials a source address carries (its userinfo's password and user, the values
    of its secret-looking parameters), for taking them out of what its server sends back."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return frozenset()
    # A user name beside a password is a name ("reader"), not a secret; alone it may be a
    # token (`https://TOKEN@host/feed`).
    found = {parts.password} if parts.password else {parts.username or ""}
    for text in (parts.query, parts.fragment):
        for pair in _SEPARATOR.split(text)[::2]:
            name, _, value = pair.partition("=")
            if is_secret_parameter(name):
                found.add(unquote_plus(value))
    # A value too short to be a credential would match ordinary words.
    return frozenset(value for value in found if len(value) >= MIN_SECRET_LENGTH)


MIN_SECRET_LENGTH = 6


def without_values(url: str, secrets: frozenset[str]) -> str:
    """url without the query parameters whose value is one of secrets (a server that puts the
    key it was called with into every link it writes), and without userinfo holding one."""
    if not secrets or not any(secret in unquote_plus(url) for secret in secrets):
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    pieces = _SEPARATOR.split(parts.query)
    kept = [p for p in pieces[::2] if p and unquote_plus(p.partition("=")[2]) not in secrets]
    host = parts.netloc.rpartition("@")[2] if "@" in parts.netloc else parts.netloc
    return urlunsplit((parts.scheme, host, parts.path, "&".join(kept), parts.fragment))


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
