# ruff: noqa: E501  (hostile payloads are long literals; they read better whole)
"""Regenerates the hostile feed corpus in this folder, and its manifest.json.

    .venv/bin/python tests/data/hostile/make_corpus.py

Deterministic: the same files, byte for byte, on every run (no clock, no randomness). Files
whose class says "raw" hold the offending bytes themselves (control bytes, U+FFFE as EF BF BE,
lone surrogates as ED A0 80, Latin-1 C1 bytes), which is why they are generated rather than
edited by hand. Every document also carries two good items, `GOOD <stem> 1` and
`GOOD <stem> 2` (one before the hostile items, one after), that must survive whatever the
hostile part does: tests/evaluations/test_hostile_corpus.py checks them in every published feed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
CONTENT_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
SUFFIXES = {"rss": ".rss", "atom": ".atom", "json": ".json"}
NESTED_DIVS = 300_000  # "<div>" * N + "x" + "</div>" * N: 3.3 MB

# Placeholders for JSON documents: json.dumps escapes control characters itself and cannot
# write a lone surrogate as an escape when ensure_ascii is off, so these are put in after.
JSON_ESCAPE = {
    f"@@ESC{code:04X}@@": f"\\u{code:04x}" for code in (0x01, 0x1F, 0xFFFE, 0xD800, 0xDFFF)
}
JSON_RAW = {"@@RAW01@@": "\x01", "@@RAW1B@@": "\x1b", "@@RAW08@@": "\x08"}


@dataclass
class Doc:
    stem: str
    format: str
    cls: str
    notes: str
    text: str | bytes
    encoding: str = "utf-8"
    errors: str = "strict"
    first_seen_titles: list[str] = field(default_factory=list)
    intact_titles: list[str] = field(default_factory=list)
    content_type: str | None = None  # served with this instead of the format's own
    headers: dict[str, str] = field(default_factory=dict)  # more response headers

    def data(self) -> bytes:
        if isinstance(self.text, bytes):
            return self.text
        return self.text.encode(self.encoding, self.errors)


# ---------------------------------------------------------------------------------------------
# Good items: unique titles, links, ids; dates from 2026-11-01 to 2026-11-27 (the tests' clock
# is 2026-11-28T12:00Z).


def good_date(index: int, number: int) -> datetime:
    return datetime(2026, 11, 1 + index % 27, 8 + number, 15, 0, tzinfo=UTC)


def rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def good_titles(stem: str) -> list[str]:
    return [f"GOOD {stem} 1", f"GOOD {stem} 2"]


def rss_good(stem: str, index: int, number: int) -> str:
    return (
        "    <item>\n"
        f"      <title>GOOD {stem} {number}</title>\n"
        f"      <link>http://example.org/{stem}/{number}</link>\n"
        f'      <guid isPermaLink="false">urn:hostile:{stem}:good:{number}</guid>\n'
        f"      <pubDate>{format_datetime(good_date(index, number), usegmt=True)}</pubDate>\n"
        f"      <description>&lt;p&gt;Good item {number} of {stem}.&lt;/p&gt;</description>\n"
        "    </item>\n"
    )


def atom_good(stem: str, index: int, number: int) -> str:
    moment = rfc3339(good_date(index, number))
    return (
        "  <entry>\n"
        f"    <title>GOOD {stem} {number}</title>\n"
        f'    <link rel="alternate" href="http://example.org/{stem}/{number}"/>\n'
        f"    <id>urn:hostile:{stem}:good:{number}</id>\n"
        f"    <published>{moment}</published>\n"
        f"    <updated>{moment}</updated>\n"
        f'    <summary type="html">&lt;p&gt;Good item {number} of {stem}.&lt;/p&gt;</summary>\n'
        "  </entry>\n"
    )


def json_good(stem: str, index: int, number: int) -> dict[str, object]:
    moment = rfc3339(good_date(index, number))
    return {
        "id": f"urn:hostile:{stem}:good:{number}",
        "url": f"http://example.org/{stem}/{number}",
        "title": f"GOOD {stem} {number}",
        "content_html": f"<p>Good item {number} of {stem}.</p>",
        "date_published": moment,
        "date_modified": moment,
    }


# ---------------------------------------------------------------------------------------------
# Document shells. `bad` is the hostile part: raw XML for RSS/Atom (the caller escapes what it
# wants escaped), a list of item dicts for JSON Feed.


def rss_doc(
    stem: str,
    index: int,
    bad: str,
    *,
    title: str | None = None,
    link: str | None = None,
    channel_extra: str = "",
    encoding: str = "utf-8",
) -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "  <channel>\n"
        f"    <title>{title if title is not None else f'Hostile corpus: {stem}'}</title>\n"
        f"    <link>{link if link is not None else f'http://example.org/{stem}/'}</link>\n"
        f"    <description>Hostile test feed {stem}</description>\n"
        f"{channel_extra}"
        f"{rss_good(stem, index, 1)}"
        f"{bad}"
        f"{rss_good(stem, index, 2)}"
        "  </channel>\n"
        "</rss>\n"
    )


def rss_item(
    stem: str,
    suffix: str = "bad",
    *,
    title: str | None = None,
    link: str | None = None,
    guid: str | None = None,
    description: str | None = None,
    content: str | None = None,
    author: str | None = None,
    category: str | None = None,
    pubdate: str | None = "Fri, 27 Nov 2026 07:00:00 GMT",
    extra: str = "",
) -> str:
    """One hostile item; every argument is inserted as it is (raw XML)."""
    title = title if title is not None else f"BAD {stem} {suffix}"
    link = link if link is not None else f"http://example.org/{stem}/{suffix}"
    guid = guid if guid is not None else f"urn:hostile:{stem}:{suffix}"
    parts = [f"      <title>{title}</title>\n"]
    if link != "":
        parts.append(f"      <link>{link}</link>\n")
    if guid != "":
        parts.append(f'      <guid isPermaLink="false">{guid}</guid>\n')
    if pubdate is not None:
        parts.append(f"      <pubDate>{pubdate}</pubDate>\n")
    if author is not None:
        parts.append(f"      <author>{author}</author>\n")
    if category is not None:
        parts.append(f"      <category>{category}</category>\n")
    if description is not None:
        parts.append(f"      <description>{description}</description>\n")
    if content is not None:
        parts.append(f"      <content:encoded>{content}</content:encoded>\n")
    return "    <item>\n" + "".join(parts) + extra + "    </item>\n"


def atom_doc(
    stem: str,
    index: int,
    bad: str,
    *,
    title: str | None = None,
    alternate: str | None = None,
    updated: str = "2026-11-27T07:00:00Z",
    feed_attributes: str = "",
) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{feed_attributes}>\n'
        f"  <title>{title if title is not None else f'Hostile corpus: {stem}'}</title>\n"
        f"  <id>urn:hostile:{stem}</id>\n"
        f"  <updated>{updated}</updated>\n"
        f'  <link rel="alternate" type="text/html" '
        f'href="{alternate if alternate is not None else f"http://example.org/{stem}/"}"/>\n'
        "  <author><name>Hostile corpus</name></author>\n"
        f"{atom_good(stem, index, 1)}"
        f"{bad}"
        f"{atom_good(stem, index, 2)}"
        "</feed>\n"
    )


def atom_entry(
    stem: str,
    suffix: str = "bad",
    *,
    title: str | None = None,
    link: str | None = None,
    entry_id: str | None = None,
    summary: str | None = None,
    content: str | None = None,
    author: str | None = None,
    category: str | None = None,
    published: str = "2026-11-27T07:00:00Z",
    updated: str | None = None,
    extra: str = "",
) -> str:
    """One hostile entry; `title` etc. are whole elements' inner XML (raw)."""
    title = title if title is not None else f"<title>BAD {stem} {suffix}</title>"
    link = (
        link
        if link is not None
        else f'<link rel="alternate" href="http://example.org/{stem}/{suffix}"/>'
    )
    entry_id = entry_id if entry_id is not None else f"urn:hostile:{stem}:{suffix}"
    parts = [f"    {title}\n"]
    if link:
        parts.append(f"    {link}\n")
    parts.append(f"    <id>{entry_id}</id>\n")
    parts.append(f"    <published>{published}</published>\n")
    parts.append(f"    <updated>{updated if updated is not None else published}</updated>\n")
    if author is not None:
        parts.append(f"    <author><name>{author}</name></author>\n")
    if category is not None:
        parts.append(f"    {category}\n")
    if summary is not None:
        parts.append(f"    {summary}\n")
    if content is not None:
        parts.append(f"    {content}\n")
    return "  <entry>\n" + "".join(parts) + extra + "  </entry>\n"


