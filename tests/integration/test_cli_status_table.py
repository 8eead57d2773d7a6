"""`status` fits the terminal (issue #24, 3): one line per source at 80 columns, ids and times
never broken, long messages cut to the line, the whole of them with `--source`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.commands import cli
from tests.support.feed_server import Document, FeedServer
from tests.support.feeds import rss

LONG_ERROR = "Service Unavailable because of maintenance " * 6


def test_sixteen_sources_fit_eighty_columns(tmp_path: Path, feed_server: FeedServer) -> None:
    ids = [f"prosecution-service-number-{n:02d}" for n in range(15)] + ["down"]
    for n in range(15):
        feed_server.put(f"f{n}.rss", Document(rss(f"F{n}", "One item").encode()))
    feed_server.put("down.rss", Document(LONG_ERROR.encode(), status=503))
    sources = "".join(
        f"  - {{id: {source_id}, url: '{feed_server.url(f'f{n}.rss')}'}}\n"
        for n, source_id in enumerate(ids[:-1])
    )
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "store: s.sqlite\noutput: {dir: out}\nsources:\n"
        + sources
        + f"  - {{id: down, url: '{feed_server.url('down.rss')}'}}\n"
    )
    cli(config, "fetch", "--all")
    shown = subprocess.run(
        [sys.executable, "-m", "aggregator", "--config", str(config), "status"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=True,
    ).stdout
    lines = shown.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    rows = [line for line in lines if line.startswith(("prosecution-", "down"))]
    assert len(rows) == 16  # one line each
    assert any(row.split()[:4] == ["down", "backing", "off", "503"] for row in rows)
    assert "aggregator status --source ID" in shown
    whole = cli(config, "status", "--source", "down").stdout
    assert "note: HTTP 503 Service Unavailable" in whole
