"""A killed daemon leaves no parse workers behind: they exit once the process that started
their pool is gone (processes.exit_with), so do the fork server and the resource tracker.
Before, a SIGKILLed daemon's workers waited for tasks forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# Starts a pool, parses once (so both workers exist), prints the workers' pids, then waits.
DAEMON = """
import asyncio, sys, time
from datetime import UTC, datetime, timedelta
from aggregator.models import ParseOptions
from aggregator.update.runtime import ParsePool

async def main():
    pool = ParsePool(timedelta(seconds=30), workers=2)
    feed = (b"<rss version='2.0'><channel><title>S</title>"
            b"<item><title>One</title></item></channel></rss>")
    await asyncio.gather(*(
        pool.parse(feed, "https://e.org/", None, datetime.now(UTC), 10, ParseOptions())
        for _ in range(4)
    ))
    print(" ".join(str(pid) for pid in pool._executor._processes), flush=True)
    time.sleep(600)

asyncio.run(main())
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed worker is a zombie until the fork server reaps it; the fork server exits too.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


def test_parse_workers_exit_when_the_daemon_is_killed() -> None:
    daemon = subprocess.Popen([sys.executable, "-c", DAEMON], stdout=subprocess.PIPE, text=True)
    try:
        assert daemon.stdout is not None
        workers = [int(pid) for pid in daemon.stdout.readline().split()]
        assert workers and all(_alive(pid) for pid in workers)
        daemon.send_signal(signal.SIGKILL)
        daemon.wait()
        deadline = time.monotonic() + 20  # the workers look every second
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        daemon.kill()
        daemon.wait()
        if daemon.stdout is not None:
            daemon.stdout.close()
