"""The fast path: well-formed RSS 2.0, RSS 1.0 and Atom 1.0 read with lxml, many times faster
than feedparser, giving exactly what feedparser gives for the fields the project keeps.

feedparser stays the reference and the fallback. `parse_fast` reads a document only when every
element it meets is one it knows: one it reads the way feedparser does (titles, links, ids,
summaries, content, authors, categories, dates, enclosures, images, the feed's title, link and
subtitle), or one known to leave those fields alone (comments, trackbacks, geo positions, ...).
On sight of anything else (an element feedparser maps into a kept field by rules of precedence,
such as `media:description` or a second `<title>`; markup inside an RSS element; XHTML; a date
only feedparser's lenient parsers read; a DOCTYPE; an encoding the HTTP header and the document
disagree on; `xml:base` in RSS) it declines, and feedparser reads the document. Declining is
always safe: it never gives a silently different result.

What feedparser does to every text it reads is done here too: whitespace stripped at the ends;
text constructs typed (an RSS title is text unless it looks like HTML, by feedparser's own
test; Atom `type="text"` is text), text escaped so that normalization keeps its words; the
double-encoded UTF-8 of a UTF-8 document repaired (feedparser's "é" read as "Ã©" fix); relative
links and permalink guids resolved against the document's address (and Atom's `xml:base`); an
Atom id, or an RSS permalink guid, taken as the link when there is no link.

tests/evaluations/test_feedparser_corpus.py checks both paths against each other over
feedparser's own test corpus, and docs/parsing.md lists the intended differences. Entities
are never resolved and nothing is loaded from the network or disk.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape
from urllib.parse import urljoin

from feedparser.mixin import _FeedParserMixin
from lxml import etree

from aggregator.models import Enclosure, EntryData, ParsedFeed
from aggregator.parse.fields import item_image, read_length, read_ttl

ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
RSS1 = "{http://purl.org/rss/1.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
MEDIA = "{http://search.yahoo.com/mrss/}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
_UTF8 = {"utf-8", "utf8"}
_XML_TYPES = {"application/xml", "text/xml"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}

# Elements that leave every kept field alone in feedparser (no handler of theirs writes a
# title, link, id, summary, content, author, category, date, enclosure or image), by the
# namespace feedparser knows them under. Their subtrees are skipped.
_SLASH = "{http://purl.org/rss/1.0/modules/slash/}"
_WFW = "{http://wellformedweb.org/CommentAPI/}"
_THR = "{http://purl.org/syndication/thread/1.0}"
_GEORSS = "{http://www.georss.org/georss}"
_GEO = "{http://www.w3.org/2003/01/geo/wgs84_pos#}"
_SY = "{http://purl.org/rss/1.0/modules/syndication/}"
_FEEDBURNER = "{http://rssnamespace.org/feedburner/ext/1.0}"
_INERT_ITEM = {
    "comments",
    f"{_SLASH}comments",
    f"{_SLASH}section",
    f"{_SLASH}department",
    f"{_SLASH}hit_parade",
    f"{_WFW}commentRss",
    f"{_WFW}comment",
    f"{_THR}total",
    f"{_THR}in-reply-to",
    f"{_GEO}lat",
    f"{_GEO}long",
    f"{_FEEDBURNER}origLink",
    f"{_FEEDBURNER}origEnclosureLink",
}
_INERT_CHANNEL = {
    "generator",
    "docs",
    "cloud",
    "webMaster",
    "managingEditor",
    "copyright",
    "lastBuildDate",
    "pubDate",
    "category",
    "skipHours",
    "skipDays",
    "rating",
    "image",
    "textInput",
    "textinput",
    "ttl",
    "items",
    f"{DC}rights",
    f"{DC}publisher",
    f"{DC}date",
    f"{_SY}updatePeriod",
    f"{_SY}updateFrequency",
    f"{_SY}updateBase",
    f"{_FEEDBURNER}info",
    f"{_FEEDBURNER}emailServiceId",
    f"{_FEEDBURNER}feedburnerHostname",
    f"{_FEEDBURNER}feedFlare",
}


class Decline(Exception):
    """Not for the fast path: let feedparser read it."""


def parse_fast(body: bytes, *, url: str, content_type: str | None) -> ParsedFeed | None:
    """The feed, or None when feedparser must read this document."""
    try:
        _check_encoding(body, content_type)
        if b"<!DOCTYPE" in body[:4096] or b"<!doctype" in body[:4096]:
            raise Decline
        try:
            root = etree.fromstring(body, _PARSER, base_url=url)
        except (etree.XMLSyntaxError, ValueError) as problem:
            raise Decline from problem
        encoding = (root.getroottree().docinfo.encoding or "utf-8").lower()
        reader = _Reader(url, utf8=encoding in _UTF8)
        if root.tag == "rss" and root.get("version") in ("2.0", "0.91", "0.92"):
            return reader.rss(root, rss1=False)
        if root.tag == f"{RDF}RDF":
            return reader.rss(root, rss1=True)
        if root.tag == f"{ATOM}feed":
            return reader.atom(root)
        raise Decline
    except ValueError:
        return None  # an address urllib cannot split (an unclosed IPv6 bracket): for feedparser
    except Decline:
        return None


def _check_encoding(body: bytes, content_type: str | None) -> None:
    """lxml reads the BOM and the XML declaration; feedparser lets an HTTP charset win. Only
    documents where the two agree take the fast path."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type and media_type not in _XML_TYPES and not media_type.endswith("+xml"):
        raise Decline  # feedparser reads it, with a warning about the media type
    header = _HEADER_CHARSET.search(content_type or "")
    declared = _DECLARED.match(body[:512])
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Decline  # UTF-16/32: rare in feeds; feedparser's job
    if header is None:
        return
    wanted = header.group(1).lower()
    found = declared.group(1).decode().lower() if declared else "utf-8"
    if wanted != found and not (wanted in _UTF8 and found in _UTF8):
        raise Decline


