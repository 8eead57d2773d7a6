"""A round that changes nothing loads only what it uses: `fetch` answered by 304s, or by bodies
the store already has, imports neither the parsers nor the tagger, the stories' decisions, the
renderers, the parse pool, the other commands nor SQLAlchemy (its SQLite file is reached
through the stdlib driver: store/direct.py) (issue #25: start-up is half of such a round's
time per process). The first round, which parses, imports them: the check can fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aggregator.config.loading import STORE_VARIABLE
from tests.support.commands import WAIT
from tests.support.demo_feeds import demo_feed
from tests.support.feed_server import Document, FeedServer
from tests.support.paths import ROOT

# What parsing, tagging, deciding and publishing load, and the commands a round does not run.
UNUSED_BY_A_QUIET_ROUND = (
    "lxml",
    "feedgen",
    "nh3",
    "charset_normalizer",
    "dateutil",
    "multiprocessing",
    "sqlalchemy",
    "aggregator.parse",
    "aggregator.tagging.tagger",
    "aggregator.tagging.names",
    "aggregator.tagging.places",
    "aggregator.normalize.entries",
    "aggregator.stories.deciding",
    "aggregator.publish.publisher",
    "aggregator.update.worker",
    "aggregator.cli.editing",
    "aggregator.cli.server",
    "aggregator.cli.sources",
    "aggregator.cli.stories",
)

# `python -m aggregator ARGS`, then the modules the process had loaded, as the last line.
_RUN_AND_LIST_MODULES = """
import json, runpy, sys
sys.argv = ["aggregator", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("aggregator", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    code = stop.code
import aggregator
print(json.dumps({"code": code, "modules": sorted(sys.modules), "aggregator": aggregator.__file__}))
"""


def _fetch_round(config: Path) -> set[str]:
    # This checkout's code, whatever the environment installed (a worktree, another clone).
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST_MODULES, "--config", str(config), "fetch", "--all"],
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
        cwd=config.parent,
        env=env,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, done.stdout + done.stderr
    assert report["aggregator"].startswith(str(ROOT)), report["aggregator"]
    return set(report["modules"])


def _loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(module.startswith(name + ".") for module in modules)


@pytest.mark.parametrize("validators", [True, False], ids=["304", "unchanged-body"])
def test_a_round_that_changes_nothing_imports_no_parser_tagger_or_renderer(
    tmp_path: Path, validators: bool
) -> None:
    with FeedServer() as server:
        server.put(
            "sfo.atom",
            Document(demo_feed("sfo.atom"), "application/atom+xml", validators=validators),
        )
        server.put("mpf.rss", Document(demo_feed("mpf.rss"), validators=validators))
        config = tmp_path / "feeds.yaml"
        config.write_text(
            "store: store.sqlite\n"
            "output: {dir: public, base_url: 'http://feeds.example.org/'}\n"
            "defaults: {max_age: 36500d}\n"
            "sources:\n"
            f"  - {{id: sfo, url: '{server.url('sfo.atom')}', country: GB, language: en}}\n"
            f"  - {{id: mpf, url: '{server.url('mpf.rss')}', country: BR, language: pt}}\n"
            "rules:\n"
            "  - {tag: fraud, any: [fraud, 'law:18 USC 1343']}\n",
            encoding="utf-8",
        )
        first = _fetch_round(config)
        second = _fetch_round(config)
        statuses = [request.status for request in server.requests]
    assert statuses[-2:] == ([304, 304] if validators else [200, 200])
    # the first round parsed, tagged and published: it loaded them
    assert [name for name in UNUSED_BY_A_QUIET_ROUND[:4] if _loaded(first, name)]
    assert _loaded(first, "aggregator.publish.publisher")
    assert _loaded(first, "sqlalchemy")  # it created the store
    unused = UNUSED_BY_A_QUIET_ROUND
    if os.environ.get(STORE_VARIABLE, "").startswith("postgresql"):
        # The PostgreSQL pass: every statement goes through SQLAlchemy there, by design
        # (only a SQLite file is reached without it: store/direct.py).
        assert _loaded(second, "sqlalchemy")
        unused = tuple(name for name in unused if name != "sqlalchemy")
    assert not [name for name in unused if _loaded(second, name)]
