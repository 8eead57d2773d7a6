"""Entries -> items: canonical links, sanitized HTML, plain text, trusted dates, content hash.

Pure functions of their arguments. HTML is sanitized here, with nh3, before anything is stored:
what the store holds is already safe to republish.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import datetime
from functools import lru_cache
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

import nh3
from w3lib.url import canonicalize_url

from aggregator.hygiene import clean_optional, clean_text, join_url
from aggregator.models import Enclosure, EntryData, ItemData
from aggregator.normalize.dates import date_note, plausible
from aggregator.normalize.similarity import band_keys

_SAFE_SCHEMES = {"http", "https", "mailto"}
_URL_ATTRIBUTES = {"href", "src", "cite", "poster"}
# Query parameters that only track the reader; they never change which page a link names.
_TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "_hsenc",
    # session ids: one page, many visitors
    "jsessionid",
    "phpsessid",
    "sid",
    "sessionid",
    "session_id",
    "aspsessionid",
}
_SESSION_IN_PATH = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_link(url: str | None, *, ignore_www: bool = False) -> str | None:
    """The form of a link used to recognise the same page: lowercase scheme and host, no default
    port, no fragment, no tracking parameters. None for anything that is not an http(s) URL."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ignore_www and host.startswith("www."):
        host = host[4:]
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
        ]
    )
    path = _SESSION_IN_PATH.sub("", parts.path) or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"  # /news/x/ and /news/x are one page on these sites
    # w3lib (Scrapy's) settles the rest: percent-encoding, the order of query arguments.
    return canonicalize_url(urlunsplit((scheme, host, path, query, "")))


def same_site_forms(link: str) -> tuple[str, str]:
    """A canonical link and its form on the same host with or without a leading "www.":
    one page for recognising a story across sources (docs/stories.md)."""
    scheme, rest = link.split("://", 1) if "://" in link else ("", link)
    other = rest[4:] if rest.startswith("www.") else f"www.{rest}"
    return link, f"{scheme}://{other}" if scheme else other


def site_key(link: str) -> str:
    """The one form of a canonical link that www. and bare hosts share."""
    scheme, rest = link.split("://", 1) if "://" in link else ("", link)
    rest = rest[4:] if rest.startswith("www.") else rest
    return f"{scheme}://{rest}" if scheme else rest


def safe_link(url: str | None, base: str | None) -> str | None:
    """An absolute http(s) link, or None: `javascript:` and `data:` links never get through."""
    if not url:
        return None
    absolute = join_url(base, url.strip())
    if absolute is None or urlsplit(absolute).scheme.lower() not in ("http", "https"):
        return None
    # What breaks an address wherever it is written (a space, a quote, angle brackets,
    # controls): its percent escape, as a browser sends it. The characters URIs forbid but
    # every reader takes (`|`, `{`, `^`, a backslash) stay: escaping them would change the
    # canonical link, and so the key, of items stored before.
    return _BREAKS_AN_ADDRESS.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), absolute
    )


_BREAKS_AN_ADDRESS = re.compile(r'[\x00-\x20"<>\x7f]')


# The sanitizer's input is bounded. html5ever's cost grows with the square of the nesting
# depth, and with the open formatting elements times the blocks after them (they are rebuilt
# inside each block, so a small fragment can swell into huge output and memory; measured cases:
# docs/performance.md, "Bounds on hostile input"). A fragment deeper than MAX_DEPTH, with
# more than MAX_FORMATTING formatting elements open at once or more than MAX_ELEMENTS
# elements keeps its text only; a fragment longer than MAX_HTML is cut (its open elements
# are closed).
MAX_HTML = 512 * 1024
# What an item keeps and every feed republishes: a summary is a paragraph or a few, a release's
# whole text rarely passes 50 KB. A source sending 1 MB per item made every published feed
# about 100 MB and each publish take 10 s and 1 GB; cut here, a feed of 100 entries stays
# under about 16 MB whatever the sources send.
MAX_SUMMARY_HTML = 32 * 1024
MAX_CONTENT_HTML = 128 * 1024
MAX_DEPTH = 256
MAX_FORMATTING = 16
MAX_ELEMENTS = 20_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
# Elements that never nest (void) or close themselves when a sibling starts (optional end
# tags): counting them would take a list of 300 unclosed <li> for 300 levels.
_VOID = "area base br col embed hr img input link meta source track wbr"
_OPTIONAL_END = "li p dt dd option optgroup tr td th thead tbody tfoot colgroup rb rt rp"
_FLAT = frozenset(f"{_VOID} {_OPTIONAL_END}".split())
# HTML's "formatting elements": a parser reopens the ones left open in every new block.
_FORMATTING = frozenset(
    [
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "nobr",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
    ]
)


