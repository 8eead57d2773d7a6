"""The hostile feed corpus (tests/data/hostile, made by make_corpus.py): one round over every
document, then one publish, and what must hold of everything that comes out.

Each document carries hostile parts (control characters, bad dates, script, javascript: links,
a sanitizer bomb) and two good items, `GOOD <stem> 1` and `GOOD <stem> 2`, that must survive
it. One more source is the corpus's rss_secret_source.rss fetched through a URL with a
password and API keys in it: those must never be shown.

The round and the publish run once for the module (they take a while); each test then checks
one property of the result and names the file and the snippet that breaks it. A module-scoped
fixture cannot use the function-scoped `clock`, `feed_server` and `caplog` fixtures: it makes
the same Clock (conftest's start, 2026-11-28T12:00Z), its own FeedServer, and collects log
records with its own handler on the `aggregator` logger (which `setup_logging` may have made
non-propagating).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import subprocess
import sys
import textwrap
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from aggregator.cli import main as cli_main
from aggregator.config.loading import STORE_VARIABLE
from aggregator.models import RoundSummary
from aggregator.publish.publisher import publish_all
from aggregator.serve.pages import render_status, render_stories
from aggregator.store import Store
from tests.support.feed_server import Document, FeedServer
from tests.support.paths import DATA, ROOT
from tests.support.postgres import PostgresServer
from tests.support.rounds import Clock, run_round, write_config

pytestmark = pytest.mark.timeout(300)

HOSTILE = DATA / "hostile"
MANIFEST: list[dict[str, Any]] = json.loads((HOSTILE / "manifest.json").read_text("utf-8"))
START = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # the conftest `clock` fixture's start
FIRST_TOLERANCE = timedelta(minutes=10)  # first seen: the clock's time, give or take
SECRETS = (
    "S3cret",
    "TOPSECRET",
    "TOKSECRET",
    "alice:",
    "SEMISECRET",
    "ARRAYSECRET",
    "PLUSSECRET",
    "ECHOSECRET",
)
SECRET_CLASS = "secret-in-source-url"
ECHO_CLASS = "secret-echoed-by-server"
ATOM = "{http://www.w3.org/2005/Atom}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
LENIENT = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
SANITIZE_CPU_LIMIT = 5.0  # seconds of CPU for sanitize_html on the nested-div body
SANITIZE_WALL_LIMIT = 60.0  # the measuring process is killed after this


def strict_parser() -> etree.XMLParser:
    return etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)


def source_id(entry: dict[str, Any]) -> str:
    """The source id of a corpus file: its stem, made a slug."""
    stem = entry["file"].rsplit(".", 1)[0].lower()
    return re.sub(r"[^a-z0-9_-]", "-", stem)


def snippet(text: str, at: int, width: int = 80) -> str:
    return repr(text[max(0, at - width) : at + width])


# --- the run --------------------------------------------------------------------------------


class _Collect(logging.Handler):
    """Keeps every record as the text a log line (or a JSON log line) would show."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.lines: list[str] = []
        self.exceptions: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)  # with the traceback, when there is one
        event = getattr(record, "event", None)
        if event is not None:  # the fields --log-format json writes
            line += " " + json.dumps(event, default=str, ensure_ascii=False)
        self.lines.append(line)
        if record.exc_info:
            last = (record.exc_text or "").strip().splitlines()[-1:] or ["?"]
            self.exceptions.append(f"{record.name}: {record.getMessage()}: {last[0]}")


@dataclass
class Run:
    folder: Path
    output: Path
    config_path: Path
    source_ids: list[str]
    summary: RoundSummary | None = None
    round_error: str | None = None
    publish_error: str | None = None
    round_seconds: float = 0.0
    logs: list[str] = field(default_factory=list)
    logged_exceptions: list[str] = field(default_factory=list)
    status_outputs: dict[str, str] = field(default_factory=dict)  # everything shown
    status_stdout: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # the web pages, by name

    def published(self) -> list[Path]:
        return sorted(
            p
            for p in self.output.rglob("*")
            if p.is_file() and p.suffix in (".atom", ".rss", ".json", ".opml")
        )

    def every_output_file(self) -> list[Path]:
        return sorted(p for p in self.output.rglob("*") if p.is_file())


