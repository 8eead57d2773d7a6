"""The ASGI app: published feeds with validators (ETag, Last-Modified, 304, HEAD) and health.

Files are served from the output folder as `publish` wrote them; each file's bytes and ETag are
cached until its mtime or size changes, so a 304 costs a stat, not a hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .config import TAG

ATOM_TYPE = "application/atom+xml; charset=utf-8"
CACHE_CONTROL = "public, max-age=60"


@dataclass(frozen=True, slots=True)
class _Cached:
    mtime_ns: int
    size: int
    body: bytes
    etag: str
    last_modified: str
    mtime: float


class FeedFiles:
    """Published files by relative path, with their validators."""

    def __init__(self, root: Callable[[], Path]) -> None:
        self._root = root
        self._cache: dict[Path, _Cached] = {}

    def get(self, relative: str) -> _Cached | None:
        path = self._root() / relative
        try:
            stat = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            self._cache.pop(path, None)
            return None
        cached = self._cache.get(path)
        if cached and cached.mtime_ns == stat.st_mtime_ns and cached.size == stat.st_size:
            return cached
        body = path.read_bytes()
        cached = _Cached(
            mtime_ns=stat.st_mtime_ns,
            size=len(body),
            body=body,
            etag='"' + hashlib.sha256(body).hexdigest()[:40] + '"',
            last_modified=formatdate(stat.st_mtime, usegmt=True),
            mtime=stat.st_mtime,
        )
        self._cache[path] = cached
        return cached


def _not_modified(request: Request, cached: _Cached) -> bool:
    """RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since when both are sent."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or cached.etag in tags
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError):
            return False
        return int(cached.mtime) <= since
    return False


def create_app(output_dir: Callable[[], Path], health: Callable[[], dict[str, Any]]) -> Starlette:
    files = FeedFiles(output_dir)

    def serve(request: Request, relative: str) -> Response:
        cached = files.get(relative)
        if cached is None:
            return PlainTextResponse("not published yet\n", status_code=404)
        headers = {
            "ETag": cached.etag,
            "Last-Modified": cached.last_modified,
            "Cache-Control": CACHE_CONTROL,
        }
        if _not_modified(request, cached):
            return Response(status_code=304, headers=headers)
        return Response(cached.body, media_type=ATOM_TYPE, headers=headers)

    async def combined(request: Request) -> Response:
        return serve(request, "feed.atom")

    async def tag_feed(request: Request) -> Response:
        name: str = request.path_params["name"]
        tag = name.removesuffix(".atom")
        if not name.endswith(".atom") or not TAG.match(tag):
            return PlainTextResponse("no such feed\n", status_code=404)
        return serve(request, f"tags/{tag}.atom")

    async def healthz(request: Request) -> Response:
        report = health()
        return JSONResponse(report, status_code=200 if report.get("status") == "ok" else 503)

    routes = [
        Route("/feed.atom", combined, methods=["GET", "HEAD"]),
        Route("/tags/{name}", tag_feed, methods=["GET", "HEAD"]),
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
    ]
    return Starlette(routes=routes)
