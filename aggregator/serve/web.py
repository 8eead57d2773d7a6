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
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import Any, Protocol

import brotli  # type: ignore[import-untyped]
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from aggregator.config.loading import SOURCE_KINDS, TAG, Config
from aggregator.hygiene import is_clean
from aggregator.store.search_query import SearchTimeout, search_problem

CONTENT_TYPES = {
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
}
_SAFE_PATH = re.compile(r"^[A-Za-z0-9:_.\-/]+$")
MAX_PATH = 1024  # characters of a published file's path
MAX_NAME = 255  # of one of its names: what a filesystem allows
# Published files kept in memory, counted by their bodies (their compressed forms, made on
# request, are smaller and come on top).
CACHED_BYTES = 32 * 1024 * 1024
RESOLVED_PATHS = 4096
MAX_TAG_PARAMETERS = 16
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


def servable_path(relative: str) -> bool:
    """A path the server may look up: published-file characters only, no `..`, and no name
    longer than a filesystem allows (a longer one would be an error, not a missing file)."""
    if len(relative) > MAX_PATH or not _SAFE_PATH.match(relative):
        return False
    parts = relative.split("/")
    return all(part not in ("", ".", "..") and len(part) <= MAX_NAME for part in parts)


class FeedFiles:
    """Published files by relative path, with their validators.

    Both caches hold existing files only, and a bounded number of them: requests for paths
    that do not exist leave nothing behind (distinct long paths once grew a server's memory
    with every request: docs/performance.md, "Bounds on hostile input").
    """

    def __init__(self, root: Callable[[], Path], cached_bytes: int = CACHED_BYTES) -> None:
        self._root = root
        self._cached_bytes = cached_bytes
        # path -> (mtime in ns, size, representation), least recently used first.
        self._cache: OrderedDict[Path, tuple[int, int, _Representation]] = OrderedDict()
        self._held = 0  # bytes of the bodies in _cache
        # (output folder, relative path) -> the file it names, for files found: resolving
        # costs a system call per path component, on every request otherwise.
        self._resolved: OrderedDict[tuple[Path, str], Path] = OrderedDict()

    def _locate(self, relative: str) -> Path | None:
        folder = self._root()
        key = (folder, relative)
        known = self._resolved.get(key)
        if known is not None:
            self._resolved.move_to_end(key)
            return known
        root = folder.resolve()
        path = (root / relative).resolve()
        return path if path.is_relative_to(root) else None

    def get(self, relative: str) -> _Representation | None:
        try:
            path = self._locate(relative)
            if path is None:
                return None
            stat = path.stat()
        except OSError:  # missing, a name too long, a file where a folder should be
            self._forget(relative)
            return None
        if not S_ISREG(stat.st_mode):
            return None
        self._resolved[(self._root(), relative)] = path
        while len(self._resolved) > RESOLVED_PATHS:
            self._resolved.popitem(last=False)
        cached = self._cache.get(path)
        if cached and cached[0] == stat.st_mtime_ns and cached[1] == stat.st_size:
            self._cache.move_to_end(path)
            return cached[2]
        try:
            found = _representation(path.read_bytes(), stat.st_mtime)
        except OSError:
            return None
        self._remember(path, (stat.st_mtime_ns, stat.st_size, found))
        return found

    def _forget(self, relative: str) -> None:
        path = self._resolved.pop((self._root(), relative), None)
        if path is not None and path in self._cache:
            self._held -= len(self._cache.pop(path)[2].body)

    def _remember(self, path: Path, entry: tuple[int, int, _Representation]) -> None:
        if path in self._cache:
            self._held -= len(self._cache.pop(path)[2].body)
        if len(entry[2].body) > self._cached_bytes // 4:
            return  # a very big file is read each time rather than pushing the rest out
        self._cache[path] = entry
        self._held += len(entry[2].body)
        while self._held > self._cached_bytes:
            _, (_, _, dropped) = self._cache.popitem(last=False)
            self._held -= len(dropped.body)


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
        except (TypeError, ValueError, OverflowError, IndexError):
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
) -> SecurityHeaders:
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
        suffix = Path(relative).suffix if len(relative) <= MAX_PATH else ""
        if suffix not in CONTENT_TYPES or not servable_path(relative):
            return PlainTextResponse("no such feed\n", status_code=404)
        found = files.get(relative)
        if found is None:
            return PlainTextResponse("no such feed (not published yet?)\n", status_code=404)
        if any(key in request.query_params for key in ("tag", "not", "q")):
            # Only feed.atom filters; any other document would answer unfiltered, silently.
            return PlainTextResponse(
                "tag=, not= and q= filter feed.atom only (for example /feed.atom?tag=fraud)\n",
                status_code=400,
            )
        return respond(request, found, relative, CONTENT_TYPES[suffix])

    async def query_feed(request: Request) -> Response:
        assert query is not None
        wanted = tuple(_as_tag(v) for v in request.query_params.getlist("tag"))
        unwanted = tuple(_as_tag(v) for v in request.query_params.getlist("not"))
        if len(wanted) + len(unwanted) > MAX_TAG_PARAMETERS:
            return PlainTextResponse(
                f"at most {MAX_TAG_PARAMETERS} tag= and not= parameters together\n",
                status_code=400,
            )
        if not all(TAG.match(tag) and len(tag) <= 200 for tag in (*wanted, *unwanted)):
            return PlainTextResponse("tags are lowercase slugs\n", status_code=400)
        problem = search_problem(" ".join(request.query_params.getlist("q")))
        if problem:
            return PlainTextResponse(problem + "\n", status_code=400)
        try:
            body = await run_in_threadpool(query, wanted, unwanted, str(request.url.query))
        except SearchTimeout:
            return _busy()
        return respond(
            request,
            _representation(body, None),
            "feed.atom?" + request.url.query,
            CONTENT_TYPES[".atom"],
        )

    async def healthz(request: Request) -> Response:
        report = await run_in_threadpool(health)  # it may look at the store and the folder
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
        given = [params.get(name, "") for name in ("tag", "source", "country", "q")]
        if any(len(value) > 200 or not is_clean(value) for value in given[:3]):
            return PlainTextResponse("tag, source and country are short names\n", 400)
        problem = search_problem(given[3])  # before stripping: strip() takes \x1f and NEL
        if problem:
            return PlainTextResponse(problem + "\n", status_code=400)
        chosen = [value.strip() for value in given[:3]]
        words = given[3].strip()
        try:
            body = await run_in_threadpool(
                pages.stories, chosen[0], chosen[1], chosen[2].lower(), words
            )
        except SearchTimeout:
            return _busy()
        return HTMLResponse(body)

    async def status_page(request: Request) -> Response:
        if pages is None:
            return PlainTextResponse("no pages in this process\n", status_code=404)
        return HTMLResponse(await run_in_threadpool(pages.status))

    app = Starlette(
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
    return SecurityHeaders(app)


def _busy() -> Response:
    return PlainTextResponse(
        "the search took too long; try fewer or rarer words\n",
        status_code=503,
        headers={"Retry-After": "10"},
    )


# HTML pages: nothing but their own inline style (by its hash), images from the stories' sites,
# links out; no script, no frames, no plugins, forms only to this site.
def content_security_policy(style_hashes: tuple[str, ...]) -> str:
    styles = " ".join(f"'sha256-{digest}'" for digest in style_hashes)
    return (
        "default-src 'none'; "
        f"style-src {styles}; "
        "img-src http: https: data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """ASGI middleware: `X-Content-Type-Options: nosniff` on every response; on HTML ones also
    a Content-Security-Policy, `X-Frame-Options: DENY` and `Referrer-Policy`."""

    def __init__(self, app: Any) -> None:
        self.app = app
        from aggregator.serve.pages import (
            page_style_hashes,  # the pages' module; loaded with the app
        )

        self.policy = content_security_policy(page_style_hashes()).encode()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                content_type = next((v for k, v in headers if k == b"content-type"), b"")
                if content_type.startswith(b"text/html"):
                    headers += [
                        (b"content-security-policy", self.policy),
                        (b"x-frame-options", b"DENY"),
                        (b"referrer-policy", b"no-referrer"),
                    ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _as_tag(value: str) -> str:
    """`not=media` is short for the tag `kind:media`: kinds are a fixed vocabulary."""
    tag = value.strip().lower()
    return f"kind:{tag}" if tag in SOURCE_KINDS else tag
