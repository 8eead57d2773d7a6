"""Reading a response's body for the fetcher: the size cap, decoding, and the shortcut for
compressed bytes already seen; a redirect's short body read so its connection stays alive."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import httpx

from aggregator.fetch.decode import BoundedDecoder, TooLarge
from aggregator.models import SourceState

REDIRECT_BODY_LIMIT = 64 * 1024  # a redirect's body is read (and dropped) up to this


@dataclass(frozen=True, slots=True)
class Body:
    content: bytes | None  # None: the same compressed bytes as last time, not decompressed
    body_hash: str | None
    wire_hash: str | None  # sha256 of the bytes as sent, when they came compressed
    size: int  # decoded


async def read_body(response: httpx.Response, state: SourceState, max_size: int) -> Body:
    """The body, decoded and capped at `max_size` (TooLarge past it). Decompression is done
    here, not by httpx, which inflates a whole network read at once: a gzip bomb could allocate
    far more than the cap before a per-chunk check saw it (decode.py bounds every step)."""
    declared = response.headers.get("content-length", "")
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if declared.isascii() and declared.isdigit() and int(declared) > max_size:
        raise TooLarge  # compressed bodies are smaller than what they decode to
    decoder = BoundedDecoder(encoding, max_size)
    if encoding in ("", "identity"):
        body = b"".join([decoder.feed(chunk) async for chunk in response.aiter_raw()])
        return Body(body, hashlib.sha256(body).hexdigest(), None, len(body))
    # Read it all compressed first: bytes identical to last time decode to the same body,
    # which needs no decompressing (zlib was a large part of a round of unchanged bodies:
    # docs/performance.md, "Figures (2026-11-29, seventh session)"). The compressed bytes
    # are capped like the decoded ones.
    wire, sent = hashlib.sha256(), bytearray()
    async for chunk in response.aiter_raw():
        wire.update(chunk)
        sent += chunk
        if len(sent) > max_size:
            raise TooLarge
    wire_hash = wire.hexdigest()
    if state.body_hash is not None and wire_hash == state.wire_hash:
        return Body(None, state.body_hash, wire_hash, state.body_size)
    body = decoder.feed(bytes(sent))
    return Body(body, hashlib.sha256(body).hexdigest(), wire_hash, len(body))


async def drain(response: httpx.Response) -> None:
    """Read a redirect's short body to its end, as for a 304: httpcore keeps a connection only
    for a response read through, and a source that redirects on every check (http to https, a
    missing slash) would otherwise open a new connection each time. A long body is not read:
    the connection is dropped instead."""
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) <= REDIRECT_BODY_LIMIT:
        await response.aread()
