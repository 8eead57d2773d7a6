"""Real feed readers subscribe to the published feed (issue #6): newsboat and sfeed (Debian's),
and the Python `reader` library. All must see the same entries; a reload with nothing new must
show nothing new; an edited item must stay one entry with its new text; a story gaining a second
source must not appear twice. The test command installs the readers: a missing one fails here."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from aggregator.config.loading import Config
from aggregator.publish.publisher import publish_all, render_query
from aggregator.serve.web import create_app
from aggregator.store import Store
from tests.support.demo_feeds import demo_config_text, demo_feed, serve_demo_feeds
from tests.support.feed_server import Document, FeedServer
from tests.support.rounds import Clock, run_round, write_config
from tests.support.web import serve

EDITED_BEFORE = "Croatian officials indicted for corruption in EU-funded road project"
EDITED_AFTER = (
    "Croatian officials and a contractor indicted for corruption in EU-funded road project"
)
EMPTY_RSS = b"<rss version='2.0'><channel><title>Eurojust</title></channel></rss>"
CROSS_POST = (
    b"<rss version='2.0'><channel><title>Eurojust</title><item>"
    b"<title>VAT fraud: Eurojust supports EPPO charges</title>"
    b"<link>https://www.eppo.europa.eu/en/media/news/eppo-charges-12-suspects-45-million-vat-fraud"
    b"?utm_source=eurojust</link><guid>ej-77</guid></item></channel></rss>"
)


def need(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is not installed: run the README's test command (scripts/test.sh)"
    return path


class Newsboat:
    def __init__(self, folder: Path, url: str) -> None:
        self.folder = folder
        (folder / "urls").write_text(url + "\n")
        (folder / "config").write_text("")

    def reload(self) -> dict[str, str]:
        subprocess.run(
            [need("newsboat"), "-x", "reload", "-u", "urls", "-c", "cache.db", "-C", "config"],
            cwd=self.folder,
            check=True,
            timeout=60,
            env={"HOME": str(self.folder), "PATH": "/usr/bin:/bin"},
            capture_output=True,
        )
        with sqlite3.connect(self.folder / "cache.db") as db:
            return dict(db.execute("SELECT guid, title FROM rss_item WHERE deleted = 0"))


class Sfeed:
    # sfeed's stock merge keeps one line per (id, title, link), so a corrected title becomes a
    # second line; its documented remedy is a merge by id in sfeedrc, newest version first.
    RC = """sfeedpath="{path}"
merge() {{
\tsort -t '\t' -u -k6,6 "$3" "$2" 2>/dev/null
}}
feeds() {{
\tfeed "aggregator" "{url}"
}}
"""

    def __init__(self, folder: Path, url: str) -> None:
        self.folder = folder
        (folder / "feeds").mkdir()
        (folder / "sfeedrc").write_text(self.RC.format(path=folder / "feeds", url=url))

    def reload(self) -> dict[str, str]:
        subprocess.run(
            [need("sfeed_update"), str(self.folder / "sfeedrc")],
            check=True,
            timeout=60,
            capture_output=True,
        )
        lines = (self.folder / "feeds" / "aggregator").read_text().splitlines()
        fields = [line.split("\t") for line in lines]
        ids = [f[5] for f in fields]
        assert len(ids) == len(set(ids)), "sfeed shows an entry twice"
        return {f[5]: f[1] for f in fields}


class ReaderLibrary:
    def __init__(self, folder: Path, url: str) -> None:
        from reader import make_reader

        self.url = url
        self.reader = make_reader(str(folder / "reader.sqlite"))
        self.reader.add_feed(url)

    def reload(self) -> dict[str, str]:
        self.reader.update_feeds(scheduled=False)  # else it skips feeds "not due" yet
        return {entry.id: entry.title for entry in self.reader.get_entries()}

    def updated(self, entry_id: str) -> object:
        return self.reader.get_entry((self.url, entry_id)).updated


@pytest.fixture
def world(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> Iterator[tuple[Config, Store, FeedServer, str]]:
    serve_demo_feeds(feed_server)
    feed_server.put("eppo.rss", Document(demo_feed("eppo.rss")))  # the edit comes later
    feed_server.put("eurojust.rss", Document(EMPTY_RSS))
    extra = f"- id: eurojust\n  url: {feed_server.url('eurojust.rss')}\n  kind: international\n"
    config = write_config(tmp_path, demo_config_text(feed_server, extra))
    store = Store(config.store_url)
    app = create_app(
        lambda: config,
        lambda: {"status": "ok"},
        query=lambda a, n, q: render_query(store, config, a, n, q),
    )
    for base in serve(app):
        yield config, store, feed_server, base + "/feed.atom"
    store.close()


def test_real_readers_agree_and_see_edits_as_updates(
    world: tuple[Config, Store, FeedServer, str], clock: Clock, tmp_path: Path
) -> None:
    config, store, server, url = world
    readers = {}
    for name, kind in (("newsboat", Newsboat), ("sfeed", Sfeed), ("reader", ReaderLibrary)):
        folder = tmp_path / name
        folder.mkdir()
        readers[name] = kind(folder, url)  # type: ignore[abstract]

    def round_and_publish() -> None:
        run_round(config, store, clock, due_only=False)
        publish_all(store, config)
        clock.advance(minutes=5)

    round_and_publish()
    first = {name: r.reload() for name, r in readers.items()}
    assert len(first["newsboat"]) == 9
    assert first["newsboat"] == first["sfeed"] == first["reader"]
    assert EDITED_BEFORE in first["newsboat"].values()
    # Nothing new upstream: a reload shows exactly the same.
    round_and_publish()
    assert {name: r.reload() for name, r in readers.items()} == first
    # The edit arrives (eppo.rss v2; eurojust now cross-posts an EPPO story).
    [edited_id] = [i for i, t in first["newsboat"].items() if t == EDITED_BEFORE]
    before = readers["reader"].updated(edited_id)  # type: ignore[attr-defined]
    server.put("eppo.rss", Document(demo_feed("eppo.v2.rss"), modified=1_780_000_600.0))
    server.put("eurojust.rss", Document(CROSS_POST))
    round_and_publish()
    seen = {name: r.reload() for name, r in readers.items()}
    for name, entries in seen.items():
        assert set(entries) == set(first[name]), f"{name}: an entry appeared or vanished"
        assert entries[edited_id] == EDITED_AFTER, name
    assert readers["reader"].updated(edited_id) > before  # type: ignore[attr-defined,operator]
    stories = {s.title: s for s in store.latest_stories(50)}
    vat = stories["EPPO charges 12 suspects in €45 million VAT fraud involving electronic goods"]
    assert [ref.id for ref, _ in vat.also] == ["eurojust"]  # it gained a source ...
    assert len(seen["newsboat"]) == 9  # ... and is still one entry