def json_doc(
    stem: str,
    index: int,
    bad: list[dict[str, object]],
    *,
    title: str | None = None,
    home_page_url: str | None = None,
    feed_url: str | None = None,
    raw: bool = False,
) -> str:
    document: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title if title is not None else f"Hostile corpus: {stem}",
        "home_page_url": home_page_url or f"http://example.org/{stem}/",
        "feed_url": feed_url or f"http://example.org/{stem}/feed.json",
        "items": [json_good(stem, index, 1), *bad, json_good(stem, index, 2)],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    for token, value in {**JSON_ESCAPE, **JSON_RAW}.items():
        text = text.replace(token, value)
    return text


def json_item(stem: str, suffix: str = "bad", **fields: object) -> dict[str, object]:
    item: dict[str, object] = {
        "id": f"urn:hostile:{stem}:{suffix}",
        "url": f"http://example.org/{stem}/{suffix}",
        "title": f"BAD {stem} {suffix}",
        "content_html": f"<p>Hostile item of {stem}.</p>",
        "date_published": "2026-11-27T07:00:00Z",
    }
    for key, value in fields.items():
        if value is None:
            item.pop(key, None)
        else:
            item[key] = value
    return item


# ---------------------------------------------------------------------------------------------
# The corpus: one builder per document, each taking (stem, index).

BUILDERS: list[tuple[str, str, str, str, Callable[[str, int], str | bytes], dict[str, object]]] = []


def add(
    stem: str,
    fmt: str,
    cls: str,
    notes: str,
    make: Callable[[str, int], str | bytes],
    **options: object,
) -> None:
    BUILDERS.append((stem, fmt, cls, notes, make, options))


# --- C0 controls written raw, one field per document (RSS, Atom) ----------------------------

C0_FIELDS = {
    "title": (
        "a NUL and an ANSI escape (\\x00, \\x1b) in an item title",
        "BAD {stem} \x00title\x1b[31m red",
    ),
    "summary": (
        "BEL and BS (\\x07 \\x08) in an item summary",
        "&lt;p&gt;bell\x07 back\x08space&lt;/p&gt;",
    ),
    "author": ("VT (\\x0b) in an item author", "editor@example.org (Ed\x0bitor)"),
    "link": ("SOH (\\x01) inside an item link", "http://example.org/{stem}/bad\x01link"),
    "guid": ("US (\\x1f) in an item guid/id", "urn:hostile:{stem}:bad\x1f"),
    "category": ("FF (\\x0c) in an item category", "news\x0c"),
    "feedtitle": (
        "STX (\\x02) and ESC (\\x1b) in the feed's own title",
        "Hostile\x02 feed \x1b[0m{stem}",
    ),
}


