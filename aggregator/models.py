"""The frozen values that travel between the pipeline's stages.

Naming follows where a value comes from or goes to: `*State` is read from the store, `*Data`
comes from a source, `*Intent` goes to the store, `*Result` is reported. Third-party objects
(httpx responses, feedparser dicts, SQLAlchemy rows, feedgen objects) never appear here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

# What happened to one source in one round, as shown by `aggregator status`.
Outcome = Literal["ok", "not-modified", "unchanged", "error"]
# How an error is treated: transient ones are retried soon, permanent-looking ones slowly
# ("broken": an HTML page whose selectors no longer match; "refused": robots.txt says no),
# and "gone" (HTTP 410) disables the source until an operator enables it again.
ErrorKind = Literal["transient", "permanent", "gone", "broken", "refused"]


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What the network gave for one source: a body, a 304, or an error in words."""

    source_id: str
    url: str
    status: int | None
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    error_kind: ErrorKind | None = None
    duration_s: float = 0.0
    size: int = 0
    retry_after: timedelta | None = None
    freshness: timedelta | None = None
    # Where the source's address permanently moved (301/308 all the way), if it did.
    moved_to: str | None = None
    body_hash: str | None = None  # sha256 of the body (set with a 200)
    # sha256 of the body as sent, when it came compressed; when it equals the stored one the
    # body is not even decompressed: `body` is None and `body_hash` the stored one.
    wire_hash: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.error is None


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file an item carries (RSS <enclosure>, Atom link rel="enclosure", JSON attachment)."""

    url: str
    type: str | None = None  # its media type, e.g. audio/mpeg
    length: int | None = None  # in bytes, when the source says


@dataclass(frozen=True, slots=True)
class EntryData:
    """One entry as a parser read it, before normalization: raw HTML, raw links, parsed dates."""

    guid: str | None
    link: str | None
    title: str
    summary: str
    content: str
    author: str | None
    categories: tuple[str, ...]
    published: datetime | None
    updated: datetime | None
    # A date the source wrote that could not be read (its text): the item is then dated by
    # when it was first seen, and `explain`/`story` say why.
    unreadable_date: str | None = None
    enclosures: tuple[Enclosure, ...] = ()
    # The item's picture: media:thumbnail, media:content of an image type, itunes:image, an
    # image enclosure, JSON Feed `image`, an HTML source's `image` selector.
    image: str | None = None
    # The xml:base in effect for the summary and the content, when the document sets one:
    # relative links in them are resolved against it (else against the item's link).
    summary_base: str | None = None
    content_base: str | None = None


@dataclass(frozen=True, slots=True)
class ItemData:
    """One item as the source published it, normalized: sanitized HTML, canonical link, UTC dates.

    `published`/`updated` are None when the source gave no usable date (missing, or in the
    future); the dedupe stage then uses the time the item was first seen.
    """

    key: str
    guid: str | None
    link: str | None
    canonical_link: str | None
    title: str
    summary_html: str
    content_html: str
    author: str | None
    categories: tuple[str, ...]
    published: datetime | None
    updated: datetime | None
    content_hash: str
    # Locality-sensitive hash keys of the item's lead (similarity.band_keys): how near-duplicate
    # releases with another link find each other. Empty for very short texts.
    text_bands: tuple[int, ...] = ()
    # The text full-text search indexes (the longer of summary and content, as plain text),
    # worked out in the parse worker with the band keys: the store thread is a round's
    # bottleneck. None: the store works it out from the HTML.
    search_text: str | None = None
    # Its tags, when the parse worker computed them (new or edited items only); None: the
    # store thread computes them if it needs them.
    tags: tuple[TagAssignment, ...] | None = None
    # Why the item has no date of the source's (unreadable, in the future, ...), if so.
    date_note: str | None = None
    enclosures: tuple[Enclosure, ...] = ()  # absolute http(s) addresses only
    image: str | None = None  # an absolute http(s) address


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed document read by a parser; `warning` notes a recoverable problem (bad encoding)."""

    title: str | None
    link: str | None
    language: str | None
    entries: tuple[EntryData, ...]
    warning: str | None = None
    subtitle: str | None = None  # the feed's subtitle, tagline or description
    ttl: timedelta | None = None  # RSS <ttl>: how long the publisher says to cache it
    next_url: str | None = None  # HTML lists: the next page, if the `next` selector found one
    # HTML lists: how the page was read ("preset uswds (dhs news updates)", "selectors",
    # "detected: ..."), for `status`; and the selectors detected, for `preview` to print.
    reading: str | None = None
    detected: HtmlRecipe | None = None
    # When the feed says it last changed (Atom <updated>, RSS <lastBuildDate>, dc:date,
    # dcterms:modified), as feedparser reads it: what atom:source republishes.
    updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class SourceState:
    """A source's fetch state as stored between rounds."""

    id: str
    url: str  # the address fetched: the configured one, or where it permanently moved
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    consecutive_errors: int
    next_check_at: datetime | None
    config_url: str | None = None
    wire_hash: str | None = None  # the compressed body's hash, paired with body_hash
    body_size: int = 0  # the decoded size of the body body_hash names
    moved_to: str | None = None
    moved_since: datetime | None = None
    moved_rounds: int = 0


