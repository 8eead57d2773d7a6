"""Rounds in a resident process, side by side with the `reader` library (issue #8).

    .venv/bin/python bench/resident.py [--feeds 500] [--items 50] [--rounds 3]

`bench/rounds.py` (and the shared harness) start a fresh process for every round, as a cron job
would, so their 304 and unchanged-body figures include the interpreter's start and the imports
(~0.4 s for us). The daemon (`aggregator run`) pays that once. This script measures what a
resident process pays per round: the same generated corpus and server as rounds.py, a cold
round for each peer (a fresh process, to fill its store), then in ONE process per peer, N
rounds where every feed answers 304 and N rounds where every feed sends the same bytes again
(the server's validators off). Each round's wall time is printed, and the median of the
per-round ratios project / reader.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from rounds import READER, ServerProcess, project_config

BIN = Path(sys.executable).parent

PROJECT_ROUNDS = """
import asyncio, json, sys, time, urllib.request
from pathlib import Path
from aggregator.config.loading import load_config
from aggregator.update.runtime import open_updater
from aggregator.store import Store

base, rounds = sys.argv[1], int(sys.argv[2])

async def main():
    config = load_config(Path("feeds.yaml"))
    store = Store(config.store_url)
    times = {}
    try:
        async with open_updater(config, store) as updater:
            await updater.sync_sources()
            for case, switch in (("304", "on"), ("unchanged", "off")):
                urllib.request.urlopen(base + "/__validators/" + switch).read()
                for _ in range(rounds):
                    started = time.perf_counter()
                    summary = await updater.run_round(due_only=False)
                    assert summary.failed == 0 and not summary.changed, summary
                    times.setdefault(case, []).append(time.perf_counter() - started)
    finally:
        store.close()
        urllib.request.urlopen(base + "/__validators/on").read()
    print(json.dumps(times))

asyncio.run(main())
"""

READER_ROUNDS = """
import json, sys, time, urllib.request
from reader import make_reader

base, rounds, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
reader = make_reader("reader.sqlite")
times = {}
try:
    for case, switch in (("304", "on"), ("unchanged", "off")):
        urllib.request.urlopen(base + "/__validators/" + switch).read()
        for _ in range(rounds):
            started = time.perf_counter()
            errors = [r for r in reader.update_feeds_iter(workers=workers, scheduled=False)
                      if r.error is not None]
            assert not errors, errors[:3]
            times.setdefault(case, []).append(time.perf_counter() - started)
finally:
    reader.close()
    urllib.request.urlopen(base + "/__validators/on").read()
print(json.dumps(times))
"""


def run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=8, help="reader's update workers")
    args = parser.parse_args()
    server = ServerProcess(args.feeds, args.items)
    urls = server.urls()
    times: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        project, reader = Path(scratch, "project"), Path(scratch, "reader")
        project.mkdir()
        reader.mkdir()
        project_config(project, urls)
        try:
            run([str(BIN / "aggregator"), "--config", "feeds.yaml", "fetch", "--all"], project)
            run([sys.executable, "-c", READER, "reader.sqlite", str(args.workers), *urls], reader)
            times["project"] = json.loads(
                run([sys.executable, "-c", PROJECT_ROUNDS, server.base, str(args.rounds)], project)
            )
            times["reader"] = json.loads(
                run(
                    [
                        sys.executable,
                        "-c",
                        READER_ROUNDS,
                        server.base,
                        str(args.rounds),
                        str(args.workers),
                    ],
                    reader,
                )
            )
        finally:
            server.stop()
    print(f"{args.feeds} feeds x {args.items} items, {args.rounds} rounds in one process per peer")
    for case in ("304", "unchanged"):
        ours, theirs = times["project"][case], times["reader"][case]
        ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
        print(
            f"  {case:<10} project {' '.join(f'{t:.2f}' for t in ours)} s;"
            f" reader {' '.join(f'{t:.2f}' for t in theirs)} s;"
            f" project / reader {statistics.median(ratios):.3f}"
            f" (1/{1 / statistics.median(ratios):.0f})"
        )


if __name__ == "__main__":
    main()
