"""httpcore's network layer on plain asyncio streams, for the fetcher's client.

httpx's default transport reaches sockets through anyio, whose per-call bookkeeping was most
of the fetcher's own time in a round of unchanged feeds (py-spy, 500 sources): cancel scopes
around every read and write, and a dictionary of socket attributes rebuilt, with a
`getpeername` system call, each time httpcore asks an idle connection whether the server has
closed it (for every idle connection, on every request). This backend implements httpcore's
`AsyncNetworkBackend` interface (connect, read, write, close, TLS upgrade, "is readable") on
asyncio's streams; httpcore still does HTTP/1.1, pooling and keep-alive, and httpx everything
above. Timeouts and socket errors become httpcore's exceptions, which httpx maps to its own as
with its default backend.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

READ_LIMIT = 1 << 16  # asyncio's stream buffer; httpcore reads in 64 KB chunks
HAPPY_EYEBALLS_DELAY = 0.25  # seconds before the next address of a host is tried alongside


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError as error:
            raise httpcore.ReadTimeout(str(error) or "timed out reading") from error
        except OSError as error:
            raise httpcore.ReadError(str(error)) from error

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
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
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
            raise httpcore.ConnectTimeout(str(error) or "timed out connecting") from error
        except OSError as error:
            raise httpcore.ConnectError(str(error)) from error
        raw = writer.get_extra_info("socket")
        if raw is not None:
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for option in socket_options or ():
                raw.setsockopt(*option)
        return AsyncioStream(reader, writer)

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
    certifi's bundle or `SSL_CERT_FILE`/`SSL_CERT_DIR`, as httpx does by default."""

    def __init__(self, limits: httpx.Limits) -> None:
        # Not super().__init__(): it builds the same pool on the default backend (and loads the
        # certificate bundle once more) only for it to be replaced; httpx offers no argument
        # for another backend, and its transport keeps the pool in `_pool`.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=AsyncioBackend(),
        )
