"""Fetching against real servers on 127.0.0.1: validators, caps, deadline, errors."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from aggregator.fetch.client import Fetcher, FetchLimits
from aggregator.models import FetchResult, SourceState
from tests.support.feed_server import Document, FeedServer

FEED = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


class Hostile(BaseHTTPRequestHandler):
    """Endpoints that misbehave on purpose."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/drip":  # one byte a tenth of a second, forever
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                return
        elif self.path == "/bomb":  # 1 GiB of zeros in about 1 MB of gzip
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(BOMB)))
            self.end_headers()
            self.wfile.write(BOMB)
        elif self.path in ("/big", "/big-chunked"):
            body = b"x" * (3 * 1024 * 1024)
            self.send_response(200)
            if self.path == "/big":
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for start in range(0, len(body), 65536):
                    chunk = body[start : start + 65536]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/gzip":
            body = gzip.compress(FEED)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/gzip-fixed"):  # ?level=N: other bytes, the same body
            body = gzip.compress(FEED, compresslevel=int(self.path[-1]), mtime=0)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/raw-deflate":
            compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
            body = compressor.compress(FEED) + compressor.flush()
            self.send_response(200)
            self.send_header("Content-Encoding", "deflate")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop-again" if self.path == "/loop" else "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """The client hanging up on a bomb or a drip is the point of these endpoints."""


def _make_bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    return b"".join(compressor.compress(block) for _ in range(1024)) + compressor.flush()


