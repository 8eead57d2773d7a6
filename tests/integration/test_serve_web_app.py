"""The web app served by a real uvicorn on 127.0.0.1: validators, HEAD, compression, content
types, WebSub links, query feeds, 404s."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import httpx
import pytest

from aggregator.config.loading import Config
from aggregator.files import write_atomically
from aggregator.serve.web import create_app
from tests.support.rounds import write_config
from tests.support.web import serve

DOC = b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>" + b" " * 2000 + b"</feed>"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Config]]:
    config = write_config(
        tmp_path,
        "output:\n  dir: out\n  base_url: https://feeds.example.org/\n"
        "  websub_hub: https://hub.example.org/\n"
        "  cache_max_age: 5m\n",
    )
    out = config.output_dir
    write_atomically(out / "feed.atom", DOC)
    write_atomically(out / "feed.rss", b"<rss version='2.0'/>")
    write_atomically(out / "feed.json", b"{}")
    write_atomically(out / "sources.opml", b"<opml version='2.0'/>")
    write_atomically(out / "tags" / "country:br.atom", DOC + b"<!-- br -->")
    (tmp_path / "secret.atom").write_bytes(b"outside the output folder")

    def query(wanted: tuple[str, ...], unwanted: tuple[str, ...], text: str) -> bytes:
        return f"<feed>{'+'.join(wanted)}|{'+'.join(unwanted)}|{text}</feed>".encode()

    app = create_app(lambda: config, lambda: {"status": "ok"}, query=query)
    for base in serve(app):
        yield base, config


def test_feed_200_then_304_on_etag_and_on_date(site: tuple[str, Config]) -> None:
    base, _ = site
    with httpx.Client(base_url=base, headers={"Accept-Encoding": "identity"}) as client:
        first = client.get("/feed.atom")
        assert first.status_code == 200 and first.content == DOC
        assert first.headers["content-type"] == "application/atom+xml; charset=utf-8"
        assert first.headers["cache-control"] == "public, max-age=300"
        assert first.headers["link"] == (
            '<https://hub.example.org/>; rel="hub", '
            '<https://feeds.example.org/feed.atom>; rel="self"'
        )
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


def test_changed_bytes_get_a_new_etag_even_within_the_same_second(site: tuple[str, Config]) -> None:
    base, config = site
    with httpx.Client(base_url=base) as client:
        etag = client.get("/feed.atom").headers["etag"]
        write_atomically(config.output_dir / "feed.atom", DOC + b"<!-- changed -->")
        changed = client.get("/feed.atom", headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag


@pytest.mark.parametrize(
    ("encoding", "decode"), [("gzip", gzip.decompress), ("br", brotli.decompress)]
)
def test_compression_on_request_with_its_own_etag(
    site: tuple[str, Config], encoding: str, decode: object
) -> None:
    base, _ = site
    with httpx.Client(base_url=base) as client:
        plain = client.get("/feed.atom", headers={"Accept-Encoding": "identity"})
        packed = client.stream("GET", "/feed.atom", headers={"Accept-Encoding": encoding})
        with packed as response:
            raw = b"".join(response.iter_raw())
            assert response.headers["content-encoding"] == encoding
            assert response.headers["vary"] == "Accept-Encoding"
            assert len(raw) < len(DOC) and decode(raw) == DOC  # type: ignore[operator]
            assert response.headers["etag"] != plain.headers["etag"]
            again = client.get(
                "/feed.atom",
                headers={"Accept-Encoding": encoding, "If-None-Match": response.headers["etag"]},
            )
            assert again.status_code == 304


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/feed.rss", "application/rss+xml; charset=utf-8"),
        ("/feed.json", "application/feed+json; charset=utf-8"),
        ("/sources.opml", "text/x-opml; charset=utf-8"),
        ("/tags/country:br.atom", "application/atom+xml; charset=utf-8"),
    ],
)
def test_content_types(site: tuple[str, Config], path: str, content_type: str) -> None:
    base, _ = site
    response = httpx.get(base + path)
    assert response.status_code == 200 and response.headers["content-type"] == content_type


def test_head_404s_no_traversal_query_and_health(site: tuple[str, Config]) -> None:
    base, _ = site
    with httpx.Client(base_url=base, headers={"Accept-Encoding": "identity"}) as client:
        head = client.head("/tags/country:br.atom")
        assert head.status_code == 200 and head.content == b""
        assert int(head.headers["content-length"]) == len(DOC + b"<!-- br -->")
        for missing in (
            "/tags/unknown.atom",
            "/tags/..%2F..%2Fsecret.atom",
            "/../secret.atom",
            "/tags/country:br.xml",
            "/elsewhere",
            "/",
            "/feed.atom.tmp",
        ):
            assert client.get(missing).status_code == 404, missing
        queried = client.get("/feed.atom?tag=cybercrime&tag=crypto&not=media")
        assert queried.content == (
            b"<feed>cybercrime+crypto|kind:media|tag=cybercrime&tag=crypto&not=media</feed>"
        )
        again = client.get(
            "/feed.atom?tag=cybercrime&tag=crypto&not=media",
            headers={"If-None-Match": queried.headers["etag"]},
        )
        assert again.status_code == 304
        assert client.get("/feed.atom?tag=Bad%20Tag!").status_code == 400
        assert client.get("/healthz").json() == {"status": "ok"}


def test_no_304_by_date_when_bytes_changed_within_the_same_second(site: tuple[str, Config]) -> None:
    base, config = site
    with httpx.Client(base_url=base) as client:
        for n in range(3):  # each rewrite happens well within one second of the last
            modified = client.get("/feed.atom").headers["last-modified"]
            write_atomically(config.output_dir / "feed.atom", DOC + f"<!-- {n} -->".encode())
            fresh = client.get("/feed.atom", headers={"If-Modified-Since": modified})
            assert fresh.status_code == 200, n
            assert fresh.headers["last-modified"] != modified
