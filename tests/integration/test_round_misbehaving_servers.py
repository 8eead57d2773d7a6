"""Issue #3's cases, each through a real round: a fixture server on 127.0.0.1 with one endpoint
per misbehaviour, the real store, an injected clock. Healthy sources ride along in every round."""

from __future__ import annotations

import gzip
import itertools
import time
import zlib
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from aggregator.config.loading import Config
from aggregator.publish.publisher import publish_all
from aggregator.store import Store
from tests.support.demo_feeds import demo_config_text, serve_demo_feeds
from tests.support.feed_server import Document, FeedServer
from tests.support.feeds import rss
from tests.support.rounds import Clock, run_round, write_config

HEALTHY = {"eppo", "sfo", "europol", "mpf-pgr"}


def gzip_bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    return b"".join(compressor.compress(block) for _ in range(256)) + compressor.flush()


SCRIPTED = (
    rss("Scripted", "&lt;script&gt;alert(1)&lt;/script&gt;Clean title")
    .replace(
        "</guid>",
        "</guid><description>&lt;p onclick='x()'&gt;Body"
        "&lt;a href='javascript:alert(1)'&gt;js&lt;/a&gt;&lt;img src='data:image/png;base64,AA'"
        " onerror='alert(2)'&gt;&lt;script&gt;alert(3)&lt;/script&gt;&lt;/p&gt;</description>",
    )
    .replace("<link>https://news.example.org/", "<link>javascript:alert(4)//")
)


def serve_cases(server: FeedServer, clock: Clock) -> dict[str, str]:
    """Every endpoint of the issue; returns source id -> path."""
    later = format_datetime(clock.now + timedelta(hours=2), usegmt=True)
    feed = rss("Fine", "An item").encode()
    cases: dict[str, tuple[Document, ...]] = {
        "drip.rss": (Document(feed, drip=0.2),),
        "hang.rss": (Document(feed, delay=30),),
        "bomb.rss": (Document(gzip_bomb(), headers={"Content-Encoding": "gzip"}),),
        "big.rss": (Document(b" " * (3 * 1024 * 1024)),),
        "loop-a": (Document(b"", status=302, headers={"Location": "/loop-b"}),),
        "loop-b": (Document(b"", status=302, headers={"Location": "/loop-a"}),),
        "moved.rss": (Document(b"", status=301, headers={"Location": "/new-home.rss"}),),
        "new-home.rss": (Document(rss("New home", "Moved item").encode()),),
        "temporary.rss": (Document(b"", status=302, headers={"Location": "/today.rss"}),),
        "today.rss": (Document(rss("Today", "Temporary item").encode()),),
        "gone.rss": (Document(b"gone", status=410),),
        "busy-seconds.rss": (Document(b"", status=429, headers={"Retry-After": "3600"}),),
        "busy-date.rss": (Document(b"", status=503, headers={"Retry-After": later}),),
        "flaky.rss": (Document(b"", status=500), Document(rss("Flaky", "Back").encode())),
        "page.html": (
            Document(
                b"<!doctype html><html><head><link rel='alternate' type='application/rss+xml' "
                b"href='/news/feed.xml'></head><body>News</body></html>",
                content_type="text/html",
            ),
        ),
        "latin1.rss": (
            Document(
                rss("Notícias", "Operação Lava Jato: denúncia").encode("latin-1"),
                content_type="text/xml",
            ),
        ),
        "cyrillic.rss": (
            Document(
                rss(
                    "Генпрокуратура",
                    "Генпрокуратура утвердила обвинительное заключение по делу о мошенничестве",
                ).encode("cp1251"),
                content_type="application/rss+xml",
            ),
        ),
        "xxe.rss": (
            Document(
                b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + rss("XXE", "a &x; b").encode()
            ),
        ),
        "scripted.rss": (Document(SCRIPTED.encode()),),
        "no-validators.rss": (Document(rss("Plain", "Same").encode(), validators=False),),
        "gzipped.rss": (
            Document(
                gzip.compress(rss("Zipped", "Same").encode(), mtime=0),
                validators=False,
                headers={"Content-Encoding": "gzip"},
            ),
        ),
        "cached.rss": (
            Document(
                rss("Cached", "One").encode(), headers={"Cache-Control": "public, max-age=7200"}
            ),
        ),
        "ttl.rss": (Document(rss("TTL", "One", extra="<ttl>180</ttl>").encode()),),
    }
    for path, versions in cases.items():
        server.put(path, *versions)
    return {
        path.split(".")[0]: path
        for path in cases
        if path not in ("loop-b", "new-home.rss", "today.rss")
    }