def c0_rss(field_name: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        value = C0_FIELDS[field_name][1].format(stem=stem)
        if field_name == "feedtitle":
            return rss_doc(stem, index, rss_item(stem), title=value)
        keyword = {"summary": "description"}.get(field_name, field_name)
        return rss_doc(stem, index, rss_item(stem, **{keyword: value}))

    return make


def c0_atom(field_name: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        value = C0_FIELDS[field_name][1].format(stem=stem)
        if field_name == "feedtitle":
            return atom_doc(stem, index, atom_entry(stem), title=value)
        if field_name == "title":
            return atom_doc(stem, index, atom_entry(stem, title=f"<title>{value}</title>"))
        if field_name == "summary":
            return atom_doc(
                stem, index, atom_entry(stem, summary=f'<summary type="html">{value}</summary>')
            )
        if field_name == "author":
            return atom_doc(stem, index, atom_entry(stem, author=value))
        if field_name == "link":
            return atom_doc(
                stem, index, atom_entry(stem, link=f'<link rel="alternate" href="{value}"/>')
            )
        if field_name == "guid":
            return atom_doc(stem, index, atom_entry(stem, entry_id=value))
        return atom_doc(stem, index, atom_entry(stem, category=f'<category term="{value}"/>'))

    return make


for _field, (_what, _value) in C0_FIELDS.items():
    add(
        f"rss_c0_raw_{_field}",
        "rss",
        f"c0-raw-{_field}",
        f"raw C0 control: {_what}",
        c0_rss(_field),
    )
    add(
        f"atom_c0_raw_{_field}",
        "atom",
        f"c0-raw-{_field}",
        f"raw C0 control: {_what}",
        c0_atom(_field),
    )

# JSON Feed: escapes are the JSON way to write a control; raw ones make the JSON invalid.
JSON_C0_NOTES = "C0 controls as JSON escapes (\\u0001 in title, author, tag, id, url, feed title; \\u001f in content_html)"


def json_c0_escaped(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [
            json_item(
                stem,
                id=f"urn:hostile:{stem}:bad@@ESC0001@@",
                url=f"http://example.org/{stem}/bad@@ESC0001@@",
                title=f"BAD {stem} @@ESC0001@@title",
                content_html="<p>unit@@ESC001F@@separator</p>",
                authors=[{"name": "Ed@@ESC0001@@itor"}],
                tags=["news@@ESC0001@@"],
            )
        ],
        title="Hostile @@ESC0001@@feed",
    )


add("json_c0_escaped", "json", "c0-escaped", JSON_C0_NOTES, json_c0_escaped)


def json_c0_raw(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [
            json_item(
                stem,
                title=f"BAD {stem} @@RAW01@@title @@RAW1B@@[31m",
                content_html="<p>back@@RAW08@@space</p>",
                authors=[{"name": "Ed@@RAW01@@itor"}],
                tags=["news@@RAW01@@"],
            )
        ],
        title="Hostile @@RAW01@@feed",
    )


add(
    "json_c0_raw",
    "json",
    "c0-raw-json",
    "raw C0 bytes (\\x01 \\x08 \\x1b) inside JSON strings: strictly invalid JSON (RFC 8259 wants "
    "them escaped), read by a tolerant parser (json.loads(strict=False)); debatable: drop this "
    "file if the feed may be rejected as a whole",
    json_c0_raw,
)

# --- Numeric character references to characters XML cannot hold (RSS, Atom) -----------------

XML_REFERENCES = {
    "1": ("&#1;", "decimal reference to U+0001"),
    "x1f": ("&#x1F;", "hex reference to U+001F"),
    "xfffe": ("&#xFFFE;", "reference to the noncharacter U+FFFE"),
    "xd800": ("&#xD800;", "reference to the lone surrogate U+D800"),
}


def ref_rss(reference: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return rss_doc(
            stem,
            index,
            rss_item(
                stem,
                title=f"BAD {stem} {reference} title",
                description=f"&lt;p&gt;summary {reference} here&lt;/p&gt;",
                author=f"ed{reference}@example.org",
                category=f"cat{reference}",
            ),
            title=f"Hostile {reference} feed {stem}",
        )

    return make


def ref_atom(reference: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return atom_doc(
            stem,
            index,
            atom_entry(
                stem,
                title=f"<title>BAD {stem} {reference} title</title>",
                summary=f'<summary type="html">&lt;p&gt;summary {reference} here&lt;/p&gt;</summary>',
                author=f"Ed{reference}itor",
                category=f'<category term="cat{reference}"/>',
            ),
            title=f"Hostile {reference} feed {stem}",
        )

    return make


for _name, (_reference, _what) in XML_REFERENCES.items():
    _note = f"XML numeric reference {_reference} ({_what}) in feed title, item title, summary, author, category; not well-formed XML"
    add(f"rss_ref_{_name}", "rss", f"xml-reference-{_name}", _note, ref_rss(_reference))
    add(f"atom_ref_{_name}", "atom", f"xml-reference-{_name}", _note, ref_atom(_reference))

# References one level down, inside the (escaped) HTML of a summary: well-formed XML.
HTML_REFERENCES = "&amp;#1; &amp;#x1F; &amp;#xFFFE; &amp;#xD800; &amp;#xDFFF; &amp;#0; &amp;#150; &amp;#x110000; &amp;#99999999999;"


def html_ref_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem,
        index,
        rss_item(
            stem,
            description=f"&lt;p&gt;refs: {HTML_REFERENCES}&lt;/p&gt;",
            content=f"<![CDATA[<p>refs: {HTML_REFERENCES.replace('&amp;', '&')}</p>]]>",
            title=f"BAD {stem} {HTML_REFERENCES}",
        ),
    )


def html_ref_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(
            stem,
            title=f'<title type="html">BAD {stem} {HTML_REFERENCES}</title>',
            summary=f'<summary type="html">&lt;p&gt;refs: {HTML_REFERENCES}&lt;/p&gt;</summary>',
        ),
    )


def html_ref_json(stem: str, index: int) -> str:
    plain = HTML_REFERENCES.replace("&amp;", "&")
    return json_doc(
        stem,
        index,
        [
            json_item(
                stem,
                title=f"BAD {stem} {plain}",
                content_html=f"<p>refs: {plain}</p>",
                summary=plain,
            )
        ],
    )


_note = "HTML numeric references to bad code points (&#1; &#xFFFE; &#xD800; &#0; &#150; &#x110000; &#99999999999;) inside HTML text: well-formed at the XML level"
add("rss_html_refs", "rss", "html-reference", _note, html_ref_rss)
add("atom_html_refs", "atom", "html-reference", _note, html_ref_atom)
add("json_html_refs", "json", "html-reference", _note, html_ref_json)

# JSON escapes: one document per escape, in every text field.
JSON_ESCAPES = {
    "u0001": "@@ESC0001@@",
    "u001f": "@@ESC001F@@",
    "ufffe": "@@ESCFFFE@@",
    "ud800": "@@ESCD800@@",
    "udfff": "@@ESCDFFF@@",
}


def json_escape(token: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return json_doc(
            stem,
            index,
            [
                json_item(
                    stem,
                    id=f"urn:hostile:{stem}:bad{token}",
                    url=f"http://example.org/{stem}/bad{token}",
                    title=f"BAD {stem} {token}title",
                    content_html=f"<p>content {token} here</p>",
                    summary=f"summary {token}",
                    authors=[{"name": f"Ed{token}itor"}],
                    tags=[f"tag{token}"],
                )
            ],
            title=f"Hostile {token} feed {stem}",
        )

    return make


for _name, _token in JSON_ESCAPES.items():
    add(
        f"json_escape_{_name}",
        "json",
        f"json-escape-{_name}",
        f"JSON escape \\{_name} in feed title, item id, url, title, content_html, summary, author, tag",
        json_escape(_token),
    )

# --- Raw U+FFFE / U+FFFF, raw lone surrogates, raw C1 controls -------------------------------

NONCHAR_TITLE = "BAD {stem} \ufffe title \uffff"
NONCHAR_BODY = "&lt;p&gt;body \uffff here \ufffe&lt;/p&gt;"


def nonchar_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem,
        index,
        rss_item(
            stem,
            title=NONCHAR_TITLE.format(stem=stem),
            description=NONCHAR_BODY,
            author="ed\ufffe@example.org",
        ),
        title=f"Hostile \uffff feed {stem}",
    )


def nonchar_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(
            stem,
            title=f"<title>{NONCHAR_TITLE.format(stem=stem)}</title>",
            summary=f'<summary type="html">{NONCHAR_BODY}</summary>',
            author="Ed\uffffitor",
        ),
        title=f"Hostile \uffff feed {stem}",
    )


def nonchar_json(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [
            json_item(
                stem,
                title=NONCHAR_TITLE.format(stem=stem),
                content_html="<p>body \uffff here \ufffe</p>",
                authors=[{"name": "Ed\ufffeitor"}],
                tags=["x\uffff"],
            )
        ],
        title=f"Hostile \uffff feed {stem}",
    )


_note = "raw noncharacters U+FFFE and U+FFFF (UTF-8 EF BF BE / EF BF BF) in feed title, item title, body, author"
add("rss_nonchar_raw", "rss", "nonchar-raw", _note, nonchar_rss)
add("atom_nonchar_raw", "atom", "nonchar-raw", _note, nonchar_atom)
add("json_nonchar_raw", "json", "nonchar-raw", _note, nonchar_json)


def intact_title(stem: str) -> str:
    """Valid non-ASCII text beside the bad bytes: it must come out as it went in."""
    return f"INTACT {stem} Ação em São Paulo – Zürich"


def surrogate_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem,
        index,
        rss_item(
            stem,
            title=f"BAD {stem} \ud800 title",
            description="&lt;p&gt;low \udfff here&lt;/p&gt;",
            category="c\ud800",
        )
        + rss_item(stem, "intact", title=intact_title(stem)),
        title=f"Hostile \udfff feed {stem}",
    )


