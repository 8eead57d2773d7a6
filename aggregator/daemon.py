"""`aggregator run`: the update job on APScheduler, publishing, and the web server, in one process.

The database is the schedule: one job, "update due sources", runs every few seconds and takes the
sources whose `next_check_at` has passed. On SIGTERM/SIGINT the daemon stops taking new rounds,
lets the round in progress finish (each source's write is one transaction, each published file
is replaced by a rename), then stops the web server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import uvicorn
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from watchfiles import awatch

from aggregator.app.publishing import missing_message, publish_due, publish_recorded, tell_hub
from aggregator.app.retention import prune
from aggregator.config.loading import Config, load_config
from aggregator.config.settings import ServerSettings
from aggregator.errors import ConfigError, PublishError, StoreError
from aggregator.fetch.client import Fetcher
from aggregator.models import publish_failing
from aggregator.publish.publisher import PublishResult, RenderCache, render_query
from aggregator.serve.connections import ConnectionLimits, guarded_protocol, raise_open_file_limit
from aggregator.serve.metrics import Metrics
from aggregator.serve.pages import render_status, render_stories
from aggregator.serve.web import create_app
from aggregator.store import Store
from aggregator.store.instances import last_change, publishing_lock, single_daemon
from aggregator.tagging.retagging import ParallelRetagger
from aggregator.tagging.tagger import tagging_changed
from aggregator.update.round import Updater, utc_now
from aggregator.update.runtime import fetch_limits, open_updater

log = logging.getLogger("aggregator.daemon")
STOP_GRACE = timedelta(seconds=60)
PUBLISH_RETRY = timedelta(seconds=30)
STALL_TICKS = 60
STALL_AT_LEAST = timedelta(minutes=10)


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the daemon owns SIGTERM/SIGINT."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(host: str, port: int) -> socket.socket:
    """Bind before starting, so a busy port is a clear error and port 0 can be reported."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: a response's headers and body go out as two writes,
    # and without it the second waits for the client's delayed ACK (docs/performance.md,
    # "Figures (2026-11-28, third session)", serving).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


