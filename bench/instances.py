"""Rounds per minute for 1, 2 and 3 daemons sharing one PostgreSQL store (issue #10).

    .venv/bin/python bench/instances.py [--sources 5000] [--seconds 60]

Serves N small feeds on 127.0.0.1 (the project's fixture server, conditional GET on), starts
a PostgreSQL server in a temporary folder (Debian's `postgresql` package, as the tests do),
then for 1, 2 and 3 daemons: a fresh database, the first round untimed (every source stores
its item), then every source due again at once, and the time until all N were checked again
(304s) by the daemons together. Rounds per minute = 60 / that time. All on this machine, so
the daemons compete for the same cores as the server and PostgreSQL: the figure says how the
work divides, not what several machines would give.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, update  # noqa: E402

from aggregator.config.loading import STORE_VARIABLE  # noqa: E402
from aggregator.store import Store  # noqa: E402
from aggregator.store.schema import sources  # noqa: E402
from tests.support.feed_server import Document, FeedServer  # noqa: E402
from tests.support.postgres import postgres_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=5000)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, FeedServer() as feeds, postgres_server() as pg:
        work = Path(folder)
        for n in range(args.sources):
            body = (
                f"<rss version='2.0'><channel><title>s{n}</title><item><title>Release {n}"
                f"</title><link>https://s{n}.example/1</link></item></channel></rss>"
            ).encode()
            feeds.put(f"s{n}.rss", Document(body))
        lines = [
            "store: unused.sqlite",
            "output: {dir: public}",
            "defaults: {interval: 1d, max_age: 3650d}",
            "fetch: {adaptive: false, concurrency: 50}",
            "sources:",
            *(f"  - {{id: s{n}, url: '{feeds.url(f's{n}.rss')}'}}" for n in range(args.sources)),
        ]
        config = work / "feeds.yaml"
        config.write_text("\n".join(lines) + "\n")
        results = {}
        for count in (1, 2, 3):
            url = pg.new_database()
            env = {**os.environ, STORE_VARIABLE: url}
            store = Store(url)
            command = [sys.executable, "-m", "aggregator", "--config", str(config)]
            subprocess.run(
                [*command, "fetch", "--all"], env=env, check=True, capture_output=True
            )  # the first round, untimed
            daemons = [
                subprocess.Popen(
                    [*command, "run", "--port", "0", "--tick", "0.2"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(count)
            ]
            try:
                time.sleep(3)  # started, nothing due yet
                started = time.time()
                due = datetime.now(UTC)
                with store.engine.begin() as connection:
                    connection.execute(update(sources).values(next_check_at=due))
                while time.time() - started < args.timeout:
                    with store.engine.connect() as connection:
                        done = connection.execute(
                            select(func.count()).where(sources.c.last_checked_at >= due)
                        ).scalar()
                    if done >= args.sources:
                        break
                    time.sleep(0.2)
                elapsed = time.time() - started
            finally:
                for process in daemons:
                    process.send_signal(signal.SIGTERM)
                for process in daemons:
                    process.wait(timeout=60)
                store.close()
            results[count] = elapsed
            print(
                f"{count} daemon(s): a round of {args.sources:,} sources in {elapsed:.1f} s, "
                f"{60 / elapsed:.2f} rounds per minute",
                flush=True,
            )
        for count in (2, 3):
            print(f"{count} daemons / 1 daemon: {results[1] / results[count]:.2f}x the rounds")


if __name__ == "__main__":
    main()
