"""HTTP for sources: conditional GET, a total deadline, a size cap on decompressed bytes.

One httpx.AsyncClient (keep-alive) per Fetcher. Decompression is done here, not by httpx,
because httpx inflates a whole network read at once: a gzip bomb could allocate far more than
the cap before a per-chunk check sees it. zlib's `max_length` bounds every step instead.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from dataclasses import dataclass
from datetime import timedelta

import httpx

from . import __version__
from .models import FetchResult, SourceState

ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
)
DEFAULT_USER_AGENT = f"aggregator/{__version__} (prosecution and summit news aggregator)"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout: timedelta = timedelta(seconds=30)
    max_size: int = 10 * 1024 * 1024
    concurrency: int = 10
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT


class _TooLarge(Exception):
    pass


class _BoundedDecoder:
    """Content-Encoding decoding that never produces more than `limit` bytes in total."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.produced = 0
        self.encoding = encoding
        self._zlib: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding not in ("", "identity"):
            raise ValueError(f"unsupported Content-Encoding {encoding!r}")
        self._first = True

    def feed(self, chunk: bytes) -> bytes:
        if self._zlib is None:
            self._count(len(chunk))
            return chunk
        try:
            out = self._zlib.decompress(chunk, self.limit - self.produced + 1)
        except zlib.error:
            if not (self._first and self.encoding == "deflate"):
                raise
            # "deflate" is often sent raw, without the zlib header the RFC asks for.
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(chunk, self.limit - self.produced + 1)
        self._first = False
        self._count(len(out))
        if self._zlib.unconsumed_tail:
            raise _TooLarge
        return out

    def _count(self, size: int) -> None:
        self.produced += size
        if self.produced > self.limit:
            raise _TooLarge


class Fetcher:
    """Fetches sources with one shared client; at most `concurrency` requests at once."""

    def __init__(
        self, limits: FetchLimits, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.limits = limits
        self._slots = asyncio.Semaphore(limits.concurrency)
        self._client = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=limits.max_redirects,
            timeout=httpx.Timeout(limits.timeout.total_seconds()),
            limits=httpx.Limits(
                max_connections=limits.concurrency, max_keepalive_connections=limits.concurrency
            ),
            headers={
                "User-Agent": limits.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(self, state: SourceState) -> FetchResult:
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        async with self._slots:
            started = time.monotonic()
            try:
                async with asyncio.timeout(self.limits.timeout.total_seconds()):
                    return await self._get(state, headers, started)
            except TimeoutError:
                seconds = self.limits.timeout.total_seconds()
                return self._failed(
                    state, f"timed out after {seconds:g} s (connect to last byte)", started
                )
            except _TooLarge:
                size = _human_size(self.limits.max_size)
                return self._failed(state, f"response larger than {size}; stopped reading", started)
            except httpx.TooManyRedirects:
                return self._failed(
                    state, f"more than {self.limits.max_redirects} redirects (or a loop)", started
                )
            except httpx.HTTPError as exc:
                return self._failed(state, _describe_http_error(exc), started)
            except (zlib.error, ValueError) as exc:
                return self._failed(state, f"cannot decode the response body: {exc}", started)

    async def _get(
        self, state: SourceState, headers: dict[str, str], started: float
    ) -> FetchResult:
        async with self._client.stream("GET", state.url, headers=headers) as response:
            final_url = str(response.url)
            if response.status_code == 304:
                return FetchResult(
                    source_id=state.id,
                    url=final_url,
                    status=304,
                    etag=response.headers.get("etag") or state.etag,
                    last_modified=response.headers.get("last-modified") or state.last_modified,
                    duration_s=time.monotonic() - started,
                )
            if response.status_code >= 400:
                return self._failed(
                    state,
                    f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                    started,
                    status=response.status_code,
                )
            declared = response.headers.get("content-length", "")
            if (
                declared.isdigit()
                and int(declared) > self.limits.max_size
                and not response.headers.get("content-encoding")
            ):
                raise _TooLarge
            decoder = _BoundedDecoder(
                response.headers.get("content-encoding", "").strip().lower(), self.limits.max_size
            )
            parts = [decoder.feed(chunk) async for chunk in response.aiter_raw()]
            body = b"".join(parts)
            return FetchResult(
                source_id=state.id,
                url=final_url,
                status=response.status_code,
                body=body,
                content_type=response.headers.get("content-type"),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                duration_s=time.monotonic() - started,
                size=len(body),
            )

    @staticmethod
    def _failed(
        state: SourceState, message: str, started: float, status: int | None = None
    ) -> FetchResult:
        return FetchResult(
            source_id=state.id,
            url=state.url,
            status=status,
            error=message,
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
    return f"{label}: {detail}" if detail else label


def _human_size(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"