def config_text(server: FeedServer) -> str:
    lines = [
        "store: store.sqlite",
        "output:",
        "  dir: public",
        "  title: Hostile corpus",
        "  id: tag:hostile.example.org,2026:corpus",
        "  base_url: http://feeds.example.org/",
        "  entries: 2000",
        "defaults:",
        "  interval: 1h",
        "  max_age: 36500d",
        "fetch:",
        "  adaptive: false",
        "tagging:",
        "  places: false",
        "sources:",
    ]
    for entry in MANIFEST:
        url = server.url(entry["file"])
        if entry["class"] == SECRET_CLASS:
            # The FeedServer matches the path without the query string; httpx sends the
            # userinfo as Basic credentials, which the server ignores.
            host = server.base_url.removeprefix("http://")
            url = f"http://alice:S3cret@{host}{entry['file']}?api_key=TOPSECRET&token=TOKSECRET"
        if entry["class"] == ECHO_CLASS:
            url += (
                "?a=1;token=SEMISECRET&auth[token]=ARRAYSECRET&api+key=PLUSSECRET"
                "&api_key=ECHOSECRET"
            )
        lines += [f"  - id: {source_id(entry)}", f'    url: "{url}"']
    return "\n".join(lines) + "\n"


def run_cli(*args: str) -> tuple[str, str]:
    """`aggregator ARGS` in this process; the `aggregator` logger is put back as it was (the
    command points it at a stream that is closed once the command returns)."""
    logger = logging.getLogger("aggregator")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    try:
        result = CliRunner().invoke(cli_main, list(args), catch_exceptions=True)
    finally:
        logger.handlers[:], logger.level, logger.propagate = saved
    crash = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = "".join(traceback.format_exception(result.exception))
    return f"exit={result.exit_code}\n{result.stdout}\n{result.stderr}\n{crash}", result.stdout


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, postgres: PostgresServer | None) -> Iterator[Run]:
    with pytest.MonkeyPatch.context() as patch:
        if postgres is not None:  # the PostgreSQL pass: the corpus goes through it too
            patch.setenv(STORE_VARIABLE, postgres.new_database())
        yield from _run(tmp_path_factory)


def _run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    folder = tmp_path_factory.mktemp("hostile")
    aggregator_logger = logging.getLogger("aggregator")
    root = logging.getLogger()
    collect = _Collect(logging.DEBUG)
    # Third-party loggers (httpx) print nothing below WARNING in production: no handler.
    collect_root = _Collect(logging.WARNING)
    saved_level = aggregator_logger.level
    with FeedServer() as server:
        for entry in MANIFEST:
            server.put(
                entry["file"],
                Document(
                    (HOSTILE / entry["file"]).read_bytes(),
                    content_type=entry["content_type"],
                    headers=dict(entry.get("headers", {})),
                ),
            )
        config = write_config(folder, config_text(server))
        result = Run(
            folder=folder,
            output=config.output_dir,
            config_path=config.path,
            source_ids=[source.id for source in config.sources],
        )
        store = Store(config.store_url)
        aggregator_logger.addHandler(collect)
        aggregator_logger.setLevel(logging.DEBUG)
        root.addHandler(collect_root)
        try:
            started = time.monotonic()
            try:
                result.summary = run_round(config, store, Clock(START), due_only=False)
            except (Exception, asyncio.CancelledError):  # a cancelled round is a failure too
                result.round_error = traceback.format_exc()
            result.round_seconds = time.monotonic() - started
            try:
                publish_all(store, config)
            except Exception:
                result.publish_error = traceback.format_exc()
            result.pages = {
                "/": render_stories(store, config),
                "/status": render_status(store, config),
                "/?q=GOOD": render_stories(store, config, q="GOOD"),
            }
        finally:
            aggregator_logger.removeHandler(collect)
            aggregator_logger.setLevel(saved_level)
            root.removeHandler(collect_root)
            store.close()
    result.logs = collect.lines + [
        line for line in collect_root.lines if not line.split(" ", 2)[1].startswith("aggregator")
    ]
    result.logged_exceptions = collect.exceptions + [
        line for line in collect_root.exceptions if not line.startswith("aggregator")
    ]
    for args in (("status",), ("status", "--json")):
        shown, stdout = run_cli("--config", str(config.path), *args)
        result.status_outputs[" ".join(args)] = shown
        result.status_stdout[" ".join(args)] = stdout
    yield result


