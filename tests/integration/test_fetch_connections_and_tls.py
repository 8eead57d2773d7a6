"""The fetcher's HTTP client on asyncio sockets (http_backend.py), against real servers on
127.0.0.1: connections a server closes between requests, and HTTPS with a test CA."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import trustme

from aggregator.fetch.client import Fetcher, FetchLimits
from aggregator.models import FetchResult, SourceState

FEED = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


class Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, except `/once`: answered, then the connection is closed without
    a `Connection: close` header, as servers do when their keep-alive timeout ends."""

    protocol_version = "HTTP/1.1"
    ports: ClassVar[list[int]] = []  # client ports, one per connection

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).ports.append(self.client_address[1])
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)
        if self.path == "/once":
            self.close_connection = True


class Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client refusing our certificate is one of the cases under test."""


def serve(server: ThreadingHTTPServer) -> Iterator[str]:
    Handler.ports = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if isinstance(server.socket, ssl.SSLSocket) else "http"
    yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def plain() -> Iterator[str]:
    yield from serve(Quiet(("127.0.0.1", 0), Handler))


@pytest.fixture
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls(authority: trustme.CA) -> Iterator[str]:
    server = Quiet(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield from serve(server)


def fetch_times(url: str, times: int, pause: float = 0.0) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        fetcher = Fetcher(FetchLimits(concurrency=1))
        results = []
        try:
            for _ in range(times):
                state = SourceState("s", url, None, None, None, 0, None)
                results.append(await fetcher.fetch(state))
                await asyncio.sleep(pause)
        finally:
            await fetcher.aclose()
        return results

    return asyncio.run(go())


def test_a_connection_the_server_closed_is_not_reused(plain: str) -> None:
    """The pool asks an idle connection whether it is readable (closed by the server); a wrong
    answer sends the next request into a closed socket and the fetch fails."""
    results = fetch_times(f"{plain}/once", 3, pause=0.05)
    assert [r.status for r in results] == [200, 200, 200], [r.error for r in results]
    assert len(set(Handler.ports)) == 3  # a new connection for each
    kept = fetch_times(f"{plain}/feed", 3, pause=0.05)
    assert [r.body for r in kept] == [FEED] * 3
    assert len(set(Handler.ports[3:])) == 1  # and one for all while the server keeps it


def test_https_with_a_trusted_authority_keeps_the_connection(
    tls: str, authority: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))  # as an operator with a private CA would
    results = fetch_times(f"{tls}/feed", 3)
    assert [r.body for r in results] == [FEED] * 3, [r.error for r in results]
    assert len(set(Handler.ports)) == 1


def test_https_with_an_unknown_authority_is_a_clear_error(
    tls: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    [result] = fetch_times(f"{tls}/feed", 1)
    assert result.status is None and result.body is None
    assert result.error is not None and "certificate" in result.error.lower(), result.error


def test_connections_to_one_server_ramp_up_as_they_answer() -> None:
    """Ten sources of one loopback server start together (exempt from per-host turns): at most
    four new connections wait for an answer at once, so a server listening with a small backlog
    (Python's http.server: 5) is never sent more handshakes than it can queue, each of which
    would cost its request a one-second retransmission. The rest connect as the first answer."""

    async def go() -> tuple[int, int, list[FetchResult]]:
        connections = 0
        answer = asyncio.Event()
        handlers: list[asyncio.Task[object]] = []

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal connections
            connections += 1
            handlers.append(asyncio.current_task())  # type: ignore[arg-type]
            try:
                while await reader.readuntil(b"\r\n\r\n"):
                    await answer.wait()
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                        b"Content-Length: %d\r\n\r\n%s" % (len(FEED), FEED)
                    )
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError):
                pass  # the client closed it
            finally:
                writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        fetcher = Fetcher(FetchLimits(concurrency=10))
        try:
            fetches = [
                asyncio.create_task(
                    fetcher.fetch(
                        SourceState(
                            f"s{n}", f"http://127.0.0.1:{port}/{n}", None, None, None, 0, None
                        )
                    )
                )
                for n in range(10)
            ]
            for _ in range(500):  # until the first connections are in (at most 5 s)
                if connections >= 4:
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.3)  # without the ramp, all ten connect within milliseconds
            before_answers = connections
            answer.set()
            results = await asyncio.gather(*fetches)
        finally:
            await fetcher.aclose()
            server.close()
            await asyncio.gather(*handlers, return_exceptions=True)
        return before_answers, connections, results

    before_answers, after, results = asyncio.run(go())
    assert before_answers == 4
    assert [r.body for r in results] == [FEED] * 10, [r.error for r in results]
    assert after <= 10


def test_an_unreachable_first_address_does_not_use_up_the_deadline(plain: str) -> None:
    """Happy eyeballs: a name whose first address (IPv6 here) silently drops connections, as on
    networks with broken IPv6, must still be fetched from its second address well within the
    deadline. The drop is real: an IPv6 listener on the same port whose accept queue is full,
    so the kernel ignores further handshakes. Only the name's resolution is faked (no DNS
    here): `dual.test` gives ::1 first, then 127.0.0.1, where the feed is served."""
    port = int(plain.rsplit(":", 1)[1])
    blackhole = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    blackhole.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    blackhole.bind(("::1", port))
    blackhole.listen(0)
    fillers = []
    for _ in range(3):  # the accept queue full: later handshakes are dropped, not refused
        filler = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        filler.setblocking(False)
        filler.connect_ex(("::1", port))
        fillers.append(filler)

    async def go() -> FetchResult:
        loop = asyncio.get_running_loop()
        resolve = loop.getaddrinfo

        async def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
            if host == "dual.test":
                stream = socket.SOCK_STREAM
                return [
                    (socket.AF_INET6, stream, socket.IPPROTO_TCP, "", ("::1", port, 0, 0)),
                    (socket.AF_INET, stream, socket.IPPROTO_TCP, "", ("127.0.0.1", port)),
                ]
            return await resolve(host, *args, **kwargs)  # type: ignore[arg-type]

        loop.getaddrinfo = getaddrinfo  # type: ignore[method-assign,assignment]
        fetcher = Fetcher(FetchLimits(timeout=timedelta(seconds=5)))
        try:
            state = SourceState("s", f"http://dual.test:{port}/feed", None, None, None, 0, None)
            return await fetcher.fetch(state)
        finally:
            await fetcher.aclose()

    try:
        result = asyncio.run(go())
    finally:
        for filler in fillers:
            filler.close()
        blackhole.close()
    assert result.status == 200 and result.body == FEED, result.error