class Daemon:
    def __init__(self, config: Config, store: Store, updater: Updater, *, tick: float) -> None:
        self.config = config
        self.store = store
        self.updater = updater
        self.tick = tick
        self.round_lock = asyncio.Lock()
        self.last_round_at: datetime | None = None
        self.started_at = utc_now()
        # Problems of the config file on disk, while the daemon runs on its last good version.
        self.config_problems: list[str] = []
        self.config_loaded_at = utc_now()
        self.metrics = Metrics(store)
        self.published_change: datetime | None = None  # the store's last change, published
        self.render_cache = RenderCache.of_output(config.output_dir)
        # How publishing goes, for /healthz, /readyz and /metrics (the store keeps it too,
        # for `status` and other processes).
        self.published_at: datetime | None = None
        self.publish_failed_at: datetime | None = None
        self.missing_seen: list[str] = []  # published documents found missing last round
        self.store_problem: str | None = None  # the store file deleted or replaced, said once
        self.publish_error: str | None = None
        self.publish_skipped = 0
        self.round_started_at: datetime | None = None
        self.pings: set[asyncio.Task[None]] = set()  # WebSub pings in flight

    @property
    def publish_failing(self) -> bool:
        return publish_failing(self.published_at, self.publish_failed_at)

    def _publish_locked(self) -> PublishResult:
        with publishing_lock(self.store.engine, self.config.output_dir):
            return publish_recorded(self.store, self.config, utc_now(), self.render_cache)

    async def reload(self, why: str) -> bool:
        """Apply an edited config file without a restart; keep the last good one if it is
        invalid. Added sources are due at once, removed ones stop (their items stay), and
        everything else takes effect from the next round on."""
        try:
            fresh = await asyncio.to_thread(load_config, self.config.path)
        except ConfigError as exc:
            if exc.problems != self.config_problems:
                for problem in exc.problems:
                    log.error("config not applied (%s): %s", why, problem)
                log.error(
                    "still running on the config loaded at %s",
                    self.config_loaded_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                )
            self.config_problems = exc.problems
            return False
        if fresh.settings == self.config.settings and not self.config_problems:
            return False  # touched, not changed
        async with self.round_lock:  # between rounds: no source is half-way through
            if fresh.store_url != self.config.store_url:
                log.warning("the store setting changed; it takes effect after a restart")
            if fresh.settings.fetch != self.config.settings.fetch:
                old = self.updater.fetcher
                self.updater.fetcher = Fetcher(fetch_limits(fresh), clock=self.updater.clock)
                await old.aclose()
            retag = tagging_changed(self.config, fresh)
            self.config = fresh
            self.updater.use_config(fresh)
            if retag:
                started = time.monotonic()
                count = await self.updater.in_db(self._retag, fresh)
                log.info(
                    "rules changed: retagged %d items in %.1f s", count, time.monotonic() - started
                )
            self.config_problems = []
            self.config_loaded_at = utc_now()
            await self.updater.sync_sources()
        log.info(
            "config reloaded (%s): %d sources, %d rules",
            why,
            len(fresh.sources),
            len(fresh.settings.rules),
        )
        await self.publish()
        return True

    async def watch_config(self) -> None:
        """Reload when the config file changes. The folder is watched, not the file: editors
        save by writing a new file and renaming it over the old one."""
        path = self.config.path.resolve()
        async for changes in awatch(path.parent, debounce=300, recursive=False):
            if any(Path(changed).resolve() == path for _, changed in changes):
                try:
                    await self.reload("file changed")
                except Exception:  # the watcher must outlive any one reload
                    log.exception("applying the edited config failed")

    async def update_due_sources(self) -> None:
        if self.round_lock.locked():
            return  # the previous round is still running; the next tick will catch up
        try:
            self.store.check_file()
        except StoreError as exc:
            # Fetching into a file nobody will read again would lose every check: the rounds
            # wait, and health says why, until a restart opens the file at the path.
            if str(exc) != self.store_problem:
                log.error("%s", exc)
            self.store_problem = str(exc)
            return
        self.store_problem = None
        async with self.round_lock:
            self.round_started_at = utc_now()
            summary = await self.updater.run_round(on_result=self.metrics.observe)
            self.last_round_at = utc_now()
            self.metrics.round_finished(self.last_round_at)
            # Other daemons on the same store change it too: publish what they stored.
            changed_at = await self.updater.in_db(last_change, self.store.engine)
            missing = await asyncio.to_thread(self.render_cache.missing, self.config.output_dir)
            self.render_cache.forget_files(missing)
            # Each new loss once; the same loss again (a folder where a feed was) at the pace
            # of a failed publish's retries, not at every tick.
            missing_again = bool(missing) and (
                missing != self.missing_seen or (self.publish_failing and self._retry_due())
            )
            if missing_again:
                log.warning("%s; publishing them again", missing_message(missing))
            self.missing_seen = missing
            if publish_due(
                changed=summary.changed,
                changed_elsewhere=changed_at != self.published_change,
                failing=self.publish_failing,
                retry_due=self._retry_due(),
                documents_missing=missing_again,
            ):
                await self.publish()

    def _retry_due(self) -> bool:
        """A failed publish is tried again after a round, at most every PUBLISH_RETRY (or
        ten ticks, if shorter)."""
        if self.publish_failed_at is None:
            return False
        wait = min(PUBLISH_RETRY, timedelta(seconds=10 * self.tick))
        return utc_now() - self.publish_failed_at >= wait

    def query(self, all_tags: tuple[str, ...], none_tags: tuple[str, ...], text: str) -> bytes:
        return render_query(self.store, self.config, all_tags, none_tags, text)

    def _retag(self, config: Config) -> int:
        """On the store thread: every stored item under `config`'s rules, tagged on every
        core (the parse pool's workers keep parsing meanwhile)."""
        with ParallelRetagger(config) as tag:
            return self.store.retag(tag)

    async def publish(self) -> None:
        """Publish, and keep how it went. A failure is logged and reported by the health
        checks, never raised: the daemon goes on fetching, and tries again."""
        change = await self.updater.in_db(last_change, self.store.engine)
        try:
            result = await self.updater.in_db(self._publish_locked)
        except (PublishError, StoreError) as exc:
            self.publish_failed_at, self.publish_error = utc_now(), str(exc)
            self.metrics.publish_failed(self.publish_failed_at)
            return
        self.published_change = change
        self.publish_skipped = len(result.skipped)
        if result.failed:
            self.publish_failed_at = utc_now()
            self.publish_error = f"could not write {'; '.join(result.failed[:3])}"
            self.metrics.publish_failed(self.publish_failed_at)
        else:
            self.published_at = utc_now()
            self.metrics.published(self.published_at, self.publish_skipped)
        # In the background: a slow hub must not hold the round that published.
        ping = asyncio.create_task(tell_hub(self.config, result.written))
        self.pings.add(ping)
        ping.add_done_callback(self.pings.discard)
        if result.written:
            log.info(
                "published %d of %d feeds: %s",
                len(result.written),
                result.documents,
                ", ".join(result.written[:5]) + (" ..." if len(result.written) > 5 else ""),
            )

    async def prune(self) -> None:
        """The daily retention job (`retention:` in the config; off unless `keep` is set)."""
        retention = self.config.settings.retention
        if retention.keep is None:
            return
        async with self.round_lock:
            result = await self.updater.in_db(
                prune, self.store, self.config, utc_now(), retention.keep
            )
        log.info("retention: deleted %d items and %d stories", result.items, result.stories)

    def stories(self, tag: str, source: str, country: str, q: str = "") -> str:
        return render_stories(self.store, self.config, tag=tag, source=source, country=country, q=q)

    def status(self) -> str:
        return render_status(self.store, self.config, config_problems=self.config_problems)

    def readiness(self) -> dict[str, Any]:
        """Ready: the store answers, a round finished recently (within 3 ticks or 2 min), and
        publishing works."""
        problems = self._publish_problems()
        try:
            self.store.ping()
        except StoreError as exc:
            problems.append(str(exc))
        limit = max(timedelta(seconds=3 * self.tick), timedelta(minutes=2))
        if self.last_round_at is None:
            problems.append("no update round has finished yet")
        elif utc_now() - self.last_round_at > limit:
            problems.append(f"the last round finished more than {limit} ago")
        return {
            "status": "ready" if not problems else "not ready",
            "problems": problems,
            "last_round_at": _iso(self.last_round_at),
        }

    def _publish_problems(self) -> list[str]:
        problems = []
        if self.publish_failing:
            problems.append(
                f"publishing is failing since {_iso(self.publish_failed_at)}: {self.publish_error}"
            )
        if self.missing_seen:  # as the last round found them: no file is read per request
            problems.append(missing_message(self.missing_seen))
        return problems

    def stalled_after(self) -> timedelta:
        """How long without a finished round before the daemon counts as stuck: STALL_TICKS
        ticks, and never less than STALL_AT_LEAST (a round of slow servers is not stuck)."""
        return max(timedelta(seconds=STALL_TICKS * self.tick), STALL_AT_LEAST)

    def health(self) -> dict[str, Any]:
        """Alive and doing its job: not while publishing fails, nor when no round has finished
        for `stalled_after` (the web server answering is not enough)."""
        problems = self._publish_problems()
        try:
            self.store.check_file()
        except StoreError as exc:
            problems.append(str(exc))
        now, limit = utc_now(), self.stalled_after()
        last = self.last_round_at or self.started_at
        if now - last > limit:
            problems.append(f"no update round has finished since {_iso(last)} (more than {limit})")
        return {
            "status": "ok" if not problems else "failing",
            "problems": problems,
            "started_at": self.started_at.isoformat(),
            "last_round_at": _iso(self.last_round_at),
            "round_started_at": _iso(self.round_started_at),
            "publish": {
                "last_success_at": _iso(self.published_at),
                "last_failure_at": _iso(self.publish_failed_at),
                "last_error": self.publish_error,
                "failing": self.publish_failing,
                "skipped_entries": self.publish_skipped,
            },
            "config": "invalid" if self.config_problems else "ok",
            "config_loaded_at": self.config_loaded_at.isoformat(),
            "config_problems": self.config_problems,
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


async def run_daemon(
    config: Config,
    sock: socket.socket,
    *,
    tick: float = 5.0,
    on_ready: Callable[[str], None] | None = None,
) -> int:
    store = Store(
        config.store_url, search_timeout=config.settings.server.search_timeout.total_seconds()
    )
    try:
        with single_daemon(store.engine):
            async with open_updater(config, store) as updater:
                daemon = Daemon(config, store, updater, tick=tick)
                await updater.sync_sources()
                await daemon.publish()
                return await _serve(daemon, sock, on_ready)
    finally:
        store.close()


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        yield
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)


