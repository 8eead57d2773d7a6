"""The settings of feeds.yaml as pydantic models, and the value types they use (durations,
sizes, URLs, tags, selectors). Reading the file and reporting errors is config.py's job."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from aggregator.config.presets import PRESETS
from aggregator.hygiene import is_clean
from aggregator.models import HtmlRecipe, ParseOptions
from aggregator.redact import public_url
from aggregator.terms.matching import scope_problem, term_problem

SOURCE_KINDS = ("prosecution", "summit", "international", "government", "media")
_DURATION_PART = re.compile(r"(\d+)\s*([smhdw])")
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SIZE = re.compile(r"^\s*(\d+)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 1000**2,
    "mib": 1024**2,
    "gb": 1000**3,
    "gib": 1024**3,
}
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
TAG = re.compile(r"^[a-z0-9][a-z0-9_:.-]*$")


def parse_duration(value: object) -> timedelta:
    """`30m`, `2h`, `1h30m`, `45s`, `1d`, `1w` -> timedelta; anything else is a clear error."""
    if isinstance(value, timedelta):
        return value
    text = str(value).strip().lower() if isinstance(value, str) else None
    if text and _DURATION_PART.sub("", text).strip() == "":
        seconds = sum(int(n) * _DURATION_UNITS[u] for n, u in _DURATION_PART.findall(text))
        if seconds > 0:
            return timedelta(seconds=seconds)
        raise PydanticCustomError(
            "duration",
            '"{value}" is too short: a duration must be longer than 0 (e.g. 30m)',
            {"value": value},
        )
    raise PydanticCustomError(
        "duration", '"{value}" is not a duration (use e.g. 30m, 2h)', {"value": value}
    )


def parse_size(value: object) -> int:
    """`10MiB`, `512kb`, `1000000` -> bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.match(value) if isinstance(value, str) else None
    if match and int(match.group(1)) > 0:
        return int(match.group(1)) * _SIZE_UNITS[(match.group(2) or "b").lower()]
    raise PydanticCustomError(
        "size", '"{value}" is not a size (use e.g. 10MiB, 512KiB)', {"value": value}
    )


def _check_http_url(value: object) -> str:
    from urllib.parse import urlsplit

    if isinstance(value, str):
        parts = urlsplit(value.strip())
        if parts.scheme in ("http", "https") and parts.hostname:
            return value.strip()
    raise PydanticCustomError(
        "url", '"{value}" is not an http(s) URL with a host', {"value": value}
    )


def _check_tag(value: object) -> str:
    if isinstance(value, str):
        tag = normalize_tag(value)
        if TAG.match(tag):
            return tag
    raise PydanticCustomError(
        "tag", '"{value}" is not a tag (letters, digits, - _ : .)', {"value": value}
    )


def normalize_tag(text: str) -> str:
    """Tags are lowercase slugs: `Money Laundering` -> `money-laundering`."""
    return re.sub(r"[\s/]+", "-", text.strip().lower())


def _duration_or_zero(value: object) -> timedelta:
    return timedelta(0) if value in (0, "0", "0s") else parse_duration(value)


_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def _check_language(value: object) -> str | None:
    """A BCP 47 language tag (en, pt-BR): it is published as xml:lang, which allows no
    other shape (`en_US` made every Atom document invalid)."""
    if value is None:
        return None
    if isinstance(value, str) and _LANGUAGE_TAG.match(value.strip()):
        return value.strip()
    raise PydanticCustomError(
        "language", '"{value}" is not a language tag (use e.g. en, pt-BR)', {"value": value}
    )


