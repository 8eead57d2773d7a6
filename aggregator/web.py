"""The ASGI app: every published file with validators and compression, query feeds, health.

Files are served from the output folder as `publish` wrote them: strong ETag per representation,
Last-Modified, 304 on If-None-Match / If-Modified-Since, HEAD, gzip or brotli when asked,
Cache-Control from the config, and WebSub `Link` headers when a hub is configured. Each file's
bytes, ETag and compressed forms are cached until its mtime or size changes, so a 304 costs a
stat. `/feed.atom?tag=a&tag=b&not=c` is a feed made on request from the store.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import brotli  # type: ignore[import-untyped]
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .config import SOURCE_KINDS, TAG, Config

CONTENT_TYPES = {
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
}
_SAFE_PATH = re.compile(r"^[A-Za-z0-9:_.\-/]+$")
QueryRenderer = Callable[[tuple[str, ...], tuple[str, ...], str], bytes]


class Pages(Protocol):
    """The HTML pages (see site.py), rendered from the store on request."""

    def stories(self, tag: str, source: str, country: str, q: str = "") -> str: ...

    def status(self) -> str: ...


@dataclass
class _Representation:
    body: bytes
    etag: str
    last_modified: str | None
    mtime: float | None
    compressed: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def encoded(self, encoding: str) -> tuple[bytes, str]:
        """The body in `encoding` (gzip or br) and its ETag, made once."""
        if encoding not in self.compressed:
            packed = (
                brotli.compress(self.body, quality=5)
                if encoding == "br"
                else gzip.compress(self.body, compresslevel=6, mtime=0)
            )
            self.compressed[encoding] = (packed, self.etag[:-1] + f"-{encoding}" + '"')
        return self.compressed[encoding]


def _representation(body: bytes, mtime: float | None) -> _Representation:
    return _Representation(
        body=body,
        etag='"' + hashlib.sha256(body).hexdigest()[:40] + '"',
        last_modified=formatdate(mtime, usegmt=True) if mtime is not None else None,
        mtime=mtime,
    )


class FeedFiles:
    """Published files by relative path, with their validators."""

    def __init__(self, root: Callable[[], Path]) -> None:
        self._root = root
        self._cache: dict[Path, tuple[int, int, _Representation]] = {}
        # (output folder, relative path) -> the file it names inside the folder, or None:
        # resolving costs a system call per path component, on every request otherwise.
        self._resolved: dict[tuple[Path, str], Path | None] = {}

    def _locate(self, relative: str) -> Path | None:
        folder = self._root()
        key = (folder, relative)
        if key not in self._resolved:
            if len(self._resolved) > 10_000:
                self._resolved.clear()
            root = folder.resolve()
            path = (root / relative).resolve()
            self._resolved[key] = path if path.is_relative_to(root) else None
        return self._resolved[key]

    def get(self, relative: str) -> _Representation | None:
        path = self._locate(relative)
        if path is None:
            return None
        try:
            stat = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            self._cache.pop(path, None)
            return None
        cached = self._cache.get(path)
        if cached and cached[0] == stat.st_mtime_ns and cached[1] == stat.st_size:
            return cached[2]
        found = _representation(path.read_bytes(), stat.st_mtime)
        self._cache[path] = (stat.st_mtime_ns, stat.st_size, found)
        return found


@lru_cache(maxsize=256)  # clients send a handful of distinct headers
def _choose_encoding(accept: str) -> str | None:
    offered: dict[str, float] = {}
    for part in accept.split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        offered[name.strip().lower()] = quality
    for encoding in ("br", "gzip"):
        if offered.get(encoding, offered.get("*", 0.0)) > 0:
            return encoding
    return None


def _not_modified(request: Request, etags: set[str], mtime: float | None) -> bool:
    """RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since when both are sent."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        sent = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in sent or bool(sent & etags)
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since and mtime is not None:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError):
            return False
        return int(mtime) <= since
    return False


