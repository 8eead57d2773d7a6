"""Publishing: every feed the aggregator offers, rendered from the store and written atomically.

Files under `output.dir`:
  feed.atom, feed.rss, feed.json        the combined feed (newest `entries` stories)
  archive/<n>.atom                      its RFC 5005 archive pages, oldest first
  tags/<tag>.atom, tags/<tag>/archive/<n>.atom   one feed (and archive) per tag
  countries/<cc>.atom                   stories about / from a country (the `country:cc` tag)
  sources/<id>.atom                     one feed per source
  sources.opml                          the sources, for importing into a reader
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs, quote

from ..config import Config
from ..models import StoryEntry
from ..store import Store, StoryFilter
from .atom import FeedMeta, render_atom
from .files import write_atomically
from .other_formats import OpmlSource, render_json_feed, render_opml, render_rss

__all__ = [
    "FeedMeta",
    "PublishResult",
    "publish_all",
    "render_atom",
    "render_query",
    "write_atomically",
]

FROZEN_MARK = b"<fh:archive"


@dataclass(frozen=True, slots=True)
class PublishResult:
    written: tuple[str, ...]
    documents: int


def feed_url(base_url: str, relative: str) -> str:
    return base_url + quote(relative, safe="/:")


class _Publisher:
    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.config = config
        self.output = config.settings.output
        self.documents: dict[str, bytes] = {}
        self.frozen: set[str] = set()

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
        )

    def atom(self, meta: FeedMeta, entries: list[StoryEntry]) -> bytes:
        return render_atom(meta, entries, tag_scheme=self.output.base_url + "tags/")

    def archived(
        self, chosen: StoryFilter, relative: str, folder: str, feed_id: str, title: str
    ) -> None:
        """A subscription document with RFC 5005 archive pages of `entries` stories each.

        Pages hold stories in the order they were first stored. Page k is full once the
        feed has k * entries stories; it is then written once, marked <fh:archive/>, and
        never rewritten. The last page is open (it may be empty) and rewritten as it grows;
        the subscription document holds it all, plus the newest stories, so walking back
        through `prev-archive` misses nothing.
        """
        size = self.output.entries
        newest = self.store.latest_stories(size, chosen=chosen)
        if not self.output.archive:
            self.documents[relative] = self.atom(self.meta(feed_id, title, relative), newest)
            return
        full = self.store.count_stories(chosen) // size
        base = self.output.base_url
        current = feed_url(base, relative)

        def page_url(number: int) -> str:
            return feed_url(base, f"{folder}/{number}.atom")

        for number in range(1, full + 1):
            path = f"{folder}/{number}.atom"
            target = self.config.output_dir / path
            if target.exists() and FROZEN_MARK in target.read_bytes()[:4096]:
                continue  # frozen: an archive page never changes once full
            links = {"current": current, "next-archive": page_url(number + 1)}
            if number > 1:
                links["prev-archive"] = page_url(number - 1)
            stories = self.store.stories_in_arrival_order(chosen, (number - 1) * size, size)
            self.documents[path] = self.atom(
                self.meta(
                    f"{feed_id}:archive:{number}",
                    f"{title} (archive {number})",
                    path,
                    archive_links=links,
                    is_archive=True,
                ),
                list(reversed(stories)),
            )
            self.frozen.add(path)
        open_number = full + 1
        open_path = f"{folder}/{open_number}.atom"
        open_stories = self.store.stories_in_arrival_order(chosen, full * size, size)
        open_links = {"current": current}
        if full:
            open_links["prev-archive"] = page_url(full)
        self.documents[open_path] = self.atom(
            self.meta(
                f"{feed_id}:archive:{open_number}",
                f"{title} (archive {open_number})",
                open_path,
                archive_links=open_links,
            ),
            list(reversed(open_stories)),
        )
        entries = {story.entry_id: story for story in [*newest, *open_stories]}
        ordered = sorted(entries.values(), key=lambda s: (s.published, s.entry_id), reverse=True)
        links = {"prev-archive": page_url(full)} if full else {}
        self.documents[relative] = self.atom(
            self.meta(feed_id, title, relative, archive_links=links), ordered
        )

    def run(self) -> PublishResult:
        output, size = self.output, self.output.entries
        self.archived(StoryFilter(), "feed.atom", "archive", output.id, output.title)
        newest = self.store.latest_stories(size)
        self.documents["feed.rss"] = render_rss(
            self.meta(output.id, output.title, "feed.rss"), newest
        )
        self.documents["feed.json"] = render_json_feed(
            self.meta(output.id, output.title, "feed.json"), newest
        )
        for tag in self.store.tags_in_use():
            chosen = StoryFilter(all_tags=(tag,))
            self.archived(
                chosen,
                f"tags/{tag}.atom",
                f"tags/{tag}/archive",
                f"{output.id}:tag:{tag}",
                f"{output.title}: {tag}",
            )
            if tag.startswith("country:"):
                code = tag.removeprefix("country:")
                path = f"countries/{code}.atom"
                self.documents[path] = self.atom(
                    self.meta(
                        f"{output.id}:country:{code}", f"{output.title}: {code.upper()}", path
                    ),
                    self.store.latest_stories(size, chosen=chosen),
                )
        for source in self.config.sources:
            path = f"sources/{source.id}.atom"
            self.documents[path] = self.atom(
                self.meta(
                    f"{output.id}:source:{source.id}",
                    f"{output.title}: {source.title or source.id}",
                    path,
                ),
                self.store.latest_stories(size, chosen=StoryFilter(source_id=source.id)),
            )
        self.documents["sources.opml"] = render_opml(
            output.title,
            [
                OpmlSource(
                    title=source.title or source.id,
                    feed_url=source.url
                    if source.type != "html"
                    else feed_url(output.base_url, f"sources/{source.id}.atom"),
                    page_url=source.url if source.type == "html" else None,
                    categories=tuple(t for t in (source.kind, source.country) if t),
                )
                for source in self.config.sources
            ],
        )
        written = tuple(
            relative
            for relative, content in self.documents.items()
            if write_atomically(self.config.output_dir / relative, content)
        )
        return PublishResult(written=written, documents=len(self.documents))


def published_story_ids(store: Store, config: Config) -> set[int]:
    """Stories in any published subscription document: retention must not remove them."""
    size = config.settings.output.entries
    filters = [
        StoryFilter(),
        *(StoryFilter(all_tags=(tag,)) for tag in store.tags_in_use()),
        *(StoryFilter(source_id=source.id) for source in config.sources),
    ]
    return {story for chosen in filters for story in store.latest_story_ids(chosen, size)}


def publish_all(store: Store, config: Config) -> PublishResult:
    """Render every published document from the store; write those whose bytes changed."""
    return _Publisher(store, config).run()


def render_query(
    store: Store, config: Config, all_tags: tuple[str, ...], none_tags: tuple[str, ...], query: str
) -> bytes:
    """A feed made on request: stories with all of `all_tags` and none of `none_tags`, and
    matching the full-text search `q=` of the query string if it has one (a saved search)."""
    publisher = _Publisher(store, config)
    output = config.settings.output
    words = " ".join(parse_qs(query).get("q", [])).strip() or None
    description = (
        " ".join([*all_tags, *(f"-{tag}" for tag in none_tags), *([f'"{words}"'] if words else [])])
        or "all"
    )
    meta = publisher.meta(
        f"{output.id}:query:{description}", f"{output.title}: {description}", "feed.atom"
    )
    meta = replace(meta, self_url=f"{meta.self_url}?{query}")
    stories = store.latest_stories(
        output.entries, chosen=StoryFilter(all_tags=all_tags, none_tags=none_tags, text=words)
    )
    return publisher.atom(meta, stories)
