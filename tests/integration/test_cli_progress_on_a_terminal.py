"""`fetch` on a terminal (a pseudo-terminal here): the progress bar and the log lines do not
collide; a warning prints on a line of its own above the bar (issue #24, 9)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from tests.support.feed_server import Document, FeedServer
from tests.support.feeds import rss

COLOURS = re.compile(r"\x1b\[[0-9;]*m")  # colours: part of a line
MOVES = re.compile(r"\x1b\[[0-9;?]*[A-Za-ln-z]|\r")  # the cursor moved: a new line starts


def on_a_terminal(*args: str) -> str:
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "aggregator", *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=60)
    os.close(main)
    return output.decode("utf-8", "replace")


def test_warnings_print_above_the_bar_not_into_it(tmp_path: Path, feed_server: FeedServer) -> None:
    for n in range(6):
        feed_server.put(f"f{n}.rss", Document(rss(f"F{n}", "One").encode()))
    feed_server.put("broken.rss", Document(b"not a feed at all", content_type="text/plain"))
    sources = "".join(
        f"  - {{id: s{n}, url: '{feed_server.url(f'f{n}.rss')}'}}\n" for n in range(6)
    )
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "store: s.sqlite\noutput: {dir: out}\nsources:\n"
        + sources
        + f"  - {{id: broken, url: '{feed_server.url('broken.rss')}'}}\n"
    )
    shown = MOVES.sub(
        "\n", COLOURS.sub("", on_a_terminal("--config", str(config), "fetch", "--all"))
    )
    warnings = [line for line in shown.splitlines() if "WARNING" in line]
    assert warnings, shown
    for line in warnings:
        # The line starts with the log's own time stamp: nothing of the bar before it.
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ WARNING ", line.strip()), line