def require_published(run: Run) -> None:
    assert run.publish_error is None, f"publish_all failed as a whole:\n{run.publish_error}"


# --- the round --------------------------------------------------------------------------------


def test_the_corpus_is_complete() -> None:
    assert len(MANIFEST) >= 66
    for entry in MANIFEST:
        assert (HOSTILE / entry["file"]).is_file(), entry["file"]
        assert entry["format"] in ("rss", "atom", "json"), entry["file"]
        assert entry["content_type"] and entry["class"], entry["file"]
        stem = entry["file"].rsplit(".", 1)[0]
        assert entry["good_titles"] == [f"GOOD {stem} 1", f"GOOD {stem} 2"], entry["file"]
    formats_by_class: dict[str, set[str]] = {}
    for entry in MANIFEST:
        formats_by_class.setdefault(entry["class"].split("-")[0], set()).add(entry["format"])
    for family in ("c0", "nonchar", "surrogate", "c1", "bad", "title", "xss", "js"):
        assert formats_by_class[family] == {"rss", "atom", "json"}, family


def test_round_and_publish_raise_nothing(run: Run) -> None:
    assert run.round_error is None, f"run_round raised:\n{run.round_error}"
    assert run.publish_error is None, f"publish_all raised:\n{run.publish_error}"
    assert not run.logged_exceptions, "exceptions logged during the round:\n" + "\n".join(
        f"  {line}" for line in run.logged_exceptions
    )


def test_every_source_has_a_result(run: Run) -> None:
    assert run.summary is not None, f"run_round raised:\n{run.round_error}"
    got = [r.source_id for r in run.summary.results]
    missing = sorted(set(run.source_ids) - set(got))
    assert not missing, f"no result for {missing}"
    assert sorted(got) == sorted(run.source_ids), "a source had several results"


def test_no_source_failed(run: Run) -> None:
    assert run.summary is not None, f"run_round raised:\n{run.round_error}"
    failed = {
        r.source_id: f"{r.outcome}: {r.error}" for r in run.summary.results if r.outcome != "ok"
    }
    assert not failed, f"{len(failed)} of {len(run.summary.results)} sources not ok:\n" + "\n".join(
        f"  {sid}: {error}" for sid, error in sorted(failed.items())
    )


# --- the good items -------------------------------------------------------------------------


def _xml_titles(path: Path) -> set[str] | None:
    if not path.is_file():
        return None
    text = path.read_bytes().decode("utf-8", "replace")
    return set(re.findall(r"<title(?:\s[^>]*)?>([^<]*)</title>", text))


def _json_titles(path: Path) -> set[str] | None:
    if not path.is_file():
        return None
    text = path.read_bytes().decode("utf-8", "replace")
    return {json.loads(f'"{t}"') for t in re.findall(r'"title"\s*:\s*"((?:[^"\\]|\\.)*)"', text)}


def test_every_good_item_is_published_everywhere(run: Run) -> None:
    require_published(run)
    combined = {
        "feed.atom": _xml_titles(run.output / "feed.atom"),
        "feed.rss": _xml_titles(run.output / "feed.rss"),
        "feed.json": _json_titles(run.output / "feed.json"),
    }
    missing: list[str] = []
    for name, titles in combined.items():
        assert titles is not None, f"{name} was not written"
    for entry in MANIFEST:
        per_source = f"sources/{source_id(entry)}.atom"
        documents = {**combined, per_source: _xml_titles(run.output / per_source)}
        for title in entry["good_titles"]:
            absent = [n for n, titles in documents.items() if titles is None or title not in titles]
            if absent:
                missing.append(f"  {entry['file']}: {title!r} missing from {', '.join(absent)}")
    assert not missing, f"{len(missing)} good items not published:\n" + "\n".join(missing)