BOMB = _make_bomb()


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    server = _Quiet(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(
    url: str,
    *,
    etag: str | None = None,
    modified: str | None = None,
    before: FetchResult | None = None,
    **limits: object,
) -> FetchResult:
    """`before`: the previous fetch, whose body and compressed-body hashes the source keeps."""
    hashes = (before.body_hash, before.wire_hash, before.size) if before else (None, None, 0)
    # (as the store keeps them: the body's hash, the compressed bytes' hash, the body's size)

    async def go() -> FetchResult:
        fetcher = Fetcher(FetchLimits(**limits))  # type: ignore[arg-type]
        body_hash, wire_hash, size = hashes
        state = SourceState(
            "s", url, etag, modified, body_hash, 0, None, wire_hash=wire_hash, body_size=size
        )
        try:
            return await fetcher.fetch(state)
        finally:
            await fetcher.aclose()

    return asyncio.run(go())


def test_conditional_get_sends_validators_and_reads_304(feed_server: FeedServer) -> None:
    feed_server.put("f.rss", Document(FEED))
    first = fetch(feed_server.url("f.rss"))
    assert first.status == 200 and first.body == FEED and first.etag
    second = fetch(feed_server.url("f.rss"), etag=first.etag, modified=first.last_modified)
    assert second.not_modified and second.body is None and second.etag == first.etag
    only_date = fetch(feed_server.url("f.rss"), modified=first.last_modified)
    assert only_date.status == 304
    request = feed_server.requests[1]
    assert request.if_none_match == first.etag
    assert request.user_agent is not None and request.user_agent.startswith("aggregator/")


def test_connections_are_kept_alive_across_304s(feed_server: FeedServer) -> None:
    """A 304 closed unread made httpcore drop the connection: a 304 round opened one per
    source."""
    feed_server.put("alive.rss", Document(FEED))
    url = feed_server.url("alive.rss")

    async def go() -> list[FetchResult]:
        fetcher = Fetcher(FetchLimits(concurrency=1))
        try:
            first = await fetcher.fetch(SourceState("s", url, None, None, None, 0, None))
            state = SourceState("s", url, first.etag, first.last_modified, None, 0, None)
            return [first] + [await fetcher.fetch(state) for _ in range(4)]
        finally:
            await fetcher.aclose()

    results = asyncio.run(go())
    assert [r.status for r in results] == [200, 304, 304, 304, 304]
    seen = [r for r in feed_server.requests if r.path == "/alive.rss"]
    assert len(seen) == 5 and len({r.client_port for r in seen}) == 1


def test_connections_are_kept_alive_across_redirects(feed_server: FeedServer) -> None:
    feed_server.put("old.rss", Document(b"moved", status=301, headers={"Location": "/new.rss"}))
    feed_server.put("new.rss", Document(FEED))
    url = feed_server.url("old.rss")

    async def go() -> list[FetchResult]:
        fetcher = Fetcher(FetchLimits(concurrency=1))
        try:
            state = SourceState("s", url, None, None, None, 0, None)
            return [await fetcher.fetch(state) for _ in range(3)]
        finally:
            await fetcher.aclose()

    results = asyncio.run(go())
    assert [(r.status, r.body) for r in results] == [(200, FEED)] * 3
    assert results[0].moved_to == feed_server.url("new.rss")
    seen = [r for r in feed_server.requests if r.path in ("/old.rss", "/new.rss")]
    assert len(seen) == 6 and len({r.client_port for r in seen}) == 1


def test_total_deadline_cuts_a_dripping_server(hostile: str) -> None:
    started = time.monotonic()
    result = fetch(hostile + "/drip", timeout=timedelta(seconds=1))
    assert time.monotonic() - started < 5
    assert result.error == "timed out after 1 s (connect to last byte)"


def test_gzip_bomb_is_stopped_at_the_cap_with_flat_memory(hostile: str) -> None:
    tracemalloc.start()
    result = fetch(hostile + "/bomb", max_size=2 * 1024 * 1024)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.error == "response larger than 2 MiB; stopped reading"
    assert peak < 40 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_oversized_bodies_with_and_without_length(hostile: str, path: str) -> None:
    result = fetch(hostile + path, max_size=1024 * 1024)
    assert result.error == "response larger than 1 MiB; stopped reading"
    assert fetch(hostile + path, max_size=4 * 1024 * 1024).size == 3 * 1024 * 1024


@pytest.mark.parametrize("path", ["/gzip", "/raw-deflate"])
def test_compressed_bodies_are_decoded(hostile: str, path: str) -> None:
    assert fetch(hostile + path).body == FEED


def test_the_same_compressed_bytes_are_not_decompressed_again(
    hostile: str, feed_server: FeedServer
) -> None:
    import hashlib

    first = fetch(hostile + "/gzip-fixed?level=9")
    assert first.body == FEED and first.body_hash == hashlib.sha256(FEED).hexdigest()
    assert first.wire_hash is not None
    again = fetch(hostile + "/gzip-fixed?level=9", before=first)
    assert again.body is None  # not decompressed: the same body as last time
    assert (again.body_hash, again.wire_hash) == (first.body_hash, first.wire_hash)
    assert again.size == first.size == len(FEED)  # the body's size, as the status shows it
    # Other compressed bytes of the same body: decompressed, found the same.
    other = fetch(hostile + "/gzip-fixed?level=1", before=first)
    assert other.body == FEED and other.wire_hash != first.wire_hash
    assert other.body_hash == first.body_hash
    # Uncompressed bodies have no second hash.
    feed_server.put("plain.rss", Document(FEED, validators=False))
    plain = fetch(feed_server.url("plain.rss"), before=first)
    assert plain.body == FEED and plain.wire_hash is None


def test_redirect_loop_is_an_error(hostile: str) -> None:
    result = fetch(hostile + "/loop")
    assert result.error == f"redirect loop: {hostile}/loop-again -> {hostile}/loop"
    assert result.error_kind == "permanent"


def test_http_errors_and_refused_connections_are_described(feed_server: FeedServer) -> None:
    assert fetch(feed_server.url("missing")).error == "HTTP 404 Not Found"
    refused = fetch("http://127.0.0.1:9/")
    assert refused.error is not None and refused.error.startswith("cannot connect")


def test_redirect_chain_longer_than_the_cap(feed_server: FeedServer) -> None:
    for n in range(4):
        feed_server.put(f"hop{n}", Document(b"", status=307, headers={"Location": f"/hop{n + 1}"}))
    feed_server.put("hop4", Document(FEED))
    assert fetch(feed_server.url("hop0"), max_redirects=3).error == "more than 3 redirects"
    arrived = fetch(feed_server.url("hop0"), max_redirects=4)
    assert arrived.body == FEED and arrived.moved_to is None  # 307 is not a move


def test_permanent_redirect_reports_where_the_source_moved(feed_server: FeedServer) -> None:
    feed_server.put("old", Document(b"", status=301, headers={"Location": "/mid"}))
    feed_server.put("mid", Document(b"", status=308, headers={"Location": "/new"}))
    feed_server.put("new", Document(FEED))
    assert fetch(feed_server.url("old")).moved_to == feed_server.url("new")
    feed_server.put("mixed", Document(b"", status=301, headers={"Location": "/temp"}))
    feed_server.put("temp", Document(b"", status=302, headers={"Location": "/new"}))
    assert fetch(feed_server.url("mixed")).moved_to == feed_server.url("temp")


def test_public_source_cannot_redirect_into_the_private_network(feed_server: FeedServer) -> None:
    """A public address cannot be had here, so the public server is an httpx mock transport
    (a name that resolves nowhere counts as public); the redirect's target is the real
    loopback address of the fixture server, which the check resolves."""
    import httpx

    feed_server.put("internal", Document(FEED))
    target = feed_server.url("internal")

    def public(request: httpx.Request) -> httpx.Response:
        if request.url.host == "feeds.public.invalid":
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(200, stream=httpx.ByteStream(FEED))

    async def go(allow: bool) -> FetchResult:
        fetcher = Fetcher(
            FetchLimits(allow_private_redirects=allow), transport=httpx.MockTransport(public)
        )
        try:
            return await fetcher.fetch(
                SourceState("s", "https://feeds.public.invalid/rss", None, None, None, 0, None)
            )
        finally:
            await fetcher.aclose()

    refused = asyncio.run(go(False))
    assert refused.error == (f"redirect from a public address to a private one refused: {target}")
    assert asyncio.run(go(True)).body == FEED