def costly_html(fragment: str) -> bool:
    """Whether `fragment` would cost an HTML parser far more than its size (see above). Its
    elements are nested roughly as a parser nests them: an end tag closes the open elements
    down to its own and an end tag of nothing open closes nothing (`<div></span>` nests);
    `<div/>` opens a div (only void elements close themselves)."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    formatting = elements = 0
    for closing, name in _TAG.findall(fragment):
        name = name.lower()
        if not closing:
            elements += 1
            if elements > MAX_ELEMENTS:
                return True
        if name in _FLAT:
            continue
        if not closing:
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            formatting += name in _FORMATTING
            if len(stack) > MAX_DEPTH or formatting > MAX_FORMATTING:
                return True
        elif open_count.get(name):
            while stack:
                top = stack.pop()
                open_count[top] -= 1
                formatting -= top in _FORMATTING
                if top == name:
                    break
    return False


def _text_only(fragment: str) -> str:
    """A fragment too costly to sanitize as HTML: its text, escaped, in one paragraph."""
    text = collapse_whitespace(html.unescape(_TAG.sub(" ", fragment)))
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""


def _bounded(fragment: str, limit: int = MAX_HTML) -> str:
    """At most `limit` characters of `fragment`, cut before a tag rather than inside one,
    and clean (nh3 takes no lone surrogates)."""
    if len(fragment) > limit:
        fragment = fragment[:limit]
        opened = fragment.rfind("<")
        if opened > fragment.rfind(">"):
            fragment = fragment[:opened]
    return clean_text(fragment)


def http_url(url: str | None) -> str | None:
    """`url` as published if it is an absolute http(s) address (characters that break an
    address escaped), else None: the test every address passes before it is written into a
    published document."""
    # An absolute http(s) address resolves to itself against no base; the one safe_link gives
    # back (escaped where it must be) is written, so that a link stored before escaping was
    # done is published escaped, not dropped.
    return safe_link(url, None) if url else None


def published_link(url: str | None) -> str | None:
    """The link as subscribers get it: an http(s) address (http_url) without the parts that
    only track the reader or name the reader's session (utm_* and the other tracking
    parameters, session ids), with the scheme and host in lower case, no default port and no
    user name or password. Kept as the source wrote them: the path, the other query
    parameters in their order and encoding, and the fragment (it may name a part of the
    page). Unlike canonical_link, it never changes which page the link opens."""
    safe = http_url(url)
    if safe is None:
        return None
    parts = urlsplit(safe.strip())
    try:
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address keeps its brackets
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    kept = [pair for pair in parts.query.split("&") if pair and not _tracks(pair.split("=", 1)[0])]
    path = _SESSION_IN_PATH.sub("", parts.path)
    return urlunsplit((scheme, host, path, "&".join(kept), parts.fragment))


def _tracks(key: str) -> bool:
    name = unquote_plus(key).lower()
    return name.startswith("utm_") or name in _TRACKING_PARAMS


def sanitize_html(fragment: str, base: str | None, limit: int = MAX_HTML) -> str:
    """Allow-list sanitizing with nh3; relative URLs become absolute against `base`; at most
    `limit` characters are read (the elements open there are closed)."""
    if not fragment:
        return ""
    fragment = _bounded(fragment, limit)
    if costly_html(fragment):
        return _text_only(fragment)

    def absolutize(tag: str, attribute: str, value: str) -> str | None:
        if attribute in _URL_ATTRIBUTES:
            absolute = join_url(base, value.strip())
            if absolute is None:
                return None
            return absolute if urlsplit(absolute).scheme.lower() in _SAFE_SCHEMES else None
        return value

    cleaned = nh3.clean(
        fragment,
        url_schemes=_SAFE_SCHEMES,
        attribute_filter=absolutize,
        link_rel="noopener noreferrer",
    )
    if len(cleaned) > 4 * len(fragment) + 65536:
        return _text_only(fragment)  # a blow-up the checks above did not foresee
    # html5ever keeps control characters of the text and decodes references such as &#1;.
    return clean_text(cleaned.strip())


MAX_TITLE = 1000  # characters of a title: more is not a title (and grows every document)
_SCRIPT_TEXT = re.compile(
    r"<(script|style|iframe|object|embed|noscript|template)\b[^>]*>.*?(?:</\1\s*>|$)|"
    r"</?(?:script|style|iframe|object|embed|noscript|template)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)


def text_field(fragment: str, limit: int) -> str:
    """A field published as text (a title): its plain text, without the text of script-like
    elements (a reader that shows a title as HTML must not find a script there, even one the
    source wrote as text), cut to `limit` characters at a word."""
    text = collapse_whitespace(_SCRIPT_TEXT.sub("", plain_text(fragment[: 8 * limit])))
    text = text.replace("\u202d", "").replace("\u202e", "")  # overrides: text read backwards
    if not _INVISIBLE.sub("", text).strip():
        return ""  # zero-width spaces, joiners, marks only: a title nobody can see
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


# Unicode's default-ignorable characters (zero-width spaces and joiners, soft hyphens,
# directional marks and isolates, variation selectors, fillers): shown as nothing.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace as one space, none at the ends: the same as substituting `\\s+` and
    stripping (both use Unicode's whitespace), and several times faster: the regular
    expression showed in a cold round's profile (docs/performance.md, "Figures (2026-11-29,
    eighth session)", "What changed this session")."""
    return " ".join(text.split())


