"""feedparser's own test corpus against both parse paths (issue #21).

The 2,233 documents of feedparser 6.0.11's tests/ (wellformed, illformed, encoding, entities;
fetched by tests/support/feedparser_corpus.py) are each parsed twice, in process: with the
lxml fast path (`parse_feed(fast=True)`, which falls back to feedparser for what it declines)
and with feedparser alone (`fast=False`), at the address feedparser's own test server serves
them from (http://127.0.0.1:8097/tests/...), with the media type that server sends. Each parse is
normalized with `normalize_feed` (now = 2026-11-28T12:00Z, every item, default ParseOptions).

1. The differential test: both paths give the same feed title, link, subtitle and updated
   time, the same number of items, and per item the same key, guid, link, canonical link,
   title, summary, content, author, categories, dates, enclosures and image; a ParseError
   from one path only is a difference too, and any other exception is counted as one (never
   raised).

2. The `Expect:` lines: each is a Python expression over feedparser's result. It is never
   `eval`ed: `ast` parses it, its top-level `and` is split into conjuncts, the conjuncts that
   only test what the project does not keep (bozo, version, encoding, namespaces, headers,
   status, href, etag, ...) are dropped, and the rest are interpreted here against a read-only
   view of OUR result shaped like feedparser's dict, for the fields the project keeps:

       feed['title'], ['link'], ['subtitle'] (aliases 'tagline', 'description'), ['language'];
       len(entries), entries[i]['title'], ['link'], ['id'] (alias 'guid'), ['summary'] (alias
       'description'), ['content'][j]['value'], ['author'], ['tags'][j]['term'] (and
       'category', the first term), ['published_parsed'] (alias 'issued_parsed'),
       ['updated_parsed'] (aliases 'modified_parsed', 'date_parsed'; like feedparser's dict it
       falls back to the published date), ['enclosures'][j]['href'] (alias 'url'), ['type'],
       ['length']; `x.get(key)`, `x.has_key(key)`, `key in x`, `len(...)` and `ord(...)`.

   A line whose remaining conjuncts touch anything else (title_detail, links, author_detail,
   media_*, itunes_*, feed['image'], feed['updated'], ...) is "not applicable", and the report
   says which key made it so. So is a line that reads a link or HTML through the base of an
   HTTP Content-Location header, or the language of a Content-Language header (the project
   parses a body with its URL and media type only), and one that feedparser's own run skips
   (its SkipUnless names a codec this Python lacks, or a feedparser attribute that is gone).

   The value rule: a value of ours is compared with feedparser's expected value after the
   project's own normalization is applied to BOTH sides, so that the rule tests what the
   project keeps rather than how feedparser formats it:
     - titles and the subtitle: `plain_text(expected)` against ours (already plain text);
     - summary and content: `sanitize_html(expected, base)` against ours, where base is the
       item's link, else the feed's link, else the document URL, as normalize_entry uses it;
       ours is the item's sanitized summary, and its sanitized content (content_html, or the
       sanitized raw content when normalize_entry dropped it as equal to the summary);
     - for both, feedparser's value is HTML or plain text as its *_detail type says (an Atom
       0.3 or `type="text"` title is text/plain: "History of the <blink> tag" is its words,
       not markup). The Expect line does not say which, so the type is read from feedparser's
       own parse of the document, and a text/plain value is escaped before plain_text or
       sanitize_html, as the project's feedparser adapter reads such text;
     - a text the project keeps empty (None, or nothing left after normalization: a title
       that is only an <img>) reads as "", so that it equals an expected value that
       normalizes to nothing; `in`, has_key and get still say it is not there;
     - links, ids and enclosure addresses: both sides after `urljoin` with the document URL;
     - authors, tag terms, languages, media types: `clean_text(...).strip()` of both sides;
       enclosure lengths as integers;
     - dates: the raw parse (EntryData.published/updated, before the plausibility filter, so a
       2003 date still counts) as a UTC `time.struct_time`-like tuple against feedparser's.
   A key feedparser would not have (our field is None or empty) makes a lookup fail, as it
   would in feedparser; `get`, `has_key` and `in` answer for it.

   Both paths are evaluated; the fast path must hold for at least 95 % of the applicable lines.
   The not-applicable reasons and every failing line (file, expression, our value) are written
   to <test cache>/expect-report.txt; the full list of differences between the paths to
   <test cache>/differential-report.txt.

3. The date test: every input of runtests.py's date_tests, as the <pubDate> of an RSS item and
   the <updated> of an Atom entry, each followed by a good item: both paths parse without an
   exception, keep the good item, and read the first date (EntryData) as feedparser's
   `_parse_date` does, or as no date.
"""

from __future__ import annotations

import ast
import calendar
import operator
import traceback
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any, Literal
from unittest import mock
from urllib.parse import urljoin
from xml.sax.saxutils import escape

import feedparser.datetimes
import pytest

from aggregator.errors import ParseError
from aggregator.hygiene import clean_text
from aggregator.models import EntryData, FeedData, ItemData, ParsedFeed, ParseOptions
from aggregator.normalize.entries import plain_text, sanitize_html
from aggregator.parse import feed as feed_module
from aggregator.parse.fast import parse_fast
from aggregator.parse.feed import parse_feed
from aggregator.update.worker import normalize_feed
from tests.support.feedparser_corpus import (
    CATEGORIES,
    EXPECTED_DOCUMENTS,
    CorpusDocument,
    CorpusUnavailable,
    DateInput,
    cache_dir,
    date_inputs,
    documents,
)

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
MAX_ITEMS = 1_000_000
OPTIONS = ParseOptions()
MIN_HOLDING = 0.95
SHOWN = 12  # examples per group in an assertion message; the report files have them all

Way = Literal["fast", "feedparser"]
WAYS: tuple[Way, ...] = ("fast", "feedparser")
FEED_FIELDS = ("title", "link", "subtitle", "updated", "language", "item_language", "ttl")
ITEM_FIELDS = (
    "key",
    "guid",
    "link",
    "canonical_link",
    "title",
    "summary_html",
    "content_html",
    "author",
    "categories",
    "published",
    "updated",
    "enclosures",
    "image",
)


# --- the corpus and both parses of it -------------------------------------------------------


@cache
def _loaded() -> tuple[tuple[CorpusDocument, ...], tuple[DateInput, ...]] | str:
    """The corpus, or why it is unavailable (remembered: one download attempt per run)."""
    try:
        return documents(), date_inputs()
    except CorpusUnavailable as problem:
        return str(problem)


