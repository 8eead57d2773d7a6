"""The command as a process of its own (`python -m aggregator`, the console script) spares the
garbage collector what start-up made and the walk at exit (cli/base.py, run_as_process); the
same command run inside another process (a test's runner, an embedding program) leaves the
collector as it found it, since frozen objects are never freed."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from aggregator.cli import main
from tests.support.commands import WAIT
from tests.support.paths import ROOT

_REPORT_FROZEN_AT_EXIT = """
import atexit, gc, runpy, sys
# Registered first, so run last: after the command and its own exit handlers.
atexit.register(lambda: print("frozen", gc.get_freeze_count(), flush=True))
sys.argv = ["aggregator", *sys.argv[1:]]
runpy.run_module("aggregator", run_name="__main__", alter_sys=True)
"""


def _config(folder: Path) -> Path:
    config = folder / "feeds.yaml"
    config.write_text(
        "store: store.sqlite\noutput: {dir: public}\n"
        "sources:\n  - {id: a, url: 'http://127.0.0.1:9/a.xml'}\n",
        encoding="utf-8",
    )
    return config


def test_the_command_as_its_own_process_freezes_what_start_up_made(tmp_path: Path) -> None:
    config = _config(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _REPORT_FROZEN_AT_EXIT, "--config", str(config), "check"],
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    frozen = int(done.stdout.split("frozen ")[-1])
    assert frozen > 10_000  # the modules, classes and functions of start-up, and later ones


def test_the_command_inside_another_process_leaves_the_collector_alone(tmp_path: Path) -> None:
    config = _config(tmp_path)
    before = gc.get_freeze_count()
    result = CliRunner().invoke(main, ["--config", str(config), "check"])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == before