def surrogate_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(
            stem,
            title=f"<title>BAD {stem} \ud800 title</title>",
            summary='<summary type="html">&lt;p&gt;low \udfff here&lt;/p&gt;</summary>',
            author="Ed\ud800itor",
        )
        + atom_entry(stem, "intact", title=f"<title>{intact_title(stem)}</title>"),
        title=f"Hostile \udfff feed {stem}",
    )


def surrogate_json(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [
            json_item(
                stem,
                title=f"BAD {stem} \ud800 title",
                content_html="<p>low \udfff here</p>",
                authors=[{"name": "Ed\ud800itor"}],
            ),
            json_item(stem, "intact", title=intact_title(stem)),
        ],
        title=f"Hostile \udfff feed {stem}",
    )


_note = (
    "raw lone surrogates U+D800 / U+DFFF written as their (invalid) UTF-8 bytes ED A0 80 / "
    "ED BF BF in feed title, item title, body, author or category: the document is not valid "
    "UTF-8; an INTACT item of valid non-ASCII text (Ação, São, –, Zürich) must not be damaged"
)
for _fmt, _make in (("rss", surrogate_rss), ("atom", surrogate_atom), ("json", surrogate_json)):
    add(
        f"{_fmt}_surrogate_raw",
        _fmt,
        "surrogate-raw",
        _note,
        _make,
        errors="surrogatepass",
        intact=True,
    )

C1_TITLE = "BAD {stem} \x85 next line \x9b31m csi \x80"
C1_BODY = "&lt;p&gt;c1 \x90 dcs \x9c st \x9f apc&lt;/p&gt;"


def c1_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem,
        index,
        rss_item(
            stem,
            title=C1_TITLE.format(stem=stem),
            description=C1_BODY,
            author="ed\x8d@example.org",
            category="c\x9d",
        ),
        title=f"Hostile \x85 feed {stem}",
    )


def c1_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(
            stem,
            title=f"<title>{C1_TITLE.format(stem=stem)}</title>",
            summary=f'<summary type="html">{C1_BODY}</summary>',
            author="Ed\x8ditor",
        ),
        title=f"Hostile \x85 feed {stem}",
    )


def c1_json(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [
            json_item(
                stem,
                title=C1_TITLE.format(stem=stem),
                content_html="<p>c1 \x90 dcs \x9c st \x9f apc</p>",
                authors=[{"name": "Ed\x8ditor"}],
                tags=["c\x9d"],
            )
        ],
        title=f"Hostile \x85 feed {stem}",
    )


_note = "raw C1 controls U+0080-U+009F (UTF-8 C2 80..C2 9F) in feed title, item title, body, author, category"
add("rss_c1_raw", "rss", "c1-raw", _note, c1_rss)
add("atom_c1_raw", "atom", "c1-raw", _note, c1_atom)
add("json_c1_raw", "json", "c1-raw", _note, c1_json)


def c1_latin1_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem,
        index,
        rss_item(
            stem,
            title=f"BAD {stem} caf\xe9 \x85 \x92 \x9d",
            description="&lt;p&gt;\x80 \x8d \x9f&lt;/p&gt;",
        ),
        title=f"Hostile \x85 feed {stem}",
        encoding="iso-8859-1",
    )


add(
    "rss_c1_latin1",
    "rss",
    "c1-raw",
    "declared ISO-8859-1; bytes 0x80-0x9F (C1 controls in Latin-1) in feed title, item title, body",
    c1_latin1_rss,
    encoding="latin-1",
)

# --- Unreadable dates -------------------------------------------------------------------------

BAD_ISO_DATES = {
    "year0": "0000-01-01T00:00:00Z",
    "month13": "2026-13-45T10:00:00Z",
    "hour25": "2026-01-01T25:61:00Z",
    "hour25_2003": "2003-12-31T25:14:55Z",
    "feb30": "2024-02-30T10:00:00Z",
    "offset9999": "2026-11-20T10:00:00-99:99",
    "year9999": "9999-12-31T23:59:59-01:00",
}
BAD_RFC822_DATES = {
    "year9999": "Fri, 31 Dec 9999 23:59:59 -1200",
    "feb30": "Sat, 30 Feb 2024 10:00:00 GMT",
    "hour25": "Thu, 01 Jan 2026 25:61:00 +0000",
    "offset9999": "Fri, 20 Nov 2026 10:00:00 -9999",
}