def _corpus_or_fail() -> tuple[tuple[CorpusDocument, ...], tuple[DateInput, ...]]:
    loaded = _loaded()
    if isinstance(loaded, str):
        pytest.fail(
            f"feedparser's test corpus is unavailable, and these tests need it: {loaded}",
            pytrace=False,
        )
    return loaded


def corpus() -> tuple[CorpusDocument, ...]:
    """The documents; the test FAILS (never skips) when the corpus cannot be had."""
    return _corpus_or_fail()[0]


def dates() -> tuple[DateInput, ...]:
    return _corpus_or_fail()[1]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One parse of one document by one path, normalized."""

    parsed: ParsedFeed | None = None
    feed: FeedData | None = None
    rejected: str | None = None  # a ParseError's message
    exception: str | None = None  # any other exception: its type, message and where
    fast_taken: bool = False  # the lxml fast path gave the ParsedFeed
    warnings: tuple[str, ...] = ()

    @property
    def shown(self) -> str:
        if self.exception:
            return f"exception {self.exception}"
        return f"rejected ({self.rejected})" if self.rejected else "parsed"


@contextmanager
def fast_path_spy(taken: list[bool]) -> Iterator[None]:
    """Notes whether parse_feed's fast path returned a feed (instrumentation only)."""
    if not hasattr(feed_module, "parse_fast"):  # parse_feed changed: nothing to note
        yield
        return

    def spy(body: bytes, *, url: str, content_type: str | None) -> ParsedFeed | None:
        result = parse_fast(body, url=url, content_type=content_type)
        taken.append(result is not None)
        return result

    with mock.patch.object(feed_module, "parse_fast", spy):
        yield


def parse_one(body: bytes, url: str, content_type: str | None, fast: bool) -> Outcome:
    taken: list[bool] = []
    with warnings.catch_warnings(record=True) as caught, fast_path_spy(taken):
        warnings.simplefilter("always")
        try:
            parsed = parse_feed(body, url=url, content_type=content_type, fast=fast)
            feed = normalize_feed(parsed, url, NOW, MAX_ITEMS, OPTIONS)
        except ParseError as problem:
            outcome = Outcome(rejected=" ".join(str(problem).split())[:200])
        except Exception as problem:
            where = traceback.extract_tb(problem.__traceback__)[-1]
            outcome = Outcome(
                exception=f"{type(problem).__name__}: {str(problem)[:200]} "
                f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
            )
        else:
            outcome = Outcome(parsed, feed, fast_taken=any(taken))
    return replace(outcome, warnings=tuple(f"{w.category.__name__}: {w.message}" for w in caught))


@cache
def outcomes() -> dict[str, dict[Way, Outcome]]:
    """Both parses of every document, by document name (computed once per test run)."""
    found: dict[str, dict[Way, Outcome]] = {}
    for document in corpus():
        body = document.body()
        found[document.name] = {
            way: parse_one(body, document.url, document.content_type, way == "fast") for way in WAYS
        }
    return found


# --- 1. the differential test ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    document: str
    field: str  # "feed title", "item count", "item key", "rejected by one path", ...
    detail: str