def _check_text(value: object) -> str | None:
    """A name shown in every published document: no control characters."""
    if value is None:
        return None
    if isinstance(value, str) and is_clean(value) and "\t" not in value and "\n" not in value:
        return value
    raise PydanticCustomError(
        "text", "a title cannot hold control characters or line breaks", {"value": value}
    )


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
Language = Annotated[str | None, BeforeValidator(_check_language)]
Title = Annotated[str, BeforeValidator(_check_text)]
Size = Annotated[int, BeforeValidator(parse_size)]
HttpUrl = Annotated[str, BeforeValidator(_check_http_url)]
Tag = Annotated[str, BeforeValidator(_check_tag)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OutputSettings(_Section):
    dir: str = "store/public"
    title: Title = "Prosecution & Summit News"
    id: str = "tag:example.org,2026:aggregator"
    base_url: HttpUrl = "http://127.0.0.1:8080/"
    entries: int = Field(default=100, ge=1, le=10000)
    archive: bool = True  # RFC 5005 archive pages for the combined and tag feeds
    icon: HttpUrl | None = None
    logo: HttpUrl | None = None
    websub_hub: HttpUrl | None = None
    cache_max_age: Duration = timedelta(minutes=1)  # Cache-Control max-age when serving
    # The published feeds' language (xml:lang, RSS <language>); by default the sources' one
    # when every source that says its language says the same.
    language: Language = None

    @field_validator("id")
    @classmethod
    def _id_is_uri(cls, value: str) -> str:
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", value):
            raise PydanticCustomError(
                "uri",
                '"{value}" is not a URI (use e.g. tag:example.org,2026:news)',
                {"value": value},
            )
        return value

    @field_validator("base_url")
    @classmethod
    def _base_ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"


class ServerSettings(_Section):
    """The web server's bounds (serving.py): no client can hold it."""

    header_timeout: Duration = timedelta(seconds=10)  # to send a request's head; to read
    keep_alive: Duration = timedelta(seconds=5)  # an idle connection between requests
    max_connections: int = Field(default=512, ge=1, le=100_000)
    search_timeout: Duration = timedelta(seconds=2)  # a full-text search, then 503


class RetentionSettings(_Section):
    keep: Duration | None = None  # items first seen longer ago may be pruned; None: keep all
    keep_per_source: int = Field(default=100, ge=0)  # but never a source's newest N


class Defaults(_Section):
    interval: Duration = timedelta(minutes=30)
    max_age: Duration = timedelta(days=7)


class FetchSettings(_Section):
    timeout: Duration = timedelta(seconds=30)
    max_size: Size = 10 * 1024 * 1024
    concurrency: int = Field(default=10, ge=1, le=200)
    user_agent: str | None = None
    adaptive: bool = True
    min_interval: Duration = timedelta(minutes=5)
    max_interval: Duration = timedelta(hours=24)
    per_host: int = Field(default=2, ge=1, le=50)
    host_gap: Annotated[timedelta, BeforeValidator(_duration_or_zero)] = timedelta(seconds=1)
    exempt_loopback: bool = True
    allow_private_redirects: bool = False
    max_redirects: int = Field(default=10, ge=0, le=30)
    max_items: int = Field(default=500, ge=1, le=100000)
    parse_timeout: Duration = timedelta(seconds=20)
    redirect_grace_rounds: int = Field(default=3, ge=1, le=100)
    redirect_grace: Duration = timedelta(days=1)
    # A daemon's hold on a due source (several daemons), renewed every third of it while the
    # daemon works: a daemon that died loses its sources to the others within one lease.
    lease: Duration = timedelta(minutes=1)

    @model_validator(mode="after")
    def _bounds_in_order(self) -> FetchSettings:
        if self.min_interval > self.max_interval:
            raise PydanticCustomError(
                "bounds",
                "min_interval ({a}) is longer than max_interval ({b})",
                {"a": str(self.min_interval), "b": str(self.max_interval)},
            )
        return self


def _check_selector(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("selector", "a selector is a string", {})
    # (imported here: a config without HTML sources does not import lxml and cssselect)
    from aggregator.config.selectors import compile_selector

    try:
        compile_selector(value)
    except ValueError as exc:
        raise PydanticCustomError("selector", "{problem}", {"problem": str(exc)}) from exc
    return value


SelectorText = Annotated[str | None, BeforeValidator(_check_selector)]


# Pages of an HTML list read on its first fetch when the source does not say (`pages`): enough
# to start with more than the first screen, few enough to be polite.
FIRST_PAGES = 3


class HtmlSelectors(_Section):
    """Selectors of a `type: html` source; each overrides the preset's."""

    item: SelectorText = None
    title: SelectorText = None
    link: SelectorText = None
    date: SelectorText = None
    summary: SelectorText = None
    image: SelectorText = None
    category: SelectorText = None
    next: SelectorText = None
    time: SelectorText = None


class ArticleSelectors(_Section):
    """Where to find the summary and date on an article page (else its meta tags)."""

    summary: SelectorText = None
    date: SelectorText = None


class SourceSettings(_Section):
    id: str
    url: HttpUrl
    title: Title | None = None
    kind: Literal["prosecution", "summit", "international", "government", "media"] | None = None
    country: str | None = None
    language: Language = None
    tags: list[Tag] = []
    interval: Duration | None = None
    max_age: Duration | None = None
    enabled: bool = True
    type: Literal["feed", "html", "jsonfeed"] = "feed"
    preset: str | None = None
    selectors: HtmlSelectors | None = None
    # Pages of the list read on the first fetch, through its `next` link (None: FIRST_PAGES).
    pages: int | None = Field(default=None, ge=1, le=20)
    date_format: str | None = None
    date_order: Literal["DMY", "MDY", "YMD"] | None = None
    # The site's time zone (IANA, e.g. Europe/Moscow), for list dates written without one.
    timezone: str | None = None
    fetch_article: bool = False
    article: ArticleSelectors | None = None
    identity: Literal["auto", "guid", "link", "title", "content"] = "auto"
    # What to show instead of `url` wherever the address leaves the process (feeds, OPML,
    # pages, status); by default `url` without credentials (see redact.py).
    public_url: HttpUrl | None = None

    @model_validator(mode="before")
    @classmethod
    def _preset_means_html(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("preset") and "type" not in data:
            return {**data, "type": "html"}
        return data

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise PydanticCustomError(
                "timezone",
                '"{value}" is not a time zone (an IANA name such as Europe/Moscow)',
                {"value": value},
            ) from exc
        return value

    @field_validator("preset")
    @classmethod
    def _known_preset(cls, value: str | None) -> str | None:
        if value is not None and value not in PRESETS:
            raise PydanticCustomError(
                "preset",
                '"{value}" is not a preset (known: {known})',
                {"value": value, "known": ", ".join(sorted(PRESETS))},
            )
        return value

    @model_validator(mode="after")
    def _html_is_complete(self) -> SourceSettings:
        if self.type == "html":
            chosen = self.selectors.model_dump(exclude_none=True) if self.selectors else {}
            if (
                chosen
                and not self.preset
                and not all(chosen.get(name) for name in ("item", "title", "link"))
            ):
                raise PydanticCustomError(
                    "selectors",
                    "selectors need item, title and link (or a preset; or no selectors at "
                    "all, and the news list is detected on the page)",
                    {},
                )
        elif self.selectors or self.preset:
            raise PydanticCustomError(
                "selectors", "selectors and preset are for type: html sources", {}
            )
        return self

    def recipes(self) -> tuple[HtmlRecipe, ...]:
        """The ways to read this HTML list, tried in order: each variant of the preset with
        this source's selectors laid over it, or the selectors alone; none: the list is
        detected on the page."""
        chosen = self.selectors.model_dump(exclude_none=True) if self.selectors else {}
        if self.date_format:
            chosen["date_format"] = self.date_format
        if self.date_order:
            chosen["date_order"] = self.date_order
        if not self.preset:
            if not all(chosen.get(name) for name in ("item", "title", "link")):
                return ()
            return (HtmlRecipe(**chosen, name="selectors"),)
        variants = PRESETS[self.preset]
        label = f"preset {self.preset}" if len(variants) == 1 else None
        return tuple(
            dataclasses.replace(
                variant,
                **chosen,
                name=label or f"preset {self.preset} ({variant.name})",
            )
            for variant in variants
        )

    @property
    def first_pages(self) -> int:
        """Pages of the list read on its first fetch: `pages`, else FIRST_PAGES for a list
        (followed only where the page has a next link)."""
        if self.pages is not None:
            return self.pages
        return FIRST_PAGES if self.type == "html" else 1

    @property
    def shown_url(self) -> str:
        """The source's address as it may be published: `public_url`, else `url` without
        credentials."""
        return self.public_url or public_url(self.url)

    def parse_options(self, ignore_www: bool = False) -> ParseOptions:
        return ParseOptions(
            kind=self.type,
            recipes=self.recipes(),
            timezone=self.timezone
            or next((r.timezone for r in self.recipes() if r.timezone), None),
            language=self.language,
            identity=self.identity,
            ignore_www=ignore_www,
        )

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise PydanticCustomError(
                "slug",
                '"{value}" is not a source id (lowercase letters, digits, - and _)',
                {"value": value},
            )
        return value

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z]{2}", value):
            raise PydanticCustomError(
                "country",
                '"{value}" is not an ISO 3166-1 alpha-2 code (e.g. US, BR)',
                {"value": value},
            )
        return value.upper() if value else value


RULE_FIELDS = ("title", "summary", "content", "link", "author", "categories", "source")
RuleField = Literal["title", "summary", "content", "link", "author", "categories", "source"]
OneOrMany = str | list[str]


class RuleWhere(_Section):
    """Limits a rule to some sources: by kind, by source id, by the source's country, by item
    language."""

    kind: OneOrMany | None = None
    source: OneOrMany | None = None
    country: OneOrMany | None = None
    language: OneOrMany | None = None


def valid_terms(value: list[str]) -> list[str]:
    """Rule terms, stripped; a clear error for the first that cannot be read."""
    terms = [str(term).strip() for term in value]
    for term in terms:
        problem = term_problem(term)
        if problem:
            raise PydanticCustomError("term", "{problem}", {"problem": problem})
    return terms


class RuleSettings(_Section):
    tag: Tag
    any: list[str] = []  # at least one of these terms
    all: list[str] = []  # every one of these terms
    none: list[str] = []  # none of these terms
    fields: list[RuleField] = ["title", "summary", "content"]
    where: RuleWhere | None = None

    @field_validator("any", "all", "none")
    @classmethod
    def _terms_are_valid(cls, value: list[str]) -> list[str]:
        return valid_terms(value)

    @model_validator(mode="after")
    def _has_a_positive_condition(self) -> RuleSettings:
        if not self.any and not self.all:
            raise PydanticCustomError("rule", "a rule needs `any` or `all` terms", {})
        scoped = self.where is not None and bool(self.where.country or self.where.source)
        problem = scope_problem([*self.any, *self.all, *self.none], scoped)
        if problem:
            raise PydanticCustomError("rule", "{problem}", {"problem": problem})
        return self


class SimilarTextSettings(_Section):
    """Near-duplicates: the same release under another link (see docs/stories.md)."""

    enabled: bool = True
    # Share of the shorter text's 3-word phrases that must appear in the other: set between
    # the scores of the same releases and of different cases from one template in
    # tests/data/stories (docs/stories.md, "How well it works").
    threshold: float = Field(default=0.65, gt=0.0, le=1.0)
    min_words: int = Field(default=25, ge=10)  # shorter texts never merge on text alone
    within: Duration = timedelta(days=7)  # only items published this close in time


class StoriesSettings(_Section):
    # Which item a story shows when several sources carry it (representative.py): the
    # agency's own copy first, then kinds earlier in this list, then the earliest published,
    # then the source id. By default the official kinds come before media and sources of no
    # kind: a media source that copies a release and publishes it first (its own copy on its
    # own site too) does not take the agency's story over.
    prefer_kinds: list[Literal["prosecution", "summit", "international", "government", "media"]] = [
        "prosecution",
        "international",
        "summit",
        "government",
    ]
    # Treat www.example.org and example.org as one site when recognising the same page.
    ignore_www: bool = False
    similar_text: SimilarTextSettings = SimilarTextSettings()


class AnnouncementSettings(_Section):
    """Rule terms read in the title: `any` marks an announcement, `none` a title that reports
    a case all the same ("Former Treasurer Appointed to Oversee Pension Fund Sentenced")."""

    any: list[str] = []
    none: list[str] = []

    @field_validator("any", "none")
    @classmethod
    def _terms_are_valid(cls, value: list[str]) -> list[str]:
        return valid_terms(value)


class TaggingSettings(_Section):
    places: bool = True  # country:xx tags for the countries an item mentions
    languages: bool = True  # lang:xx tags (from the source's `language`, else detected)
    # Names in which rule terms do not count (agencies, offices, programmes), added to the
    # shipped list (tagging/data/names.txt).
    names: list[Title] = []
    # Titles that announce an appointment or a swearing-in: such an item's topics come from
    # its title alone, since its summary tells the career of the person appointed ("previously
    # headed the anti-corruption department").
    announcements: AnnouncementSettings | None = None


class ConfigFile(_Section):
    store: str = "store/aggregator.sqlite"
    output: OutputSettings = OutputSettings()
    defaults: Defaults = Defaults()
    fetch: FetchSettings = FetchSettings()
    sources: list[SourceSettings] = []
    rules: list[RuleSettings] = []
    tagging: TaggingSettings = TaggingSettings()
    stories: StoriesSettings = StoriesSettings()
    retention: RetentionSettings = RetentionSettings()
    server: ServerSettings = ServerSettings()