def _web_server(app: Any, settings: ServerSettings) -> _Server:
    """uvicorn with the connection bounds of serving.py."""
    limits = ConnectionLimits(
        header_timeout=settings.header_timeout.total_seconds(),
        keep_alive=settings.keep_alive.total_seconds(),
        max_connections=raise_open_file_limit(settings.max_connections),
    )
    return _Server(
        uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            access_log=False,
            http=guarded_protocol(limits),
            timeout_keep_alive=max(1, round(limits.keep_alive)),
        )
    )


async def serve_files(app: Any, sock: socket.socket, settings: ServerSettings) -> int:
    """`aggregator serve`: the web app alone, until SIGTERM/SIGINT."""
    stop = asyncio.Event()
    with _stop_on_signals(stop):
        server = _web_server(app, settings)
        serving = asyncio.create_task(server.serve(sockets=[sock]))
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
        server.should_exit = True
        await serving
        stopped.cancel()
    return 0


async def _serve(
    daemon: Daemon, sock: socket.socket, on_ready: Callable[[str], None] | None
) -> int:
    stop = asyncio.Event()
    with _stop_on_signals(stop):
        return await _run_until_stopped(daemon, sock, on_ready, stop)


async def _run_until_stopped(
    daemon: Daemon, sock: socket.socket, on_ready: Callable[[str], None] | None, stop: asyncio.Event
) -> int:
    app = create_app(
        lambda: daemon.config,
        daemon.health,
        query=daemon.query,
        ready=daemon.readiness,
        metrics=daemon.metrics.render,
        pages=daemon,
    )
    server = _web_server(app, daemon.config.settings.server)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(
        daemon.update_due_sources,
        "interval",
        seconds=daemon.tick,
        id="update-due-sources",
        name="update due sources",
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC),
    )
    scheduler.add_job(
        daemon.prune,
        "interval",
        hours=24,
        id="prune",
        name="prune old items",
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC) + timedelta(hours=1),
    )
    scheduler.start()
    watcher = asyncio.create_task(daemon.watch_config())
    reloads: set[asyncio.Task[bool]] = set()

    def on_hangup() -> None:  # SIGHUP (systemctl reload): read the config again
        task = asyncio.create_task(daemon.reload("SIGHUP"))
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, on_hangup)
    host, port = sock.getsockname()[:2]
    address = f"http://{host}:{port}/"
    log.info("serving %sfeed.atom; updating due sources every %gs", address, daemon.tick)
    if on_ready:
        on_ready(address)
    stopped = asyncio.create_task(stop.wait())
    await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
    log.info("stopping: finishing the round in progress")
    asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
    watcher.cancel()
    # Paused, not shut down yet: APScheduler's shutdown cancels the jobs it is running, and
    # the round in progress must finish, not be cut off mid-write.
    scheduler.pause()
    try:
        async with asyncio.timeout(STOP_GRACE.total_seconds()):
            # Taken and kept until the end: a round that the scheduler started just before
            # the pause waits for it and never leases sources it would not finish (its
            # leases were left held, until they expired, when the stop came first).
            await daemon.round_lock.acquire()
    except TimeoutError:
        log.warning("the round in progress did not finish in %s; stopping anyway", STOP_GRACE)
    scheduler.shutdown(wait=False)  # cancels what is still running, after the grace period
    server.should_exit = True
    await serving
    stopped.cancel()
    log.info("stopped")
    return 0