def short(value: object, width: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def differences(name: str, fast: Outcome, reference: Outcome) -> list[Difference]:
    """What differs between the fast path's result and feedparser's, in the kept fields."""
    if fast.exception or reference.exception:
        return []  # counted as exceptions
    if (fast.rejected is None) != (reference.rejected is None):
        return [
            Difference(
                name, "rejected by one path", f"fast {fast.shown}; feedparser {reference.shown}"
            )
        ]
    if fast.feed is None or reference.feed is None:
        return []  # rejected by both
    found = []
    for key in FEED_FIELDS:
        mine, theirs = getattr(fast.feed, key, None), getattr(reference.feed, key, None)
        if mine != theirs:
            found.append(
                Difference(name, f"feed {key}", f"fast {short(mine)} != feedparser {short(theirs)}")
            )
    if len(fast.feed.items) != len(reference.feed.items):
        found.append(
            Difference(
                name,
                "item count",
                f"fast {len(fast.feed.items)} != feedparser {len(reference.feed.items)}",
            )
        )
    for n, (mine_item, their_item) in enumerate(
        zip(fast.feed.items, reference.feed.items, strict=False)
    ):
        for key in ITEM_FIELDS:
            mine, theirs = getattr(mine_item, key, None), getattr(their_item, key, None)
            if mine != theirs:
                found.append(
                    Difference(
                        name,
                        f"item {key}",
                        f"item {n}: fast {short(mine)} != feedparser {short(theirs)}",
                    )
                )
    return found


@cache
def differential() -> tuple[list[Difference], list[str]]:
    """Every difference and every exception over the whole corpus; writes the report."""
    found: list[Difference] = []
    exceptions: list[str] = []
    for name, by_way in outcomes().items():
        for way, outcome in by_way.items():
            if outcome.exception:
                exceptions.append(f"{name} ({way}): {outcome.exception}")
        found += differences(name, by_way["fast"], by_way["feedparser"])
    write_differential_report(found, exceptions)
    return found, exceptions


def write_differential_report(found: list[Difference], exceptions: list[str]) -> None:
    by_field: dict[str, list[Difference]] = defaultdict(list)
    for difference in found:
        by_field[difference.field].append(difference)
    lines = [
        differential_summary(None, found, exceptions),
        "",
        f"exceptions: {len(exceptions)}",
        *exceptions,
        "",
    ]
    for key, group in sorted(by_field.items()):
        files = {d.document for d in group}
        lines.append(f"== {key}: {len(group)} differences in {len(files)} documents")
        lines += [f"{d.document}: {d.detail}" for d in group]
        lines.append("")
    warned = [
        f"{name} ({way}): {w}"
        for name, by_way in outcomes().items()
        for way, outcome in by_way.items()
        for w in outcome.warnings
    ]
    lines += [f"warnings raised while parsing: {len(warned)}", *warned]
    write_report("differential-report.txt", lines)


def differential_summary(
    category: str | None, found: list[Difference], exceptions: list[str]
) -> str:
    """documents, fast path taken, rejected, exceptions, differences by field (in documents)."""
    names = {d.name for d in corpus() if category is None or d.category == category}
    chosen = {k: v for k, v in outcomes().items() if k in names}
    taken = sum(1 for by_way in chosen.values() if by_way["fast"].fast_taken)
    rejected = sum(1 for by_way in chosen.values() if all(o.rejected for o in by_way.values()))
    errors = sum(1 for line in exceptions if line.split(" (", 1)[0] in names)
    warned = sum(len(o.warnings) for by_way in chosen.values() for o in by_way.values())
    by_field: dict[str, set[str]] = defaultdict(set)
    for difference in found:
        if difference.document in names:
            by_field[difference.field].add(difference.document)
    fields = ", ".join(f"{k} {len(v)}" for k, v in sorted(by_field.items())) or "none"
    keys = len(by_field.get("item key", set()))
    return (
        f"{category or 'all'}: {len(chosen)} documents, fast path taken {taken}, rejected by "
        f"both {rejected}, exceptions {errors}, warnings {warned}, documents with differences "
        f"{len({d for v in by_field.values() for d in v})} (key differences in {keys}); "
        f"differences by field (documents): {fields}"
    )


def test_the_corpus_is_complete() -> None:
    documents_found = corpus()
    assert len(documents_found) == EXPECTED_DOCUMENTS
    assert {d.category for d in documents_found} == set(CATEGORIES)
    unreadable = [d.name for d in documents_found if d.expect is None]
    assert unreadable == [], f"documents whose Expect: line could not be read: {unreadable}"
    assert len(dates()) > 60


@pytest.mark.parametrize("category", CATEGORIES)
def test_both_paths_agree_on_feedparsers_corpus(category: str) -> None:
    names = {d.name for d in corpus() if d.category == category}
    found, exceptions = differential()
    summary = differential_summary(category, found, exceptions)
    print(summary)
    mine = [d for d in found if d.document in names]
    errors = [line for line in exceptions if line.split(" (", 1)[0] in names]
    by_field: dict[str, list[Difference]] = defaultdict(list)
    for difference in mine:
        by_field[difference.field].append(difference)
    message = [summary, f"(all of them: {cache_dir() / 'differential-report.txt'})"]
    if errors:
        message += [f"{len(errors)} exceptions:", *errors[:SHOWN]]
    for key, group in sorted(by_field.items()):
        files = sorted({d.document for d in group})
        message.append(f"{key}: {len(group)} in {len(files)} documents: {', '.join(files)}")
        message += [f"  {d.document}: {d.detail}" for d in group[:SHOWN]]
    assert not errors and not mine, "\n".join(message)


# --- 2. the Expect: lines -------------------------------------------------------------------


class NotKept(Exception):
    """The expression reads something the project does not keep (the message says what)."""


class Missing(Exception):
    """Our result has no such key (feedparser's dict would raise KeyError or IndexError)."""


FieldKind = Literal["title", "html", "link", "id", "text", "date", "length"]


@dataclass(frozen=True, slots=True)
class Leaf:
    kind: FieldKind
    field: str  # what it is, e.g. "entry summary"


@dataclass(frozen=True, slots=True)
class ListOf:
    item: Shape


@dataclass(frozen=True, slots=True)
class MapOf:
    keys: dict[str, Shape]


Shape = Leaf | ListOf | MapOf

FEED_TITLE = Leaf("title", "feed title")
FEED_LINK = Leaf("link", "feed link")
FEED_SUBTITLE = Leaf("title", "feed subtitle")
FEED_LANGUAGE = Leaf("text", "feed language")
TITLE = Leaf("title", "entry title")
LINK = Leaf("link", "entry link")
ID = Leaf("id", "entry id")
SUMMARY = Leaf("html", "entry summary")
CONTENT = Leaf("html", "entry content")
AUTHOR = Leaf("text", "entry author")
TERM = Leaf("text", "entry tag term")
PUBLISHED = Leaf("date", "entry published")
UPDATED = Leaf("date", "entry updated")
ENCLOSURE_HREF = Leaf("link", "enclosure href")
ENCLOSURE_TYPE = Leaf("text", "enclosure type")
ENCLOSURE_LENGTH = Leaf("length", "enclosure length")
# feedparser's aliases (FeedParserDict.keymap): description and tagline are the subtitle of a
# feed and the summary of an entry; guid is id; issued is published; modified and date are
# updated. `info` is not an alias: it is Atom 0.3's <info>.
FEED_KEYS: dict[str, Leaf] = {
    "title": FEED_TITLE,
    "link": FEED_LINK,
    "subtitle": FEED_SUBTITLE,
    "tagline": FEED_SUBTITLE,
    "description": FEED_SUBTITLE,
    "language": FEED_LANGUAGE,
}
_FEED = MapOf(dict(FEED_KEYS))
_ENCLOSURE = MapOf(
    {
        "href": ENCLOSURE_HREF,
        "url": ENCLOSURE_HREF,
        "type": ENCLOSURE_TYPE,
        "length": ENCLOSURE_LENGTH,
    }
)
_ENTRY = MapOf(
    {
        "title": TITLE,
        "link": LINK,
        "id": ID,
        "guid": ID,
        "summary": SUMMARY,
        "description": SUMMARY,
        "content": ListOf(MapOf({"value": CONTENT})),
        "author": AUTHOR,
        "tags": ListOf(MapOf({"term": TERM})),
        "category": TERM,
        "published_parsed": PUBLISHED,
        "issued_parsed": PUBLISHED,
        "updated_parsed": UPDATED,
        "modified_parsed": UPDATED,
        "date_parsed": UPDATED,
        "enclosures": ListOf(_ENCLOSURE),
    }
)
UPDATED_KEYS = ("updated_parsed", "modified_parsed", "date_parsed")
ROOTS: dict[str, Shape] = {
    "feed": _FEED,
    "channel": _FEED,
    "entries": ListOf(_ENTRY),
    "items": ListOf(_ENTRY),
}
# Names whose tests are dropped: what the project does not keep (or feedparser's internals).
DROPPED_NAMES = frozenset(
    {
        "bozo",
        "bozo_exception",
        "version",
        "encoding",
        "namespaces",
        "headers",
        "status",
        "href",
        "etag",
        "modified",
        "locals",
        "isinstance",
        "feedparser",
    }
)
FUNCTIONS = frozenset({"len", "ord"})
METHODS = frozenset({"get", "has_key"})
# Read through the base of an HTTP Content-Location header: links, ids and HTML.
BASE_SENSITIVE = frozenset({"link", "id", "html"})


def access(node: ast.expr) -> tuple[str, list[str | int]] | None:
    """`entries[0]['title']` -> ("entries", [0, "title"]); None when not such a chain."""
    keys: list[str | int] = []
    while True:
        if isinstance(node, ast.Name):
            return node.id, keys
        if isinstance(node, ast.Attribute):
            keys.insert(0, node.attr)
        elif isinstance(node, ast.Subscript):
            index = node.slice
            if not (isinstance(index, ast.Constant) and isinstance(index.value, str | int)):
                raise NotKept(f"a computed subscript {ast.unparse(node)}")
            keys.insert(0, index.value)
        else:
            return None
        node = node.value


def shown_path(root: str, keys: list[str | int]) -> str:
    """A path as a reason: indices elided, so that reasons group (entries[]['title_detail'])."""
    return root + "".join("[]" if isinstance(k, int) else f"[{k!r}]" for k in keys)


def resolve(root: str, keys: list[str | int]) -> Shape:
    """The shape a path leads to; NotKept at the first key the project does not keep."""
    if root not in ROOTS:
        raise NotKept(f"name {root}")
    shape = ROOTS[root]
    for n, key in enumerate(keys):
        if isinstance(shape, MapOf) and isinstance(key, str) and key in shape.keys:
            shape = shape.keys[key]
        elif isinstance(shape, ListOf) and isinstance(key, int) and not isinstance(key, bool):
            shape = shape.item
        else:
            raise NotKept(shown_path(root, keys[: n + 1]))
    return shape


def leaves(shape: Shape) -> set[Leaf]:
    """The field a path reads: a container (entries, tags) is read through its keys."""
    return {shape} if isinstance(shape, Leaf) else set()


def check(node: ast.expr) -> set[Leaf]:
    """The kept fields `node` reads; NotKept if it reads anything else or has a form the
    interpreter below does not know."""
    if isinstance(node, ast.Constant):
        return set()
    if isinstance(node, ast.Tuple | ast.List):
        return {leaf for element in node.elts for leaf in check(element)}
    if isinstance(node, ast.Dict):
        parts = [*(k for k in node.keys if k is not None), *node.values]
        return {leaf for part in parts for leaf in check(part)}
    if isinstance(node, ast.UnaryOp):
        return check(node.operand)
    if isinstance(node, ast.BinOp):
        return check(node.left) | check(node.right)
    if isinstance(node, ast.BoolOp):
        return {leaf for value in node.values for leaf in check(value)}
    if isinstance(node, ast.Compare):
        found = check(node.left)
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            found |= check(right)
            if isinstance(op, ast.In | ast.NotIn):
                path = access(right)
                if path and isinstance(left, ast.Constant) and isinstance(left.value, str):
                    found |= leaves(resolve(path[0], [*path[1], left.value]))
            for one, other in ((left, right), (right, left)):
                path = access(one)
                if path and isinstance(other, ast.Dict):  # a whole enclosure, say
                    for key in other.keys:
                        if isinstance(key, ast.Constant) and isinstance(key.value, str):
                            found |= leaves(resolve(path[0], [*path[1], key.value]))
        return found
    if isinstance(node, ast.Call):
        if node.keywords:
            raise NotKept(f"a call with keywords {ast.unparse(node.func)}")
        if isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
            return {leaf for arg in node.args for leaf in check(arg)}
        if isinstance(node.func, ast.Attribute) and node.func.attr in METHODS and node.args:
            path = access(node.func.value)
            key = node.args[0]
            if path and isinstance(key, ast.Constant) and isinstance(key.value, str):
                return leaves(resolve(path[0], [*path[1], key.value]))
        raise NotKept(f"a call of {ast.unparse(node.func)}")
    if isinstance(node, ast.Name | ast.Attribute | ast.Subscript):
        path = access(node)
        if path is None:
            raise NotKept(f"an expression form {ast.unparse(node)}")
        return leaves(resolve(*path))
    raise NotKept(f"an expression form {type(node).__name__}")


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def kept_part(node: ast.expr) -> ast.expr | None:
    """`node` without its conjuncts that read nothing the project keeps; None if that is all
    of it. An `or` keeps all of its operands (one that reads nothing kept: NotKept)."""
    if not names_in(node) & ROOTS.keys():
        return None
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        parts = [p for p in (kept_part(v) for v in node.values) if p is not None]
        return parts[0] if len(parts) == 1 else ast.BoolOp(op=ast.And(), values=parts)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        kept = [kept_part(v) for v in node.values]
        if any(p is None for p in kept):
            raise NotKept("an `or` of a kept field and something not kept")
        return ast.BoolOp(op=ast.Or(), values=[p for p in kept if p is not None])
    return node


@dataclass(frozen=True, slots=True)
class Expectation:
    """One document's Expect: line, classified once (whatever the parse path)."""

    document: CorpusDocument
    expression: str
    conjuncts: tuple[ast.expr, ...] = ()  # the kept ones (empty: it reads no kept field)
    dropped: str = ""  # what the dropped conjuncts test (the names they use)
    not_applicable: str | None = None

    @property
    def applicable(self) -> bool:
        return bool(self.conjuncts) and self.not_applicable is None


def classify(document: CorpusDocument) -> Expectation | None:
    if document.expect is None:
        return None
    expression = document.expect
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as problem:
        return Expectation(document, expression, not_applicable=f"not Python: {problem.msg}")
    conjuncts = (
        tree.body.values
        if isinstance(tree.body, ast.BoolOp) and isinstance(tree.body.op, ast.And)
        else [tree.body]
    )
    kept: list[ast.expr] = []
    dropped: set[str] = set()
    try:
        for conjunct in conjuncts:
            part = kept_part(conjunct)
            if part is None:
                dropped |= names_in(conjunct) or {"a constant"}
            else:
                dropped |= names_in(conjunct) & DROPPED_NAMES
                kept.append(part)
        read = {leaf for part in kept for leaf in check(part)}
    except NotKept as problem:
        return Expectation(document, expression, tuple(kept), "", f"reads {problem}")
    shown = " ".join(sorted(dropped))
    skipped = document.skipped_by_feedparser()
    if kept and skipped:
        return Expectation(document, expression, tuple(kept), shown, skipped)
    if kept and document.header("Content-Location") and {x.kind for x in read} & BASE_SENSITIVE:
        reason = "reads a link or HTML resolved against the HTTP Content-Location header"
        return Expectation(document, expression, tuple(kept), shown, reason)
    if kept and document.header("Content-Language") and FEED_LANGUAGE in read:
        reason = "reads the language of the HTTP Content-Language header"
        return Expectation(document, expression, tuple(kept), shown, reason)
    return Expectation(document, expression, tuple(kept), shown)


# The view of our result, shaped like feedparser's dict.


@dataclass(frozen=True, slots=True)
class Value:
    """One of our values as an expression reads it, and how to normalize what it is
    compared with."""

    leaf: Leaf
    value: object
    where: str
    url: str  # the document's
    base: str  # what HTML of this item is sanitized against
    html: bool = True  # feedparser's value of this text is HTML (not text/plain)

    def normalized(self, expected: object) -> object:
        """feedparser's expected value, normalized as the project normalizes this field."""
        kind = self.leaf.kind
        if kind == "date" and isinstance(expected, tuple | list):
            return tuple(expected)
        if not isinstance(expected, str):
            return expected
        markup = expected if self.html else escape(expected)
        if kind == "title":
            return plain_text(markup)
        if kind == "html":
            return sanitize_html(markup, self.base)
        if kind in ("link", "id"):
            return urljoin(self.url, expected.strip())
        if kind == "length":
            return int(expected.strip()) if expected.strip().isdigit() else expected
        return clean_text(expected).strip()


class Reads:
    """The values one conjunct read: what a failure shows as "ours"."""

    def __init__(self) -> None:
        self.values: list[Value] = []

    def note(self, value: Value) -> Value:
        self.values.append(value)
        return value


class View:
    """A read-only dict-like view; subclasses say which keys exist."""

    where = ""

    def lookup(self, key: str | int) -> object:
        """The value at `key`, or Missing."""
        raise Missing(f"{self.where}[{key!r}]")

    def contains(self, key: str | int) -> bool:
        try:
            self.lookup(key)
        except Missing:
            return False
        return True

    def length(self) -> int:
        raise NotKept(f"len() of {self.where}")


class ListView(View):
    def __init__(self, where: str, items: list[object]) -> None:
        self.where = where
        self.items = items

    def lookup(self, key: str | int) -> object:
        if isinstance(key, int) and -len(self.items) <= key < len(self.items):
            return self.items[key]
        raise Missing(f"{self.where}[{key!r}]")

    def length(self) -> int:
        return len(self.items)


class PartView(View):
    """A dict of values: a content part, a tag, an enclosure, an entry, the feed.

    `blanks` are the texts our result does not have (None or empty after normalization): they
    read as "" (the project keeps no empty text, so an expected "" or a title that sanitizes
    to nothing holds), yet `in`, has_key and get say they are not there."""

    def __init__(
        self, where: str, values: Mapping[str, object], blanks: Mapping[str, Value] | None = None
    ) -> None:
        self.where = where
        self.values = {key: value for key, value in values.items() if value is not None}
        self.blanks = dict(blanks or {})

    def lookup(self, key: str | int) -> object:
        if isinstance(key, str) and key in self.values:
            return self.values[key]
        if isinstance(key, str) and key in self.blanks:
            return self.blanks[key]
        raise Missing(f"{self.where}[{key!r}]")

    def contains(self, key: str | int) -> bool:
        return isinstance(key, str) and key in self.values

    def same_as(self, expected: dict[object, object]) -> bool:
        """Equal to a whole dict of feedparser's (an enclosure): same keys, same values,
        `url` being an alias of `href`."""
        keys = {key for key in self.values if key != "url"}
        if {"href" if key == "url" else key for key in expected} != keys:
            return False
        for key, wanted in expected.items():
            ours = self.values.get(str(key))
            if not (isinstance(ours, Value) and ours.value == ours.normalized(wanted)):
                return False
        return True


class EntryView(PartView):
    """Like feedparser's dict, updated_parsed answers with published_parsed when there is no
    update date, but `in` and has_key do not."""

    def __init__(
        self,
        where: str,
        values: Mapping[str, object],
        blanks: Mapping[str, Value],
        updated: bool,
    ) -> None:
        super().__init__(where, values, blanks)
        self.updated = updated

    def contains(self, key: str | int) -> bool:
        if key in UPDATED_KEYS:
            return self.updated
        return super().contains(key)


def utc_tuple(moment: datetime | None) -> tuple[int, ...] | None:
    if moment is None:
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return tuple(moment.utctimetuple())


HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


@cache
def feedparser_types(document: CorpusDocument) -> dict[str, bool]:
    """Whether feedparser's value of each text of a document is HTML (its *_detail type):
    {"feed.title": True, "entries[0].summary": False, "entries[0].content[0]": True, ...}.
    Read with feedparser itself: an Expect line's value is HTML or text by that type, which
    the line does not say (an Atom 0.3 title is text/plain unless it says otherwise)."""
    headers = {"content-location": document.url}
    if document.content_type:
        headers["content-type"] = document.content_type
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = feedparser.parse(document.body(), response_headers=headers)
        except Exception:
            return {}
    found: dict[str, bool] = {}

    def note(key: str, detail: object) -> None:
        if isinstance(detail, dict) and isinstance(detail.get("type"), str):
            found[key] = detail["type"].strip().lower() in HTML_TYPES

    feed = result.get("feed") or {}
    note("feed.title", feed.get("title_detail"))
    note("feed.subtitle", feed.get("subtitle_detail"))
    for n, entry in enumerate(result.get("entries") or []):
        note(f"entries[{n}].title", entry.get("title_detail"))
        note(f"entries[{n}].summary", entry.get("summary_detail"))
        for j, part in enumerate(entry.get("content") or []):
            note(f"entries[{n}].content[{j}]", part)
    return found


def feed_view(outcome: Outcome, document: CorpusDocument) -> tuple[PartView, ListView]:
    """(feed, entries) of our result; empty when the document was rejected."""
    url = document.url
    feed, parsed = outcome.feed, outcome.parsed
    if feed is None or parsed is None:
        return PartView("feed", {}), ListView("entries", [])
    types = feedparser_types(document)
    base = feed.link or url  # as normalize_feed: the feed's link, else the document's URL
    ours = {
        FEED_TITLE: (feed.title, types.get("feed.title", True)),
        FEED_LINK: (feed.link, True),
        FEED_SUBTITLE: (getattr(feed, "subtitle", None), types.get("feed.subtitle", True)),
        FEED_LANGUAGE: (feed.language, True),
    }
    values = {
        key: Value(leaf, ours[leaf][0] or "", f"feed[{key!r}]", url, base, ours[leaf][1])
        for key, leaf in FEED_KEYS.items()
    }
    blanks = {key: v for key, v in values.items() if v.leaf in (FEED_TITLE, FEED_SUBTITLE)}
    top = PartView("feed", {k: v for k, v in values.items() if ours[v.leaf][0]}, blanks)
    entries: list[object] = [
        entry_view(f"entries[{n}]", entry, item, url, base, types)
        for n, (entry, item) in enumerate(zip(parsed.entries, feed.items, strict=False))
    ]
    return top, ListView("entries", entries)


def entry_view(
    at: str,
    entry: EntryData,
    item: ItemData,
    url: str,
    feed_base: str,
    types: Mapping[str, bool],
) -> EntryView:
    """One entry: `entry` as parsed (for which keys exist, and dates), `item` normalized."""
    # As normalize_entry sanitizes the item's HTML: against the xml:base the document sets
    # for it, else the item's link, else the feed's base.
    base = item.link or feed_base
    summary_base = entry.summary_base or base
    content_base = entry.content_base or base

    def value(
        leaf: Leaf, ours: object, where: str, html: bool = True, against: str = base
    ) -> Value | None:
        return None if ours is None else Value(leaf, ours, at + where, url, against, html)

    def text(leaf: Leaf, ours: str, key: str, type_key: str) -> Value:
        html = types.get(f"{at}.{type_key}", True)
        return Value(leaf, ours, f"{at}[{key!r}]", url, summary_base, html)

    content = None
    if entry.content:  # ours before normalize_entry dropped it as equal to the summary
        sanitized = item.content_html or sanitize_html(entry.content, content_base)
        html = types.get(f"{at}.content[0]", True)
        part = {"value": value(CONTENT, sanitized, "['content'][0]['value']", html, content_base)}
        content = ListView(f"{at}['content']", [PartView(f"{at}['content'][0]", part)])
    tags = [
        PartView(f"{at}['tags'][{j}]", {"term": value(TERM, term, f"['tags'][{j}]['term']")})
        for j, term in enumerate(item.categories)
    ]
    enclosures: list[object] = []
    for j, enclosure in enumerate(getattr(item, "enclosures", ())):
        where = f"['enclosures'][{j}]"
        href = value(ENCLOSURE_HREF, enclosure.url, f"{where}['href']")
        part = {
            "href": href,
            "url": href,
            "type": value(ENCLOSURE_TYPE, enclosure.type, f"{where}['type']"),
            "length": value(ENCLOSURE_LENGTH, enclosure.length, f"{where}['length']"),
        }
        enclosures.append(PartView(at + where, part))
    published = utc_tuple(entry.published)
    updated = utc_tuple(entry.updated)
    guid = urljoin(url, item.guid) if item.guid else None
    # feedparser has no title when there is none, where normalize_entry makes one up.
    title = text(TITLE, item.title if plain_text(entry.title) else "", "title", "title")
    summary = text(SUMMARY, item.summary_html, "summary", "summary")
    description = text(SUMMARY, item.summary_html, "description", "summary")
    values: dict[str, object] = {
        "title": title if title.value else None,
        "link": value(LINK, item.link, "['link']"),
        "id": value(ID, guid, "['id']"),
        "guid": value(ID, guid, "['guid']"),
        "summary": summary if entry.summary else None,
        "description": description if entry.summary else None,
        "content": content,
        "author": value(AUTHOR, item.author, "['author']"),
        "tags": ListView(f"{at}['tags']", list(tags)) if tags else None,
        "category": value(TERM, item.categories[0], "['category']") if tags else None,
        "published_parsed": value(PUBLISHED, published, "['published_parsed']"),
        "issued_parsed": value(PUBLISHED, published, "['issued_parsed']"),
        "enclosures": ListView(f"{at}['enclosures']", enclosures),
    }
    for key in UPDATED_KEYS:
        values[key] = value(UPDATED, updated or published, f"[{key!r}]")
    blanks = {"title": title, "summary": summary, "description": description}
    return EntryView(at, values, blanks, updated is not None)


_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Mod: operator.mod,
}
_ORDER: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def plain(value: object) -> object:
    return value.value if isinstance(value, Value) else value