def date_atom(value: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return atom_doc(
            stem,
            index,
            atom_entry(
                stem, title=f"<title>BADDATE {stem}</title>", published=value, updated=value
            ),
            updated=value,
        )

    return make


def date_rss(value: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return rss_doc(
            stem,
            index,
            rss_item(stem, title=f"BADDATE {stem}", pubdate=value),
            channel_extra=f"    <lastBuildDate>{value}</lastBuildDate>\n    <pubDate>{value}</pubDate>\n",
        )

    return make


def date_json(value: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return json_doc(
            stem,
            index,
            [json_item(stem, title=f"BADDATE {stem}", date_published=value, date_modified=value)],
        )

    return make


for _name, _value in BAD_ISO_DATES.items():
    _note = f"unreadable date {_value} (published and updated; feed updated too): the item keeps its first-seen time"
    add(f"atom_date_{_name}", "atom", "bad-date", _note, date_atom(_value), first_seen=True)
    add(f"json_date_{_name}", "json", "bad-date", _note, date_json(_value), first_seen=True)
for _name, _value in BAD_RFC822_DATES.items():
    _note = f"unreadable pubDate {_value} (channel lastBuildDate/pubDate too): the item keeps its first-seen time"
    add(f"rss_date_{_name}", "rss", "bad-date", _note, date_rss(_value), first_seen=True)

# --- Bad RSS <ttl> ----------------------------------------------------------------------------

BAD_TTLS = {"superscript2": "²", "huge": "99999999999999999999", "negative": "-5", "letters": "abc"}


def ttl_rss(value: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return rss_doc(stem, index, "", channel_extra=f"    <ttl>{value}</ttl>\n")

    return make


for _name, _value in BAD_TTLS.items():
    add(
        f"rss_ttl_{_name}",
        "rss",
        "bad-ttl",
        f"channel <ttl>{_value}</ttl>: ignored",
        ttl_rss(_value),
    )

# --- Titles that are escaped markup, in items with no body -----------------------------------


def title_markup_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem,
        index,
        rss_item(stem, "t1", title="&lt;img src=x onerror=alert(1)&gt;")
        + rss_item(stem, "t2", title="&amp;lt;img src=x onerror=alert(2)&amp;gt;")
        + rss_item(stem, "t3", title="<![CDATA[&lt;svg onload=alert(3)&gt;]]>")
        + rss_item(stem, "t4", title="&lt;script&gt;alert(4)&lt;/script&gt; headline")
        + rss_item(
            stem, "t5", title="&amp;lt;iframe src=javascript:alert(5)&amp;gt; no link", link=""
        ),
    )


add(
    "rss_title_markup_nobody",
    "rss",
    "title-markup-no-body",
    "items without description: titles <img onerror> escaped once, twice (&amp;lt;), in CDATA, <script>; one without a link",
    title_markup_rss,
)


def title_markup_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(stem, "t1", title="<title>&lt;img src=x onerror=alert(1)&gt;</title>")
        + atom_entry(
            stem,
            "t2",
            title='<title type="html">&amp;lt;img src=x onerror=alert(2)&amp;gt;</title>',
        )
        + atom_entry(
            stem, "t3", title='<title type="text">&amp;lt;svg onload=alert(3)&amp;gt;</title>'
        )
        + atom_entry(
            stem,
            "t4",
            title='<title type="html">&lt;script&gt;alert(4)&lt;/script&gt; headline</title>',
            link="",
        ),
    )


add(
    "atom_title_markup_nobody",
    "atom",
    "title-markup-no-body",
    "entries without summary or content: text and html titles holding (double-)escaped <img onerror>, <svg onload>, <script>; one without a link",
    title_markup_atom,
)


def title_markup_json(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [
            json_item(stem, "t1", title="<img src=x onerror=alert(1)>", content_html=None),
            json_item(stem, "t2", title="&lt;img src=x onerror=alert(2)&gt;", content_html=None),
            json_item(
                stem, "t3", title="&amp;lt;svg onload=alert(3)&amp;gt;", content_html=None, url=None
            ),
        ],
    )


add(
    "json_title_markup_nobody",
    "json",
    "title-markup-no-body",
    "items without content_html/content_text: titles <img onerror> raw, entity-escaped, double-escaped; one without a url",
    title_markup_json,
)

# --- Script in HTML bodies --------------------------------------------------------------------

XSS = {
    "script": "<p>before</p><script>alert(1)</script><SCRIPT SRC=http://evil.example/x.js></SCRIPT><scr<script>ipt>alert(2)</scr</script>ipt><p>after</p>",
    "img_onerror": '<img src=x onerror=alert(1)><img src="http://example.org/a.png" ONERROR="alert(2)"><img/src="x"/onerror="alert(3)"><body onload=alert(4)>',
    "svg_onload": '<svg onload=alert(1)><circle r="1"/></svg><svg><animate onbegin=alert(2) attributeName=x dur=1s /><a xlink:href="javascript:alert(3)"><text>x</text></a></svg><math><mtext><table><mglyph><style><img src=x onerror=alert(4)>',
    "iframe_srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe><iframe src="javascript:alert(2)"></iframe><frameset><frame src="javascript:alert(3)"></frameset>',
    "js_href_obfuscated": '<a href="jav&#x09;ascript:alert(1)">tab</a><a href="&#106;avascript:alert(2)">dec</a><a href=" javascript:alert(3)">space</a><a href="JaVaScRiPt:alert(4)">case</a><a href="java&#x0A;script:alert(5)">nl</a><a href="&#x01;javascript:alert(6)">ctl</a><a href="vbscript:msgbox(7)">vb</a><a href="javascript&colon;alert(8)">colon</a>',
    "data_url": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">b64</a><img src="data:text/html,&lt;script&gt;alert(2)&lt;/script&gt;"><object data="data:text/html,x"></object><embed src="data:image/svg+xml,&lt;svg onload=alert(3)&gt;">',
    "style_expression": '<p style="width: expression(alert(1))">x</p><div style="background:url(javascript:alert(2))">y</div><style>body{background:url("javascript:alert(3)")}</style><span style="behavior:url(x.htc)">z</span>',
    "meta_refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><meta http-equiv="refresh" content="0;url=http://evil.example/"><p>redirect</p>',
    "form_action": '<form action="javascript:alert(1)"><input type="submit" formaction="javascript:alert(2)"><button formaction="javascript:alert(3)">go</button></form><isindex action="javascript:alert(4)">',
    "base_href": '<base href="javascript:alert(1)//"><base href="http://evil.example/"><a href="/relative">relative</a>',
}


def xss_rss(payload: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return rss_doc(
            stem,
            index,
            rss_item(
                stem,
                title=f"XSS {stem}",
                description=escape(payload),
                content=f"<![CDATA[<div>{payload}</div>]]>",
            ),
        )

    return make


def xss_atom(payload: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return atom_doc(
            stem,
            index,
            atom_entry(
                stem,
                title=f"<title>XSS {stem}</title>",
                summary=f'<summary type="html">{escape(payload)}</summary>',
                content=f'<content type="html">{escape("<div>" + payload + "</div>")}</content>',
            ),
        )

    return make


def xss_json(payload: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        return json_doc(
            stem,
            index,
            [json_item(stem, title=f"XSS {stem}", content_html=payload, summary=payload)],
        )

    return make


for _name, _payload in XSS.items():
    _note = f"script in the body ({_name}): {_payload[:160]}"
    add(f"rss_xss_{_name}", "rss", f"xss-{_name}", _note, xss_rss(_payload))
    add(f"atom_xss_{_name}", "atom", f"xss-{_name}", _note, xss_atom(_payload))
    add(f"json_xss_{_name}", "json", f"xss-{_name}", _note, xss_json(_payload))


def xss_atom_xhtml(stem: str, index: int) -> str:
    body = (
        '<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script>'
        '<a href="javascript:alert(2)" onclick="alert(3)">x</a>'
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(4)"/></div>'
    )
    return atom_doc(
        stem,
        index,
        atom_entry(
            stem,
            title=f"<title>XSS {stem}</title>",
            summary=f'<summary type="xhtml">{body}</summary>',
            content=f'<content type="xhtml">{body}</content>',
        ),
    )


add(
    "atom_xss_xhtml",
    "atom",
    "xss-xhtml",
    "script, javascript: href and on* attributes in xhtml summary and content",
    xss_atom_xhtml,
)

# --- javascript: (and other non-http) URLs as links -------------------------------------------


def js_feed_link_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem, index, rss_item(stem, link="/relative/to/the/feed/link"), link="javascript:alert(1)"
    )


def js_alternate_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(stem, link='<link rel="alternate" href="relative/entry"/>'),
        alternate="javascript:alert(1)",
    )


def js_xml_base_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(stem, link='<link rel="alternate" href="relative/entry"/>'),
        feed_attributes=' xml:base="javascript:alert(1)//"',
    )


def js_home_page_json(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [json_item(stem, url="relative/item")],
        home_page_url="javascript:alert(1)",
        feed_url="javascript:alert(2)",
    )


def js_item_link_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem,
        index,
        rss_item(stem, "l1", link="javascript:alert(1)")
        + rss_item(stem, "l2", link="jav&#x09;ascript:alert(2)")
        + rss_item(stem, "l3", link="  JaVaScRiPt:alert(3)")
        + rss_item(stem, "l4", link="vbscript:msgbox(4)")
        + rss_item(stem, "l5", link="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==")
        + rss_item(stem, "l6", link="", guid="javascript:alert(6)", extra="").replace(
            'isPermaLink="false"', 'isPermaLink="true"'
        ),
    )


def js_item_link_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(stem, "l1", link='<link rel="alternate" href="javascript:alert(1)"/>')
        + atom_entry(stem, "l2", link='<link href="jav&#x09;ascript:alert(2)"/>')
        + atom_entry(stem, "l3", link='<link rel="alternate" href=" JAVASCRIPT:alert(3)"/>')
        + atom_entry(
            stem,
            "l4",
            link='<link rel="alternate" href="data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;"/>',
        )
        + atom_entry(
            stem,
            "l5",
            link='<link rel="alternate" href="vbscript:msgbox(5)"/>',
            entry_id="javascript:alert(5)",
        ),
    )


