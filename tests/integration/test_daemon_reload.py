"""Hot reload of feeds.yaml in the running daemon: add a source, break the file, fix it, SIGHUP.
Waits are bounded polls of the HTTP endpoints; nothing sleeps for a fixed time."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import feedparser
import httpx

from tests.support.commands import Running, save, wait_until
from tests.support.demo_feeds import demo_config_text, serve_demo_feeds
from tests.support.feed_server import FeedServer


def test_edits_apply_without_restart_and_bad_edits_keep_the_last_good_config(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    serve_demo_feeds(feed_server)
    full = demo_config_text(feed_server)
    start, end = full.index("  - id: mpf-pgr"), full.index("rules:")
    without_mpf = full[:start] + full[end:]
    config = tmp_path / "feeds.yaml"
    save(config, without_mpf)
    daemon = Running("--config", str(config), "run", "--port", "0", "--tick", "0.5")
    try:
        base = daemon.wait_for(r"serving (http://127\.0\.0\.1:\d+/)feed\.atom").group(1)

        def stories() -> int:
            response = httpx.get(base + "feed.atom")
            return len(feedparser.parse(response.content).entries) if response.is_success else 0

        wait_until(lambda: stories() == 7, "the first round")
        # Add a source: it is fetched soon, without a restart.
        save(config, full)
        wait_until(lambda: stories() == 9, "the added source's stories")
        # Break the file: the error is reported with its line, the daemon goes on.
        broken = full.replace("    language: pt\n", "    language: pt\n    interval: often\n")
        save(config, broken)
        health = wait_until(
            lambda: (h := httpx.get(base + "healthz").json())["config"] == "invalid" and h,
            "the invalid config to show",
        )
        line = broken[: broken.index("interval: often")].count("\n") + 1
        assert health["config_problems"] == [  # type: ignore[index]
            f'feeds.yaml:{line}: sources[3].interval: "often" is not a duration (use e.g. 30m, 2h)'
        ]
        assert stories() == 9
        # SIGHUP reloads (and does not kill, which is SIGHUP's default action).
        daemon.process.send_signal(signal.SIGHUP)
        save(config, full.replace("Prosecution & Summit News (demo)", "Renamed feed"))
        wait_until(
            lambda: (
                feedparser.parse(httpx.get(base + "feed.atom").content).feed.get("title")
                == "Renamed feed"
            ),
            "the new title",
        )
        assert httpx.get(base + "healthz").json()["config"] == "ok"
        # A new rule re-tags what is stored: its tag feed appears without a restart.
        save(config, full.replace("rules:\n", "rules:\n  - tag: vat\n    any: [VAT]\n", 1))
        wait_until(lambda: httpx.get(base + "tags/vat.atom").status_code == 200, "the vat feed")
        # Remove a source: its stories leave the feed, the daemon keeps going.
        save(config, without_mpf)
        wait_until(lambda: stories() == 7, "the removed source's stories to leave")
        assert daemon.process.poll() is None
    finally:
        code = daemon.stop()
    log = "".join(daemon.seen)
    assert code == 0, log
    assert "config not applied (file changed): feeds.yaml:" in log
    assert "config reloaded" in log
    assert re.search(r"rules changed: retagged \d+ items", log), log


def test_readyz_and_metrics_of_the_running_daemon(tmp_path: Path, feed_server: FeedServer) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    from tests.support.feed_server import Document

    serve_demo_feeds(feed_server)
    feed_server.put("down.rss", Document(b"", status=503))
    text = demo_config_text(feed_server, f"- id: down\n  url: {feed_server.url('down.rss')}\n")
    config = tmp_path / "feeds.yaml"
    save(config, text)
    daemon = Running("--config", str(config), "run", "--port", "0", "--tick", "0.5")
    try:
        base = daemon.wait_for(r"serving (http://127\.0\.0\.1:\d+/)feed\.atom").group(1)
        wait_until(lambda: httpx.get(base + "readyz").status_code == 200, "readiness")
        assert httpx.get(base + "readyz").json()["problems"] == []

        def samples() -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
            body = httpx.get(base + "metrics").text
            return {
                (s.name, tuple(sorted(s.labels.items()))): s.value
                for family in text_string_to_metric_families(body)
                for s in family.samples
            }

        found = wait_until(
            lambda: (
                (m := samples()).get(("aggregator_source_items", (("source", "eppo"),))) == 3 and m
            ),
            "eppo's items",
        )
        assert found[("aggregator_source_consecutive_errors", (("source", "down"),))] >= 1  # type: ignore[index]
        assert (
            found[("aggregator_source_state", (("source", "down"), ("state", "backing off")))] == 1
        )  # type: ignore[index]
        assert (
            found[("aggregator_http_responses_total", (("source", "eppo"), ("status", "200")))] == 1
        )  # type: ignore[index]
        assert (
            found[("aggregator_http_responses_total", (("source", "down"), ("status", "503")))] >= 1
        )  # type: ignore[index]
        assert (
            found[("aggregator_items_stored_total", (("change", "new"), ("source", "europol")))]
            == 3
        )  # type: ignore[index]
        assert found[("aggregator_fetch_duration_seconds_count", (("source", "sfo"),))] >= 1  # type: ignore[index]
        assert found[("aggregator_source_last_success_timestamp_seconds", (("source", "sfo"),))] > 0  # type: ignore[index]
    finally:
        assert daemon.stop() == 0