def truthy(value: object) -> bool:
    if isinstance(value, ListView):
        return bool(value.items)
    if isinstance(value, View):
        return True
    return bool(plain(value))


def same(left: object, right: object) -> bool:
    if isinstance(left, Value) and isinstance(right, Value):
        return left.value == right.value
    if isinstance(left, Value):
        return left.value == left.normalized(right)
    if isinstance(right, Value):
        return right.value == right.normalized(left)
    if isinstance(left, PartView) and isinstance(right, dict):
        return left.same_as(right)
    if isinstance(right, PartView) and isinstance(left, dict):
        return right.same_as(left)
    return left == right


class Interpreter:
    """Evaluates a conjunct that `check` accepted against (feed, entries) views."""

    def __init__(self, feed: PartView, entries: ListView) -> None:
        self.roots: dict[str, View] = {
            "feed": feed,
            "channel": feed,
            "entries": entries,
            "items": entries,
        }
        self.reads = Reads()

    def read(self, value: object) -> object:
        return self.reads.note(value) if isinstance(value, Value) else value

    def evaluate(self, node: ast.expr) -> object:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Tuple):
            return tuple(self.evaluate(e) for e in node.elts)
        if isinstance(node, ast.List):
            return [self.evaluate(e) for e in node.elts]
        if isinstance(node, ast.Dict):
            return {
                self.evaluate(k): self.evaluate(v)
                for k, v in zip(node.keys, node.values, strict=True)
                if k is not None
            }
        if isinstance(node, ast.Name):
            if node.id in self.roots:
                return self.roots[node.id]
            raise NotKept(f"name {node.id}")
        if isinstance(node, ast.Subscript | ast.Attribute):
            key = node.attr if isinstance(node, ast.Attribute) else self.evaluate(node.slice)
            container = self.evaluate(node.value)
            if not isinstance(container, View) or not isinstance(key, str | int):
                raise NotKept(f"an expression form {ast.unparse(node)}")
            return self.read(container.lookup(key))
        if isinstance(node, ast.UnaryOp):
            operand = self.evaluate(node.operand)
            if isinstance(node.op, ast.Not):
                return not truthy(operand)
            number = plain(operand)
            if isinstance(node.op, ast.USub) and isinstance(number, int | float):
                return -number
            raise NotKept(f"an operator {type(node.op).__name__}")
        if isinstance(node, ast.BinOp):
            apply = _BINARY.get(type(node.op))
            if apply is None:
                raise NotKept(f"an operator {type(node.op).__name__}")
            return apply(plain(self.evaluate(node.left)), plain(self.evaluate(node.right)))
        if isinstance(node, ast.BoolOp):
            if isinstance(node.op, ast.And):
                return all(truthy(self.evaluate(v)) for v in node.values)
            return any(truthy(self.evaluate(v)) for v in node.values)
        if isinstance(node, ast.Compare):
            left = self.evaluate(node.left)
            for op, comparator in zip(node.ops, node.comparators, strict=True):
                right = self.evaluate(comparator)
                if not self.compare(op, left, right):
                    return False
                left = right
            return True
        if isinstance(node, ast.Call):
            return self.call(node)
        raise NotKept(f"an expression form {type(node).__name__}")

    def compare(self, op: ast.cmpop, left: object, right: object) -> bool:
        if isinstance(op, ast.Eq):
            return same(left, right)
        if isinstance(op, ast.NotEq):
            return not same(left, right)
        if isinstance(op, ast.In | ast.NotIn):
            container = plain(right)
            if isinstance(right, View):
                found = isinstance(left, str | int) and right.contains(left)
            elif isinstance(container, str | tuple | list | dict):
                found = plain(left) in container
            else:
                raise NotKept(f"`in` {short(container)}")
            return found if isinstance(op, ast.In) else not found
        if isinstance(op, ast.Is):
            return plain(left) is plain(right)
        if isinstance(op, ast.IsNot):
            return plain(left) is not plain(right)
        return bool(_ORDER[type(op)](plain(left), plain(right)))

    def call(self, node: ast.Call) -> object:
        if isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
            if len(node.args) != 1:
                raise NotKept(f"a call of {ast.unparse(node)}")
            argument = self.evaluate(node.args[0])
            text = plain(argument)
            if node.func.id == "len" and isinstance(argument, View):
                return argument.length()
            if node.func.id == "len" and isinstance(text, str | tuple | list | dict):
                return len(text)
            if node.func.id == "ord" and isinstance(text, str):
                return ord(text)
            raise NotKept(f"a call of {ast.unparse(node)} on {short(text)}")
        if isinstance(node.func, ast.Attribute) and node.func.attr in METHODS:
            container = self.evaluate(node.func.value)
            key = self.evaluate(node.args[0])
            if isinstance(container, View) and isinstance(key, str | int):
                if node.func.attr == "has_key":
                    return container.contains(key)
                default = self.evaluate(node.args[1]) if len(node.args) > 1 else None
                if isinstance(container, PartView) and key not in container.values:
                    return default  # not a blank's ""
                try:
                    return self.read(container.lookup(key))
                except Missing:
                    return default
        raise NotKept(f"a call of {ast.unparse(node.func)}")


