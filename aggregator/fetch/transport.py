"""httpcore's network layer on plain asyncio streams, for the fetcher's client.

httpx's default transport reaches sockets through anyio, whose per-call bookkeeping dominated the
fetcher's own time in a profile of a round of unchanged feeds (docs/performance.md, "The 304
round"): cancel scopes around every read and write, and a dictionary of socket attributes rebuilt,
with a `getpeername` system call, each time httpcore asks an idle connection whether the server has
closed it (for every idle connection, on every request). This backend implements httpcore's
`AsyncNetworkBackend` interface (connect, read, write, close, TLS upgrade, "is readable") on
asyncio's streams; httpcore still does HTTP/1.1, pooling and keep-alive, and httpx everything above.
Timeouts and socket errors become httpcore's exceptions, which httpx maps to its own as with its
default backend.

It also ramps up the connections to one server (`ConnectionRamp`): a new connection counts as
unanswered until its first bytes arrive, and at most `UNANSWERED_PER_HOST` are open at once.
A burst of connects (the pool opens one per request when a round starts) otherwise overflows
a small listen backlog: the kernel drops the handshake's last packet, and that request waits
for a retransmission, a whole second. Python's own `http.server` listens with a backlog of 5,
and so does many a local feed service (RSS-Bridge and the like, on 127.0.0.1, exempt from the
per-host turns). A connection that has answered was accepted, so the next one may start.
"""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import sys
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

READ_LIMIT = 1 << 16  # asyncio's stream buffer; httpcore reads in 64 KB chunks
HAPPY_EYEBALLS_DELAY = 0.25  # seconds before the next address of a host is tried alongside
# Below the smallest common listen backlog (5: the kernel then holds up to 6 connections
# waiting to be accepted), so a burst of our connects cannot overflow it.
UNANSWERED_PER_HOST = 4
# A connect waits at most this long for a slot: a server slower than this to answer (or a
# connection lost without being closed) must not hold up the next connections for longer.
RAMP_PATIENCE = 2.0


def _no_slot() -> None:
    """What frees a connection that holds no ramp slot."""


class ConnectionRamp:
    """At most `limit` connections per (host, port) that have not answered yet; the others
    wait for one of them to answer (or fail, or close), or for `patience` seconds."""

    def __init__(self, limit: int = UNANSWERED_PER_HOST, patience: float = RAMP_PATIENCE) -> None:
        self._limit = limit
        self._patience = patience
        # (host, port) -> its semaphore and how many connects hold or await it; dropped at 0,
        # so a long-running daemon keeps none for hosts it is not connecting to.
        self._hosts: dict[tuple[str, int], tuple[asyncio.Semaphore, list[int]]] = {}

    async def enter(self, key: tuple[str, int]) -> Callable[[], None]:
        """Wait for a slot; returns the function that frees it (idempotent; a no-op when the
        wait ran out of patience and the connect goes ahead without one)."""
        gate, users = self._hosts.setdefault(key, (asyncio.Semaphore(self._limit), [0]))
        users[0] += 1
        try:
            async with asyncio.timeout(self._patience):
                await gate.acquire()
        except TimeoutError:
            self._leave(key, users)
            return _no_slot
        except BaseException:
            self._leave(key, users)
            raise
        freed = False

        def free() -> None:
            nonlocal freed
            if not freed:
                freed = True
                gate.release()
                self._leave(key, users)

        return free

    def _leave(self, key: tuple[str, int], users: list[int]) -> None:
        users[0] -= 1
        if users[0] == 0:
            del self._hosts[key]


