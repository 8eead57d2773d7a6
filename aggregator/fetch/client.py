"""HTTP for sources: conditional GET, redirects, politeness, caps. The only code that does HTTP.

- One httpx.AsyncClient (keep-alive) per Fetcher; at most `concurrency` requests in flight, at
  most `per_host` to one host, and `host_gap` between two requests to one host (loopback hosts
  are exempt unless `exempt_loopback` is off).
- A total deadline per request, connect to last byte, redirects included.
- Redirects are followed here (at most `max_redirects`, loops detected) so that permanent moves
  can be reported and a public source cannot redirect into a private network.
- Bodies are read, capped and decoded by bodies.py.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx
from protego import Protego

from aggregator.fetch.bodies import drain, read_body
from aggregator.fetch.decode import TooLarge
from aggregator.fetch.hints import freshness, retry_after
from aggregator.fetch.transport import AsyncioTransport
from aggregator.hygiene import join_url
from aggregator.models import ErrorKind, FetchResult, SourceState
from aggregator.version import __version__

ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/feed+json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
)
DEFAULT_USER_AGENT = f"aggregator/{__version__} (prosecution and summit news aggregator)"
REDIRECTS = (301, 302, 303, 307, 308)
ROBOTS_AGENT = "aggregator"
ROBOTS_TTL = timedelta(hours=24)
TRANSIENT_STATUSES = (408, 425, 429, 500, 502, 503, 504)


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout: timedelta = timedelta(seconds=30)
    max_size: int = 10 * 1024 * 1024
    concurrency: int = 10
    max_redirects: int = 10
    per_host: int = 2
    host_gap: timedelta = timedelta(seconds=1)
    exempt_loopback: bool = True
    allow_private_redirects: bool = False
    user_agent: str = DEFAULT_USER_AGENT


def sendable(value: str) -> bool:
    """A header value this client can send back: visible ASCII and spaces, at most 1 KiB. A
    validator a server wrote in UTF-8 ("café") could not be encoded for the next request, and
    that source would fail before sending anything, at every check."""
    return len(value) <= 1024 and all(" " <= character <= "~" for character in value)


def validator(value: str | None) -> str | None:
    """An ETag or Last-Modified worth keeping for the next conditional request: what cannot be
    sent back is not kept (the next request is then unconditional)."""
    return value if value and sendable(value) else None


class _Refused(Exception):
    """A redirect that is not followed; the message says why."""


class _HostGate:
    """At most `slots` requests to one host at once, and `gap` between their starts."""

    def __init__(self, slots: int, gap: float) -> None:
        self._slots = asyncio.Semaphore(slots)
        self.gap = gap  # raised by a robots.txt Crawl-delay
        self._next_start = 0.0
        self._order = asyncio.Lock()

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        async with self._slots:
            async with self._order:
                wait = self._next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next_start = time.monotonic() + self.gap
            yield


def is_loopback_host(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_private_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


class Fetcher:
    """Fetches sources with one shared client."""

    def __init__(
        self,
        limits: FetchLimits,
        *,
        clock: Callable[[], datetime] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.limits = limits
        self.clock = clock or (lambda: datetime.now(UTC))
        self._slots = asyncio.Semaphore(limits.concurrency)
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, tuple[float, Protego | None]] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        pool_limits = httpx.Limits(
            max_connections=limits.concurrency, max_keepalive_connections=limits.concurrency
        )
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=httpx.Timeout(limits.timeout.total_seconds()),
            limits=pool_limits,
            headers={
                "User-Agent": limits.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
            # Tests pass a transport of their own; the default is httpx's on plain asyncio
            # sockets (transport.py: faster 304 and unchanged rounds, docs/performance.md,
            # "The 304 round").
            # `limits` above still sizes the transports of proxies from the environment.
            transport=transport or AsyncioTransport(pool_limits),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    @asynccontextmanager
    async def _host_turn(self, url: str) -> AsyncIterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        if self.limits.exempt_loopback and is_loopback_host(host):
            yield
            return
        async with self._gate(host).turn():
            yield

    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(
                self.limits.per_host, self.limits.host_gap.total_seconds()
            )
        return gate

    async def fetch(self, state: SourceState, *, robots: bool = False) -> FetchResult:
        """Fetch a source; with `robots`, only if its site's robots.txt allows it (pages, as
        opposed to feeds, which are made to be fetched by programs)."""
        if robots:
            refusal = await self._robots_refusal(state)
            if refusal is not None:
                return refusal
        headers = {}
        if state.etag and sendable(state.etag):
            headers["If-None-Match"] = state.etag
        if state.last_modified and sendable(state.last_modified):
            headers["If-Modified-Since"] = state.last_modified
        started = time.monotonic()
        seconds = self.limits.timeout.total_seconds()
        try:
            async with self._slots, asyncio.timeout(seconds):
                return await self._follow(state, headers, started)
        except TimeoutError:
            return self._failed(
                state, f"timed out after {seconds:g} s (connect to last byte)", started, "transient"
            )
        except TooLarge:
            size = _human_size(self.limits.max_size)
            return self._failed(
                state, f"response larger than {size}; stopped reading", started, "permanent"
            )
        except _Refused as exc:
            return self._failed(state, str(exc), started, "permanent")
        except httpx.HTTPError as exc:
            return self._failed(state, _describe_http_error(exc), started, "transient")
        except httpx.InvalidURL as exc:  # httpx reads a redirect's Location even unfollowed
            return self._failed(
                state,
                f"the server sent an address that cannot be read: {exc}",
                started,
                "permanent",
            )
        except (zlib.error, ValueError) as exc:
            return self._failed(
                state, f"cannot decode the response body: {exc}", started, "permanent"
            )

    async def _follow(
        self, state: SourceState, headers: dict[str, str], started: float
    ) -> FetchResult:
        url = state.url
        seen = {url}
        moved_to: str | None = None
        all_permanent = True
        source_is_private: bool | None = None  # looked up at the first redirect, if any
        for _ in range(self.limits.max_redirects + 1):
            async with (
                self._host_turn(url),
                self._client.stream("GET", url, headers=headers) as response,
            ):
                location = response.headers.get("location")
                if response.status_code not in REDIRECTS or not location:
                    return await self._answer(state, response, started, moved_to)
                await drain(response)
                target = join_url(url, location.strip())
                if target is None:
                    raise _Refused(f"redirect to an address that cannot be read: {location!r}")
                if target in seen:
                    raise _Refused(f"redirect loop: {url} -> {target}")
                if urlsplit(target).scheme not in ("http", "https"):
                    raise _Refused(f"redirect to a non-HTTP address refused: {target}")
                if source_is_private is None:
                    source_is_private = await self._resolves_private(state.url)
                if (
                    not source_is_private
                    and not self.limits.allow_private_redirects
                    and await self._resolves_private(target)
                ):
                    raise _Refused(
                        f"redirect from a public address to a private one refused: {target}"
                    )
                all_permanent = all_permanent and response.status_code in (301, 308)
                if all_permanent:
                    moved_to = target
                seen.add(target)
                url = target
        raise _Refused(f"more than {self.limits.max_redirects} redirects")

    async def _answer(
        self, state: SourceState, response: httpx.Response, started: float, moved_to: str | None
    ) -> FetchResult:
        now = self.clock()
        status = response.status_code
        come_back = retry_after(response.headers.get("retry-after"), now)
        fresh_for = freshness(
            response.headers.get("cache-control"),
            response.headers.get("expires"),
            response.headers.get("date"),
            now,
        )
        final_url = str(response.url)
        if status == 304:
            # A 304 has no body, but httpcore only sees the end of the message when asked for
            # the body: closed unread, the connection was dropped instead of kept alive, and
            # every source of a 304 round paid a new connection (docs/performance.md, "The 304
            # round").
            await response.aread()
            return FetchResult(
                source_id=state.id,
                url=final_url,
                status=304,
                etag=validator(response.headers.get("etag")) or state.etag,
                last_modified=validator(response.headers.get("last-modified"))
                or state.last_modified,
                duration_s=time.monotonic() - started,
                moved_to=moved_to,
                retry_after=come_back,
                freshness=fresh_for,
            )
        if status >= 300 or status < 200:
            kind: ErrorKind = (
                "gone"
                if status == 410
                else "transient"
                if status in TRANSIENT_STATUSES or status >= 500
                else "permanent"
            )
            message = f"HTTP {status} {response.reason_phrase}".strip()
            if come_back is not None:
                message += f" (Retry-After: {response.headers.get('retry-after')})"
            return FetchResult(
                source_id=state.id,
                url=final_url,
                status=status,
                error=message,
                error_kind=kind,
                duration_s=time.monotonic() - started,
                moved_to=moved_to,
                retry_after=come_back,
                freshness=fresh_for,
            )
        body = await read_body(response, state, self.limits.max_size)
        return FetchResult(
            source_id=state.id,
            url=final_url,
            status=status,
            body=body.content,
            content_type=response.headers.get("content-type"),
            etag=validator(response.headers.get("etag")),
            last_modified=validator(response.headers.get("last-modified")),
            duration_s=time.monotonic() - started,
            size=body.size,
            moved_to=moved_to,
            retry_after=come_back,
            freshness=fresh_for,
            body_hash=body.body_hash,
            wire_hash=body.wire_hash,
        )

    async def _robots_refusal(self, state: SourceState) -> FetchResult | None:
        parts = urlsplit(state.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        # One fetch of robots.txt per site, even when several of its sources start together.
        async with self._robots_locks.setdefault(origin, asyncio.Lock()):
            cached = self._robots.get(origin)
            if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL.total_seconds():
                answer = await self.fetch(
                    SourceState(state.id, origin + "/robots.txt", None, None, None, 0, None)
                )
                if answer.status == 200 and answer.body is not None:
                    rules: Protego | None = Protego.parse(answer.body.decode("utf-8", "replace"))
                elif answer.status is not None and 400 <= answer.status < 500:
                    rules = None  # no robots.txt: everything is allowed
                else:
                    why = answer.error or f"HTTP {answer.status}"
                    return FetchResult(
                        source_id=state.id,
                        url=state.url,
                        status=None,
                        error=f"robots.txt unavailable ({why}); will retry",
                        error_kind="transient",
                    )
                cached = self._robots[origin] = (time.monotonic(), rules)
        rules = cached[1]
        if rules is None:
            return None
        if not rules.can_fetch(state.url, ROBOTS_AGENT):
            return FetchResult(
                source_id=state.id,
                url=state.url,
                status=None,
                error="refused by robots.txt",
                error_kind="refused",
            )
        delay = rules.crawl_delay(ROBOTS_AGENT)
        host = (parts.hostname or "").lower()
        if delay and not (self.limits.exempt_loopback and is_loopback_host(host)):
            gate = self._gate(host)
            gate.gap = max(gate.gap, float(delay))
        return None

    async def _resolves_private(self, url: str) -> bool:
        """True if the URL's host is, or resolves to, a private, loopback or link-local
        address. A name that does not resolve counts as public: the request will fail anyway."""
        host = urlsplit(url).hostname or ""
        try:
            return _is_private_address(host)
        except ValueError:
            pass
        if is_loopback_host(host):
            return True
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, None, type=socket.SOCK_STREAM
            )
        except OSError:
            return False
        return any(_is_private_address(str(info[4][0])) for info in infos)

    @staticmethod
    def _failed(
        state: SourceState, message: str, started: float, kind: ErrorKind, status: int | None = None
    ) -> FetchResult:
        return FetchResult(
            source_id=state.id,
            url=state.url,
            status=status,
            error=message,
            error_kind=kind,
            duration_s=time.monotonic() - started,
        )


def _describe_http_error(exc: httpx.HTTPError) -> str:
    """One line an operator can act on: what failed, in words, without a traceback."""
    kinds = {
        httpx.ConnectTimeout: "connection timed out",
        httpx.ReadTimeout: "read timed out",
        httpx.ConnectError: "cannot connect",
        httpx.RemoteProtocolError: "the server broke the HTTP protocol",
        httpx.UnsupportedProtocol: "unsupported URL scheme",
    }
    label = next((text for kind, text in kinds.items() if isinstance(exc, kind)), "HTTP error")
    detail = " ".join(str(exc).split())[:200]
    try:
        host = exc.request.url.host
    except RuntimeError:  # an error raised before any request was made
        host = ""
    if host and any(words in detail for words in _NAME_NOT_FOUND):
        return f"the name {host} does not resolve (DNS): {detail}"
    if host:
        label = f"{label} ({host})"
    return f"{label}: {detail}" if detail else label


# How resolvers say that a host name does not exist, or cannot be looked up now.
_NAME_NOT_FOUND = (
    "Name or service not known",
    "nodename nor servname",
    "Temporary failure in name resolution",
    "No address associated with hostname",
    "getaddrinfo failed",
)


def _human_size(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"
