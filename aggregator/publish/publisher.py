"""Publishing: every feed the aggregator offers, rendered from the store and written atomically.

Files under `output.dir`:
  feed.atom, feed.rss, feed.json        the combined feed (newest `entries` stories)
  archive/<n>.atom                      its RFC 5005 archive pages, oldest first
  tags/<tag>.atom, tags/<tag>/archive/<n>.atom   one feed (and archive) per tag
  countries/<cc>.atom                   stories about / from a country (the `country:cc` tag)
  sources/<id>.atom                     one feed per source
  sources.opml                          the sources, for importing into a reader
  .render-digests                       what each document was made from (RenderCache)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qs, quote

from aggregator.config.loading import Config
from aggregator.errors import PublishError
from aggregator.files import remove_stale_temp_files, write_atomically
from aggregator.models import StoryEntry
from aggregator.publish.atom import EMPTY_FEED_UPDATED, FeedMeta, render_atom
from aggregator.publish.other_formats import OpmlSource, render_json_feed, render_opml, render_rss
from aggregator.store import Store, StoryFilter
from aggregator.version import __version__

__all__ = [
    "FeedMeta",
    "PublishResult",
    "RenderCache",
    "opml_sources",
    "publish_all",
    "render_atom",
    "render_query",
    "write_atomically",
]

log = logging.getLogger("aggregator.publish")
FROZEN_MARK = b"<fh:archive"
Render = Callable[[FeedMeta, list[StoryEntry]], bytes]


@dataclass(frozen=True, slots=True)
class PublishResult:
    written: tuple[str, ...]  # files whose bytes changed
    documents: int  # documents published (rendered or kept)
    rendered: tuple[str, ...] = ()  # rendered by this publish (the rest were unchanged)
    # Entries left out because they could not be written ("path: entry id: why"): the
    # document is published without them.
    skipped: tuple[str, ...] = ()
    # Documents that could not be rendered at all ("path: why"): their files stay as they
    # were; the others are published.
    failed: tuple[str, ...] = ()


class RenderCache:
    """What each document was last rendered from (a digest of its feed fields and stories'
    revisions), kept from one publish to the next (in memory by a daemon, and in a file beside
    the published ones for the next process): a document whose inputs did not change is
    neither rendered nor compared with its file again. Rendering (feedgen) is the costly part
    of a publish (docs/performance.md, "What dominates", publishing from a big store), and
    after a round most feeds are as they were."""

    FILE = ".render-digests"  # no feed suffix: the web server never serves it

    def __init__(self) -> None:
        # path -> (digest, the file's mtime in ns when written): a file another process
        # rewrote since (a second daemon, a `publish` command) is never taken as current.
        self.digests: dict[str, tuple[bytes, int]] = {}

    @classmethod
    def of_output(cls, output_dir: Path) -> RenderCache:
        """The digests the last publish into `output_dir` saved (none if unreadable)."""
        cache = cls()
        try:
            saved = json.loads((output_dir / cls.FILE).read_text())
            cache.digests = {
                relative: (bytes.fromhex(digest), int(mtime))
                for relative, (digest, mtime) in saved.items()
            }
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        return cache

    def missing(self, output_dir: Path) -> list[str]:
        """The documents the last publish wrote that are no longer files in `output_dir`
        (deleted, or replaced by a folder): nothing changed in the store, so no publish would
        write them again, and readers would get 404 for good."""
        written = list(self.digests)  # a copy: a publish may be remembering more meanwhile
        return sorted(relative for relative in written if not (output_dir / relative).is_file())

    def forget_files(self, documents: list[str]) -> None:
        """Never take these documents as current again: the next publish renders them."""
        for relative in documents:
            known = self.digests.get(relative)
            if known is not None:
                self.digests[relative] = (known[0], -1)

    def keep_only(self, documents: set[str]) -> None:
        for relative in set(self.digests) - documents:
            del self.digests[relative]

    def save(self, output_dir: Path) -> None:
        saved = {relative: [d.hex(), mtime] for relative, (d, mtime) in self.digests.items()}
        write_atomically(output_dir / self.FILE, json.dumps(saved, sort_keys=True).encode())

    def is_current(self, output_dir: Path, relative: str, digest: bytes) -> bool:
        known = self.digests.get(relative)
        if known is None or known[0] != digest:
            return False
        try:
            found = (output_dir / relative).stat()
        except OSError:
            return False
        return stat.S_ISREG(found.st_mode) and found.st_mtime_ns == known[1]

    def remember(self, output_dir: Path, relative: str, digest: bytes) -> None:
        try:
            self.digests[relative] = (digest, (output_dir / relative).stat().st_mtime_ns)
        except FileNotFoundError:
            self.digests.pop(relative, None)


def feed_url(base_url: str, relative: str) -> str:
    return base_url + quote(relative, safe="/:")


class _Publisher:
    def __init__(self, store: Store, config: Config, cache: RenderCache | None = None) -> None:
        self.store = store
        self.config = config
        self.output = config.settings.output
        self.cache = cache or RenderCache.of_output(config.output_dir)
        self.documents: dict[str, bytes] = {}  # rendered by this publish
        self.digests: dict[str, bytes] = {}  # of the documents above
        self.emitted: set[str] = set()  # every document this publish makes, rendered or kept
        self.kept = 0  # documents whose inputs were unchanged
        self.frozen_written: list[str] = []  # full archive pages (written as they are made)
        self.entries_by_id: dict[int, StoryEntry] = {}
        self.skipped: list[str] = []
        self.failed: list[str] = []
        self.heads: dict[int, tuple[int, datetime, str]] = {}  # revision, published, entry id
        self.new_bounds: dict[str, tuple[int, list[int]]] = {}

    def meta(
        self,
        feed_id: str,
        title: str,
        relative: str,
        *,
        archive_links: dict[str, str] | None = None,
        is_archive: bool = False,
    ) -> FeedMeta:
        base = self.output.base_url
        return FeedMeta(
            id=feed_id,
            title=title,
            self_url=feed_url(base, relative),
            site_url=base,
            icon=self.output.icon,
            logo=self.output.logo,
            hub=self.output.websub_hub,
            archive_links=archive_links or {},
            is_archive=is_archive,
            language=self.language,
            updated_when_empty=self.created_at,
        )

    @cached_property
    def created_at(self) -> datetime:
        return self.store.created_at() or EMPTY_FEED_UPDATED

    @cached_property
    def language(self) -> str | None:
        """`output.language`, else the language every source that says one agrees on."""
        if self.output.language:
            return self.output.language
        said = {source.language for source in self.config.sources if source.language}
        return said.pop() if len(said) == 1 else None

    @cached_property
    def sources_digest(self) -> bytes:
        """Entries name their sources: a renamed source changes every document. Read only
        when a document's digest is wanted (a feed made on request needs none)."""
        return hashlib.blake2b(repr(self.store.source_labels()).encode()).digest()

    def atom(self, meta: FeedMeta, entries: list[StoryEntry]) -> bytes:
        return render_atom(meta, entries, tag_scheme=self.output.base_url + "tags/")

    def entries(self, story_ids: list[int]) -> list[StoryEntry]:
        """Stories' entries, each read once per publish however many feeds show it."""
        missing = [story for story in story_ids if story not in self.entries_by_id]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            for story, entry in zip(chunk, self.store.story_entries(chunk), strict=True):
                self.entries_by_id[story] = entry
        return [self.entries_by_id[story] for story in story_ids]

    def load_heads(self, story_ids: list[int]) -> None:
        missing = [story for story in story_ids if story not in self.heads]
        for start in range(0, len(missing), 500):
            self.heads.update(self.store.story_heads(missing[start : start + 500]))

    def emit(
        self,
        relative: str,
        meta: FeedMeta,
        story_ids: list[int],
        render: Render | None = None,
        kind: str = "atom",
    ) -> None:
        """Render a document, unless it was rendered from the same inputs before and its
        file is still there."""
        self.emitted.add(relative)
        self.load_heads(story_ids)
        # The version too: a new release may render the same stories differently.
        digest = hashlib.blake2b(repr((__version__, kind, meta, self.output.base_url)).encode())
        digest.update(self.sources_digest)
        digest.update(repr([(story, self.heads[story][0]) for story in story_ids]).encode())
        value = digest.digest()
        if self.cache.is_current(self.config.output_dir, relative, value):
            self.kept += 1
            return
        document = self.render(relative, render or self.atom, meta, self.entries(story_ids))
        if document is not None:
            self.documents[relative] = document
            self.digests[relative] = value

    def render_list(self, title: str, sources: list[OpmlSource]) -> bytes | None:
        """The OPML list of sources, or None (noted in `failed`) when it cannot be written."""
        try:
            return render_opml(title, sources)
        except Exception as exc:
            self.failed.append(f"sources.opml: {why(exc)}")
            return None

    def render(
        self, relative: str, render: Render, meta: FeedMeta, entries: list[StoryEntry]
    ) -> bytes | None:
        """The document, or None if it cannot be written. One entry that a writer refuses
        (a character XML cannot hold, stored by an earlier version) is left out, noted in
        `skipped`, and the document is published without it; it never stops a publish."""
        try:
            return render(meta, entries)
        except Exception:
            try:
                render(meta, [])
            except Exception as exc:  # the document itself, not one of its entries
                self.failed.append(f"{relative}: {why(exc)}")
                return None
            kept = []
            for entry in entries:
                try:
                    render(meta, [entry])
                except Exception as exc:
                    self.skipped.append(f"{relative}: {entry.entry_id}: {why(exc)}")
                else:
                    kept.append(entry)
            try:
                return render(meta, kept)
            except Exception as exc:
                self.failed.append(f"{relative}: {why(exc)}")
                return None

    def archived(
        self, chosen: StoryFilter, relative: str, folder: str, feed_id: str, title: str
    ) -> list[int]:
        """A subscription document with RFC 5005 archive pages of `entries` stories each;
        returns the ids of its newest stories.

        Pages hold stories in the order they were first stored. Once a page is full it is
        written once, marked <fh:archive/>, never rewritten, and where it ends is kept in the
        store. The last page is open (it may be empty) and rewritten as it grows; the
        subscription document holds it all, plus the newest stories, so walking back through
        `prev-archive` misses nothing.
        """
        size = self.output.entries
        newest = self.store.latest_story_ids(chosen, size)
        if not self.output.archive:
            self.emit(relative, self.meta(feed_id, title, relative), newest)
            return newest
        bounds = self.store.archive_bounds(folder)
        new_pages, open_ids = self._new_pages(chosen, bounds[-1] if bounds else 0)
        base = self.output.base_url
        current = feed_url(base, relative)
        directory = self.config.output_dir / folder
        present = set(os.listdir(directory)) if directory.is_dir() else set()

        def page_url(number: int) -> str:
            return feed_url(base, f"{folder}/{number}.atom")

        def page_meta(number: int, links: dict[str, str], *, full: bool) -> FeedMeta:
            path = f"{folder}/{number}.atom"
            return self.meta(
                f"{feed_id}:archive:{number}",
                f"{title} (archive {number})",
                path,
                archive_links=links,
                is_archive=full,
            )

        def write_full(number: int, story_ids: list[int]) -> None:
            # Written at once and not kept: a first publish from a big store writes thousands
            # of pages. Their stories are read apart from the cache of entries for the same
            # reason (each is on one page only).
            links = {"current": current, "next-archive": page_url(number + 1)}
            if number > 1:
                links["prev-archive"] = page_url(number - 1)
            entries = self.store.story_entries(story_ids)[::-1]
            path = f"{folder}/{number}.atom"
            page = self.render(path, self.atom, page_meta(number, links, full=True), entries)
            if page is not None and write_atomically(self.config.output_dir / path, page):
                self.frozen_written.append(path)

        for number, last in enumerate(bounds, start=1):
            if f"{number}.atom" not in present:  # a lost file: the same page again
                after = bounds[number - 2] if number > 1 else 0
                write_full(number, self.store.arrival_ids(chosen, after, upto=last))
        for number, story_ids in enumerate(new_pages, start=len(bounds) + 1):
            target = directory / f"{number}.atom"
            if not (target.exists() and FROZEN_MARK in target.read_bytes()[:4096]):
                write_full(number, story_ids)
        if new_pages:
            self.new_bounds[folder] = (len(bounds) + 1, [page[-1] for page in new_pages])
        full = len(bounds) + len(new_pages)
        open_links = {"current": current}
        if full:
            open_links["prev-archive"] = page_url(full)
        self.emit(
            f"{folder}/{full + 1}.atom",
            page_meta(full + 1, open_links, full=False),
            open_ids[::-1],
        )
        chosen_ids = list(dict.fromkeys([*newest, *open_ids]))
        self.load_heads(chosen_ids)
        chosen_ids.sort(key=lambda story: self.heads[story][1:], reverse=True)
        links = {"prev-archive": page_url(full)} if full else {}
        self.emit(relative, self.meta(feed_id, title, relative, archive_links=links), chosen_ids)
        return newest

    def _new_pages(self, chosen: StoryFilter, after: int) -> tuple[list[list[int]], list[int]]:
        """The stories after the last full page, cut into the pages they now fill, and those
        left for the open page. A page is full once a story follows it: the open page is
        never empty while a full page links it as `next-archive`."""
        size, batch = self.output.entries, self.output.entries * 50
        pages: list[list[int]] = []
        pending: list[int] = []
        while True:
            found = self.store.arrival_ids(chosen, after, limit=batch)
            pending.extend(found)
            while len(pending) > size:
                pages.append(pending[:size])
                pending = pending[size:]
            if len(found) < batch:
                return pages, pending
            after = found[-1]

    def run(self) -> PublishResult:
        output, size = self.output, self.output.entries
        _sweep_once(self.config.output_dir)
        newest = self.archived(StoryFilter(), "feed.atom", "archive", output.id, output.title)
        rss_meta = self.meta(output.id, output.title, "feed.rss")
        self.emit("feed.rss", rss_meta, newest, render_rss, "rss")
        json_meta = self.meta(output.id, output.title, "feed.json")
        self.emit("feed.json", json_meta, newest, render_json_feed, "json")
        for tag in self.store.tags_in_use():
            chosen = StoryFilter(all_tags=(tag,))
            tag_newest = self.archived(
                chosen,
                f"tags/{tag}.atom",
                f"tags/{tag}/archive",
                f"{output.id}:tag:{tag}",
                f"{output.title}: {tag}",
            )
            if tag.startswith("country:"):
                code = tag.removeprefix("country:")
                path = f"countries/{code}.atom"
                self.emit(
                    path,
                    self.meta(
                        f"{output.id}:country:{code}", f"{output.title}: {code.upper()}", path
                    ),
                    tag_newest,
                )
        subtitles = self.store.source_subtitles()
        for source in self.config.sources:
            path = f"sources/{source.id}.atom"
            self.emit(
                path,
                replace(
                    self.meta(
                        f"{output.id}:source:{source.id}",
                        f"{output.title}: {source.title or source.id}",
                        path,
                    ),
                    subtitle=subtitles.get(source.id),  # the source feed's own
                ),
                self.store.latest_story_ids(StoryFilter(source_id=source.id), size),
            )
        opml = self.render_list(output.title, opml_sources(self.config))
        if opml is not None:
            self.documents["sources.opml"] = opml
        written = tuple(
            self.frozen_written
            + [
                relative
                for relative, content in self.documents.items()
                if write_atomically(self.config.output_dir / relative, content)
            ]
        )
        # Only once the files are there: the pages' ends, and what each document was made of.
        for folder, (first_page, last_ids) in self.new_bounds.items():
            self.store.add_archive_bounds(folder, first_page, last_ids)
        for relative, digest in self.digests.items():
            self.cache.remember(self.config.output_dir, relative, digest)
        # A document no longer made (a removed source's feed, a tag without stories) is not
        # "missing" when its file goes.
        self.cache.keep_only(self.emitted)
        self.cache.save(self.config.output_dir)
        if self.skipped:
            log.warning(
                "publish left out %d entries that could not be written (first: %s)",
                len(self.skipped),
                self.skipped[0],
            )
        for problem in self.failed:
            log.error("publish could not write %s", problem)
        return PublishResult(
            written=written,
            documents=len(self.documents) + self.kept + len(self.frozen_written),
            rendered=(*self.frozen_written, *self.documents),
            skipped=tuple(self.skipped),
            failed=tuple(self.failed),
        )


