"""What tagging is given, as plain picklable values: the spec a Tagger is compiled from (the
operator's rules and tagging settings, with a key that changes with them), a source's facts
(its id, kind, language, tags and country) and a parse worker's job. A round builds these for
every source, also when nothing is parsed, so they live apart from the tagger, which compiles
the rules and reads texts (and imports the gazetteer, the names and the sanitizer)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from aggregator.config.loading import Config, RuleSettings, SourceSettings
from aggregator.models import TagAssignment


@dataclass(frozen=True, slots=True)
class SourceFacts:
    id: str
    title: str
    kind: str | None
    language: str | None
    tags: tuple[TagAssignment, ...]
    country: str | None = None  # ISO 3166 alpha-2, upper case


@dataclass(frozen=True, slots=True)
class TaggingSpec:
    """What a Tagger is compiled from: picklable, for the parse workers, which compile it
    once per `key` and keep it."""

    rules: tuple[RuleSettings, ...]
    places: bool
    languages: bool
    key: str
    names: tuple[str, ...] = ()  # feeds.yaml's, beside the shipped ones
    # TaggingSettings.announcements: its `any` and `none` terms
    announcements: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


@dataclass(frozen=True, slots=True)
class TaggingJob:
    """Tagging in the parse worker: the rules, the source, and the (key, content hash) of the
    source's recent stored items, which need no tags (they are unchanged)."""

    spec: TaggingSpec
    source: SourceFacts
    known: frozenset[tuple[str, str]]


def tagging_spec(config: Config) -> TaggingSpec:
    rules = tuple(config.settings.rules)
    tagging = config.settings.tagging
    fingerprint = json.dumps(
        [[rule.model_dump(mode="json") for rule in rules], tagging.model_dump(mode="json")],
        sort_keys=True,
    )
    key = hashlib.sha256(fingerprint.encode()).hexdigest()
    return TaggingSpec(
        rules,
        tagging.places,
        tagging.languages,
        key,
        tuple(tagging.names),
        (tuple(tagging.announcements.any), tuple(tagging.announcements.none))
        if tagging.announcements
        else ((), ()),
    )


def source_tags(source: SourceSettings) -> tuple[TagAssignment, ...]:
    """The tags every item of a source carries: its own, `kind:...` and `country:..`."""
    tags = [TagAssignment(tag=tag, origin="source") for tag in source.tags]
    if source.kind:
        tags.append(TagAssignment(tag=f"kind:{source.kind}", origin="kind"))
    if source.country:
        tags.append(TagAssignment(tag=f"country:{source.country.lower()}", origin="source-country"))
    return tuple(tags)


def source_facts(source: SourceSettings | None, source_id: str) -> SourceFacts:
    if source is None:  # no longer in the config: rule, place and language tags only
        return SourceFacts(source_id, source_id, None, None, ())
    return SourceFacts(
        source.id,
        source.title or source.id,
        source.kind,
        source.language,
        source_tags(source),
        source.country.upper() if source.country else None,
    )
