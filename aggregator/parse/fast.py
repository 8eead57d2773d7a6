"""The fast path: well-formed RSS 2.0, RSS 1.0 and Atom 1.0 read with lxml, about 30 times
faster than feedparser (issue #8).

feedparser stays the reference and the fallback: `parse_fast` returns None for anything it is
not sure to read exactly as feedparser would (not well-formed XML, a DOCTYPE, a charset the
HTTP header and the document disagree on, XHTML text constructs, markup inside RSS elements,
a date only feedparser's lenient parsers read, an unknown root), and the caller then uses
feedparser. tests/test_fast_parse.py checks that both give the same items over the project's
fixtures; bench/parse_diff.py does the same over any folder of feeds.

Entities are never resolved and nothing is loaded from the network or disk: a document with a
DOCTYPE is left to feedparser, which strips it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree

from ..models import EntryData, ParsedFeed
from .fields import read_ttl

ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
RSS1 = "{http://purl.org/rss/1.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

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
        if root.tag == "rss" and root.get("version") in ("2.0", "0.91", "0.92"):
            return _rss(root, url, RSS_NAMES)
        if root.tag == f"{RDF}RDF":
            return _rss(root, url, RSS1_NAMES)
        if root.tag == f"{ATOM}feed":
            return _atom(root, url)
        raise Decline
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


class _Names:
    def __init__(self, ns: str) -> None:
        self.channel = f"{ns}channel"
        self.item = f"{ns}item"
        self.title = f"{ns}title"
        self.link = f"{ns}link"
        self.description = f"{ns}description"
        self.guid = f"{ns}guid"
        self.author = f"{ns}author"
        self.category = f"{ns}category"
        self.pub_date = f"{ns}pubDate"
        self.language = f"{ns}language"
        self.ttl = f"{ns}ttl"
        self.single = {
            self.title,
            self.link,
            self.description,
            self.guid,
            self.pub_date,
            self.author,
            f"{DC}creator",
            f"{DC}date",
            f"{CONTENT}encoded",
        }


RSS_NAMES = _Names("")
RSS1_NAMES = _Names(RSS1)


def _rss(root: etree._Element, url: str, names: _Names) -> ParsedFeed:
    channel = root.find(names.channel)
    if channel is None:
        raise Decline
    # RSS 1.0 puts its items beside the channel; RSS 2.0 inside it.
    entries = root.findall(names.item) if names is RSS1_NAMES else channel.findall(names.item)
    language = _plain(channel.find(names.language)) or _plain(channel.find(f"{DC}language"))
    return ParsedFeed(
        title=_strip(_plain(channel.find(names.title))),
        link=_resolved(_plain(channel.find(names.link)), url),
        language=_strip(language),
        ttl=read_ttl(_plain(channel.find(names.ttl))),
        entries=tuple(_rss_entry(item, url, names) for item in entries),
    )


def _rss_entry(item: etree._Element, url: str, names: _Names) -> EntryData:
    seen: set[str] = set()
    for child in item:
        tag = child.tag
        if tag in names.single and tag in seen:
            raise Decline  # which of two titles (or links, dates, authors) wins is feedparser's
        seen.add(tag)
    guid_element = item.find(names.guid)
    guid = _strip(_plain(guid_element))
    if names is RSS1_NAMES and guid is None:
        guid = _strip(item.get(f"{RDF}about"))
    link = _strip(_plain(item.find(names.link)))
    if link is None and guid_element is not None and guid and _is_permalink(guid_element, guid):
        link = guid  # feedparser's rule: a permalink guid is the link when there is none
    if names.author in seen and f"{DC}creator" in seen:
        raise Decline
    author = _plain(item.find(names.author)) or _plain(item.find(f"{DC}creator"))
    published = _rfc822(_plain(item.find(names.pub_date)))
    dc_date = _plain(item.find(f"{DC}date"))
    updated = None
    if dc_date is not None:
        if published is not None:
            raise Decline  # feedparser's precedence between the two is its own business
        # feedparser reads dc:date as both the publication and the update date.
        published = updated = _rfc3339(dc_date)
    categories = [_plain(c) or "" for c in item.findall(names.category)]
    categories += [_plain(c) or "" for c in item.findall(f"{DC}subject")]
    content = _plain(item.find(f"{CONTENT}encoded")) or ""
    summary = _plain(item.find(names.description))
    return EntryData(
        guid=guid,
        link=_resolved(link, url),
        title=_plain(item.find(names.title)) or "",
        # feedparser's rule: without a summary, the content is the summary too.
        summary=summary if summary is not None else content,
        content=content,
        author=_strip(author),
        categories=tuple(c.strip() for c in categories),
        published=published,
        updated=updated,
    )


def _is_permalink(guid: etree._Element, value: str) -> bool:
    return guid.get("isPermaLink", "true").lower() != "false" and value.startswith(
        ("http://", "https://")
    )


def _atom(root: etree._Element, url: str) -> ParsedFeed:
    base = _base(root, url)
    return ParsedFeed(
        title=_strip(_text_construct(root.find(f"{ATOM}title"))),
        link=_alternate(root, base),
        language=_strip(root.get("{http://www.w3.org/XML/1998/namespace}lang")),
        ttl=None,
        entries=tuple(_atom_entry(entry, base) for entry in root.findall(f"{ATOM}entry")),
    )


def _atom_entry(entry: etree._Element, base: str) -> EntryData:
    base = _base(entry, base)
    contents = [_text_construct(c) or "" for c in entry.findall(f"{ATOM}content")]
    if any(c.get("src") for c in entry.findall(f"{ATOM}content")):
        raise Decline
    name = _strip(_plain(entry.find(f"{ATOM}author/{ATOM}name")))
    email = _strip(_plain(entry.find(f"{ATOM}author/{ATOM}email")))
    # feedparser's form: "Name (email)", or whichever of the two there is.
    author = f"{name} ({email})" if name and email else name or email
    summary = _text_construct(entry.find(f"{ATOM}summary"))
    categories = tuple(
        (c.get("label") or c.get("term") or "").strip() for c in entry.findall(f"{ATOM}category")
    )
    return EntryData(
        guid=_strip(_plain(entry.find(f"{ATOM}id"))),
        link=_alternate(entry, base),
        title=_text_construct(entry.find(f"{ATOM}title")) or "",
        summary=summary if summary is not None else (contents[0] if contents else ""),
        content="\n".join(contents),
        author=author,
        categories=categories,
        published=_rfc3339(_plain(entry.find(f"{ATOM}published"))),
        updated=_rfc3339(_plain(entry.find(f"{ATOM}updated"))),
    )


def _base(element: etree._Element, base: str) -> str:
    declared = element.get(XML_BASE)
    return urljoin(base, declared.strip()) if declared else base


def _alternate(element: etree._Element, base: str) -> str | None:
    for link in element.findall(f"{ATOM}link"):
        href = link.get("href")
        if link.get("rel", "alternate") == "alternate" and href and href.strip():
            return urljoin(_base(link, base), href.strip())
    return None


def _text_construct(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    if element.get("type", "text") not in ("text", "html", "text/plain", "text/html"):
        raise Decline  # xhtml: feedparser serializes the markup its own way
    return _plain(element)


def _plain(element: etree._Element | None) -> str | None:
    """An element's text; markup inside it (an unescaped <p> in a description) is for
    feedparser, which reads it as HTML."""
    if element is None:
        return None
    if len(element):
        raise Decline
    return element.text or ""


def _strip(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _resolved(link: str | None, base: str) -> str | None:
    link = _strip(link)
    return urljoin(base, link) if link else None


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