class _Reader:
    """Reads one document as feedparser would (see the module's docstring)."""

    def __init__(self, url: str, *, utf8: bool) -> None:
        self.url = url
        self.utf8 = utf8

    # -- text, as feedparser's `pop` makes it --------------------------------------------------

    def text(self, element: etree._Element | None, *, typed: bool = False) -> str | None:
        """An element's text, stripped and repaired; markup inside is for feedparser, and so
        is a `type` or `mode` attribute where the format has none (`typed`: Atom's text
        constructs, whose `type` the caller read)."""
        if element is None:
            return None
        if len(element):
            raise Decline
        names = {str(name).lower() for name in element.attrib}
        if "mode" in names or ("type" in names and not typed):
            raise Decline
        return self.repaired((element.text or "").strip())

    def repaired(self, text: str) -> str:
        """feedparser's fix of UTF-8 that was taken for Latin-1 and encoded again."""
        if self.utf8 and not text.isascii():
            try:
                return text.encode("iso-8859-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        return text

    def link(self, text: str | None, base: str) -> str | None:
        """A link element's text: resolved, with feedparser's `&amp;` query repair."""
        if not text:
            return text
        text = text.replace("&amp;", "&")
        text = re.sub("&([A-Za-z0-9_]+);", r"&\g<1>", text)
        return urljoin(base, text)

    # -- RSS 2.0 and RSS 1.0 -------------------------------------------------------------------

    def rss(self, root: etree._Element, *, rss1: bool) -> ParsedFeed:
        namespace = RSS1 if rss1 else ""
        channel = root.find(f"{namespace}channel")
        if channel is None:
            raise Decline
        if any(XML_BASE in element.attrib for element in root.iter()):
            raise Decline  # feedparser resolves against every xml:base; rare in RSS
        items = root.findall(f"{namespace}item") if rss1 else channel.findall("item")
        fields: dict[str, etree._Element] = {}
        for child in channel:
            tag = _local_rss(child.tag, namespace)
            if tag in ("item", f"{namespace}item"):
                continue
            if tag in ("title", f"{DC}title"):
                _once(fields, "title", child)
            elif tag == "link":
                _once(fields, "link", child)
            elif tag in ("description", f"{DC}description", f"{ITUNES}subtitle"):
                _once(fields, "subtitle", child)
            elif tag in ("language", f"{DC}language"):
                _once(fields, "language", child)
            elif tag in ("lastBuildDate", f"{DC}date", f"{DCTERMS}modified", f"{ATOM}updated"):
                _once(fields, "updated", child)  # feedparser's `updated`, each of them
            elif tag == f"{ATOM}link":
                if (_attribute(child, "rel") or "alternate").lower() == "alternate":
                    raise Decline  # which link wins is feedparser's business
            elif tag in (f"{MEDIA}title", f"{MEDIA}description", f"{ITUNES}summary"):
                raise Decline  # the feed's title and description, by feedparser's precedence
            elif tag in _INERT_CHANNEL or tag.startswith((ITUNES, MEDIA)):
                continue
            elif _extension(tag):
                continue  # an extension feedparser stores under its own name
            else:
                raise Decline
        language = self.text(fields.get("language")) or _root_language(root)
        link = self.link(self.text(fields.get("link")), self.url)
        updated = fields.get("updated")
        return ParsedFeed(
            title=self.text_construct(fields.get("title"), html_unless_text=False),
            link=link,
            language=language or None,
            ttl=read_ttl(self.text(channel.find("ttl"))) if not rss1 else None,
            entries=tuple(self.rss_item(item, namespace) for item in items),
            subtitle=self.text_construct(fields.get("subtitle"), html_unless_text=True),
            updated=None
            if updated is None
            else _rfc822(self.text(updated))
            if updated.tag == "lastBuildDate"
            else _rfc3339(self.text(updated)),
        )

    def text_construct(
        self, element: etree._Element | None, *, html_unless_text: bool
    ) -> str | None:
        """An RSS text construct as HTML. Descriptions are HTML; titles are text unless they
        look like HTML by feedparser's own test."""
        value = self.text(element)
        if value is None:
            return None
        if html_unless_text or _FeedParserMixin.looks_like_html(value):
            return value
        return escape(value, quote=False)

    def rss_item(self, item: etree._Element, namespace: str) -> EntryData:
        fields: dict[str, etree._Element] = {}
        categories: list[str] = []
        enclosures: list[Enclosure] = []
        thumbnails: list[str | None] = []
        media: list[tuple[str | None, str | None, str | None]] = []
        itunes_image: str | None = None
        for child in item:
            tag = _local_rss(child.tag, namespace)
            if tag in ("title", f"{DC}title"):
                _once(fields, "title", child)
            elif tag == "link":
                _once(fields, "link", child)
            elif tag in ("description", f"{DC}description"):
                _once(fields, "summary", child)
            elif tag == f"{CONTENT}encoded":
                _once(fields, "content", child)
            elif tag == "guid":
                _once(fields, "guid", child)
            elif tag in ("pubDate", f"{DCTERMS}issued"):
                _once(fields, "published", child)
            elif tag in (f"{DC}date", f"{DCTERMS}modified"):
                _once(fields, "updated", child)
            elif tag in ("author", f"{DC}creator", f"{DC}author"):
                _once(fields, "author", child)
            elif tag in ("category", f"{DC}subject", f"{MEDIA}category"):
                categories.append(self.text(child) or "")
            elif tag == "enclosure":
                enclosure = self.enclosure(child.get("url"), child.get("type"), child.get("length"))
                if enclosure is not None:
                    enclosures.append(enclosure)
            elif tag == f"{MEDIA}thumbnail":
                thumbnails.append(child.get("url"))
            elif tag == f"{MEDIA}content":
                if len(child):
                    raise Decline  # media:title and friends inside: feedparser's precedence
                media.append((child.get("url"), child.get("type"), child.get("medium")))
            elif tag == f"{ITUNES}image":
                if itunes_image is not None:
                    raise Decline
                itunes_image = child.get("href")
            elif tag in _INERT_ITEM:
                continue
            else:
                raise Decline  # unknown here: feedparser may map it into a kept field
        guid_element = fields.get("guid")
        guid = self.text(guid_element)
        permalink = (
            guid_element is not None
            and (_attribute(guid_element, "isPermaLink") or "true") == "true"
        )
        if namespace and guid is None:
            guid = item.get(f"{RDF}about")
        elif guid and permalink:
            guid = urljoin(self.url, guid)  # feedparser resolves permalink guids
        link = self.link(self.text(fields.get("link")), self.url)
        if not link and guid_element is not None and permalink and guid:
            link = guid  # feedparser: a permalink guid is the link when there is none
        summary = self.text_construct(fields.get("summary"), html_unless_text=True)
        content = self.text_construct(fields.get("content"), html_unless_text=True) or ""
        issued = fields.get("published")
        read = _rfc822 if issued is not None and issued.tag == "pubDate" else _rfc3339
        published = read(self.text(issued))
        updated = _rfc3339(self.text(fields.get("updated")))
        title = self.text_construct(fields.get("title"), html_unless_text=False)
        return EntryData(
            guid=guid or None,
            link=link or None,
            title=title or "",
            # feedparser's rule: without a summary, the content is the summary too.
            summary=summary if summary is not None else content,
            content=content,
            author=self.text(fields.get("author")) or None,
            categories=tuple(categories),
            published=published,
            updated=updated,
            enclosures=tuple(enclosures),
            image=item_image(thumbnails, media, itunes_image, enclosures),
        )

    def enclosure(self, url: str | None, kind: str | None, length: str | None) -> Enclosure | None:
        url = (url or "").strip()
        if not url:
            return None
        return Enclosure(url, (kind or "").strip() or None, read_length(length))

    # -- Atom 1.0 ------------------------------------------------------------------------------

    def atom(self, root: etree._Element) -> ParsedFeed:
        base = _base(root, self.url)
        fields: dict[str, etree._Element] = {}
        for child in root:
            tag = child.tag
            if tag == f"{ATOM}entry":
                continue
            if tag == f"{ATOM}title":
                _once(fields, "title", child)
            elif tag == f"{ATOM}subtitle":
                _once(fields, "subtitle", child)
            elif tag == f"{ATOM}updated":
                _once(fields, "updated", child)
            elif not isinstance(tag, str) or tag in _ATOM_INERT_FEED or _extension(tag):
                continue
            else:
                raise Decline
        feed_id = self.text(root.find(f"{ATOM}id"))
        return ParsedFeed(
            title=self.atom_text(fields.get("title")),
            # feedparser's rule, as for entries: without a link, the (resolved) id is one.
            link=self.alternate(root, base, fallback=urljoin(base, feed_id) if feed_id else None),
            language=_root_language(root),
            ttl=None,
            entries=tuple(self.atom_entry(entry, base) for entry in root.findall(f"{ATOM}entry")),
            subtitle=self.atom_text(fields.get("subtitle")),
            updated=_rfc3339(self.text(fields.get("updated"))),
        )

    def atom_entry(self, entry: etree._Element, base: str) -> EntryData:
        base = _base(entry, base)
        fields: dict[str, etree._Element] = {}
        contents: list[etree._Element] = []
        categories: list[str] = []
        thumbnails: list[str | None] = []
        media: list[tuple[str | None, str | None, str | None]] = []
        for child in entry:
            tag = child.tag
            if tag in _ATOM_SINGLE:
                _once(fields, _ATOM_SINGLE[tag], child)
            elif tag == f"{ATOM}content":
                contents.append(child)
            elif tag in (f"{ATOM}category", f"{MEDIA}category"):
                if tag == f"{MEDIA}category":
                    categories.append(self.text(child) or "")
                else:
                    label = child.get("label") or child.get("term") or ""
                    categories.append(label.strip())
            elif tag == f"{MEDIA}thumbnail":
                thumbnails.append(child.get("url"))
            elif tag == f"{MEDIA}content":
                if len(child):
                    raise Decline
                media.append((child.get("url"), child.get("type"), child.get("medium")))
            elif not isinstance(tag, str) or tag in _ATOM_INERT_ENTRY or _extension(tag):
                continue  # (links are read below)
            else:
                raise Decline
        if len(contents) > 1 or any(c.get("src") for c in contents):
            raise Decline
        content = self.atom_text(contents[0]) if contents else None
        summary = self.atom_text(fields.get("summary"))
        summary_element = fields.get("summary")
        if summary_element is None and contents:
            summary_element = contents[0]  # feedparser's rule: the summary is the content
        guid = self.text(fields.get("id"))
        if guid:
            guid = urljoin(base, guid)  # feedparser resolves ids (they may be the link)
        author = self.atom_author(fields.get("author"))
        enclosures = self.atom_enclosures(entry, base)
        return EntryData(
            guid=guid or None,
            link=self.alternate(entry, base, fallback=guid or None),
            title=self.atom_text(fields.get("title")) or "",
            summary=summary if summary is not None else (content or ""),
            content=content or "",
            author=author,
            categories=tuple(categories),
            published=_rfc3339(self.text(fields.get("published"))),
            updated=_rfc3339(self.text(fields.get("updated"))),
            enclosures=enclosures,
            image=item_image(thumbnails, media, None, enclosures),
            summary_base=self.explicit_base(summary_element, base),
            content_base=self.explicit_base(contents[0] if contents else None, base),
        )

    def explicit_base(self, element: etree._Element | None, base: str) -> str | None:
        """The xml:base in effect for a text construct, when the document sets one."""
        if element is None:
            return None
        found = _base(element, base)
        return found if found != self.url else None

    def atom_text(self, element: etree._Element | None) -> str | None:
        """An Atom text construct as HTML (text escaped); XHTML is feedparser's."""
        if element is None:
            return None
        kind = (_attribute(element, "type") or "text").strip().lower()
        if kind in ("html", "text/html"):
            return self.text(element, typed=True)
        if kind in ("text", "text/plain", "plain"):
            value = self.text(element, typed=True)
            return escape(value, quote=False) if value is not None else None
        raise Decline  # xhtml, or another media type: feedparser's serialization

    def atom_author(self, element: etree._Element | None) -> str | None:
        if element is None:
            return None
        parts: dict[str, str] = {}
        for child in element:
            if child.tag in (f"{ATOM}name", f"{ATOM}email", f"{ATOM}uri"):
                if child.tag in parts:
                    raise Decline
                parts[child.tag] = self.text(child) or ""
            elif isinstance(child.tag, str):
                raise Decline
        name, email = parts.get(f"{ATOM}name"), parts.get(f"{ATOM}email")
        # feedparser's form: "Name (email)", or whichever of the two there is.
        return f"{name} ({email})" if name and email else name or email or None

    def alternate(self, element: etree._Element, base: str, fallback: str | None) -> str | None:
        """feedparser's link: the last alternate link of an HTML type, else `fallback`."""
        found = fallback
        for link in element.findall(f"{ATOM}link"):
            href = _attribute(link, "href")
            rel = (_attribute(link, "rel") or "alternate").lower()
            kind = _attribute(link, "type") or (
                "application/atom+xml" if rel == "self" else "text/html"
            )
            if href is None:
                raise Decline  # a link given as text: feedparser's reading
            if rel == "alternate" and kind.strip().lower() in _HTML_TYPES:
                found = urljoin(_base(link, base), href.strip())
        return found

    def atom_enclosures(self, entry: etree._Element, base: str) -> tuple[Enclosure, ...]:
        found = []
        for link in entry.findall(f"{ATOM}link"):
            if (_attribute(link, "rel") or "").lower() == "enclosure":
                kind = _attribute(link, "type") or "text/html"  # feedparser's default for links
                enclosure = self.enclosure(
                    _attribute(link, "href"), kind, _attribute(link, "length")
                )
                if enclosure is not None:
                    found.append(enclosure)
        return tuple(found)


_ATOM_SINGLE = {
    f"{ATOM}title": "title",
    f"{ATOM}id": "id",
    f"{ATOM}summary": "summary",
    f"{ATOM}published": "published",
    f"{ATOM}updated": "updated",
    f"{ATOM}author": "author",
}
_ATOM_INERT_ENTRY = (
    f"{ATOM}link",
    f"{ATOM}rights",
    f"{ATOM}contributor",
    f"{ATOM}source",
    f"{_THR}total",
    f"{_THR}in-reply-to",
    f"{_GEO}lat",
    f"{_GEO}long",
    f"{_FEEDBURNER}origLink",
)
_ATOM_INERT_FEED = {
    f"{ATOM}id",
    f"{ATOM}updated",
    f"{ATOM}link",
    f"{ATOM}author",
    f"{ATOM}contributor",
    f"{ATOM}generator",
    f"{ATOM}icon",
    f"{ATOM}logo",
    f"{ATOM}rights",
    f"{ATOM}category",
    f"{_FEEDBURNER}info",
    f"{_FEEDBURNER}emailServiceId",
    f"{_FEEDBURNER}feedburnerHostname",
}

# Namespaces feedparser has handlers for: elements of these that are not read or known to
# be inert above make the fast path decline (feedparser maps some of them into kept fields).
_KNOWN_NAMESPACES = (
    ATOM,
    RDF,
    RSS1,
    DC,
    DCTERMS,
    CONTENT,
    MEDIA,
    ITUNES,
    _GEORSS,
    "{http://www.w3.org/1999/xhtml}",
    "{http://purl.org/rss/1.0/modules/rss091#}",
    "{http://backend.userland.com/rss",
    "{http://blogs.law.harvard.edu/tech/rss}",
    "{http://my.netscape.com/rdf/simple/0.9/}",
    "{http://purl.org/atom/ns#}",
    "{http://purl.org/rss/1.0/modules/admin/}",
    "{http://web.resource.org/cc/}",
    "{http://backend.userland.com/creativeCommonsRssModule}",
    "{http://podlove.org/simple-chapters}",
    "{http://www.google.com/schemas/play-podcasts/1.0}",
)


def _extension(tag: str) -> bool:
    """An element in a namespace feedparser has no handlers for: stored under its own name."""
    return tag.startswith("{") and not tag.startswith(_KNOWN_NAMESPACES)


def _local_rss(tag: object, namespace: str) -> str:
    """RSS 1.0's own elements by their plain names, like RSS 2.0's; others as they are."""
    if not isinstance(tag, str):
        return ""
    return tag[len(namespace) :] if namespace and tag.startswith(namespace) else tag


def _root_language(root: etree._Element) -> str | None:
    """The language the document's root element declares, as feedparser reads it for the
    feed: `xml:lang` (or a plain `lang`), underscores made hyphens; an element <language>
    says otherwise."""
    declared = root.get(XML_LANG, root.get("lang"))
    return declared.replace("_", "-").strip() or None if declared else None


def _once(fields: dict[str, etree._Element], name: str, element: etree._Element) -> None:
    """Which of two titles (or links, dates, authors) wins is feedparser's business."""
    if name in fields:
        raise Decline
    fields[name] = element


def _attribute(element: etree._Element, name: str) -> str | None:
    """An attribute by its name in any case, as feedparser (which lowercases names) reads it."""
    value = element.get(name)
    if value is not None:
        return str(value)
    wanted = name.lower()
    return next((str(v) for k, v in element.attrib.items() if str(k).lower() == wanted), None)


def _base(element: etree._Element, base: str) -> str:
    declared = element.get(XML_BASE)
    return urljoin(base, declared.strip()) if declared else base


def _rfc822(value: str | None) -> datetime | None:
    if value is None or not value.strip():
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
        if parsed.tzinfo is None:
            raise Decline  # "-0000" or an unknown zone: feedparser's own reading
        return parsed.astimezone(UTC)
    except (TypeError, ValueError, IndexError, OverflowError) as problem:
        raise Decline from problem  # feedparser's reading, or no date


def _rfc3339(value: str | None) -> datetime | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not _RFC3339.match(text):
        raise Decline
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.astimezone(UTC).replace(microsecond=0)  # feedparser keeps whole seconds
    except (ValueError, OverflowError) as problem:  # 25:61, February 30, the year 10000
        raise Decline from problem