@dataclass(frozen=True, slots=True)
class Verdict:
    holds: bool
    failing: str = ""  # the first conjunct that does not hold
    ours: str = ""  # what our result had for it


def verdict(expectation: Expectation, outcome: Outcome) -> Verdict:
    feed, entries = feed_view(outcome, expectation.document)
    for conjunct in expectation.conjuncts:
        interpreter = Interpreter(feed, entries)
        try:
            holds = bool(interpreter.evaluate(conjunct))
            ours = "; ".join(f"{v.where} = {short(v.value)}" for v in interpreter.reads.values)
        except Missing as missing:
            holds, ours = False, f"no {missing}"
        except (NotKept, TypeError, ValueError) as problem:  # check() let through a form
            holds, ours = False, f"cannot evaluate: {type(problem).__name__}: {problem}"
        if not holds:
            if outcome.feed is None:
                ours = f"{outcome.shown}; {ours}"
            return Verdict(False, ast.unparse(conjunct), ours or "(no value read)")
    return Verdict(True)


@dataclass
class ExpectTally:
    applicable: int = 0
    holding: int = 0
    failures: list[tuple[Expectation, Verdict]] = field(default_factory=list)
    folders: Counter[tuple[str, bool]] = field(default_factory=Counter)  # (folder, holds)

    @property
    def share(self) -> float:
        return self.holding / self.applicable if self.applicable else 1.0