def opml_sources(config: Config, *, with_credentials: bool = False) -> list[OpmlSource]:
    """The sources as an OPML list names them: a feed by its address (without credentials,
    unless asked), an HTML source by our feed of it and its page."""
    listed = []
    for source in config.sources:
        address = source.url if with_credentials else source.shown_url
        html = source.type == "html"
        listed.append(
            OpmlSource(
                title=source.title or source.id,
                feed_url=feed_url(config.settings.output.base_url, f"sources/{source.id}.atom")
                if html
                else address,
                page_url=address if html else None,
                categories=tuple(t for t in (source.kind, source.country) if t),
            )
        )
    return listed


def why(problem: Exception) -> str:
    """A failure in one line, for logs and the publish state."""
    return " ".join(f"{type(problem).__name__}: {problem}".split())[:300]


def published_story_ids(store: Store, config: Config) -> set[int]:
    """Stories in any published subscription document: retention must not remove them."""
    size = config.settings.output.entries
    filters = [
        StoryFilter(),
        *(StoryFilter(all_tags=(tag,)) for tag in store.tags_in_use()),
        *(StoryFilter(source_id=source.id) for source in config.sources),
    ]
    return {story for chosen in filters for story in store.latest_story_ids(chosen, size)}


_SWEPT: set[Path] = set()