def first_seen(published: str | None) -> bool:
    try:
        moment = datetime.fromisoformat((published or "").replace("Z", "+00:00"))
    except ValueError:
        return False
    return moment.tzinfo is not None and abs(moment - START) <= FIRST_TOLERANCE


def feedparser_instant(entry: dict[str, Any], title: str) -> datetime | None:
    """The instant feedparser itself reads from the item's date, if any: an impossible date
    may be read as feedparser rolls it over (25:61 is the next day's 02:01, February 30 is
    March 1), which the parsing-fidelity rule allows (read as feedparser does, or not at
    all)."""
    import calendar

    import feedparser

    if entry["format"] == "json":
        return None
    parsed = feedparser.parse((HOSTILE / entry["file"]).read_bytes())
    for item in parsed.entries:
        if item.get("title") == title:
            for key in ("published_parsed", "updated_parsed"):
                moment = dict.get(item, key)
                if moment:
                    try:
                        return datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)
                    except (ValueError, OverflowError, OSError):
                        return None
    return None


def test_unreadable_dates_give_the_first_seen_time(run: Run) -> None:
    """An unreadable date gives the item its first-seen time, unless feedparser reads it (then
    as feedparser does, and only if it is a plausible date)."""
    require_published(run)
    wrong: list[str] = []
    for entry in MANIFEST:
        for title in entry.get("first_seen_titles", []):
            as_feedparser = feedparser_instant(entry, title)
            if as_feedparser is not None and not (
                datetime(1990, 1, 1, tzinfo=UTC) <= as_feedparser <= START
            ):
                as_feedparser = None
            path = run.output / "sources" / f"{source_id(entry)}.atom"
            if not path.is_file():
                wrong.append(f"  {entry['file']}: {path.name} not written")
                continue
            tree = etree.parse(str(path), LENIENT)
            found = [e for e in tree.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == title]
            if not found:
                wrong.append(f"  {entry['file']}: {title!r} not published")
            elif not first_seen(found[0].findtext(f"{ATOM}published")) and not (
                as_feedparser is not None
                and datetime.fromisoformat(found[0].findtext(f"{ATOM}published") or "")
                == as_feedparser
            ):
                wrong.append(
                    f"  {entry['file']}: {title!r} published "
                    f"{found[0].findtext(f'{ATOM}published')!r}, not when first seen ({START})"
                )
    assert not wrong, "items with unreadable dates:\n" + "\n".join(wrong)


def test_valid_text_beside_bad_bytes_is_kept(run: Run) -> None:
    """A document with one invalid UTF-8 sequence (a raw lone surrogate) must not be read in
    another encoding as a whole: its valid non-ASCII text stays as it was (not "AÃ§Ã£o")."""
    require_published(run)
    damaged: list[str] = []
    for entry in MANIFEST:
        for title in entry.get("intact_titles", []):
            titles = _xml_titles(run.output / "sources" / f"{source_id(entry)}.atom") or set()
            if title not in titles:
                near = sorted(t for t in titles if t.startswith("INTACT"))
                damaged.append(f"  {entry['file']}: {title!r} published as {near!r}")
    assert not damaged, "valid text damaged by a bad byte elsewhere:\n" + "\n".join(damaged)


# --- well-formed output ---------------------------------------------------------------------


