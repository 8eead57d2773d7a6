"""Stories -> Atom documents, written atomically. The only module that imports feedgen.

Rendering is deterministic: the same stories give the same bytes (the feed's `updated` is its
newest entry's, never "now"), so a round with nothing new rewrites nothing and every ETag and
Last-Modified stays valid.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from . import __version__
from .config import Config
from .models import StoryEntry
from .normalize import canonical_link
from .store import Store

EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class FeedMeta:
    """The feed-level fields of one published document."""

    id: str
    title: str
    self_url: str
    site_url: str
    subtitle: str | None = None


def tag_path(tag: str) -> str:
    return f"tags/{tag}.atom"


class _ProvenanceFeed(BaseExtension):  # type: ignore[misc]
    pass


class _Provenance(BaseEntryExtension):  # type: ignore[misc]
    """Writes an entry's related links and a full RFC 4287 atom:source (id, title, links,
    updated).

    feedgen 1.0's entry `link()` drops rel, type and title when it serializes (it overwrites
    the link's dict with the new element before reading them), and its `source()` has only
    title and link. feedgen writes entries in no namespace under a default xmlns, so these
    elements are made the same way.
    """

    def __init__(self) -> None:
        self.entry: StoryEntry | None = None

    def extend_atom(self, entry_element: Any) -> Any:
        story = self.entry
        if story is None:
            return entry_element
        # The alternate link is written by feedgen (as <link href>, rel defaulting to it).
        seen = {canonical_link(story.link) or story.link}
        for other, link in story.also:
            if link and (canonical_link(link) or link) not in seen:
                seen.add(canonical_link(link) or link)
                etree.SubElement(
                    entry_element,
                    "link",
                    rel="related",
                    type="text/html",
                    href=link,
                    title=other.title,
                )
        source = story.source
        element = etree.SubElement(entry_element, "source")
        etree.SubElement(element, "id").text = source.feed_url
        etree.SubElement(element, "title").text = source.title
        etree.SubElement(element, "link", rel="self", href=source.feed_url)
        if source.site_link:
            etree.SubElement(element, "link", rel="alternate", href=source.site_link)
        if source.updated:
            etree.SubElement(element, "updated").text = _rfc3339(source.updated)
        return entry_element


def render_atom(meta: FeedMeta, entries: Sequence[StoryEntry], *, tag_scheme: str) -> bytes:
    """An Atom 1.0 document of the given stories, newest first as given."""
    generator = FeedGenerator()
    generator.register_extension("provenance", _ProvenanceFeed, _Provenance, rss=False)
    generator.id(meta.id)
    generator.title(meta.title)
    if meta.subtitle:
        generator.subtitle(meta.subtitle)
    generator.author({"name": meta.title})
    generator.link(href=meta.self_url, rel="self", type="application/atom+xml")
    generator.link(href=meta.site_url, rel="alternate", type="text/html")
    generator.generator("aggregator", version=__version__)
    generator.updated(max((e.updated for e in entries), default=EMPTY_FEED_UPDATED))
    for story in entries:
        entry = generator.add_entry(order="append")
        entry.id(story.entry_id)
        entry.title(story.title)
        entry.published(story.published)
        entry.updated(max(story.updated, story.published))
        entry.author({"name": story.author or story.source.title})
        if story.link:
            entry.link(href=story.link, rel="alternate")
        if story.summary_html:
            entry.summary(story.summary_html, type="html")
        if story.content_html or not story.link:
            entry.content(story.content_html or story.summary_html or story.title, type="html")
        for tag in story.tags:
            entry.category(term=tag, scheme=tag_scheme, label=tag)
        entry.provenance.entry = story
    document: bytes = generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return document


def write_atomically(path: Path, content: bytes) -> bool:
    """Write `content` to `path` via a temp file and rename; False (and no write) if the file
    already holds exactly these bytes, so its mtime (Last-Modified) stays as it was."""
    try:
        if path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return True


def feed_url(base_url: str, relative: str) -> str:
    return base_url + quote(relative, safe="/:")


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class PublishResult:
    written: tuple[str, ...]
    documents: int


def publish_all(store: Store, config: Config) -> PublishResult:
    """Render the combined feed and one feed per tag from the store; write what changed."""
    output = config.settings.output
    base = output.base_url
    tag_scheme = base + "tags/"
    documents = {
        "feed.atom": render_atom(
            FeedMeta(
                id=output.id,
                title=output.title,
                self_url=feed_url(base, "feed.atom"),
                site_url=base,
            ),
            store.latest_stories(output.entries),
            tag_scheme=tag_scheme,
        )
    }
    for tag in store.tags_in_use():
        relative = tag_path(tag)
        documents[relative] = render_atom(
            FeedMeta(
                id=f"{output.id}:tag:{tag}",
                title=f"{output.title}: {tag}",
                self_url=feed_url(base, relative),
                site_url=base,
            ),
            store.latest_stories(output.entries, tag=tag),
            tag_scheme=tag_scheme,
        )
    written = tuple(
        relative
        for relative, content in documents.items()
        if write_atomically(config.output_dir / relative, content)
    )
    return PublishResult(written=written, documents=len(documents))
