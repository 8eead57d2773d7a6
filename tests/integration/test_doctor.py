"""`aggregator doctor` against a real server on 127.0.0.1 that gives each outcome a source can
have: the table, --json, --source and the exit code, and nothing stored."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from tests.support.commands import cli
from tests.support.feed_server import Document, FeedServer
from tests.support.feeds import rss

NEWS_PAGE = """<html><head><title>News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav>
<main><ul class="news-list">{items}</ul></main>
<footer><a href="/contact">Contact</a></footer></body></html>"""
ITEM = (
    '<li class="news-item"><h3><a href="/news/{n}">Prosecutors charge {n} people with fraud'
    '</a></h3><span class="date">0{n}.12.2026</span></li>'
)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_every_outcome(server: FeedServer) -> None:
    page = NEWS_PAGE.format(items="".join(ITEM.format(n=n) for n in range(1, 6))).encode()
    server.put("ok.rss", Document(rss("Fine", "One item", "Another item").encode()))
    server.put("empty.rss", Document(rss("Quiet").encode()))
    server.put("missing.rss", Document(b"no", status=404))
    server.put("forbidden.rss", Document(b"no", status=403))
    server.put("gone.rss", Document(b"no", status=410))
    server.put("failing.rss", Document(b"oops", status=500))
    server.put("not-a-feed.rss", Document(b"just some text", content_type="text/plain"))
    server.put("old.rss", Document(b"", status=301, headers={"Location": server.url("ok.rss")}))
    server.put("news", Document(page, content_type="text/html"))
    server.put(
        "nolist",
        Document(b"<html><body><p>Nothing here</p></body></html>", content_type="text/html"),
    )
    server.put(
        "robots.txt", Document(b"User-agent: *\nDisallow: /private\n", content_type="text/plain")
    )
    server.put("private/news", Document(page, content_type="text/html"))


def write_config(folder: Path, server: FeedServer) -> Path:
    sources = {
        "ok": "ok.rss",
        "empty": "empty.rss",
        "missing": "missing.rss",
        "forbidden": "forbidden.rss",
        "gone": "gone.rss",
        "failing": "failing.rss",
        "not-a-feed": "not-a-feed.rss",
        "moved": "old.rss",
    }
    lines = [
        "store: store.sqlite",
        "fetch: {timeout: 5s}",
        "sources:",
        *(f"  - {{id: {i}, url: '{server.url(p)}'}}" for i, p in sources.items()),
        f"  - {{id: detected, url: '{server.url('news')}', type: html}}",
        f"  - {{id: preset-broken, url: '{server.url('news')}', preset: uswds}}",
        f"  - {{id: no-list, url: '{server.url('nolist')}', type: html}}",
        f"  - {{id: refused, url: '{server.url('private/news')}', type: html}}",
        f"  - {{id: unreachable, url: 'http://127.0.0.1:{closed_port()}/feed'}}",
        f"  - {{id: off, url: '{server.url('ok.rss')}', enabled: false}}",
    ]
    path = folder / "feeds.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_doctor_gives_every_outcome_its_verdict(tmp_path: Path, feed_server: FeedServer) -> None:
    serve_every_outcome(feed_server)
    config = write_config(tmp_path, feed_server)
    done = cli(config, "doctor", "--json")
    assert done.returncode == 1, done.stderr
    verdicts = {row["source_id"]: row for row in json.loads(done.stdout)}
    assert {source: row["verdict"] for source, row in verdicts.items()} == {
        "ok": "ok",
        "empty": "empty",
        "missing": "not-found",
        "forbidden": "blocked",
        "gone": "gone",
        "failing": "server-error",
        "not-a-feed": "not-a-feed",
        "moved": "moved",
        "detected": "ok",  # no preset, no selectors: detection is how it is read
        "preset-broken": "detected",
        "no-list": "broken",
        "refused": "refused",
        "unreachable": "unreachable",
    }  # the disabled source is not checked
    assert verdicts["ok"]["items"] == 2
    assert verdicts["detected"]["items"] == 5
    assert verdicts["detected"]["newest"].startswith("2026-12-05")
    assert "ul.news-list > li.news-item" in verdicts["preset-broken"]["detail"]
    assert verdicts["moved"]["fix"] == f"set `url: {feed_server.url('ok.rss')}` in feeds.yaml"
    assert not (tmp_path / "store.sqlite").exists()  # nothing stored


def test_doctor_table_and_one_source(tmp_path: Path, feed_server: FeedServer) -> None:
    serve_every_outcome(feed_server)
    config = write_config(tmp_path, feed_server)
    done = cli(config, "doctor", "--source", "ok")
    assert done.returncode == 0, done.stderr
    assert "ok" in done.stdout and "2 items" in done.stdout
    assert "1 of 1 sources ok" in done.stderr
    unknown = cli(config, "doctor", "--source", "nope")
    assert unknown.returncode == 2 and "no source with id nope" in unknown.stderr