def test_every_published_file_parses_strictly(run: Run) -> None:
    require_published(run)
    files = run.published()
    assert any(p.name == "feed.atom" for p in files), "feed.atom was not written"
    broken: list[str] = []
    for path in files:
        relative = path.relative_to(run.output)
        data = path.read_bytes()
        if path.suffix == ".json":
            try:
                json.loads(data)
            except ValueError as exc:
                position = getattr(exc, "pos", 0) or 0
                text = data.decode("utf-8", "replace")
                broken.append(f"  {relative}: {exc} near {snippet(text, position)}")
            continue
        try:
            etree.fromstring(data, strict_parser())
        except etree.XMLSyntaxError as exc:
            lines = data.decode("utf-8", "replace").splitlines() or [""]
            line = lines[min(len(lines), max(1, exc.lineno or 1)) - 1]
            broken.append(f"  {relative}: {exc.msg} at line {exc.lineno}: {line[:200]!r}")
    assert not broken, f"{len(broken)} published files do not parse:\n" + "\n".join(broken)


@pytest.mark.skipif(not (DATA / "atom.rng").is_file(), reason="no Atom RELAX NG grammar")
def test_every_atom_file_matches_the_rfc4287_grammar(run: Run) -> None:
    require_published(run)
    schema = etree.RelaxNG(etree.parse(str(DATA / "atom.rng")))
    invalid: list[str] = []
    for path in run.published():
        if path.suffix != ".atom":
            continue
        relative = path.relative_to(run.output)
        try:
            document = etree.fromstring(path.read_bytes(), strict_parser())
        except etree.XMLSyntaxError as exc:
            invalid.append(f"  {relative}: not well-formed: {exc.msg}")
            continue
        if not schema.validate(document):
            errors = "; ".join(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:3])
            invalid.append(f"  {relative}: {errors}")
    assert not invalid, f"{len(invalid)} Atom files invalid:\n" + "\n".join(invalid)


# --- no script ------------------------------------------------------------------------------

BANNED_ELEMENTS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "meta",
    "base",
    "form",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    XLINK_HREF,
    "xlink:href",
}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
HTML_PARSER = lxml.html.HTMLParser(huge_tree=True, no_network=True)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")


def dangerous_url(value: str) -> bool:
    """What a browser would read as a script URL: whitespace and controls anywhere in it are
    ignored (they are inside the scheme), case does not matter."""
    return _INVISIBLE.sub("", value).lower().startswith(BAD_SCHEMES)


def html_payloads(path: Path) -> Iterator[tuple[str, str]]:
    """(where, html) for every HTML text in a published document."""
    if path.suffix == ".json":
        try:
            document = json.loads(path.read_bytes(), strict=False)
        except ValueError:
            return  # reported by test_every_published_file_parses_strictly
        for position, item in enumerate(document.get("items", [])):
            if isinstance(item, dict) and isinstance(item.get("content_html"), str):
                yield (
                    f"items[{position}].content_html ({item.get('title')!r})",
                    item["content_html"],
                )
        return
    root = etree.fromstring(path.read_bytes(), LENIENT)
    if root is None:
        return
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        title = None
        parent = element.getparent()
        if parent is not None:
            title = parent.findtext(f"{ATOM}title") or parent.findtext("title")
        where = f"<{etree.QName(element).localname}> of {title!r}"
        kind = element.get("type", "text")
        if element.tag.startswith(ATOM) and kind == "html" and element.text:
            yield where, element.text
        elif element.tag.startswith(ATOM) and kind == "xhtml":
            yield where, "".join(etree.tostring(child, encoding="unicode") for child in element)
        elif element.tag in ("description", CONTENT_ENCODED) and element.text:
            yield where, element.text