class VerifyingContext(ssl.SSLContext):
    """What `httpx.create_ssl_context()` makes (`ssl.create_default_context` with certifi's
    bundle, or `SSL_CERT_FILE` / `SSL_CERT_DIR` as the environment says when it is made), with
    the bundle read at the first TLS handshake: reading it took a tenth of the start of a round
    of 304s, which a round of plain-http sources never needs (docs/performance.md)."""

    cafile: str | None
    capath: str | None
    loaded: bool

    @classmethod
    def from_environment(cls) -> VerifyingContext:
        context = cls(ssl.PROTOCOL_TLS_CLIENT)  # check_hostname on, CERT_REQUIRED
        context.cafile, context.capath, context.loaded = None, None, False
        if os.environ.get("SSL_CERT_FILE"):
            context.cafile = os.environ["SSL_CERT_FILE"]
        elif os.environ.get("SSL_CERT_DIR"):
            context.capath = os.environ["SSL_CERT_DIR"]
        else:
            import certifi  # httpx's own dependency

            context.cafile = certifi.where()
        keylog = os.environ.get("SSLKEYLOGFILE")
        if keylog and not sys.flags.ignore_environment:
            context.keylog_filename = keylog
        return context

    def load_certificates(self) -> None:
        if not self.loaded:
            self.load_verify_locations(cafile=self.cafile, capath=self.capath)
            self.loaded = True


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        answered: Callable[[], None] = _no_slot,
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._answered = answered  # frees the connection's ramp slot; called on every read

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError as error:
            raise httpcore.ReadTimeout(str(error) or "timed out reading") from error
        except OSError as error:
            raise httpcore.ReadError(str(error)) from error
        finally:
            # Data, end of stream or an error: either way the server is past accepting it.
            self._answered()

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        try:
            async with asyncio.timeout(timeout):
                self._writer.write(buffer)
                await self._writer.drain()
        except TimeoutError as error:
            raise httpcore.WriteTimeout(str(error) or "timed out writing") from error
        except OSError as error:
            raise httpcore.WriteError(str(error)) from error

    async def aclose(self) -> None:
        self._answered()
        if self._writer.get_extra_info("ssl_object") is not None:
            # No TLS close_notify exchange (as with httpx's default backend): asyncio would
            # wait up to 30 s for a peer that never answers it.
            self._writer.transport.abort()
        else:
            self._writer.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        if isinstance(ssl_context, VerifyingContext):
            ssl_context.load_certificates()
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError as error:
            await self.aclose()
            raise httpcore.ConnectTimeout(str(error) or "timed out in the TLS handshake") from error
        except (OSError, ssl.SSLError) as error:
            await self.aclose()
            raise httpcore.ConnectError(str(error)) from error
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # Asked of idle connections: true once the server has closed it (or sent
            # something unasked), so the pool drops it instead of sending a request into it.
            return self._reader.at_eof() or self._writer.is_closing()
        if info == "ssl_object":
            return self._writer.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        if info == "socket":
            return self._writer.get_extra_info("socket")
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        self._ramp = ConnectionRamp()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        free: Callable[[], None] = _no_slot
        try:
            async with asyncio.timeout(timeout):
                # Waiting for a slot counts against the connect timeout.
                free = await self._ramp.enter((host.lower(), port))
                reader, writer = await asyncio.open_connection(
                    host,
                    port,
                    local_addr=(local_address, 0) if local_address else None,
                    limit=READ_LIMIT,
                    # Happy eyeballs (RFC 8305), as anyio does: an unreachable IPv6 address
                    # must not use up the fetch's deadline before IPv4 is tried.
                    happy_eyeballs_delay=HAPPY_EYEBALLS_DELAY,
                )
        except TimeoutError as error:
            free()
            raise httpcore.ConnectTimeout(str(error) or "timed out connecting") from error
        except OSError as error:
            free()
            raise httpcore.ConnectError(str(error)) from error
        except BaseException:
            free()
            raise
        raw = writer.get_extra_info("socket")
        if raw is not None:
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for option in socket_options or ():
                raw.setsockopt(*option)
        return AsyncioStream(reader, writer, free)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_unix_connection(path, limit=READ_LIMIT)
        except TimeoutError as error:
            raise httpcore.ConnectTimeout(str(error) or "timed out connecting") from error
        except OSError as error:
            raise httpcore.ConnectError(str(error)) from error
        return AsyncioStream(reader, writer)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class AsyncioTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (request and response mapping, httpcore's errors mapped to
    httpx's), its connection pool on `AsyncioBackend`. HTTP/1.1, certificates verified against
    certifi's bundle or `SSL_CERT_FILE`/`SSL_CERT_DIR`, as httpx does by default (read at the
    first TLS handshake: `VerifyingContext`)."""

    def __init__(self, limits: httpx.Limits) -> None:
        # Not super().__init__(): it builds the same pool on the default backend (and loads the
        # certificate bundle once more) only for it to be replaced; httpx offers no argument
        # for another backend, and its transport keeps the pool in `_pool`.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=VerifyingContext.from_environment(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=AsyncioBackend(),
        )