@lru_cache(maxsize=512)
def plain_text(fragment: str) -> str:
    """Text of an HTML fragment, entities decoded, whitespace collapsed. Remembered: the
    same summary is read for near-duplicate keys and again for tagging."""
    if not fragment:
        return ""
    fragment = _bounded(fragment)
    costly = costly_html(fragment)
    text = _TAG.sub(" ", fragment) if costly else nh3.clean(fragment, tags=set())
    # Cleaned before collapsing: a removed character leaves no run of spaces behind.
    return collapse_whitespace(clean_text(html.unescape(text)))


def body_text(summary_html: str, content_html: str) -> str:
    """The longer of an item's content and summary as plain text (a feed may carry either):
    what full-text search indexes."""
    return max(plain_text(content_html), plain_text(summary_html), key=len)


def release_text(title: str, summary_html: str, content_html: str) -> str:
    """The text near-duplicate detection compares: the item's body, or the title when it
    has none."""
    return body_text(summary_html, content_html) or title


def content_hash(*fields: str | None) -> str:
    """A hash over the fields that make an edit visible to a reader (never dates or ids)."""
    digest = hashlib.sha256()
    for value in fields:
        digest.update((value or "").encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


# GOV.UK's Atom ids are the page URL plus "#<last update time>": a new id on every edit.
_VERSION_FRAGMENT = re.compile(
    r"^(https?://[^#\s]+)#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def stable_guid(guid: str) -> str:
    """A guid without the parts that change on every edit of the same item."""
    match = _VERSION_FRAGMENT.match(guid)
    return match.group(1) if match else guid


def item_key(
    guid: str | None,
    link: str | None,
    title: str,
    date_text: str,
    identity: str = "auto",
    fingerprint: str = "",
) -> str:
    """What makes an item the same item across fetches, by the source's `identity` setting:
    auto (a stable guid, else the canonical link, else title and date), guid, link, title or
    content (the text itself: any edit is a new item)."""
    if identity == "link" and link:
        return link
    if identity == "title" and title:
        return "title:" + plain_title_key(title)
    if identity == "content":
        return "content:" + fingerprint[:32]
    if guid:
        return guid if identity == "guid" else stable_guid(guid)
    if link:
        return link
    return "hash:" + content_hash(title, date_text)[:32]


def plain_title_key(title: str) -> str:
    return collapse_whitespace(title.casefold())


def normalize_entry(
    entry: EntryData,
    *,
    base: str | None,
    now: datetime,
    identity: str = "auto",
    ignore_www: bool = False,
) -> ItemData:
    link = safe_link(clean_optional(entry.link), base)
    canonical = canonical_link(link, ignore_www=ignore_www)
    guid = clean_text(entry.guid).strip() if entry.guid else None
    guid = guid or None
    # Titles are text: HTML titles lose their tags, text titles keep their words (parsers
    # give text escaped), and no title carries the text of a script (see text_field).
    title = text_field(entry.title, MAX_TITLE)
    summary = sanitize_html(entry.summary, entry.summary_base or link or base, MAX_SUMMARY_HTML)
    content = sanitize_html(entry.content, entry.content_base or link or base, MAX_CONTENT_HTML)
    if summary == content:
        content = ""
    if not title:
        title = plain_text(summary)[:120] or (link or "(untitled)")
    author = clean_text(entry.author).strip() or None if entry.author else None
    published = plausible(entry.published, now)
    updated = plausible(entry.updated, now)
    date_text = str(entry.published or entry.updated or "")
    fingerprint = content_hash(title, canonical or link, summary, content, author)
    return ItemData(
        key=item_key(guid, canonical, title, date_text, identity, fingerprint),
        guid=guid,
        link=link,
        canonical_link=canonical,
        title=title,
        summary_html=summary,
        content_html=content,
        author=author,
        categories=_categories(entry.categories),
        published=published or updated,
        updated=updated,
        content_hash=fingerprint,
        text_bands=band_keys(release_text(title, summary, content)),
        search_text=body_text(summary, content),
        date_note=date_note(entry.published, entry.updated, entry.unreadable_date, now),
        enclosures=_enclosures(entry.enclosures, base),
        image=safe_link(clean_optional(entry.image), base),
    )


def _enclosures(enclosures: tuple[Enclosure, ...], base: str | None) -> tuple[Enclosure, ...]:
    """Absolute http(s) addresses only, each once; media types lowercased."""
    found: dict[str, Enclosure] = {}
    for enclosure in enclosures:
        url = safe_link(clean_text(enclosure.url), base)
        if url and url not in found:
            kind = clean_text(enclosure.type).strip().lower() if enclosure.type else None
            found[url] = Enclosure(url, kind or None, enclosure.length)
    return tuple(found.values())


def _categories(categories: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = (clean_text(category).strip() for category in categories)
    return tuple(dict.fromkeys(category for category in cleaned if category))