def script_problems(html: str) -> list[str]:
    if not html.strip():
        return []
    try:
        tree = etree.fromstring(html, HTML_PARSER)
    except (etree.LxmlError, ValueError) as exc:
        return [f"unparseable HTML ({exc}): {html[:160]!r}"]
    if tree is None:
        return []
    problems = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = str(element.tag).lower().rsplit("}", 1)[-1]
        shown = etree.tostring(element, encoding="unicode", with_tail=False)[:160]
        if tag in BANNED_ELEMENTS:
            problems.append(f"<{tag}> element: {shown!r}")
        if tag == "style" and re.search(
            r"expression\s*\(|javascript:|behavior", "".join(map(str, element.itertext())), re.I
        ):
            problems.append(f"scripted <style>: {shown!r}")
        for key, raw in element.attrib.items():
            name, value = str(key), str(raw)
            local = name.lower().rsplit("}", 1)[-1]
            if local.startswith("on"):
                problems.append(f"event attribute {name}: {shown!r}")
            elif local == "srcdoc":
                problems.append(f"srcdoc attribute: {shown!r}")
            elif (name in URL_ATTRIBUTES or local in URL_ATTRIBUTES) and dangerous_url(value):
                problems.append(f"{name}={value!r}: {shown!r}")
            elif local == "style" and re.search(
                r"expression\s*\(|javascript:|vbscript:|behavior\s*:",
                _INVISIBLE.sub("", value),
                re.I,
            ):
                problems.append(f"scripted style attribute: {shown!r}")
            elif local == "content" and tag == "meta" and "javascript:" in value.lower():
                problems.append(f"meta refresh to script: {shown!r}")
    return problems


def test_no_script_in_any_published_html(run: Run) -> None:
    require_published(run)
    found: list[str] = []
    for path in run.published():
        if path.suffix == ".opml":
            continue
        relative = path.relative_to(run.output)
        for where, html in html_payloads(path):
            for problem in script_problems(html):
                found.append(f"  {relative} {where}: {problem}")
    assert not found, f"{len(found)} scripts in published HTML:\n" + "\n".join(dict.fromkeys(found))


# What the pages themselves are made of (a form, their style, feed links): not from sources.
PAGE_ELEMENTS = {"form", "meta", "link", "style", "input", "select", "option", "label", "button"}


def test_no_script_and_no_secret_in_the_web_pages(run: Run) -> None:
    """The stories page (with and without a search) and the status page, rendered from the
    hostile store: no script, no unsafe address, no credential, and every good item shown."""
    found: list[str] = []
    for name, page in run.pages.items():
        for problem in script_problems(page):
            if not any(f"<{tag}> element" in problem for tag in PAGE_ELEMENTS):
                found.append(f"  {name}: {problem}")
        found += [f"  {name}: secret {secret!r}" for secret in SECRETS if secret in page]
    assert not found, "\n".join(dict.fromkeys(found))
    missing = [
        title
        for entry in MANIFEST
        for title in entry["good_titles"]
        if title not in run.pages["/"] or title not in run.pages["/?q=GOOD"]
    ]
    assert not missing, f"good items not on the stories page: {missing[:10]}"


URL_KEYS = {
    "url",
    "external_url",
    "home_page_url",
    "feed_url",
    "icon",
    "favicon",
    "image",
    "banner_image",
    "avatar",
    "next_url",
}
XML_URL_ATTRIBUTES = {"href", "src", "url", "uri", "xmlUrl", "htmlUrl"}
XML_URL_ELEMENTS = {"link", "comments", "docs", f"{ATOM}icon", f"{ATOM}logo", f"{ATOM}uri", "url"}