def js_item_url_json(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [
            json_item(stem, "l1", url="javascript:alert(1)"),
            json_item(
                stem, "l2", url=None, external_url="data:text/html,<script>alert(2)</script>"
            ),
            json_item(stem, "l3", url="jav\tascript:alert(3)", external_url="vbscript:msgbox(3)"),
            json_item(stem, "l4", url=" JavaScript:alert(4)", id="javascript:alert(4)"),
        ],
    )


def js_enclosure_rss(stem: str, index: int) -> str:
    return rss_doc(
        stem,
        index,
        rss_item(
            stem,
            extra='      <enclosure url="javascript:alert(1)" type="text/html" length="1"/>\n'
            '      <source url="javascript:alert(2)">evil</source>\n'
            "      <comments>javascript:alert(3)</comments>\n",
        ),
    )


def js_enclosure_atom(stem: str, index: int) -> str:
    return atom_doc(
        stem,
        index,
        atom_entry(
            stem,
            extra='    <link rel="enclosure" type="text/html" length="1" href="javascript:alert(1)"/>\n'
            '    <link rel="related" href="javascript:alert(2)"/>\n'
            '    <source><id>urn:x</id><title>s</title><link rel="self" href="javascript:alert(3)"/></source>\n',
        ),
    )


def js_attachment_json(stem: str, index: int) -> str:
    return json_doc(
        stem,
        index,
        [
            json_item(
                stem,
                attachments=[{"url": "javascript:alert(1)", "mime_type": "text/html"}],
                image="javascript:alert(2)",
                banner_image="data:text/html,x",
                authors=[
                    {"name": "Ed", "url": "javascript:alert(3)", "avatar": "javascript:alert(4)"}
                ],
            )
        ],
    )


_js = "javascript: (and data:/vbscript:) URLs"
add(
    "rss_js_feed_link",
    "rss",
    "js-feed-link",
    f"{_js}: the channel <link> (items link relative to it)",
    js_feed_link_rss,
)
add(
    "atom_js_alternate",
    "atom",
    "js-feed-link",
    f"{_js}: the feed's alternate link (entries link relative to it)",
    js_alternate_atom,
)
add(
    "atom_js_xml_base",
    "atom",
    "js-feed-link",
    f"{_js}: xml:base on the feed, entries link relative to it",
    js_xml_base_atom,
)
add(
    "json_js_home_page_url",
    "json",
    "js-feed-link",
    f"{_js}: home_page_url and feed_url (the item's url is relative)",
    js_home_page_json,
)
add(
    "rss_js_item_link",
    "rss",
    "js-item-link",
    f"{_js}: item links, plain, entity-obfuscated (jav&#x09;ascript:), spaced, mixed case, vbscript:, data:, a permalink guid",
    js_item_link_rss,
)
add(
    "atom_js_item_link",
    "atom",
    "js-item-link",
    f"{_js}: entry alternate links, obfuscated, data:, vbscript:, a javascript: id",
    js_item_link_atom,
)
add(
    "json_js_item_url",
    "json",
    "js-item-link",
    f"{_js}: item url and external_url, a tab inside the scheme, a javascript: id",
    js_item_url_json,
)
add(
    "rss_js_enclosure",
    "rss",
    "js-enclosure",
    f"{_js}: enclosure url, <source url>, <comments>",
    js_enclosure_rss,
)
add(
    "atom_js_enclosure",
    "atom",
    "js-enclosure",
    f"{_js}: rel=enclosure and rel=related links, an atom:source self link",
    js_enclosure_atom,
)
add(
    "json_js_attachment",
    "json",
    "js-enclosure",
    f"{_js}: attachments url, image, banner_image, author url and avatar",
    js_attachment_json,
)

