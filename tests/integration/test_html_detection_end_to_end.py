"""A news page nobody described, end to end: `preview --url --type html` shows the items it
detects and prints selectors to paste; a `type: html` source without selectors stores the
detected items and `status --source` says how its page was read; a preset that no longer fits
gives way to detection with a warning."""

from __future__ import annotations

import json
from pathlib import Path

from ruamel.yaml import YAML

from tests.support.commands import cli
from tests.support.feed_server import Document, FeedServer
from tests.support.paths import DATA

PAGE = DATA / "html_lists" / "dev" / "en_wordpress_read_more"


def serve(server: FeedServer) -> tuple[str, dict[str, object]]:
    spec = json.loads(PAGE.with_suffix(".json").read_text())
    server.put("news", Document(PAGE.with_suffix(".html").read_bytes(), content_type="text/html"))
    return server.url("news"), spec


def test_preview_detects_the_list_and_prints_selectors_that_read_it(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    url, spec = serve(feed_server)
    config = tmp_path / "feeds.yaml"
    config.write_text("sources:\n  - {id: x, url: 'https://x.example/f'}\n")
    shown = cli(config, "preview", "--url", url, "--type", "html", "--language", "en", "--json")
    assert shown.returncode == 0, shown.stderr
    items = json.loads(shown.stdout)
    titles = [item["title"] for item in spec["items"]]  # type: ignore[index]
    assert [item["title"] for item in items] == titles
    table = cli(config, "preview", "--url", url, "--type", "html")
    assert "read as: detected" in table.stderr
    snippet = table.stderr.split("selectors detected (to paste under the source in feeds.yaml):\n")[
        1
    ]
    pasted = YAML(typ="safe").load(snippet)
    assert pasted["type"] == "html" and {"item", "title", "link"} <= set(pasted["selectors"])
    # The printed selectors read the same items without detection.
    pinned = cli(
        config,
        "preview",
        "--url",
        url,
        "--json",
        *(f"--selector={name}={value}" for name, value in pasted["selectors"].items()),
    )
    assert pinned.returncode == 0, pinned.stderr
    assert [item["title"] for item in json.loads(pinned.stdout)] == titles
    assert (
        "read as: selectors"
        in cli(
            config,
            "preview",
            "--url",
            url,
            *(f"--selector={name}={value}" for name, value in pasted["selectors"].items()),
        ).stderr
    )


def test_a_source_without_selectors_is_read_by_detection_and_says_so(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    url, spec = serve(feed_server)
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "store: store.sqlite\noutput: {dir: public}\nsources:\n"
        f"  - {{id: plain, url: '{url}', type: html, language: en}}\n"
        f"  - {{id: stale, url: '{url}', preset: genproc, language: en}}\n"
    )
    fetched = cli(config, "fetch", "--all")
    assert fetched.returncode == 0, fetched.stderr
    rows = {row["id"]: row for row in json.loads(cli(config, "status", "--json").stdout)}
    expected = len(spec["items"])  # type: ignore[arg-type]
    assert rows["plain"]["items"] == rows["stale"]["items"] == expected
    assert rows["plain"]["page_reading"].startswith("detected: 10 items in")
    assert rows["plain"]["notice"] is None
    # The preset no longer fits: items keep flowing, and the notice says what failed.
    assert rows["stale"]["notice"].startswith("preset genproc (news list): selector `item`")
    assert "detected: 10 items" in rows["stale"]["notice"]
    one = cli(config, "status", "--source", "plain")
    assert "its page was last read with detected: 10 items" in one.stdout
