"""Every command, run as a user runs it: a real process, real files, real servers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
import httpx
import pytest

from tests.support.commands import WAIT, Running, cli
from tests.support.demo_feeds import demo_config_text, serve_demo_feeds
from tests.support.feed_server import Document, FeedServer
from tests.support.paths import DATA
from tests.support.postgres import ON_POSTGRES

EXPECTED = json.loads((DATA / "demo_expected.json").read_text(encoding="utf-8"))


def poll(url: str, ready: object) -> feedparser.FeedParserDict:
    deadline = time.monotonic() + WAIT
    while True:
        response = httpx.get(url)
        feed = feedparser.parse(response.content) if response.status_code == 200 else None
        if feed is not None and ready(feed):  # type: ignore[operator]
            return feed
        assert time.monotonic() < deadline, f"{url} never became ready"
        time.sleep(0.2)


@pytest.fixture
def config(tmp_path: Path, feed_server: FeedServer) -> Iterator[Path]:
    serve_demo_feeds(feed_server)
    path = tmp_path / "feeds.yaml"
    path.write_text(demo_config_text(feed_server), encoding="utf-8")
    yield path


def test_check_ok_and_errors(config: Path, tmp_path: Path) -> None:
    ok = cli(config, "check")
    assert ok.returncode == 0 and "OK: 4 sources (4 enabled), 6 rules" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - id: x\n    url: https://example.org/\n    interval: often\n")
    failed = cli(bad, "check")
    assert failed.returncode == 2
    assert failed.stderr.strip() == (
        'bad.yaml:4: sources[0].interval: "often" is not a duration (use e.g. 30m, 2h)'
    )
    missing = cli(tmp_path / "nope.yaml", "check")
    assert missing.returncode == 2 and "cannot read the config file" in missing.stderr


def test_config_from_environment(config: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aggregator", "check"],
        capture_output=True,
        text=True,
        timeout=WAIT,
        env={**os.environ, "AGGREGATOR_CONFIG": str(config)},
    )
    assert result.returncode == 0 and str(config) in result.stdout


def test_fetch_publish_status(config: Path, feed_server: FeedServer) -> None:
    fetched = cli(config, "fetch")
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stdout.strip().startswith("4 sources: 4 ok, 0 failed; 10 new, 0 updated")
    assert "source=eppo status=ok http=200 new=3" in fetched.stderr
    feed = feedparser.parse((config.parent / "public" / "feed.atom").read_bytes())
    assert len(feed.entries) == EXPECTED["stories_after_round_1"]
    # Nothing is due yet: a plain `fetch` fetches nothing; --source forces one.
    assert cli(config, "fetch").stdout.startswith("0 sources")
    one = cli(config, "fetch", "--source", "sfo")
    assert one.returncode == 0 and one.stdout.startswith("1 sources: 1 ok")
    assert "status=not-modified http=304" in one.stderr
    unknown = cli(config, "fetch", "--source", "nope")
    assert unknown.returncode == 2 and "no source with id nope" in unknown.stderr
    published = cli(config, "publish")
    assert published.returncode == 0
    assert re.match(r"0 of (\d+) feeds rewritten", published.stdout), published.stdout
    table = cli(config, "status")
    assert table.returncode == 0
    assert all(name in table.stdout for name in ("eppo", "sfo", "europol", "mpf-pgr"))
    rows = {row["id"]: row for row in json.loads(cli(config, "status", "--json").stdout)}
    assert rows["sfo"]["outcome"] == "not-modified" and rows["eppo"]["items"] == 3


def test_fetch_exits_1_when_a_source_fails(config: Path, feed_server: FeedServer) -> None:
    feed_server.put("down", Document(b"", status=503))
    text = config.read_text().replace(
        "rules:\n", f"  - id: down\n    url: {feed_server.url('down')}\nrules:\n", 1
    )
    config.write_text(text)
    result = cli(config, "fetch", "--all")
    assert result.returncode == 1
    assert result.stdout.startswith("5 sources: 4 ok, 1 failed; 10 new")
    assert "source=down status=error http=503" in result.stderr
    rows = {row["id"]: row for row in json.loads(cli(config, "status", "--json").stdout)}
    assert rows["down"]["last_error"] == "HTTP 503 Service Unavailable"


def test_json_logs(config: Path) -> None:
    result = cli(config, "--log-format", "json", "fetch")
    events = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    by_source = {e["source"]: e for e in events if "source" in e}
    assert by_source["europol"]["status"] == "ok" and by_source["europol"]["new"] == 3


def test_run_daemon_serves_updates_and_stops_cleanly(config: Path) -> None:
    daemon = Running("--config", str(config), "run", "--port", "0", "--tick", "0.5")
    try:
        address = daemon.wait_for(r"serving (http://127\.0\.0\.1:\d+/)feed\.atom").group(1)
        feed = poll(address + "feed.atom", lambda f: len(f.entries) == 9)
        assert EXPECTED["edited_title_before"] in {e.title for e in feed.entries}
        # The demo config checks every 15 s: the edited item arrives as an update.
        feed = poll(
            address + "feed.atom",
            lambda f: EXPECTED["edited_title_after"] in {e.title for e in f.entries},
        )
        assert len(feed.entries) == 9
        tag = httpx.get(address + "tags/pg20.atom")
        assert tag.status_code == 200 and len(feedparser.parse(tag.content).entries) == 2
        assert httpx.get(address + "healthz").json()["status"] == "ok"
    finally:
        code = daemon.stop()
    assert code == 0, "".join(daemon.seen)
    assert "stopped" in "".join(daemon.seen)


def test_a_stop_during_a_round_lets_the_round_finish(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """SIGTERM while a source is still being fetched: the round in progress finishes (the slow
    source's items are stored), then the daemon exits 0 with no traceback. The scheduler's
    shutdown used to cancel the round, and its sources' tasks then failed on the closed store
    thread."""

    def feed(name: str) -> bytes:
        return (
            f"<rss version='2.0'><channel><title>{name}</title><item><title>{name} item</title>"
            f"<link>https://{name}.example.org/1</link></item></channel></rss>"
        ).encode()

    names = ["quick0", "quick1", "quick2", "slow"]
    for name in names:
        feed_server.put(f"{name}.rss", Document(feed(name), delay=3.0 if name == "slow" else 0))
    sources = "".join(f"  - id: {n}\n    url: {feed_server.url(f'{n}.rss')}\n" for n in names)
    config = tmp_path / "feeds.yaml"
    config.write_text(f"store: s.sqlite\nsources:\n{sources}", encoding="utf-8")
    daemon = Running("--config", str(config), "run", "--port", "0", "--tick", "0.5")
    try:
        daemon.wait_for(r"source=quick\d status=ok")  # the round is under way, slow in flight
    finally:
        code = daemon.stop()
    log = "".join(daemon.seen)
    assert code == 0, log
    assert "Traceback" not in log and "raised an exception" not in log, log
    assert "source=slow status=ok" in log, log
    assert log.index("source=slow status=ok") < log.index("INFO stopped"), log
    rows = {row["id"]: row for row in json.loads(cli(config, "status", "--json").stdout)}
    assert rows["slow"]["outcome"] == "ok" and rows["slow"]["items"] == 1, rows["slow"]


def test_serve_only_serves_what_was_published(config: Path) -> None:
    assert cli(config, "fetch").returncode == 0
    server = Running("--config", str(config), "serve", "--port", "0")
    try:
        address = server.wait_for(r"at (http://127\.0\.0\.1:\d+/)feed\.atom").group(1)
        first = httpx.get(address + "feed.atom")
        assert first.status_code == 200 and len(feedparser.parse(first.content).entries) == 9
        again = httpx.get(address + "feed.atom", headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
    finally:
        assert server.stop() == 0


def test_demo_runs_offline_and_shows_the_samples(tmp_path: Path) -> None:
    demo = Running("demo", "--port", "0", "--tick", "0.5", "--dir", str(tmp_path / "demo"))
    try:
        address = demo.wait_for(r"Combined feed: (http://127\.0\.0\.1:\d+/feed\.atom)").group(1)
        feed = poll(address, lambda f: len(f.entries) == 9)
        assert {e.title for e in feed.entries} >= set(EXPECTED["tags"]) - {
            EXPECTED["edited_title_before"]
        }
    finally:
        assert demo.stop() == 0
    if not ON_POSTGRES:  # on the PostgreSQL pass the store is a database, not this file
        assert (tmp_path / "demo" / "aggregator.sqlite").exists()


def test_help_has_an_example_for_every_command() -> None:
    for command in (
        "check",
        "fetch",
        "publish",
        "serve",
        "run",
        "status",
        "demo",
        "enable",
        "preview",
        "prune",
        "add",
        "remove",
        "disable",
        "import-opml",
        "export-opml",
        "explain",
        "retag",
        "story",
        "unmerge",
        "migrate-store",
        "search",
    ):
        result = cli(None, command, "--help")
        assert result.returncode == 0 and "Example:" in result.stdout, command
    assert cli(None, "frobnicate").returncode == 2


def test_gone_source_is_disabled_shown_and_enabled_again(
    config: Path, feed_server: FeedServer
) -> None:
    feed_server.put("gone", Document(b"", status=410))
    # The demo's 15 s interval would make every source due again before the last `fetch` on a
    # loaded machine (eight commands of a second or more each): an hour here.
    text = (
        config.read_text()
        .replace("interval: 15s", "interval: 1h", 1)
        .replace("rules:\n", f"  - id: gone\n    url: {feed_server.url('gone')}\nrules:\n", 1)
    )
    config.write_text(text)
    assert cli(config, "fetch", "--source", "gone").returncode == 1
    rows = {row["id"]: row for row in json.loads(cli(config, "status", "--json").stdout)}
    assert rows["gone"]["disabled_reason"].startswith("HTTP 410 Gone on ")
    assert rows["gone"]["disabled_reason"].endswith("run `aggregator enable gone` to try again")
    assert rows["eppo"]["next_check_reason"] is None  # never checked yet
    table = cli(config, "status").stdout
    assert "disabled 410" in table  # the message is cut to the line; --source has it whole
    assert "aggregator enable gone" in cli(config, "status", "--source", "gone").stdout
    # A disabled source is not fetched, even with --all.
    assert cli(config, "fetch", "--all").stdout.startswith("4 sources")
    enabled = cli(config, "enable", "gone")
    assert enabled.returncode == 0 and enabled.stdout.strip() == (
        "gone: enabled; it will be checked in the next round"
    )
    assert cli(config, "enable", "gone").stdout.strip() == "gone: was not disabled"
    assert cli(config, "enable", "nope").returncode == 2
    assert cli(config, "fetch").stdout.startswith("1 sources")


def test_status_of_one_source_lists_its_checks(config: Path) -> None:
    assert cli(config, "fetch").returncode == 0
    assert cli(config, "fetch", "--source", "sfo").returncode == 0
    checks = json.loads(cli(config, "status", "--source", "sfo", "--json").stdout)
    assert [c["outcome"] for c in checks] == ["not-modified", "ok"]
    assert checks[1]["new"] == 2 and checks[1]["http_status"] == 200 and checks[1]["size"] > 0
    assert checks[0]["next_check_reason"] == "interval setting"
    table = cli(config, "status", "--source", "sfo").stdout
    assert "not-modified" in table and "interval setting" in table
    assert cli(config, "status", "--source", "nope").returncode == 2