# --- A body that costs a naive sanitizer minutes -----------------------------------------------


def nested_div_rss(stem: str, index: int) -> str:
    body = "<div>" * NESTED_DIVS + "x" + "</div>" * NESTED_DIVS
    return rss_doc(
        stem,
        index,
        rss_item(
            stem,
            title=f"DEEP {stem}",
            description="&lt;p&gt;deep body follows&lt;/p&gt;",
            content=f"<![CDATA[{body}]]>",
        ),
    )


add(
    "rss_nested_div",
    "rss",
    "nested-div",
    f'content:encoded of "<div>"*{NESTED_DIVS} + "x" + "</div>"*{NESTED_DIVS} (3.3 MB, well under fetch.max_size)',
    nested_div_rss,
)

# Nesting that a count of "<div>" minus "</div>" misses: in HTML "<div/>" is an open <div>
# (the slash is ignored on non-void elements) and "</span>" closes nothing here; either way
# html5ever's tree is as deep as the plain one, and as slow to build.
SELF_CLOSED_DIVS = 100_000  # 600 KB
WRONG_CLOSED_DIVS = 60_000  # 720 KB before XML escaping
JSON_NESTED_DIVS = 100_000  # 1.1 MB


def nested_div_selfclosing_rss(stem: str, index: int) -> str:
    body = "<div/>" * SELF_CLOSED_DIVS + "x"
    return rss_doc(
        stem,
        index,
        rss_item(stem, title=f"DEEP {stem}", content=f"<![CDATA[{body}]]>"),
    )


def nested_div_wrongclose_atom(stem: str, index: int) -> str:
    body = "<div></span>" * WRONG_CLOSED_DIVS + "x"
    return atom_doc(
        stem,
        index,
        atom_entry(
            stem,
            title=f"<title>DEEP {stem}</title>",
            summary='<summary type="html">&lt;p&gt;deep body follows&lt;/p&gt;</summary>',
            content=f'<content type="html">{escape(body)}</content>',
        ),
    )


def nested_div_json(stem: str, index: int) -> str:
    body = "<div>" * JSON_NESTED_DIVS + "x" + "</div>" * JSON_NESTED_DIVS
    return json_doc(stem, index, [json_item(stem, title=f"DEEP {stem}", content_html=body)])


add(
    "rss_nested_div_selfclosing",
    "rss",
    "nested-div",
    f'content:encoded (and so the summary too) of "<div/>"*{SELF_CLOSED_DIVS} + "x": '
    "HTML ignores the slash, so this nests as deep as <div>*N",
    nested_div_selfclosing_rss,
)
add(
    "atom_nested_div_wrongclose",
    "atom",
    "nested-div",
    f'content type=html of "<div></span>"*{WRONG_CLOSED_DIVS} + "x": the end tags close '
    "nothing, the divs nest",
    nested_div_wrongclose_atom,
)
add(
    "json_nested_div",
    "json",
    "nested-div",
    f'content_html of "<div>"*{JSON_NESTED_DIVS} + "x" + "</div>"*{JSON_NESTED_DIVS} (1.1 MB)',
    nested_div_json,
)

# --- A source whose configured URL carries credentials ----------------------------------------


def secret_rss(stem: str, index: int) -> str:
    """Relative links everywhere: resolved against the source's address, they would carry its
    credentials into every link if that address were the base."""
    relative = rss_item(
        stem,
        "relative",
        link="/news/relative-1",
        description=(
            "&lt;p&gt;See &lt;a href=&quot;doc.pdf&quot;&gt;the file&lt;/a&gt;, "
            "&lt;a href=&quot;#section&quot;&gt;below&lt;/a&gt; and "
            "&lt;img src=&quot;/pic.png&quot; alt=&quot;&quot;&gt;&lt;/p&gt;"
        ),
        extra='      <enclosure url="files/audio.mp3" type="audio/mpeg" length="10"/>\n',
    )
    return rss_doc(stem, index, relative, link="/")


add(
    "rss_secret_source",
    "rss",
    "secret-in-source-url",
    "an ordinary feed; the test configures it as http://alice:S3cret@127.0.0.1:PORT/rss_secret_source.rss"
    "?api_key=TOPSECRET&token=TOKSECRET, and none of the credentials may show anywhere",
    secret_rss,
)


# ---------------------------------------------------------------------------------------------
# Second pass (issues #20 and #21 reopened): what an outside attack found after the first.

BAD_IPV6 = "http://[bad/x"  # urllib raises ValueError("Invalid IPv6 URL") on it