@dataclass(frozen=True, slots=True)
class StoredItemState:
    """What dedupe needs to know about an item already in the store."""

    item_id: int
    key: str
    content_hash: str
    story_id: int
    updated_at: datetime
    title: str = ""


@dataclass(frozen=True, slots=True)
class TagAssignment:
    """One tag on one item and why it is there (origin: source, kind, country, rule)."""

    tag: str
    origin: str
    detail: str = ""


# The detail of a `lang:` tag taken from what the feed declares (tagging writes it; retagging
# the store keeps it).
DECLARED_LANGUAGE = "declared by the feed"


@dataclass(frozen=True, slots=True)
class StoryCopy:
    """One source's copy of a story, as the choice of what a story shows weighs it
    (stories/representative.py)."""

    item_id: int
    source_id: str
    kind: str | None  # the source's kind (prosecution, media, ...)
    link: str | None  # the item's link
    # Where the source itself lives: its configured address (what the operator wrote; never
    # what a feed says of itself, which could name anyone's site).
    source_addresses: tuple[str | None, ...]
    published_at: datetime


@dataclass(frozen=True, slots=True)
class ItemIntent:
    """Insert a new item or update a stored one.

    `story` is the id of an existing story to join, or a token naming a story created by an
    earlier intent of the same `FeedIntent` (or by this one, when it is the first to use it).
    """

    action: Literal["new", "update"]
    data: ItemData
    story: int | str
    published_at: datetime
    updated_at: datetime
    first_seen_at: datetime
    tags: tuple[TagAssignment, ...]
    item_id: int | None = None
    listed: bool = True  # False: stored but never published (first-run catch-up)
    # Why a new item joined an existing story on its text ("text similarity 0.93 with item 812").
    merge_reason: str | None = None
    # A new item that its story shows from now on (stories/representative.py decided it).
    shown: bool = False