def folder(document: CorpusDocument) -> str:
    """wellformed/<folder> (atom, rss, sanitize, ...), or the category."""
    parts = document.name.split("/")
    return "/".join(parts[:2]) if document.category == "wellformed" else parts[0]


@cache
def expectations() -> tuple[Expectation, ...]:
    return tuple(e for e in (classify(d) for d in corpus()) if e is not None)


@cache
def expect_tallies() -> dict[Way, ExpectTally]:
    tallies: dict[Way, ExpectTally] = {way: ExpectTally() for way in WAYS}
    results = outcomes()
    for expectation in expectations():
        if not expectation.applicable:
            continue
        document = expectation.document
        for way in WAYS:
            tally = tallies[way]
            tally.applicable += 1
            found = verdict(expectation, results[document.name][way])
            tally.folders[folder(document), found.holds] += 1
            if found.holds:
                tally.holding += 1
            else:
                tally.failures.append((expectation, found))
    return tallies


def expect_summary() -> list[str]:
    everything = expectations()
    tallies = expect_tallies()
    not_kept = [e for e in everything if not e.conjuncts and e.not_applicable is None]
    not_applicable = [e for e in everything if e.not_applicable is not None]
    lines = [
        f"Expect: lines: {len(everything)}; reading no kept field {len(not_kept)}; "
        f"not applicable {len(not_applicable)}; applicable {tallies['fast'].applicable}",
    ]
    for way in WAYS:
        tally = tallies[way]
        sanitize = "wellformed/sanitize"  # feedparser's sanitizer tests: half of them
        held = tally.folders[sanitize, True]
        outside = tally.applicable - held - tally.folders[sanitize, False]
        kept = tally.holding - held
        lines.append(
            f"  {way} path: {tally.holding} of {tally.applicable} hold ({tally.share:.1%}), "
            f"{len(tally.failures)} fail; without wellformed/sanitize: {kept} of {outside}"
            f" ({kept / outside if outside else 1:.1%})"
        )
    return lines


