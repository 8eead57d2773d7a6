"""Stories -> Atom 1.0 (RFC 4287), with RFC 5005 archive links. feedgen is imported only in
this package.

Rendering is deterministic: the same stories give the same bytes (the feed's `updated` is its
newest entry's, never "now"), so a round with nothing new rewrites nothing and every ETag and
Last-Modified stays valid.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from aggregator.models import StoryEntry
from aggregator.normalize.entries import canonical_link
from aggregator.version import __version__

EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)
HISTORY_NS = "http://purl.org/syndication/history/1.0"
MEDIA_NS = "http://search.yahoo.com/mrss/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True)
class FeedMeta:
    """The feed-level fields of one published document."""

    id: str
    title: str
    self_url: str
    site_url: str
    subtitle: str | None = None
    icon: str | None = None
    logo: str | None = None
    hub: str | None = None  # a WebSub hub
    # RFC 5005: links between a subscription document and its archive pages.
    archive_links: dict[str, str] = field(default_factory=dict)  # rel -> href
    is_archive: bool = False  # a full, frozen archive page (<fh:archive/>)
    language: str | None = None  # xml:lang of the feed, <language> of RSS
    # A feed without entries says this as its `updated` (the store's creation): a fixed time,
    # so that an empty feed's bytes never change, and not 1970.
    updated_when_empty: datetime = EMPTY_FEED_UPDATED


class _FeedLinks(BaseExtension):  # type: ignore[misc]
    """Feed-level elements feedgen does not know: archive and hub links, <fh:archive/>."""

    def __init__(self) -> None:
        self.meta: FeedMeta | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"fh": HISTORY_NS, "media": MEDIA_NS}

    def extend_atom(self, feed_element: Any) -> Any:
        meta = self.meta
        if meta is None:
            return feed_element
        # Insert before the first entry: RFC 4287 puts no order on feed children, but readers
        # stream and some stop at the first <entry>.
        anchor = feed_element.find("entry")
        extra = []
        if meta.hub:
            extra.append(etree.Element("link", rel="hub", href=meta.hub))
        for rel, href in meta.archive_links.items():
            extra.append(etree.Element("link", rel=rel, href=href, type="application/atom+xml"))
        if meta.is_archive:
            extra.append(etree.Element(f"{{{HISTORY_NS}}}archive"))
        for element in extra:
            if anchor is not None:
                anchor.addprevious(element)
            else:
                feed_element.append(element)
        return feed_element


class _Provenance(BaseEntryExtension):  # type: ignore[misc]
    """Writes an entry's related links, xml:lang and an RFC 4287 atom:source (id, title,
    updated, links). Its `updated` is the source feed's as known when the shown item was last
    written, not the source's latest: that moves whenever the source has anything new, so
    every feed holding any entry of that source would change (new bytes, new ETag, a full
    download for every subscriber) although none of its entries did.

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
        if story.source.language:
            entry_element.set(XML_LANG, story.source.language)
        # The alternate link is written by feedgen (as <link href>, rel defaulting to it).
        seen = {canonical_link(story.link) or story.link} if story.also else set()
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
        for url, kind, length in media_links(story):
            enclosure = etree.SubElement(entry_element, "link", rel="enclosure", href=url)
            if kind:
                enclosure.set("type", kind)
            if length is not None:
                enclosure.set("length", str(length))
        if story.image:
            etree.SubElement(entry_element, f"{{{MEDIA_NS}}}thumbnail", url=story.image)
        source = story.source
        element = etree.SubElement(entry_element, "source")
        etree.SubElement(element, "id").text = source.feed_url
        etree.SubElement(element, "title").text = source.title
        if story.source_updated is not None:
            etree.SubElement(element, "updated").text = rfc3339(story.source_updated)
        etree.SubElement(element, "link", rel="self", href=source.feed_url)
        if source.site_link:
            etree.SubElement(element, "link", rel="alternate", href=source.site_link)
        return entry_element


def render_atom(meta: FeedMeta, entries: Sequence[StoryEntry], *, tag_scheme: str) -> bytes:
    """An Atom 1.0 document of the given stories, in the order given."""
    generator = FeedGenerator()
    generator.register_extension("feedlinks", _FeedLinks, _Provenance, rss=False)
    generator.feedlinks.meta = meta
    generator.id(meta.id)
    generator.title(meta.title)
    if meta.language:
        generator.language(meta.language)
    if meta.subtitle:
        generator.subtitle(meta.subtitle)
    if meta.icon:
        generator.icon(meta.icon)
    if meta.logo:
        generator.logo(meta.logo)
    generator.author({"name": meta.title})
    generator.link(href=meta.self_url, rel="self", type="application/atom+xml")
    generator.link(href=meta.site_url, rel="alternate", type="text/html")
    generator.generator("aggregator", version=__version__)
    generator.updated(max((e.updated for e in entries), default=meta.updated_when_empty))
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
        others = list(
            dict.fromkeys(ref.title for ref, _ in story.also if ref.title != story.source.title)
        )
        if story.content_html or not story.link or others:
            body = story.content_html or story.summary_html or escape(story.title)
            if others:  # shown by every reader, unlike atom:link rel="related"
                body += f"<p>Also reported by: {escape(', '.join(others))}</p>"
            entry.content(body, type="html")
        for tag in story.tags:
            entry.category(term=tag, scheme=tag_scheme, label=tag)
        entry.feedlinks.entry = story
    document: bytes = generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return document


def media_links(story: StoryEntry) -> list[tuple[str, str | None, int | None]]:
    """(url, media type, length) of every file a story's entry carries: its enclosures, then
    its picture when it is not one of them (its type guessed from its name)."""
    found = [(e.url, e.type, e.length) for e in story.enclosures]
    if story.image and story.image not in {url for url, _, _ in found}:
        found.append((story.image, mimetypes.guess_type(story.image)[0], None))
    return found


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