@pytest.fixture
def setup(tmp_path: Path, feed_server: FeedServer, clock: Clock) -> Iterator[tuple[Config, Store]]:
    serve_demo_feeds(feed_server)
    sources = serve_cases(feed_server, clock)
    extra = "".join(
        f"- id: {sid}\n  url: {feed_server.url(path)}\n" for sid, path in sources.items()
    )
    text = demo_config_text(feed_server, extra).replace(
        "fetch:\n  adaptive: false", "fetch:\n  adaptive: false\n  timeout: 2s\n  max_size: 2MiB"
    )
    config = write_config(tmp_path, text)
    store = Store(config.store_url)
    yield config, store
    store.close()


def status_of(store: Store) -> dict[str, object]:
    return {row.id: row for row in store.source_statuses()}


def test_every_case_in_one_round(setup: tuple[Config, Store], clock: Clock) -> None:
    config, store = setup
    started = time.monotonic()
    summary = run_round(config, store, clock)
    elapsed = time.monotonic() - started
    # Every request has a 2 s deadline and they run concurrently: the round ends near it,
    # though one server hangs for 30 s and one drips a byte every 0.2 s.
    assert elapsed < 2 + 4, f"round took {elapsed:.1f} s"
    results = {r.source_id: r for r in summary.results}
    by_id = status_of(store)
    now = clock.now

    def after(source_id: str) -> timedelta:
        return by_id[source_id].next_check_at - now  # type: ignore[attr-defined,no-any-return]

    # The healthy sources arrive whatever the others do.
    assert all(results[s].outcome == "ok" for s in HEALTHY)
    assert sum(results[s].new for s in HEALTHY) == 10
    # Deadline: transient, retried after 2 minutes.
    for slow in ("drip", "hang"):
        assert results[slow].error == "timed out after 2 s (connect to last byte)"
        assert after(slow) == timedelta(minutes=2)
    # Caps and loops: permanent-looking, retried after an hour.
    assert results["bomb"].error == "response larger than 2 MiB; stopped reading"
    assert results["big"].error == "response larger than 2 MiB; stopped reading"
    assert results["loop-a"].error is not None and results["loop-a"].error.startswith(
        "redirect loop: "
    )
    assert after("bomb") == after("big") == after("loop-a") == timedelta(hours=1)
    # Redirects are followed; only a permanent one is watched for a move.
    assert results["moved"].outcome == "ok" and results["moved"].new == 1
    assert by_id["moved"].moved_to == config.source("moved").url.replace(  # type: ignore[union-attr]
        "moved.rss", "new-home.rss"
    )
    assert results["temporary"].outcome == "ok" and by_id["temporary"].moved_to is None
    # 410 disables; 429/503 honour both forms of Retry-After; 500 backs off.
    assert by_id["gone"].disabled_reason.startswith("HTTP 410 Gone on ")  # type: ignore[union-attr]
    assert after("busy-seconds") == timedelta(hours=1)
    assert after("busy-date") == timedelta(hours=2)
    assert by_id["busy-date"].next_check_reason == "server asked: Retry-After"
    assert results["flaky"].error == "HTTP 500 Internal Server Error"
    assert after("flaky") == timedelta(minutes=2)
    # Not a feed: the error names the feed the page links.
    assert results["page"].error == (
        "not a feed but an HTML page; it links a feed at "
        f"{config.source('page').url.replace('page.html', 'news/feed.xml')} "  # type: ignore[union-attr]
        "(use that as the source url)"
    )
    # Encodings without a declaration; entities never resolved; scripts never through.
    stories = {s.title: s for s in store.latest_stories(200)}
    assert "Operação Lava Jato: denúncia" in stories
    assert "Генпрокуратура утвердила обвинительное заключение по делу о мошенничестве" in stories
    assert "a b" in stories
    assert results["scripted"].outcome == "ok"
    publish_all(store, config)
    output = (config.output_dir / "feed.atom").read_text(encoding="utf-8")
    for forbidden in (
        "<script",
        "&lt;script",
        "alert(",
        "onclick",
        "onerror",
        "javascript:",
        "data:image",
        "root:",
    ):
        assert forbidden not in output, forbidden
    # Server hints push the next check later.
    assert after("cached") == timedelta(hours=2)
    assert after("ttl") == timedelta(hours=3)