@dataclass(frozen=True, slots=True)
class FeedIntent:
    """Everything one update of one source writes, in one transaction, even on error."""

    source_id: str
    checked_at: datetime
    outcome: Outcome
    next_check_at: datetime
    consecutive_errors: int
    http_status: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    wire_hash: str | None = None  # written with body_hash, as a pair
    body_size: int | None = None  # the same
    feed_title: str | None = None
    feed_link: str | None = None
    feed_subtitle: str | None = None
    page_reading: str | None = None  # how an HTML list was read (ParsedFeed.reading)
    # The feed's updated time as known now (its own, else this check's time): kept with each
    # item this check writes, for atom:source.
    feed_updated: datetime | None = None
    duration_s: float = 0.0
    size: int = 0
    items: tuple[ItemIntent, ...] = ()
    next_check_reason: str | None = None
    error_kind: ErrorKind | None = None
    disable_reason: str | None = None  # set: the source is disabled until enabled by hand
    moved_to: str | None = None  # the permanent redirect being watched (None: none)
    moved_since: datetime | None = None
    moved_rounds: int = 0
    fetch_url: str | None = None  # set: from now on fetch the source from here
    notice: str | None = None  # something a successful check has to say


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """The reported outcome of one source in one round."""

    source_id: str
    outcome: Outcome
    http_status: int | None
    new: int
    updated: int
    error: str | None
    duration_s: float
    next_check_at: datetime
    next_check_reason: str | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source as named in a published entry (atom:source, via links)."""

    id: str
    title: str
    feed_url: str
    site_link: str | None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """One story as it is republished: the representative item plus every source that carried it."""

    entry_id: str
    title: str
    link: str | None
    summary_html: str
    content_html: str
    author: str | None
    published: datetime
    updated: datetime
    source: SourceRef
    tags: tuple[str, ...]
    also: tuple[tuple[SourceRef, str | None], ...] = field(default=())
    enclosures: tuple[Enclosure, ...] = ()
    image: str | None = None
    # The source feed's updated time as known when the shown item was last written.
    source_updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One row of `aggregator status`."""

    id: str
    url: str
    title: str | None
    in_config: bool
    enabled: bool
    last_checked_at: datetime | None
    outcome: str | None
    http_status: int | None
    items: int
    next_check_at: datetime | None
    last_error: str | None
    consecutive_errors: int
    next_check_reason: str | None = None
    disabled_reason: str | None = None
    fetch_url: str | None = None  # where it is fetched from, when it moved permanently
    moved_to: str | None = None  # a permanent redirect in its grace period
    size: int | None = None
    duration_s: float | None = None
    notice: str | None = None
    error_kind: str | None = None
    last_success_at: datetime | None = None
    page_reading: str | None = None  # how its HTML list was last read


@dataclass(frozen=True, slots=True)
class PublishState:
    """How the publishes into one output folder went (from the store, any process)."""

    output: str
    last_success_at: datetime | None
    last_failure_at: datetime | None
    last_error: str | None
    skipped: int = 0  # entries the last publish left out
    skipped_detail: str | None = None

    @property
    def failing(self) -> bool:
        return publish_failing(self.last_success_at, self.last_failure_at)


def publish_failing(last_success_at: datetime | None, last_failure_at: datetime | None) -> bool:
    """The latest publish failed (it failed, and has not succeeded since)."""
    return last_failure_at is not None and (
        last_success_at is None or last_failure_at >= last_success_at
    )


@dataclass(frozen=True, slots=True)
class FeedData:
    """A parsed feed after normalization: what the dedupe stage receives."""

    title: str | None
    link: str | None
    language: str | None
    items: tuple[ItemData, ...]
    warning: str | None = None
    ttl: timedelta | None = None
    next_url: str | None = None
    # The declared language once the document's items confirmed it (language.py): what items
    # tagged on the store thread (not by the worker) use instead of detecting.
    item_language: str | None = None
    subtitle: str | None = None
    reading: str | None = None  # HTML lists: how the page was read
    updated: datetime | None = None  # the feed's own updated time, if plausible
    detected: HtmlRecipe | None = None  # HTML lists: the selectors detected on the page


@dataclass(frozen=True, slots=True)
class HtmlRecipe:
    """Where the parts of each news item are on an HTML list page (see parse/selectors.py)."""

    item: str
    title: str
    link: str
    date: str | None = None
    summary: str | None = None
    image: str | None = None
    category: str | None = None
    next: str | None = None
    time: str | None = None  # a time written apart from the date ("14:30" in its own element)
    date_format: str | None = None  # strptime format; else detected in the page's language
    date_order: str | None = None  # DMY, MDY or YMD, for numeric dates
    name: str = "selectors"  # how `status` names it: "selectors", "preset uswds (dhs)", ...
    timezone: str | None = None  # IANA: the site's, for dates and times written without one


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """How to read one source's documents; picklable, for the parse workers."""

    kind: Literal["feed", "html", "jsonfeed"] = "feed"
    # The ways to read an HTML list, tried in order; none: the list is detected on the page.
    recipes: tuple[HtmlRecipe, ...] = ()
    timezone: str | None = None  # HTML lists: the site's time zone (IANA), else UTC
    language: str | None = None
    identity: str = "auto"  # what makes an item the same item (see normalize.item_key)
    ignore_www: bool = False  # canonical links drop a leading "www."


@dataclass(frozen=True, slots=True)
class RoundSummary:
    results: tuple[UpdateResult, ...]

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if r.outcome == "error")

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.results)

    @property
    def changed(self) -> bool:
        return self.new > 0 or self.updated > 0
