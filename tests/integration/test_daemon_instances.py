"""Several daemons on one PostgreSQL store share the due sources through leases; one killed
with SIGKILL loses its leases when they expire and the others take its sources over; two
daemons on one SQLite file are refused."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aggregator.config.loading import STORE_VARIABLE
from aggregator.store import Store
from aggregator.store.schema import items, sources, stories
from tests.support.feed_server import Document, FeedServer
from tests.support.postgres import PostgresServer, postgres_server

SOURCES = 300
INTERVAL = 6.0  # seconds between checks of a source
LEASE = 4.0


@contextmanager
def a_postgres(session: PostgresServer | None) -> Iterator[PostgresServer]:
    """The PostgreSQL pass's server, or one started for this test on the SQLite pass."""
    if session is not None:
        yield session
        return
    with postgres_server() as server:
        yield server


def rss(n: int) -> bytes:
    return (
        f"<rss version='2.0'><channel><title>s{n}</title><item><title>Release {n}</title>"
        f"<link>https://s{n}.example/news/1</link><guid>s{n}-1</guid></item></channel></rss>"
    ).encode()


def daemon(config: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "aggregator", "--config", str(config)]
    with log.open("wb") as output:  # the child keeps its own handle
        return subprocess.Popen(
            [*command, "run", "--port", "0", "--tick", "0.5"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def test_three_daemons_share_the_sources_and_survive_a_kill(
    tmp_path: Path, feed_server: FeedServer, postgres: PostgresServer | None
) -> None:
    for n in range(SOURCES):
        feed_server.put(f"s{n}.rss", Document(rss(n), validators=False))
    lines = [
        "store: unused.sqlite",
        "output: {dir: public}",
        f"defaults: {{interval: {INTERVAL:g}s, max_age: 3650d}}",
        f"fetch: {{adaptive: false, min_interval: 1s, lease: {LEASE:g}s, concurrency: 20}}",
        "sources:",
        *(f"  - {{id: s{n}, url: '{feed_server.url(f's{n}.rss')}'}}" for n in range(SOURCES)),
    ]
    config = tmp_path / "feeds.yaml"
    config.write_text("\n".join(lines) + "\n")
    with a_postgres(postgres) as server:
        url = server.new_database()
        env = {**os.environ, STORE_VARIABLE: url}
        logs = [tmp_path / f"daemon{n}.log" for n in range(3)]
        daemons = [daemon(config, env, log) for log in logs]
        try:
            time.sleep(2.5 * INTERVAL)
            killed_at = time.monotonic()
            daemons[0].send_signal(signal.SIGKILL)  # mid-round: its leases are left behind
            daemons[0].wait()
            time.sleep(LEASE + 2.5 * INTERVAL)
        finally:
            for process in daemons[1:]:
                process.send_signal(signal.SIGTERM)
            codes = [process.wait(timeout=60) for process in daemons[1:]]
        assert codes == [0, 0], "\n".join(log.read_text()[-3000:] for log in logs[1:])
        store = Store(url)
        try:
            with store.engine.connect() as connection:
                counts = [
                    connection.execute(select(func.count()).select_from(table)).scalar()
                    for table in (items, stories)
                ]
                owners = connection.execute(
                    select(func.count()).where(sources.c.lease_owner.is_not(None))
                ).scalar()
        finally:
            store.close()
    # Nothing stored twice, nothing lost.
    assert counts == [SOURCES, SOURCES]
    # Each source fetched once per due time: never two fetches of one feed close together.
    fetches: dict[str, list[float]] = defaultdict(list)
    for request in feed_server.requests:
        fetches[request.path].append(request.at)
    assert len(fetches) == SOURCES
    gaps = [b - a for times in fetches.values() for a, b in itertools.pairwise(times)]
    assert gaps and min(gaps) > INTERVAL / 2, f"a source was fetched twice {min(gaps):.2f} s apart"
    # The killed daemon's sources were checked again by the others after its leases expired.
    late = [path for path, times in fetches.items() if max(times) < killed_at + LEASE]
    assert late == [], f"{len(late)} sources were not checked after the kill"
    assert owners == 0  # the survivors stopped cleanly: no lease left held


@pytest.mark.sqlite_only
def test_a_second_daemon_on_one_sqlite_store_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "feeds.yaml"
    config.write_text("store: s.sqlite\noutput: {dir: public}\n")
    first = daemon(config, dict(os.environ), tmp_path / "first.log")
    try:
        deadline = time.monotonic() + 20
        while not (tmp_path / "s.sqlite.daemon.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        second = subprocess.run(
            [sys.executable, "-m", "aggregator", "--config", str(config), "run", "--port", "0"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert second.returncode == 2
        assert f"another `aggregator run` (pid {first.pid})" in second.stderr
    finally:
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 0


def test_a_working_daemon_keeps_its_lease_and_a_killed_ones_is_taken_over_soon(
    tmp_path: Path, feed_server: FeedServer, postgres: PostgresServer | None
) -> None:
    """Leases are short and renewed while a daemon works (a heartbeat): a check that takes
    three leases is never started twice, and once its daemon is killed with SIGKILL another
    daemon checks the source within about a lease."""
    lease, delay = 2.0, 8.0
    feed_server.put("slow.rss", Document(rss(1), validators=False, delay=delay))
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "store: unused.sqlite\noutput: {dir: public}\n"
        "defaults: {interval: 1h, max_age: 3650d}\n"
        f"fetch: {{lease: {lease:g}s, timeout: 60s}}\n"
        f"sources:\n  - {{id: slow, url: '{feed_server.url('slow.rss')}'}}\n"
    )

    def requests() -> list[float]:
        return [r.at for r in feed_server.requests if r.path == "/slow.rss"]

    def wait_for(count: int, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while len(requests()) < count and time.monotonic() < deadline:
            time.sleep(0.05)

    with a_postgres(postgres) as server:
        env = {**os.environ, STORE_VARIABLE: server.new_database()}
        first = daemon(config, env, tmp_path / "first.log")
        second: subprocess.Popen[bytes] | None = None
        try:
            wait_for(1, 30)
            assert len(requests()) == 1, (tmp_path / "first.log").read_text()
            second = daemon(config, env, tmp_path / "second.log")
            time.sleep(3 * lease)  # the first daemon is still waiting for the server
            assert len(requests()) == 1, "the source was taken over while its check ran"
            first.send_signal(signal.SIGKILL)
            first.wait()
            killed = time.monotonic()
            wait_for(2, 2 * lease + 10)
            found = requests()
            assert len(found) == 2, (tmp_path / "second.log").read_text()[-3000:]
            assert found[1] - killed < 2 * lease + 5  # within about a lease (and a tick)
        finally:
            if first.poll() is None:
                first.kill()
            if second is not None:
                second.send_signal(signal.SIGTERM)
                second.wait(timeout=60)