def test_recovery_disable_enable_and_unchanged_bodies(
    setup: tuple[Config, Store], clock: Clock
) -> None:
    config, store = setup
    run_round(config, store, clock)
    clock.advance(minutes=3)
    second = {r.source_id: r for r in run_round(config, store, clock).results}
    # One success ends the backoff and restores the normal schedule.
    assert second["flaky"].outcome == "ok" and second["flaky"].new == 1
    assert status_of(store)["flaky"].consecutive_errors == 0  # type: ignore[attr-defined]
    assert second["flaky"].next_check_at - clock.now == timedelta(seconds=15)
    # Same bytes from a server without validators: nothing parsed, nothing stored; sent
    # compressed, the body's hash is paired with the compressed bytes' hash.
    assert second["no-validators"].outcome == "unchanged"
    assert second["gzipped"].outcome == "unchanged"
    zipped = store.source_states(["gzipped"])[0]
    assert zipped.wire_hash is not None and zipped.body_size == len(rss("Zipped", "Same"))
    assert store.source_states(["no-validators"])[0].wire_hash is None
    # A disabled source is not fetched until enabled again.
    assert "gone" not in second
    assert store.enable("gone", clock.now) is True
    third = {r.source_id: r for r in run_round(config, store, clock).results}
    assert third["gone"].outcome == "error"
    assert status_of(store)["gone"].disabled_reason is not None  # type: ignore[attr-defined]


def test_a_permanent_move_is_adopted_after_the_grace_period(
    setup: tuple[Config, Store], clock: Clock, feed_server: FeedServer
) -> None:
    config, store = setup
    old_url = config.source("moved").url  # type: ignore[union-attr]
    new_url = old_url.replace("moved.rss", "new-home.rss")
    for _ in range(3):
        run_round(config, store, clock, source_ids=["moved"], due_only=False)
        clock.advance(hours=12)
    row = status_of(store)["moved"]
    assert row.fetch_url == new_url and row.moved_to is None  # type: ignore[attr-defined]
    assert store.source_states(["moved"])[0].url == new_url
    before = len([r for r in feed_server.requests if r.path == "/moved.rss"])
    run_round(config, store, clock, source_ids=["moved"], due_only=False)
    assert len([r for r in feed_server.requests if r.path == "/moved.rss"]) == before
    # Changing the url in the config starts over from the configured address.
    edited = config.path.read_text().replace(old_url, old_url + "?v=2")
    config = write_config(config.path.parent, edited)
    run_round(config, store, clock, source_ids=["moved"], due_only=False)
    assert status_of(store)["moved"].fetch_url is None  # type: ignore[attr-defined]


def test_politeness_per_host(tmp_path: Path, feed_server: FeedServer, clock: Clock) -> None:
    for n in range(6):
        feed_server.put(f"f{n}.rss", Document(rss(f"F{n}", f"Item {n}").encode(), delay=0.3))
    sources = "".join(f"  - id: f{n}\n    url: {feed_server.url(f'f{n}.rss')}\n" for n in range(6))
    text = (
        f"store: s.sqlite\nfetch:\n  exempt_loopback: false\n  per_host: 2\n"
        f"  host_gap: 200ms\nsources:\n{sources}"
    ).replace("200ms", "1s")
    config = write_config(tmp_path, text)
    store = Store(config.store_url)
    try:
        summary = run_round(config, store, clock)
    finally:
        store.close()
    assert summary.failed == 0
    starts = sorted(r.at for r in feed_server.requests)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.95, gaps
    assert feed_server.most_in_flight <= 2


