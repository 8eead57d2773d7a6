"""The pages `/` and `/status` in a real headless browser (Debian's chromium, driven by
Playwright), against the real daemon. The test command installs chromium: if it is missing,
this test fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import httpx
from playwright.sync_api import sync_playwright

from tests.support.commands import Running, save, wait_until
from tests.support.demo_feeds import demo_config_text, serve_demo_feeds
from tests.support.feed_server import Document, FeedServer

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    path = shutil.which("chromium")
    assert path, "chromium is not installed: run the README's test command (scripts/test.sh)"
    return path


def test_story_and_status_pages_render_and_filter_without_javascript(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    serve_demo_feeds(feed_server)
    feed_server.put("down.rss", Document(b"", status=503))
    config = tmp_path / "feeds.yaml"
    save(
        config, demo_config_text(feed_server, f"- id: down\n  url: {feed_server.url('down.rss')}\n")
    )
    daemon = Running("--config", str(config), "run", "--port", "0", "--tick", "0.5")
    try:
        base = daemon.wait_for(r"serving (http://127\.0\.0\.1:\d+/)feed\.atom").group(1)
        wait_until(
            lambda: len(feedparser.parse(httpx.get(base + "feed.atom").content).entries) == 9,
            "the first round",
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
            # JavaScript off: the pages must work as plain HTML and a form.
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto(base)
            assert page.locator("li.story").count() == 9
            alternates = page.locator("link[rel=alternate]")
            assert alternates.count() >= 3 + 4  # the three combined formats and each source
            hrefs = {alternates.nth(i).get_attribute("href") for i in range(alternates.count())}
            public = "http://feeds.example.org/"  # output.base_url: what subscribers use
            assert public + "feed.atom" in hrefs and public + "tags/pg20.atom" in hrefs
            shot = page.screenshot(full_page=True)
            assert shot.startswith(b"\x89PNG") and len(shot) > 20_000
            (tmp_path / "stories.png").write_bytes(shot)
            page.select_option("select[name=tag]", "pg20")
            page.click("button[type=submit]")
            assert "tag=pg20" in page.url
            titles = sorted(page.locator("li.story a.title").all_inner_texts())
            assert titles == [
                "European Chief Prosecutor addresses PG20 meeting on cross-border financial crime",
                "MPF participa de reunião do PG20 sobre cooperação jurídica internacional",
            ]
            assert page.get_attribute("text=Subscribe to this selection", "href") == (
                "feed.atom?tag=pg20"
            )
            page.goto(base + "?country=br")
            assert page.locator("li.story").count() == 2
            page.goto(base + "status")
            down = page.locator("#source-down")
            assert down.locator("td").nth(1).inner_text() == "backing off"
            assert "HTTP 503 Service Unavailable" in down.inner_text()
            eppo = page.locator("#source-eppo")
            assert eppo.locator("td").nth(1).inner_text() == "ok"
            assert eppo.locator("td").nth(4).inner_text() == "3"  # items
            assert eppo.locator("svg.bars rect").count() == 14
            assert page.locator("#sources tbody tr").count() == 5
            (tmp_path / "status.png").write_bytes(page.screenshot(full_page=True))
            browser.close()
    finally:
        assert daemon.stop() == 0
