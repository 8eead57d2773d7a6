"""The round's logic (update/round.py) with a fake fetcher and a fake parser: what reaches
the parser, what reaches the store, how one source's trouble stays its own. The store is the
real one (SQLite, or PostgreSQL on that pass); no network, no process pool."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from aggregator.config.loading import Config, SourceSettings, load_config
from aggregator.errors import BrokenPage
from aggregator.models import (
    FeedData,
    FetchResult,
    ItemData,
    ParseOptions,
    RoundSummary,
    SourceState,
)
from aggregator.parse.article import ArticleData
from aggregator.store import Store
from aggregator.tagging.tagger import TaggingJob
from aggregator.update.round import Updater

START = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
CONFIG = """
store: store.sqlite
output: {{dir: out, id: "tag:example.org,2026:agg"}}
sources:
{sources}
"""


def item(key: str, link: str | None = None) -> ItemData:
    return ItemData(
        key=key,
        guid=key,
        link=link,
        canonical_link=link,
        title=f"Item {key}",
        summary_html="<p>text</p>",
        content_html="",
        author=None,
        categories=(),
        published=START - timedelta(hours=1),
        updated=None,
        content_hash="h-" + key,
        tags=(),
    )


def feed(*items: ItemData, next_url: str | None = None) -> FeedData:
    return FeedData("A feed", None, None, tuple(items), next_url=next_url)


@dataclass
class FakeFetcher:
    """Answers per address, in turn (the last answer repeats); logs what was asked."""

    answers: dict[str, list[Callable[[SourceState], FetchResult]]]
    asked: list[tuple[str, str | None, bool]] = field(default_factory=list)
    closed: bool = False

    async def fetch(self, state: SourceState, *, robots: bool = False) -> FetchResult:
        self.asked.append((state.url, state.etag, robots))
        turns = self.answers[state.url]
        answer = turns.pop(0) if len(turns) > 1 else turns[0]
        return answer(state)

    async def aclose(self) -> None:
        self.closed = True


def body(content: bytes, etag: str | None = None) -> Callable[[SourceState], FetchResult]:
    return lambda state: FetchResult(
        state.id, state.url, 200, body=content, etag=etag, size=len(content)
    )


def not_modified(state: SourceState) -> FetchResult:
    return FetchResult(state.id, state.url, 304)


def timed_out(state: SourceState) -> FetchResult:
    return FetchResult(state.id, state.url, None, error="timed out", error_kind="transient")


@dataclass
class FakeParser:
    """Reads a body by looking it up: a FeedData, or an exception to raise."""

    documents: dict[bytes, FeedData | Exception]
    parsed: list[tuple[bytes, str]] = field(default_factory=list)

    async def parse(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        now: datetime,
        max_items: int,
        options: ParseOptions,
        tagging: TaggingJob | None = None,
    ) -> FeedData:
        self.parsed.append((body, url))
        document = self.documents[body]
        if isinstance(document, Exception):
            raise document
        return document

    async def parse_article(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        now: datetime,
        source: SourceSettings,
    ) -> ArticleData:
        raise AssertionError("no source here reads articles")


class Round:
    """An Updater on fakes and a real store; `run()` runs one round of every source."""

    def __init__(self, folder: Path, sources: str, fetcher: FakeFetcher, parser: FakeParser):
        (folder / "feeds.yaml").write_text(CONFIG.format(sources=sources), encoding="utf-8")
        self.config: Config = load_config(folder / "feeds.yaml")
        self.store = Store(self.config.store_url)
        self.fetcher, self.parser = fetcher, parser
        self.now = START

    def run(self, **options: Any) -> RoundSummary:
        async def go() -> RoundSummary:
            with ThreadPoolExecutor(1) as db_thread:
                updater = Updater(
                    self.config,
                    self.store,
                    self.fetcher,
                    parser=self.parser,
                    db_thread=db_thread,
                    clock=lambda: self.now,
                    jitter=lambda: 0.0,
                )
                await updater.sync_sources()
                return await updater.run_round(due_only=False, **options)

        return asyncio.run(go())

    def state(self, source_id: str) -> SourceState:
        (state,) = self.store.source_states([source_id])
        return state

    def keys(self, source_id: str) -> set[str]:
        return set(self.store.known_keys(source_id, ["a", "b", "c", "p1", "p2"]))


MakeRound = Callable[[str, FakeFetcher, FakeParser], Round]


@pytest.fixture
def make_round(tmp_path: Path) -> Iterator[MakeRound]:
    """Rounds on a config of `sources` in tmp_path; their stores closed after the test."""
    made: list[Round] = []

    def make(sources: str, fetcher: FakeFetcher, parser: FakeParser) -> Round:
        made.append(Round(tmp_path, sources, fetcher, parser))
        return made[-1]

    yield make
    for run in made:
        run.store.close()


def by_source(summary: RoundSummary) -> dict[str, Any]:
    return {result.source_id: result for result in summary.results}


def test_a_document_is_parsed_once_and_its_items_stored(make_round: MakeRound) -> None:
    fetcher = FakeFetcher({"https://a.example/f": [body(b"A1", etag='"1"')]})
    parser = FakeParser({b"A1": feed(item("a", "https://a.example/1"), item("b"))})
    run = make_round('  - {id: a, url: "https://a.example/f"}', fetcher, parser)
    result = by_source(run.run())["a"]
    assert (result.outcome, result.new, result.updated) == ("ok", 2, 0)
    assert parser.parsed == [(b"A1", "https://a.example/f")]
    assert run.keys("a") == {"a", "b"}
    assert run.state("a").etag == '"1"'


def test_a_304_and_the_same_bytes_never_reach_the_parser(make_round: MakeRound) -> None:
    fetcher = FakeFetcher(
        {
            "https://a.example/f": [body(b"A1", etag='"1"'), not_modified],
            "https://b.example/f": [body(b"B1")],  # no validators: the same bytes again
        }
    )
    parser = FakeParser({b"A1": feed(item("a")), b"B1": feed(item("b"))})
    sources = '  - {id: a, url: "https://a.example/f"}\n  - {id: b, url: "https://b.example/f"}'
    run = make_round(sources, fetcher, parser)
    run.run()
    run.now += timedelta(hours=1)
    second = by_source(run.run())
    assert second["a"].outcome == "not-modified"
    assert second["b"].outcome == "unchanged"
    assert len(parser.parsed) == 2  # the first round's two documents only
    # The validators stored by the first round were sent by the second.
    assert ("https://a.example/f", '"1"', False) in fetcher.asked


def test_a_broken_page_is_a_broken_error_and_other_sources_still_store(
    make_round: MakeRound,
) -> None:
    fetcher = FakeFetcher(
        {"https://a.example/f": [body(b"BAD")], "https://b.example/f": [body(b"B1")]}
    )
    parser = FakeParser(
        {b"BAD": BrokenPage("the selectors matched nothing"), b"B1": feed(item("b"))}
    )
    sources = '  - {id: a, url: "https://a.example/f"}\n  - {id: b, url: "https://b.example/f"}'
    run = make_round(sources, fetcher, parser)
    results = by_source(run.run())
    assert results["a"].outcome == "error"
    assert results["b"].outcome == "ok" and results["b"].new == 1
    kinds = {status.id: status.error_kind for status in run.store.source_statuses()}
    assert kinds == {"a": "broken", "b": None}
    assert run.state("a").consecutive_errors == 1


def test_a_parser_crash_is_that_sources_error_named_by_its_type(make_round: MakeRound) -> None:
    fetcher = FakeFetcher({"https://a.example/f": [body(b"CRASH")]})
    parser = FakeParser({b"CRASH": KeyError("entries")})
    run = make_round('  - {id: a, url: "https://a.example/f"}', fetcher, parser)
    result = by_source(run.run())["a"]
    assert result.outcome == "error"
    assert result.error == "parser failed: KeyError: 'entries'"
    # A permanent-looking error: retried in an hour, not in two minutes.
    assert result.next_check_at == START + timedelta(hours=1)


def test_a_fetch_error_backs_off_without_parsing(make_round: MakeRound) -> None:
    fetcher = FakeFetcher({"https://a.example/f": [timed_out]})
    parser = FakeParser({})
    run = make_round('  - {id: a, url: "https://a.example/f"}', fetcher, parser)
    result = by_source(run.run())["a"]
    assert (result.outcome, result.error) == ("error", "timed out")
    assert result.next_check_at == START + timedelta(minutes=2)
    assert parser.parsed == []


def test_an_html_list_follows_its_pages_on_the_first_fetch_only(make_round: MakeRound) -> None:
    page2 = "https://a.example/news?page=2"
    fetcher = FakeFetcher(
        {"https://a.example/news": [body(b"P1")], page2: [body(b"P2")]},
    )
    parser = FakeParser(
        {b"P1": feed(item("p1"), next_url=page2), b"P2": feed(item("p2"), next_url=None)}
    )
    source = (
        '  - {id: a, url: "https://a.example/news", type: html, pages: 2,'
        " selectors: {item: li, title: a, link: a}}"
    )
    run = make_round(source, fetcher, parser)
    assert by_source(run.run())["a"].new == 2
    assert run.keys("a") == {"p1", "p2"}
    # Pages are asked for under robots.txt, as the list page itself.
    assert [(url, robots) for url, _, robots in fetcher.asked] == [
        ("https://a.example/news", True),
        (page2, True),
    ]
    fetcher.answers["https://a.example/news"] = [body(b"P1 again")]
    parser.documents[b"P1 again"] = feed(item("p1"), next_url=page2)
    run.now += timedelta(hours=1)
    run.run()
    assert [url for url, _, _ in fetcher.asked].count(page2) == 1


def test_the_named_sources_only_are_checked(make_round: MakeRound) -> None:
    fetcher = FakeFetcher(
        {"https://a.example/f": [body(b"A1")], "https://b.example/f": [body(b"B1")]}
    )
    parser = FakeParser({b"A1": feed(item("a")), b"B1": feed(item("b"))})
    sources = '  - {id: a, url: "https://a.example/f"}\n  - {id: b, url: "https://b.example/f"}'
    run = make_round(sources, fetcher, parser)
    summary = run.run(source_ids=["b"])
    assert [result.source_id for result in summary.results] == ["b"]
    assert [url for url, _, _ in fetcher.asked] == ["https://b.example/f"]