def ipv6_rss(where: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        if where == "link":
            return rss_doc(stem, index, rss_item(stem, link=BAD_IPV6))
        if where == "guid":
            item = rss_item(stem, guid="")
            item = item.replace(
                "    </item>", f'      <guid isPermaLink="true">{BAD_IPV6}</guid>\n    </item>'
            )
            return rss_doc(stem, index, item)
        return rss_doc(
            stem,
            index,
            rss_item(
                stem, extra=f'      <enclosure url="{BAD_IPV6}" type="audio/mpeg" length="1"/>\n'
            ),
        )

    return make


def ipv6_atom(where: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        if where == "xml_base":
            entry = atom_entry(stem).replace("  <entry>", f'  <entry xml:base="{BAD_IPV6}">', 1)
            return atom_doc(stem, index, entry)
        return atom_doc(stem, index, atom_entry(stem, link="", entry_id=BAD_IPV6))

    return make


def ipv6_json(stem: str, index: int) -> str:
    return json_doc(stem, index, [json_item(stem, url=BAD_IPV6)])


for _where in ("link", "guid", "enclosure"):
    add(
        f"rss_ipv6_{_where}",
        "rss",
        f"bad-ipv6-{_where}",
        f"an address urllib cannot split ({BAD_IPV6}) as the item's {_where}",
        ipv6_rss(_where),
    )
for _where in ("xml_base", "id"):
    add(
        f"atom_ipv6_{_where}",
        "atom",
        f"bad-ipv6-{_where}",
        f"an address urllib cannot split ({BAD_IPV6}) as an entry's {_where}",
        ipv6_atom(_where),
    )
add("json_ipv6_url", "json", "bad-ipv6-url", f"{BAD_IPV6} as an item's url", ipv6_json)


def utf16_lone_surrogate(stem: str, index: int) -> bytes:
    """UTF-16LE with a BOM; one title holds an unpaired high surrogate (the code unit 00 D8)."""
    text = rss_doc(stem, index, rss_item(stem, title="BAD @@SURROGATE@@ title")).replace(
        'encoding="utf-8"', 'encoding="utf-16"'
    )
    before, after = text.split("@@SURROGATE@@")
    return b"\xff\xfe" + before.encode("utf-16-le") + b"\x00\xd8" + after.encode("utf-16-le")


add(
    "rss_utf16_lone_surrogate",
    "rss",
    "utf16-lone-surrogate",
    "a UTF-16 document (BOM) with one unpaired surrogate code unit in an item title",
    utf16_lone_surrogate,
)


def json_bigint(stem: str, index: int) -> str:
    return json_doc(stem, index, [json_item(stem, _extension={"count": "@@BIGINT@@"})]).replace(
        '"@@BIGINT@@"', "9" * 5000
    )


add(
    "json_bigint_extension",
    "json",
    "json-bigint",
    "a 5,000-digit integer in an extension field (past Python's 4,300-digit limit)",
    json_bigint,
)


def feedparser_raises(kind: str) -> Callable[[str, int], str]:
    def make(stem: str, index: int) -> str:
        if kind == "gml":
            item = rss_item(
                stem,
                extra=(
                    '      <georss:where xmlns:georss="http://www.georss.org/georss">'
                    '<gml:Point xmlns:gml="http://www.opengis.net/gml" srsName="EPSG:abc">'
                    "<gml:pos>45.256 -71.92</gml:pos></gml:Point></georss:where>\n"
                ),
            )
            return rss_doc(stem, index, item)
        if kind == "textinput":
            item = rss_item(
                stem,
                extra=(
                    "      <textInput><name>q</name><link>http://example.org/search</link>"
                    "<description>Search</description></textInput>\n"
                ),
            )
            return rss_doc(stem, index, item)
        return rss_doc(
            stem,
            index,
            "",
            channel_extra="    <image><url>http://example.org/i.png</url></height></image>\n",
        )

    return make


for _kind, _note in (
    ("gml", "a GML point whose EPSG code is not a number (feedparser's handler raises)"),
    ("textinput", "a textInput inside an item (feedparser's handlers raise KeyError)"),
    ("stray_height", "a stray </height> in the channel image (feedparser's handler raises)"),
):
    add(
        f"rss_feedparser_raises_{_kind}",
        "rss",
        f"feedparser-raises-{_kind}",
        _note,
        feedparser_raises(_kind),
    )


def escaped_charset_rss(stem: str, index: int) -> str:
    """Served as charset=unicode_escape (see the manifest's headers): its \\ud800 would decode
    to a lone surrogate."""
    return rss_doc(stem, index, rss_item(stem, title="BAD \\ud800 escaped"))


add(
    "rss_charset_unicode_escape",
    "rss",
    "charset-not-an-encoding",
    "served with Content-Type charset=unicode_escape, a Python codec that is no charset",
    escaped_charset_rss,
    content_type="application/rss+xml; charset=unicode_escape",
)


def bad_hints_rss(stem: str, index: int) -> str:
    return rss_doc(stem, index, rss_item(stem))


for _name, _headers in (
    ("retry_after_superscript", {"Retry-After": "\u00b2"}),
    ("retry_after_huge", {"Retry-After": "9" * 30}),
    ("max_age_huge", {"Cache-Control": "max-age=" + "9" * 30}),
):
    add(
        f"rss_header_{_name}",
        "rss",
        f"bad-caching-header-{_name}",
        f"a good feed answered with {_headers}",
        bad_hints_rss,
        headers=_headers,
    )


def secret_echo_rss(stem: str, index: int) -> str:
    """The server writes the key it was called with into its links (the test calls it with
    ?a=1;token=SEMISECRET&auth[token]=ARRAYSECRET&api+key=PLUSSECRET&api_key=ECHOSECRET)."""
    item = rss_item(
        stem,
        link="http://example.org/article?id=7&amp;api_key=ECHOSECRET",
        description="&lt;p&gt;&lt;a href=&quot;http://example.org/x?api_key=ECHOSECRET&quot;&gt;more&lt;/a&gt;&lt;/p&gt;",
        extra='      <enclosure url="http://example.org/a.mp3?api_key=ECHOSECRET" type="audio/mpeg" length="1"/>\n',
    )
    return rss_doc(stem, index, item)


add(
    "rss_secret_echo",
    "rss",
    "secret-echoed-by-server",
    "the server puts the source's own api_key into item links, enclosures and content; the test "
    "configures it with ;-separated, array-form and +-spaced secret parameters as well",
    secret_echo_rss,
)


# ---------------------------------------------------------------------------------------------


def build() -> list[Doc]:
    docs = []
    for index, (stem, fmt, cls, notes, make, options) in enumerate(BUILDERS):
        doc = Doc(
            stem=stem,
            format=fmt,
            cls=cls,
            notes=notes,
            text=make(stem, index),
            encoding=str(options.get("encoding", "utf-8")),
            errors=str(options.get("errors", "strict")),
            content_type=str(options["content_type"]) if "content_type" in options else None,
            headers=dict(options.get("headers", {})),  # type: ignore[call-overload]
        )
        if options.get("first_seen"):
            doc.first_seen_titles = [f"BADDATE {stem}"]
        if options.get("intact"):
            doc.intact_titles = [intact_title(stem)]
        docs.append(doc)
    stems = [doc.stem for doc in docs]
    assert len(stems) == len(set(stems)), "duplicate stems"
    return docs


def main() -> None:
    docs = build()
    for old in HERE.iterdir():
        if old.suffix in (".rss", ".atom", ".json") and old.name != "manifest.json":
            old.unlink()
    manifest = []
    for doc in docs:
        name = doc.stem + SUFFIXES[doc.format]
        (HERE / name).write_bytes(doc.data())
        entry: dict[str, object] = {
            "file": name,
            "format": doc.format,
            "content_type": doc.content_type or CONTENT_TYPES[doc.format],
            "class": doc.cls,
            "good_titles": good_titles(doc.stem),
            "notes": doc.notes,
        }
        if doc.first_seen_titles:
            entry["first_seen_titles"] = doc.first_seen_titles
        if doc.intact_titles:
            entry["intact_titles"] = doc.intact_titles
        if doc.headers:
            entry["headers"] = doc.headers
        manifest.append(entry)
    (HERE / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=True) + "\n", encoding="utf-8"
    )
    print(f"{len(docs)} documents written to {HERE}")


if __name__ == "__main__":
    main()
