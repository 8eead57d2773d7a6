"""The aggregator as a user runs it: one command to its end, or a long-running one whose output
is read as it comes; and what a test does around it (save a file as editors do, wait for a
condition within a bound)."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

WAIT = 60.0  # upper bound for anything a test waits for; never a fixed sleep


def cli(config: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    options = ["--config", str(config)] if config else []
    return subprocess.run(
        [sys.executable, "-m", "aggregator", *options, *args],
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )


class Running:
    """A long-running command whose output lines are collected as they come."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aggregator", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert self.process.stdout is not None
        stream = self.process.stdout
        self.reader = threading.Thread(
            target=lambda: [self.lines.put(line) for line in stream], daemon=True
        )
        self.reader.start()

    def wait_for(self, pattern: str) -> re.Match[str]:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "exited early:\n" + "".join(self.seen)
                continue
            self.seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r}:\n" + "".join(self.seen))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(WAIT)
        self.reader.join(WAIT)
        assert self.process.stdout is not None
        self.process.stdout.close()
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code


def save(path: Path, text: str) -> None:
    """As editors do: write a new file, then rename it over the old one."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def wait_until(check: object, what: str) -> object:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = check()  # type: ignore[operator]
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")
