"""An article page -> its summary and publication date (for `fetch_article: true` sources).

Selectors from the source's `article:` settings win; else the page's own metadata: JSON-LD
(`datePublished`, `description`), OpenGraph / article meta tags, `<meta name="description">`,
and the first `<time datetime>`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import lxml.html
from lxml import etree

from aggregator.config.selectors import first_html, first_text
from aggregator.parse.encoding import decode_html
from aggregator.parse.encoding import without_declaration as _without_declaration
from aggregator.parse.page_dates import read_page_date


@dataclass(frozen=True, slots=True)
class ArticleData:
    summary_html: str
    published: datetime | None


def parse_article(
    body: bytes,
    *,
    content_type: str | None,
    summary_selector: str | None,
    date_selector: str | None,
    language: str | None,
) -> ArticleData:
    try:
        document = lxml.html.document_fromstring(
            _without_declaration(decode_html(body, content_type))
        )
    except (etree.ParserError, ValueError):
        return ArticleData("", None)
    linked = _json_ld(document)
    summary = first_html(summary_selector, document) if summary_selector else ""
    if not summary:
        text = (
            _string(linked.get("description"))
            or first_text("meta[property='og:description']@content", document)
            or first_text("meta[name='description']@content", document)
        )
        summary = f"<p>{_escape(text)}</p>" if text else ""
    date_text = (first_text(date_selector, document) if date_selector else None) or (
        _string(linked.get("datePublished"))
        or first_text("meta[property='article:published_time']@content", document)
        or first_text("time@datetime", document)
    )
    return ArticleData(summary, read_page_date(date_text, language=language))


def _json_ld(document: Any) -> dict[str, Any]:
    for script in document.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for node in _ld_nodes(data):
            if isinstance(node, dict) and ("datePublished" in node or "description" in node):
                return node
    return {}


def _ld_nodes(data: object) -> list[object]:
    """The nodes of a JSON-LD block: a list of them, a dict with an @graph list, or one node.
    Whatever else a page writes there (null, a string, a number, an @graph that is not a list)
    holds none."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        graph = data.get("@graph", [data])
        return graph if isinstance(graph, list) else [data]
    return []


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