def create_app(
    config: Callable[[], Config],
    health: Callable[[], dict[str, Any]],
    query: QueryRenderer | None = None,
    *,
    ready: Callable[[], dict[str, Any]] | None = None,
    metrics: Callable[[], bytes] | None = None,
    pages: Pages | None = None,
) -> Starlette:
    files = FeedFiles(lambda: config().output_dir)

    def respond(
        request: Request, found: _Representation, relative: str, media_type: str
    ) -> Response:
        output = config().settings.output
        headers = {
            "Cache-Control": f"public, max-age={int(output.cache_max_age.total_seconds())}",
            "Vary": "Accept-Encoding",
        }
        if found.last_modified:
            headers["Last-Modified"] = found.last_modified
        if output.websub_hub:
            self_url = output.base_url + relative
            headers["Link"] = f'<{output.websub_hub}>; rel="hub", <{self_url}>; rel="self"'
        encoding = _choose_encoding(request.headers.get("accept-encoding", ""))
        body, etag = found.encoded(encoding) if encoding else (found.body, found.etag)
        headers["ETag"] = etag
        variants = {found.etag, *(tag for _, tag in found.compressed.values()), etag}
        if _not_modified(request, variants, found.mtime):
            return Response(status_code=304, headers=headers)
        if encoding:
            headers["Content-Encoding"] = encoding
        return Response(body, media_type=media_type, headers=headers)

    async def published(request: Request) -> Response:
        relative: str = request.path_params["path"]
        if (
            relative == "feed.atom"
            and query is not None
            and any(key in request.query_params for key in ("tag", "not", "q"))
        ):
            return await query_feed(request)
        suffix = Path(relative).suffix
        if (
            suffix not in CONTENT_TYPES
            or not _SAFE_PATH.match(relative)
            or ".." in relative.split("/")
        ):
            return PlainTextResponse("no such feed\n", status_code=404)
        found = files.get(relative)
        if found is None:
            return PlainTextResponse("no such feed (not published yet?)\n", status_code=404)
        return respond(request, found, relative, CONTENT_TYPES[suffix])

    async def query_feed(request: Request) -> Response:
        assert query is not None
        wanted = tuple(_as_tag(v) for v in request.query_params.getlist("tag"))
        unwanted = tuple(_as_tag(v) for v in request.query_params.getlist("not"))
        if not all(TAG.match(tag) for tag in (*wanted, *unwanted)):
            return PlainTextResponse("tags are lowercase slugs\n", status_code=400)
        body = await run_in_threadpool(query, wanted, unwanted, str(request.url.query))
        return respond(
            request,
            _representation(body, None),
            "feed.atom?" + request.url.query,
            CONTENT_TYPES[".atom"],
        )

    async def healthz(request: Request) -> Response:
        report = health()
        return JSONResponse(report, status_code=200 if report.get("status") == "ok" else 503)

    async def readyz(request: Request) -> Response:
        if ready is None:
            return JSONResponse({"status": "ready", "problems": []})
        report = await run_in_threadpool(ready)
        return JSONResponse(report, status_code=200 if report["status"] == "ready" else 503)

    async def metrics_page(request: Request) -> Response:
        if metrics is None:
            return PlainTextResponse("no metrics in this process\n", status_code=404)
        body = await run_in_threadpool(metrics)
        return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")

    async def home(request: Request) -> Response:
        if pages is None:
            return PlainTextResponse("no pages in this process\n", status_code=404)
        params = request.query_params
        body = await run_in_threadpool(
            pages.stories,
            params.get("tag", "").strip(),
            params.get("source", "").strip(),
            params.get("country", "").strip().lower(),
            params.get("q", "").strip(),
        )
        return HTMLResponse(body)

    async def status_page(request: Request) -> Response:
        if pages is None:
            return PlainTextResponse("no pages in this process\n", status_code=404)
        return HTMLResponse(await run_in_threadpool(pages.status))

    return Starlette(
        routes=[
            Route("/", home, methods=["GET", "HEAD"]),
            Route("/search", home, methods=["GET", "HEAD"]),  # the same page, with ?q=
            Route("/status", status_page, methods=["GET", "HEAD"]),
            Route("/healthz", healthz, methods=["GET", "HEAD"]),
            Route("/readyz", readyz, methods=["GET", "HEAD"]),
            Route("/metrics", metrics_page, methods=["GET"]),
            Route("/{path:path}", published, methods=["GET", "HEAD"]),
        ]
    )


def _as_tag(value: str) -> str:
    """`not=media` is short for the tag `kind:media`: kinds are a fixed vocabulary."""
    tag = value.strip().lower()
    return f"kind:{tag}" if tag in SOURCE_KINDS else tag