def is_http(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return (
        parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and value == value.strip()
    )


def _json_urls(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            where = f"{path}.{key}" if path else key
            if key in URL_KEYS and not isinstance(child, (dict, list)):
                yield where, child
            else:
                yield from _json_urls(child, where)
    elif isinstance(value, list):
        for position, child in enumerate(value):
            yield from _json_urls(child, f"{path}[{position}]")


def test_every_published_url_is_http(run: Run) -> None:
    require_published(run)
    bad: list[str] = []
    for path in run.published():
        relative = path.relative_to(run.output)
        if path.suffix == ".json":
            try:
                document = json.loads(path.read_bytes(), strict=False)
            except ValueError:
                continue  # reported by test_every_published_file_parses_strictly
            bad += [
                f"  {relative} {where}: {value!r}"
                for where, value in _json_urls(document)
                if not is_http(value)
            ]
            continue
        root = etree.fromstring(path.read_bytes(), LENIENT)
        if root is None:
            continue
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            local = etree.QName(element).localname
            for name, value in element.attrib.items():
                if etree.QName(name).localname in XML_URL_ATTRIBUTES and not is_http(value):
                    bad.append(f"  {relative} <{local} {etree.QName(name).localname}={value!r}>")
            if element.tag in XML_URL_ELEMENTS and not len(element) and not is_http(element.text):
                if element.tag == "link" and element.get("href") is not None:
                    continue  # an Atom-style link in no namespace: its href was checked
                bad.append(f"  {relative} <{local}>{element.text!r}</{local}>")
    assert not bad, f"{len(bad)} non-http(s) URLs published:\n" + "\n".join(dict.fromkeys(bad))


# --- secrets --------------------------------------------------------------------------------


def secrets_in(text: str) -> list[str]:
    return [
        f"{secret!r} in {snippet(text, text.find(secret))}" for secret in SECRETS if secret in text
    ]


def test_no_secret_in_any_published_file(run: Run) -> None:
    require_published(run)
    files = run.every_output_file()
    assert any(p.name == "sources.opml" for p in files), "sources.opml was not written"
    leaks = [
        f"  {path.relative_to(run.output)}: {leak}"
        for path in files
        for leak in secrets_in(path.read_bytes().decode("utf-8", "replace"))
    ]
    assert not leaks, "credentials of a source URL published:\n" + "\n".join(leaks)


def test_no_secret_in_the_logs(run: Run) -> None:
    assert run.logs, "nothing was logged: is the aggregator logger captured?"
    leaks = [f"  {leak}" for line in run.logs for leak in secrets_in(line)]
    assert not leaks, "credentials of a source URL logged:\n" + "\n".join(leaks)


@pytest.mark.parametrize("command", ["status", "status --json"])
def test_no_secret_in_status(run: Run, command: str) -> None:
    output = run.status_outputs[command]
    assert output.startswith("exit=0"), f"aggregator {command} failed:\n{output[:3000]}"
    if command.endswith("--json"):
        rows = json.loads(run.status_stdout[command])
        assert "rss_secret_source" in {row["id"] for row in rows}, output[:3000]
    leaks = [f"  {leak}" for leak in secrets_in(output)]
    assert not leaks, f"credentials shown by aggregator {command}:\n" + "\n".join(leaks)


# --- a sanitizer bomb -------------------------------------------------------------------------

MEASURE = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from lxml import etree
    from aggregator.normalize import entries as normalize

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for child in value.values():
                yield from strings(child)
        elif isinstance(value, list):
            for child in value:
                yield from strings(child)

    path = Path(sys.argv[1])
    data = path.read_bytes()
    if path.suffix == ".json":
        texts = list(strings(json.loads(data)))
    else:
        parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
        texts = [element.text or "" for element in etree.fromstring(data, parser).iter()]
    body = max(texts, key=len)  # the bomb
    started = time.process_time()
    normalize.sanitize_html(body, "http://example.org/deep")
    print(len(body), time.process_time() - started)
    """
)
NESTED = [entry["file"] for entry in MANIFEST if entry["class"] == "nested-div"]


@pytest.mark.parametrize("name", NESTED)
def test_nested_div_body_is_sanitized_in_bounded_time(name: str) -> None:
    try:
        measured = subprocess.run(
            [sys.executable, "-c", MEASURE, str(HOSTILE / name)],
            capture_output=True,
            text=True,
            cwd=ROOT,  # this checkout's aggregator package
            timeout=SANITIZE_WALL_LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"{name}: sanitize_html did not finish in {SANITIZE_WALL_LIMIT:.0f} s of "
            f"wall time (the limit is {SANITIZE_CPU_LIMIT:.0f} s of CPU)"
        )
    assert measured.returncode == 0, measured.stderr[-3000:]
    size, seconds = measured.stdout.split()
    assert float(seconds) < SANITIZE_CPU_LIMIT, (
        f"{name}: sanitize_html took {float(seconds):.1f} s of CPU on its "
        f"{int(size) / 1e6:.1f} MB body of nested <div>"
    )


def test_the_round_takes_bounded_time(run: Run) -> None:
    # The nested-div source alone would hold a parse worker for minutes; the round must not.
    assert run.round_seconds < 120, f"the round took {run.round_seconds:.0f} s"
