"""The HTTP connections the web server accepts, bounded: no client can hold the server.

uvicorn's HTTP protocol (httptools) has a keep-alive timeout, but nothing for a client that
connects and sends nothing, or half a request, or never reads its answer: 300 such clients
against 256 open files made every real request time out. This protocol adds, per connection:

- a head deadline: the request line and headers must arrive within `header_timeout` of the
  connection (or of the first byte after an answer, whether it starts a request or not), else
  408 and close;
- a request-target cap (MAX_TARGET_BYTES), else 414, and a head size cap (MAX_HEAD_BYTES),
  else 431, each closing the connection; the head is counted both as it arrives and as it is
  parsed (a head that arrives whole, in one read, is counted too);
- a cap on pipelined requests waiting for their turn (MAX_PIPELINED): uvicorn queues every
  request a client sends ahead, and one read of 256 KiB of tiny requests that are never read
  made some 10 MB of queued requests, per connection; past the cap the connection is closed;
- a write stall deadline: a response that the client does not read for `header_timeout`
  (the transport's buffer stays full) ends the connection;
- a connection cap: beyond `max_connections` open connections, a new one is answered 503 at
  once and closed, so the process never runs out of file descriptors.
"""

from __future__ import annotations

import asyncio
import logging
import resource
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("aggregator.serve")
MAX_HEAD_BYTES = 64 * 1024
MAX_TARGET_BYTES = 8 * 1024
# Browsers and feed readers do not pipeline; the few clients that do send a few dozen at once.
MAX_PIPELINED = 128
# File descriptors kept for everything but client connections (the store, parse workers'
# pipes, feeds being fetched, published files being written).
RESERVED_DESCRIPTORS = 128


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    header_timeout: float = 10.0
    keep_alive: float = 5.0
    max_connections: int = 512


def _answer(status: bytes, message: bytes) -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\ncontent-type: text/plain; charset=utf-8\r\n"
        b"content-length: "
        + str(len(message)).encode()
        + b"\r\nconnection: close\r\n\r\n"
        + message
    )


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the bounds of the module's docstring."""

    limits = ConnectionLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None
        self._write_deadline: asyncio.TimerHandle | None = None
        self._head_bytes = 0
        self._parsed_head_bytes = 0
        self._in_head = True
        self._refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            self._refuse(b"503 Service Unavailable", b"too many connections; try again\n")
            return
        self._start_head()

    def _start_head(self) -> None:
        self._in_head, self._head_bytes = True, 0
        if self._head_deadline is None:
            self._head_deadline = self.loop.call_later(
                self.limits.header_timeout, self._head_timed_out
            )

    def _end_head(self) -> None:
        self._in_head = False
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _refuse(self, status: bytes, message: bytes) -> None:
        self._end_head()
        self._refused = True
        if not self.transport.is_closing():
            self.transport.write(_answer(status, message))
            self.transport.close()

    def _head_timed_out(self) -> None:
        self._head_deadline = None
        self._refuse(b"408 Request Timeout", b"the request did not arrive in time\n")

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        counted = self._in_head
        super().data_received(data)  # a target too long is refused (414) while it is read
        if self._refused:
            return
        if counted and self._in_head:
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                self._refuse(b"431 Request Header Fields Too Large", b"request head too large\n")
        elif not self._in_head and (self.cycle is None or self.cycle.response_complete):
            # Bytes that start no request (a bare CRLF, the unread rest of a body) disarmed
            # uvicorn's keep-alive timer: the head deadline runs from them instead.
            self._start_head()
            self._in_head = False  # not counting bytes towards a head that has not begun

    def on_message_begin(self) -> None:
        if self._refused:
            return
        super().on_message_begin()
        self._parsed_head_bytes = 0
        self._start_head()

    def on_url(self, url: bytes) -> None:
        if self._refused:
            return
        super().on_url(url)
        self._parsed_head_bytes += len(url)
        if len(self.url) > MAX_TARGET_BYTES:
            self._refuse(b"414 URI Too Long", b"the request target is too long\n")

    def on_header(self, name: bytes, value: bytes) -> None:
        if self._refused:
            return
        self._parsed_head_bytes += len(name) + len(value) + 4  # ": " and CRLF
        if self._parsed_head_bytes > MAX_HEAD_BYTES:
            self._refuse(b"431 Request Header Fields Too Large", b"request head too large\n")
            return
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._end_head()
        if self._refused:
            return
        answering = self.cycle is not None and not self.cycle.response_complete
        if answering and len(self.pipeline) >= MAX_PIPELINED:
            # An answer is being written: nothing can be said in the middle of it.
            self._refused = True
            self.transport.close()
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not self._refused:
            super().on_message_complete()

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._write_deadline is None:
            self._write_deadline = self.loop.call_later(
                self.limits.header_timeout, self._write_stalled
            )

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._write_deadline is not None:
            self._write_deadline.cancel()
            self._write_deadline = None

    def _write_stalled(self) -> None:
        self._write_deadline = None
        self.transport.abort()  # the client stopped reading: let its answer go

    def connection_lost(self, exc: Exception | None) -> None:
        self._end_head()
        if self._write_deadline is not None:
            self._write_deadline.cancel()
            self._write_deadline = None
        super().connection_lost(exc)


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedHttpProtocol]:
    """The protocol class for uvicorn's `http=` setting, with these limits."""
    return type("Guarded", (GuardedHttpProtocol,), {"limits": limits})


def raise_open_file_limit(wanted: int) -> int:
    """Raise this process's soft limit of open files towards its hard limit (systemd's
    LimitNOFILE), enough for `wanted` connections plus RESERVED_DESCRIPTORS when allowed;
    returns the connections that fit under the limit it got."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + RESERVED_DESCRIPTORS
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return wanted
    fits = max(16, soft - RESERVED_DESCRIPTORS)
    if fits < wanted:
        log.warning(
            "only %d open files allowed: at most %d connections (server.max_connections is %d;"
            " raise LimitNOFILE)",
            soft,
            fits,
            wanted,
        )
    return min(wanted, fits)