def grouped_reasons(chosen: list[Expectation], reason: Callable[[Expectation], str]) -> list[str]:
    groups: dict[str, list[str]] = defaultdict(list)
    for expectation in chosen:
        groups[reason(expectation)].append(expectation.document.name)
    return [
        f"  {len(names):5d}  {key}  (e.g. {', '.join(names[:3])})"
        for key, names in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    ]


def write_expect_report() -> list[str]:
    everything = expectations()
    tallies = expect_tallies()
    summary = expect_summary()
    lines = [*summary, ""]
    lines.append("Not applicable, by the first thing read that the project does not keep:")
    lines += grouped_reasons(
        [e for e in everything if e.not_applicable is not None], lambda e: e.not_applicable or ""
    )
    lines += ["", "Reading no kept field (what the dropped tests read):"]
    lines += grouped_reasons(
        [e for e in everything if not e.conjuncts and e.not_applicable is None],
        lambda e: e.dropped or "-",
    )
    lines += ["", "Applicable lines by folder: fast path holding / feedparser path holding / all"]
    folders = sorted({name for name, _ in tallies["fast"].folders})
    for name in folders:
        held = [tallies[way].folders[name, True] for way in WAYS]
        total = held[0] + tallies["fast"].folders[name, False]
        lines.append(f"  {held[0]:5d} {held[1]:5d} {total:5d}  {name}")
    for way in WAYS:
        tally = tallies[way]
        lines += ["", f"Failing on the {way} path ({len(tally.failures)}), by field read:"]
        fields = Counter(
            leaf.field for e, _ in tally.failures for c in e.conjuncts for leaf in check(c)
        )
        lines += [f"  {n:5d}  {name}" for name, n in fields.most_common()]
        lines.append("")
        for expectation, found in tally.failures:
            lines.append(f"{expectation.document.name}")
            lines.append(f"    expect: {expectation.expression}")
            lines.append(f"    fails:  {found.failing}")
            lines.append(f"    ours:   {found.ours}")
    write_report("expect-report.txt", lines)
    return summary


