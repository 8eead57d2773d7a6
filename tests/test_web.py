"""The web app served by a real uvicorn on 127.0.0.1: 200, 304, HEAD, 404, health."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from aggregator.daemon import bind
from aggregator.publish import write_atomically
from aggregator.web import create_app

DOC = b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    write_atomically(tmp_path / "feed.atom", DOC)
    write_atomically(tmp_path / "tags" / "country:br.atom", DOC + b"<!-- br -->")
    app = create_app(lambda: tmp_path, lambda: {"status": "ok"})
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    for _ in range(200):
        if server.started:
            break
        threading.Event().wait(0.02)
    yield base, tmp_path
    server.should_exit = True
    thread.join(10)


def test_feed_200_then_304_on_etag_and_on_date(site: tuple[str, Path]) -> None:
    base, _ = site
    with httpx.Client(base_url=base) as client:
        first = client.get("/feed.atom")
        assert first.status_code == 200 and first.content == DOC
        assert first.headers["content-type"] == "application/atom+xml; charset=utf-8"
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert etag.startswith('"') and not etag.startswith("W/")
        again = client.get("/feed.atom", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        assert client.get("/feed.atom", headers={"If-Modified-Since": modified}).status_code == 304
        stale = client.get(
            "/feed.atom", headers={"If-None-Match": '"other"', "If-Modified-Since": modified}
        )
        assert stale.status_code == 200  # If-None-Match decides when both are sent


def test_changed_bytes_get_a_new_etag_even_within_the_same_second(site: tuple[str, Path]) -> None:
    base, folder = site
    with httpx.Client(base_url=base) as client:
        etag = client.get("/feed.atom").headers["etag"]
        write_atomically(folder / "feed.atom", DOC + b"<!-- changed -->")
        changed = client.get("/feed.atom", headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_head_tags_404_and_health(site: tuple[str, Path]) -> None:
    base, _ = site
    with httpx.Client(base_url=base) as client:
        head = client.head("/tags/country:br.atom")
        assert head.status_code == 200 and head.content == b""
        assert int(head.headers["content-length"]) == len(DOC + b"<!-- br -->")
        assert client.get("/tags/country:br.atom").content.endswith(b"<!-- br -->")
        assert client.get("/tags/unknown.atom").status_code == 404
        assert client.get("/tags/..%2Ffeed.atom").status_code == 404
        assert client.get("/tags/country:br.rss").status_code == 404
        assert client.get("/elsewhere").status_code == 404
        assert client.get("/healthz").json() == {"status": "ok"}