def _sweep_once(output_dir: Path) -> None:
    """The first publish of a process into a folder removes the temp files of writes a killed
    process left there (once: walking a big archive at every publish would cost)."""
    if output_dir in _SWEPT or not output_dir.is_dir():
        return
    _SWEPT.add(output_dir)
    for path in remove_stale_temp_files(output_dir, time.time()):
        log.warning("removed %s, left by a publish that never finished", path.name)


def publish_all(store: Store, config: Config, cache: RenderCache | None = None) -> PublishResult:
    """Render every published document from the store; write those whose bytes changed.
    Documents made from the same inputs as last time are skipped (`cache`: a daemon's own;
    without one, the digests the last publish saved in the output folder)."""
    return _Publisher(store, config, cache).run()


def render_query(
    store: Store, config: Config, all_tags: tuple[str, ...], none_tags: tuple[str, ...], query: str
) -> bytes:
    """A feed made on request: stories with all of `all_tags` and none of `none_tags`, and
    matching the full-text search `q=` of the query string if it has one (a saved search)."""
    publisher = _Publisher(store, config, RenderCache())  # renders one document, saves nothing
    output = config.settings.output
    words = " ".join(parse_qs(query).get("q", [])).strip() or None
    description = (
        " ".join([*all_tags, *(f"-{tag}" for tag in none_tags), *([f'"{words}"'] if words else [])])
        or "all"
    )
    meta = publisher.meta(
        # The id is an IRI (RFC 4287 4.2.6): no spaces or quotes, so the description is
        # percent-encoded in it.
        f"{output.id}:query:{quote(description, safe=':-')}",
        f"{output.title}: {description}",
        "feed.atom",
    )
    meta = replace(meta, self_url=f"{meta.self_url}?{query}")
    stories = store.latest_stories(
        output.entries, chosen=StoryFilter(all_tags=all_tags, none_tags=none_tags, text=words)
    )
    document = publisher.render("feed.atom?query", publisher.atom, meta, stories)
    if document is None:
        raise PublishError(publisher.failed[0])
    return document
