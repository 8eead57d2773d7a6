"""The combined feed as RSS 2.0 and JSON Feed 1.1, and the sources as OPML 2.0."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from feedgen.feed import FeedGenerator
from lxml import etree

from aggregator.models import StoryEntry
from aggregator.normalize.entries import plain_text
from aggregator.publish.atom import FeedMeta, media_links, rfc3339
from aggregator.version import __version__


def render_rss(meta: FeedMeta, entries: Sequence[StoryEntry]) -> bytes:
    generator = FeedGenerator()
    generator.title(meta.title)
    if meta.language:
        generator.language(meta.language)
    generator.link(href=meta.site_url, rel="alternate")
    generator.link(href=meta.self_url, rel="self")
    generator.description(meta.subtitle or meta.title)
    generator.generator(f"aggregator {__version__}")
    generator.lastBuildDate(max((e.updated for e in entries), default=meta.updated_when_empty))
    for story in entries:
        entry = generator.add_entry(order="append")
        entry.guid(story.entry_id, permalink=False)
        entry.title(story.title)
        if story.link:
            entry.link(href=story.link)
        # An item without a body shows its title, as text: escaped into the HTML.
        entry.description(story.summary_html or story.content_html or escape(story.title))
        if story.content_html:
            entry.content(story.content_html, type="CDATA")
        entry.pubDate(story.published)
        files = media_links(story)
        if files:  # RSS 2.0 allows one enclosure per item: the first
            url, kind, length = files[0]
            entry.enclosure(url, str(length or 0), kind or "application/octet-stream")
        entry.source(url=story.source.feed_url, title=story.source.title)
        for tag in story.tags:
            entry.category(term=tag)
    document: bytes = generator.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return document


def render_json_feed(meta: FeedMeta, entries: Sequence[StoryEntry]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = []
    for story in entries:
        item: dict[str, object] = {
            "id": story.entry_id,
            "title": story.title,
            "content_html": story.content_html or story.summary_html or escape(story.title),
            "date_published": rfc3339(story.published),
            "date_modified": rfc3339(max(story.updated, story.published)),
            "authors": [{"name": story.author or story.source.title}],
            "tags": list(story.tags),
        }
        if story.link:
            item["url"] = story.link
        if story.image:
            item["image"] = story.image
        files = media_links(story)
        if files:
            item["attachments"] = [
                {
                    "url": url,
                    "mime_type": kind or "application/octet-stream",
                    **({"size_in_bytes": length} if length is not None else {}),
                }
                for url, kind, length in files
            ]
        if story.summary_html:
            item["summary"] = plain_text(story.summary_html)
        if story.source.language:
            item["language"] = story.source.language
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "home_page_url": meta.site_url,
        "feed_url": meta.self_url,
        "items": items,
    }
    if meta.icon:
        document["icon"] = meta.icon
    if meta.hub:
        document["hubs"] = [{"type": "WebSub", "url": meta.hub}]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class OpmlSource:
    title: str
    feed_url: str  # the source's own feed, or our republished feed of an HTML source
    page_url: str | None
    categories: tuple[str, ...]


def render_opml(title: str, sources: Sequence[OpmlSource]) -> bytes:
    """OPML 2.0 listing the sources, for importing them into a feed reader."""
    opml = etree.Element("opml", version="2.0")
    head = etree.SubElement(opml, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(opml, "body")
    for source in sources:
        outline = etree.SubElement(
            body,
            "outline",
            type="rss",
            text=source.title,
            title=source.title,
            xmlUrl=source.feed_url,
        )
        if source.page_url:
            outline.set("htmlUrl", source.page_url)
        if source.categories:
            outline.set("category", ",".join(source.categories))
    document: bytes = etree.tostring(
        opml, pretty_print=True, xml_declaration=True, encoding="UTF-8"
    )
    return document
