"""No single entry, source or folder stops publishing for good, and each failure is reported:
an entry a writer refuses is left out (and counted), a source whose write fails is that
source's error while the round goes on, a publish that fails is recorded and tried again.
The real store (SQLite file or PostgreSQL), the bundled sample feeds."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from sqlalchemy import text, update

from aggregator.app.publishing import publish_recorded
from aggregator.cli import main
from aggregator.config.loading import Config
from aggregator.errors import PublishError
from aggregator.publish.publisher import publish_all
from aggregator.store import Store, StoreTransaction
from aggregator.store.schema import items
from tests.support.demo_feeds import demo_config_text, serve_demo_feeds
from tests.support.feed_server import FeedServer
from tests.support.rounds import Clock, run_round, write_config

STRICT = etree.XMLParser(resolve_entities=False, recover=False)


@pytest.fixture
def sample(tmp_path: Path, feed_server: FeedServer) -> Config:
    serve_demo_feeds(feed_server)
    return write_config(tmp_path, demo_config_text(feed_server))


def entry_titles(document: bytes) -> list[str]:
    root = etree.fromstring(document, STRICT)
    return [e.findtext("{*}title") or "" for e in root.iter("{http://www.w3.org/2005/Atom}entry")]


def test_an_entry_no_writer_accepts_is_left_out_and_the_rest_published(
    sample: Config, clock: Clock
) -> None:
    """A control character stored by an earlier version (or by anything that bypassed the
    hygiene at the boundary) used to stop every publish with `All strings must be XML
    compatible`; now that entry is left out and named."""
    store = Store(sample.store_url)
    try:
        run_round(sample, store, clock, due_only=False)
        publish_all(store, sample)
        good = entry_titles(_read(sample, "feed.atom"))
        with store.engine.begin() as connection:
            victim = connection.execute(  # an item a story shows
                text("SELECT min(representative_item_id) FROM stories")
            ).scalar()
            title = connection.execute(
                text("SELECT title FROM items WHERE id = :id"), {"id": victim}
            ).scalar()
            connection.execute(
                update(items).where(items.c.id == victim).values(title="bad\x01title")
            )
            connection.execute(text("UPDATE stories SET revision = revision + 1"))
        result = publish_recorded(store, sample, clock())
        assert len(result.skipped) >= 1 and "ValueError" in result.skipped[0]
        assert not result.failed
        published = entry_titles(_read(sample, "feed.atom"))
        assert title not in published and "bad\x01title" not in published
        assert set(published) == set(good) - {title}
        etree.fromstring(_read(sample, "feed.rss"), STRICT)
        state = store.publish_state(str(sample.output_dir.resolve()))
        assert state is not None and not state.failing and state.skipped == len(result.skipped)
    finally:
        store.close()


def _read(config: Config, relative: str) -> bytes:
    return (config.output_dir / relative).read_bytes()


def test_a_publish_that_fails_is_recorded_and_the_next_one_recovers(
    sample: Config, clock: Clock
) -> None:
    store = Store(sample.store_url)
    try:
        run_round(sample, store, clock, due_only=False)
        output = sample.output_dir
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("a file where the output folder should be")
        with pytest.raises(PublishError):
            publish_recorded(store, sample, clock())
        state = store.publish_state(str(output.resolve()))
        assert state is not None and state.failing and state.last_error
        # `fetch` with nothing new tries the failed publish again, and says it failed.
        result = CliRunner().invoke(main, ["--config", str(sample.path), "fetch"])
        assert result.exit_code == 1
        assert "publishing failed" in result.output
        output.unlink()
        publish_recorded(store, sample, datetime.now(UTC))  # after the CLI's own attempt
        state = store.publish_state(str(output.resolve()))
        assert state is not None and not state.failing
        assert entry_titles((output / "feed.atom").read_bytes())
        status = CliRunner().invoke(main, ["--config", str(sample.path), "status"])
        assert "publishing: ok" in status.output
    finally:
        store.close()


def test_a_source_whose_items_cannot_be_stored_fails_alone_and_the_round_publishes(
    sample: Config, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception while storing one source's items (here a bug simulated for `sfo`, after
    its items were written) is that source's error: its own writes are rolled back (the
    savepoint), the other sources' items are stored in the same round."""
    original = StoreTransaction._insert

    def failing_insert(
        self: StoreTransaction, source_id: str, fresh: object, source_updated: object
    ) -> None:
        original(self, source_id, fresh, source_updated)  # type: ignore[arg-type]
        if source_id == "sfo":
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(StoreTransaction, "_insert", failing_insert)
    store = Store(sample.store_url)
    try:
        summary = run_round(sample, store, clock, due_only=False)
        outcomes = {r.source_id: (r.outcome, r.error) for r in summary.results}
        assert outcomes["sfo"][0] == "error"
        assert "storing failed: UnicodeEncodeError" in (outcomes["sfo"][1] or "")
        assert all(o == "ok" for s, (o, _) in outcomes.items() if s != "sfo"), outcomes
        assert summary.new > 0
        [sfo] = [row for row in store.source_statuses() if row.id == "sfo"]
        assert sfo.outcome == "error" and sfo.items == 0
        assert publish_all(store, sample).documents > 0
    finally:
        store.close()