def test_loopback_is_exempt_by_default(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    for n in range(6):
        feed_server.put(f"f{n}.rss", Document(rss(f"F{n}", f"Item {n}").encode(), delay=0.3))
    sources = "".join(f"  - id: f{n}\n    url: {feed_server.url(f'f{n}.rss')}\n" for n in range(6))
    config = write_config(tmp_path, f"store: s.sqlite\nsources:\n{sources}")
    store = Store(config.store_url)
    try:
        run_round(config, store, clock)
    finally:
        store.close()
    assert feed_server.most_in_flight > 2


def test_gzip_served_feeds_are_read(tmp_path: Path, feed_server: FeedServer, clock: Clock) -> None:
    feed_server.put(
        "z.rss",
        Document(gzip.compress(rss("Z", "Zipped").encode()), headers={"Content-Encoding": "gzip"}),
    )
    config = write_config(
        tmp_path, f"store: s.sqlite\nsources:\n  - id: z\n    url: {feed_server.url('z.rss')}\n"
    )
    store = Store(config.store_url)
    try:
        assert run_round(config, store, clock).new == 1
    finally:
        store.close()


def test_the_publishing_rate_counts_each_sources_recent_items(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    """The adaptive schedule counts each source's stored items of the last 7 days, for all the
    sources of a write batch in one statement: after a round of 304s, each still gets its own
    count, and items age out of it."""

    def dated(title: str, *days_ago: int) -> bytes:
        items = "".join(
            f"<item><title>{title} {n}</title><link>https://{title}.example.org/{n}</link>"
            f"<pubDate>{format_datetime(clock.now - timedelta(days=ago), usegmt=True)}</pubDate>"
            "</item>"
            for n, ago in enumerate(days_ago)
        )
        return f"<rss version='2.0'><channel><title>{title}</title>{items}</channel></rss>".encode()

    feed_server.put("busy.rss", Document(dated("busy", 1, 2, 5, 30)))
    feed_server.put("quiet.rss", Document(dated("quiet", 3, 40)))
    sources = "".join(
        f"  - id: {s}\n    url: {feed_server.url(f'{s}.rss')}\n" for s in ("busy", "quiet")
    )
    config = write_config(tmp_path, f"store: s.sqlite\nsources:\n{sources}")
    store = Store(config.store_url)
    reasons = []
    try:
        for days_later in (0, 1, 3.5):  # new items, then 304s
            clock.now += timedelta(days=days_later)
            summary = run_round(config, store, clock, due_only=False)
            assert summary.failed == 0
            by_id = status_of(store)
            reasons.append({s: by_id[s].next_check_reason for s in ("busy", "quiet")})  # type: ignore[attr-defined]
    finally:
        store.close()
    assert [r.status for r in feed_server.requests][-2:] == [304, 304]
    assert reasons == [
        {"busy": "adaptive: 3 items in 7 days", "quiet": "adaptive: 1 items in 7 days"},
        {"busy": "adaptive: 3 items in 7 days", "quiet": "adaptive: 1 items in 7 days"},
        # 4.5 days after the first round, its items of 5 and 3 days before are 9.5 and 7.5
        # days old.
        {"busy": "adaptive: 2 items in 7 days", "quiet": "adaptive: 0 items in 7 days"},
    ]


def test_validators_and_redirects_no_request_can_carry_are_not_a_failure(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    """Found by an outside attack (issue #20 reopened): an ETag written in UTF-8 was kept and
    sent back, and every later check of that source failed before sending anything; a redirect
    to `javascript:` or to port 99999 ended in a traceback."""
    feed_server.put(
        "etag.rss",
        Document(rss("E", "First").encode(), validators=False, headers={"ETag": '"caf\u00e9"'}),
    )
    feed_server.put(
        "js.rss", Document(b"", status=302, headers={"Location": "javascript:alert(1)"})
    )
    feed_server.put(
        "port.rss", Document(b"", status=302, headers={"Location": "http://127.0.0.1:99999/x"})
    )
    sources = "".join(
        f"  - id: {name}\n    url: {feed_server.url(f'{name}.rss')}\n"
        for name in ("etag", "js", "port")
    )
    config = write_config(tmp_path, f"store: s.sqlite\nsources:\n{sources}")
    store = Store(config.store_url)
    try:
        first = run_round(config, store, clock, due_only=False)
        feed_server.put(
            "etag.rss",
            Document(rss("E", "Second").encode(), validators=False, headers={"ETag": '"x"'}),
        )
        clock.advance(hours=2)
        second = run_round(config, store, clock, due_only=False)
    finally:
        store.close()
    by_source = {result.source_id: result for result in first.results}
    assert by_source["etag"].outcome != "error" and by_source["etag"].new == 1
    for name in ("js", "port"):
        assert by_source[name].outcome == "error"
        assert "cannot be read" in (by_source[name].error or ""), by_source[name].error
    again = {result.source_id: result for result in second.results}
    assert again["etag"].outcome != "error", again["etag"].error
    assert again["etag"].new + again["etag"].updated == 1  # the edited item arrived
    etag_requests = [r for r in feed_server.requests if r.path.endswith("etag.rss")]
    assert [r.if_none_match for r in etag_requests] == [None, None]