def test_the_expect_lines_that_read_kept_fields_hold() -> None:
    summary = write_expect_report()
    print("\n".join(summary))
    tally = expect_tallies()["fast"]
    shown = [
        f"  {e.document.name}: {found.failing}  -- ours: {found.ours}"
        for e, found in tally.failures[:SHOWN]
    ]
    assert tally.share >= MIN_HOLDING, "\n".join(
        [
            *summary,
            f"the fast path holds for {tally.share:.1%} of the applicable lines, not "
            f"{MIN_HOLDING:.0%}; the first failures (all of them, and why the others are not "
            f"applicable: {cache_dir() / 'expect-report.txt'}):",
            *shown,
        ]
    )


def write_report(name: str, lines: list[str]) -> None:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- 3. the date inputs ---------------------------------------------------------------------

GOOD_DATE = datetime(2004, 1, 1, 19, 48, 21, tzinfo=UTC)
DATE_URL = "http://127.0.0.1:8097/dates"


def dated_document(kind: str, text: str) -> bytes:
    """A good feed whose first item carries `text` as its date, and a second, good item."""
    date = escape(text)
    if kind == "rss":
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            "<title>Dates</title><link>http://example.com/</link><description>d</description>"
            "<item><title>First</title><link>http://example.com/1</link>"
            f"<guid>http://example.com/1</guid><pubDate>{date}</pubDate></item>"
            "<item><title>Second</title><link>http://example.com/2</link>"
            "<guid>http://example.com/2</guid><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>"
            "</item></channel></rss>"
        ).encode()
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Dates</title><id>urn:dates</id><link href="http://example.com/"/>'
        "<updated>2004-01-01T19:48:21Z</updated>"
        '<entry><title>First</title><id>urn:dates:1</id><link href="http://example.com/1"/>'
        f"<updated>{date}</updated></entry>"
        '<entry><title>Second</title><id>urn:dates:2</id><link href="http://example.com/2"/>'
        "<updated>2004-01-01T19:48:21Z</updated></entry></feed>"
    ).encode()


def feedparser_reading(text: str) -> datetime | None:
    """The date feedparser's own date parsers read in `text` (None: none, or out of range)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = feedparser.datetimes._parse_date(text)
            if parsed is None:
                return None
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
        except (OverflowError, ValueError, OSError):
            return None


def tuple_date(expected: tuple[int, ...] | None) -> datetime | None:
    if expected is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(expected), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_every_date_input_reads_as_feedparser_reads_it_or_as_no_date(kind: str) -> None:
    broken: list[str] = []  # exceptions, lost items: failures
    wrong: list[str] = []  # a date other than feedparser's: failures
    undated: list[str] = []  # no date where feedparser reads one: allowed, listed
    inputs = dates()
    for date_input in inputs:
        text = date_input.text
        expected = feedparser_reading(text)
        for way in WAYS:
            outcome = parse_one(dated_document(kind, text), DATE_URL, None, way == "fast")
            label = f"{text!r} ({date_input.parser}, {way})"
            parsed = outcome.parsed
            if parsed is None:
                broken.append(f"{label}: {outcome.shown}")
                continue
            titles = [e.title for e in parsed.entries]
            good = None
            if len(parsed.entries) == 2:
                second = parsed.entries[1]
                good = second.published if kind == "rss" else second.updated
            if titles != ["First", "Second"] or good != GOOD_DATE:
                broken.append(f"{label}: items {titles}, the good item's date {good}")
                continue
            first = parsed.entries[0]
            ours = first.published if kind == "rss" else first.updated
            if ours == expected:
                continue
            if ours is None:
                undated.append(f"{label}: no date; feedparser reads {expected}")
            else:
                wrong.append(f"{label}: ours {ours}, feedparser's {expected}")
    # Where feedparser's dispatcher (what both paths follow) reads otherwise than the one
    # parser date_tests names: informational.
    own = [
        f"{d.text!r} ({d.parser}: {d.expected}; _parse_date: {feedparser_reading(d.text)})"
        for d in inputs
        if feedparser_reading(d.text) != tuple_date(d.expected)
    ]
    print(
        f"{kind}: {len(inputs)} date inputs x {len(WAYS)} paths: {len(broken)} broken, "
        f"{len(wrong)} read otherwise than feedparser, {len(undated)} undated where "
        f"feedparser reads a date; {len(own)} inputs _parse_date reads otherwise than "
        "date_tests' own parser"
    )
    for line in undated:
        print("  undated:", line)
    for line in own:
        print("  _parse_date:", line)
    assert not broken and not wrong, "\n".join(
        [f"{len(broken)} broken:", *broken, f"{len(wrong)} read otherwise:", *wrong]
    )
