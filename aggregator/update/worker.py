"""What the parse workers run: bytes of a source -> normalized items. Everything here is
picklable, so it runs in the process pool (runtime.ParsePool)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from urllib.parse import quote

from aggregator.hygiene import clean_optional
from aggregator.models import FeedData, ItemData, ParsedFeed, ParseOptions
from aggregator.normalize.dates import plausible
from aggregator.normalize.entries import (
    MAX_SUMMARY_HTML,
    MAX_TITLE,
    normalize_entry,
    safe_link,
    sanitize_html,
    text_field,
)
from aggregator.parse import parse_document_bytes
from aggregator.parse.article import ArticleData, parse_article
from aggregator.redact import public_url, secret_values, without_values
from aggregator.tagging.tagger import TaggingJob, document_language, tag_new_items


def parse_document(
    body: bytes,
    url: str,
    content_type: str | None,
    now: datetime,
    max_items: int,
    options: ParseOptions,
    tagging: TaggingJob | None = None,
) -> FeedData:
    """Bytes -> normalized items (tagged, with `tagging`, where new or edited). Runs in a
    worker process: everything here is picklable.

    The document is read as if it came from its address without credentials: relative links
    resolved against the fetched address would carry its password and keys into every link
    (redact.py). Pages followed from it get them back (pages.with_credentials_of)."""
    secrets = secret_values(url)
    url = public_url(url)
    parsed = parse_document_bytes(
        body, url=url, content_type=content_type, options=options, now=now
    )
    return normalize_feed(
        without_source_secrets(parsed, secrets), url, now, max_items, options, tagging
    )


def normalize_feed(
    parsed: ParsedFeed,
    url: str,
    now: datetime,
    max_items: int,
    options: ParseOptions,
    tagging: TaggingJob | None = None,
) -> FeedData:
    """A parsed document's feed fields and its first `max_items` entries, normalized."""
    # The feed's own link is where its relative links point, and atom:source names it: an
    # http(s) address or nothing (a `javascript:` link must not reach any output).
    feed_link = safe_link(clean_optional(parsed.link), url)
    base = feed_link or url
    items = distinct_keys(
        tuple(
            normalize_entry(
                entry, base=base, now=now, identity=options.identity, ignore_www=options.ignore_www
            )
            for entry in parsed.entries[:max_items]
        )
    )
    language = None
    if tagging is not None:
        language = document_language(tagging, parsed.language, items)
        items = tag_new_items(items, tagging, language)
    return FeedData(
        text_field(parsed.title, MAX_TITLE) or None if parsed.title else None,
        feed_link,
        clean_optional(parsed.language),
        items,
        clean_optional(parsed.warning),
        parsed.ttl,
        safe_link(clean_optional(parsed.next_url), url),
        language,
        subtitle=text_field(parsed.subtitle, 4 * MAX_TITLE) or None if parsed.subtitle else None,
        reading=clean_optional(parsed.reading),
        updated=plausible(parsed.updated, now),
        detected=parsed.detected,
    )


def without_source_secrets(parsed: ParsedFeed, secrets: frozenset[str]) -> ParsedFeed:
    """The document without the credentials of its source's address in it: a server that
    writes the key it was called with into its links (`?api_key=...`) must not get it
    published. Parameters holding one are taken out of every address; any other occurrence is
    replaced."""
    if not secrets:
        return parsed

    def address(value: str | None) -> str | None:
        return _masked(without_values(value, secrets), secrets) if value else value

    def text(value: str) -> str:
        return _masked(value, secrets)

    entries = tuple(
        replace(
            entry,
            guid=address(entry.guid),
            link=address(entry.link),
            title=text(entry.title),
            summary=text(entry.summary),
            content=text(entry.content),
            author=_masked(entry.author, secrets) if entry.author else entry.author,
            categories=tuple(text(category) for category in entry.categories),
            image=address(entry.image),
            enclosures=tuple(
                replace(enclosure, url=address(enclosure.url) or "")
                for enclosure in entry.enclosures
            ),
        )
        for entry in parsed.entries
    )
    return replace(
        parsed,
        link=address(parsed.link),
        title=_masked(parsed.title, secrets) if parsed.title else parsed.title,
        subtitle=_masked(parsed.subtitle, secrets) if parsed.subtitle else parsed.subtitle,
        entries=entries,
    )


def _masked(text: str, secrets: frozenset[str]) -> str:
    for secret in secrets:
        for form in (secret, quote(secret, safe="")):  # as written, and percent-encoded
            if form in text:
                text = text.replace(form, "REDACTED")
    return text


def distinct_keys(items: tuple[ItemData, ...]) -> tuple[ItemData, ...]:
    """A publisher that gives one guid to different items (different links) must not lose
    them: the later ones are known by their link, or by their position."""
    first_link: dict[str, str | None] = {}
    fixed = []
    for position, item in enumerate(items):
        if item.key not in first_link:
            first_link[item.key] = item.canonical_link
            fixed.append(item)
        elif item.canonical_link != first_link[item.key]:
            key = item.canonical_link or f"{item.key}#{position}"
            fixed.append(replace(item, key=key))
        else:
            fixed.append(item)  # the same entry twice: dedupe keeps the first
    return tuple(fixed)


def parse_article_document(
    body: bytes,
    url: str,
    content_type: str | None,
    now: datetime,
    summary_selector: str | None,
    date_selector: str | None,
    language: str | None,
) -> ArticleData:
    """An article page -> sanitized summary and a trusted date. Runs in a worker process."""
    secrets = secret_values(url)
    url = public_url(url)  # as for a list: no credentials in the links it makes absolute
    article = parse_article(
        body,
        content_type=content_type,
        summary_selector=summary_selector,
        date_selector=date_selector,
        language=language,
    )
    summary = _masked(sanitize_html(article.summary_html, url, MAX_SUMMARY_HTML), secrets)
    return ArticleData(summary, plausible(article.published, now))