def test_health_turns_red_when_no_round_finishes_and_when_publishing_fails(
    sample: Config,
) -> None:
    """The daemon's own verdicts on plain state: a round not finished for 60 ticks (at least
    10 minutes), or a latest publish that failed, make /healthz fail (503) and say why."""
    from datetime import timedelta

    from aggregator.daemon import Daemon
    from aggregator.update.round import utc_now

    store = Store(sample.store_url)
    try:
        daemon = Daemon(sample, store, None, tick=1.0)  # type: ignore[arg-type]
        now = utc_now()
        daemon.last_round_at = now - timedelta(minutes=1)
        assert daemon.health()["status"] == "ok"
        daemon.last_round_at = now - timedelta(minutes=11)
        report = daemon.health()
        assert report["status"] == "failing"
        assert "no update round has finished" in report["problems"][0]
        daemon.last_round_at = now
        daemon.published_at = now - timedelta(minutes=5)
        daemon.publish_failed_at = now - timedelta(minutes=1)
        daemon.publish_error = "publishing failed: NotADirectoryError: public"
        report = daemon.health()
        assert report["status"] == "failing" and report["publish"]["failing"]
        assert "NotADirectoryError" in report["problems"][0]
        assert "publishing is failing" in daemon.readiness()["problems"][0]
        daemon.published_at = now  # the retry worked
        assert daemon.health()["status"] == "ok"
    finally:
        store.close()


@pytest.mark.sqlite_only  # a store file that can be deleted under a running process
def test_a_store_file_deleted_or_replaced_while_open_turns_health_red(
    sample: Config, tmp_path: Path
) -> None:
    """Found by an outside attack: with its SQLite file deleted, a daemon went on storing into
    the file it held open (lost at the next start) while /healthz and /readyz said ok."""
    from aggregator.daemon import Daemon
    from aggregator.errors import StoreError
    from aggregator.update.round import utc_now

    store = Store(sample.store_url)
    try:
        assert store.file is not None and store.file.is_file()
        daemon = Daemon(sample, store, None, tick=1.0)  # type: ignore[arg-type]
        daemon.last_round_at = utc_now()
        assert daemon.health()["status"] == "ok"
        saved = store.file.with_name("saved.sqlite")
        store.file.rename(saved)
        for check in (store.check_file, store.ping):
            with pytest.raises(StoreError, match="was deleted while open"):
                check()
        report = daemon.health()
        assert report["status"] == "failing" and "deleted while open" in report["problems"][0]
        assert "deleted while open" in " ".join(daemon.readiness()["problems"])
        shutil.copy(saved, store.file)  # another file at the path: not the one open
        with pytest.raises(StoreError, match="replaced by another file"):
            store.check_file()
        store.file.unlink()
        saved.rename(store.file)  # the very file is back
        store.check_file()
        assert daemon.health()["status"] == "ok"
    finally:
        store.close()
