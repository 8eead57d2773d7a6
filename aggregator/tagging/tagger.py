"""Tags for an item: its source's settings, the operator's rules, the countries it names, and its
language. Pure: rules are compiled once per config, then applied to plain values.

Every tag carries its origin and the words behind it, which `aggregator explain` prints.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from aggregator.config.loading import Config, RuleSettings, normalize_tag
from aggregator.models import ItemData, TagAssignment
from aggregator.normalize.entries import plain_text
from aggregator.tagging.language import (
    DECLARED,
    confirmed_language,
    item_language,
    primary_subtag,
    spread,
)
from aggregator.tagging.names import Names, blank_names_written, compile_names, without_names
from aggregator.tagging.spec import SourceFacts as SourceFacts
from aggregator.tagging.spec import TaggingJob as TaggingJob
from aggregator.tagging.spec import TaggingSpec as TaggingSpec
from aggregator.tagging.spec import source_facts as source_facts
from aggregator.tagging.spec import source_tags as source_tags
from aggregator.tagging.spec import tagging_spec as tagging_spec
from aggregator.terms.citations import citations_in
from aggregator.terms.folding import APOSTROPHES
from aggregator.terms.matching import Term, TextIndex, compile_any, compile_term, find, fold


@dataclass(frozen=True, slots=True)
class TaggableItem:
    """What rules can look at (see `fields` in the rule language)."""

    title: str
    summary_html: str
    content_html: str
    link: str | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CompiledRule:
    tag: str
    any: tuple[Term, ...]
    all: tuple[Term, ...]
    none: tuple[Term, ...]
    fields: tuple[str, ...]
    kinds: frozenset[str] | None
    sources: frozenset[str] | None
    countries: frozenset[str] | None
    languages: frozenset[str] | None
    cites_only: bool = False  # every term is a `law:` term: texts citing nothing are skipped
    # `any` terms that are whole names on the names list ("Computer Fraud and Abuse Act"):
    # read where names are not blanked, since the name itself is the evidence.
    whole_names: tuple[Term, ...] = ()
    # `all` terms that are whole names, read the same way ("all: [Proceeds of Crime Act]").
    names_in_all: tuple[Term, ...] = ()
    # `none` terms that are whole names, read the same way ("none: [Anti-Corruption Working
    # Group]": the item is about that body).
    names_in_none: tuple[Term, ...] = ()
    # The `any` terms split for speed: those whose gate is only literal texts (most regular
    # expressions), with one pattern of all their texts: a field it finds nothing in cannot
    # match any of them, so a rule's dozens of expressions cost one search; and the rest.
    any_gated: tuple[Term, ...] = dataclasses.field(init=False, default=())
    any_gate: re.Pattern[str] | None = dataclasses.field(init=False, default=None)
    any_open: tuple[Term, ...] = dataclasses.field(init=False, default=())
    # The texts of the terms read where names are not blanked (whole names in `any`, `all`
    # and `none`): checked for every term of every item, so a set, not a scan of tuples.
    unblanked: frozenset[str] = dataclasses.field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "unblanked",
            frozenset(t.text for t in (*self.whole_names, *self.names_in_all, *self.names_in_none)),
        )
        gated = tuple(
            term
            for term in self.any
            if term.gates is not None and not term.gates.words and term.gates.substrings
        )
        if len(gated) < 2:
            object.__setattr__(self, "any_open", self.any)
            return
        keys = {key for term in gated if term.gates for key in term.gates.substrings}
        object.__setattr__(self, "any_gated", gated)
        object.__setattr__(
            self, "any_gate", re.compile("|".join(map(re.escape, sorted(keys, key=len))))
        )
        object.__setattr__(self, "any_open", tuple(t for t in self.any if t not in gated))


@dataclass(frozen=True, slots=True)
class Tagger:
    rules: tuple[CompiledRule, ...]
    places: bool = True
    languages: bool = True
    names: Names | None = None  # blanked out of the text rules read (names.py)
    # The title terms of an announcement (TaggingSettings.announcements: `any`, and `none` for
    # titles that report a case all the same), as a rule that reads the title only.
    announcement: CompiledRule | None = None


def _set(value: str | list[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset([value] if isinstance(value, str) else value)


def _countries(value: str | list[str] | None) -> frozenset[str] | None:
    codes = _set(value)
    return None if codes is None else frozenset(code.upper() for code in codes)


def compile_rules(
    rules: Sequence[RuleSettings], names: Names | None = None
) -> tuple[CompiledRule, ...]:
    def is_name(term: str) -> bool:
        return names is not None and names.is_name(fold(term))

    def compiled(rule: RuleSettings) -> CompiledRule:
        required = tuple(compile_term(t) for t in rule.all)
        excluded = tuple(compile_term(t) for t in rule.none)
        return CompiledRule(
            tag=rule.tag,
            any=compile_any([term for term in rule.any if not is_name(term)]),
            whole_names=tuple(compile_term(term) for term in rule.any if is_name(term)),
            names_in_all=tuple(
                term for text, term in zip(rule.all, required, strict=True) if is_name(text)
            ),
            names_in_none=tuple(
                term for text, term in zip(rule.none, excluded, strict=True) if is_name(text)
            ),
            all=required,
            none=excluded,
            fields=tuple(rule.fields),
            kinds=_set(rule.where.kind) if rule.where else None,
            sources=_set(rule.where.source) if rule.where else None,
            countries=_countries(rule.where.country) if rule.where else None,
            languages=_set(rule.where.language) if rule.where else None,
            cites_only=not rule.all and all(term.startswith("law:") for term in rule.any),
        )

    return tuple(compiled(rule) for rule in rules)


_COMPILED: dict[str, Tagger] = {}


def tagger_of(spec: TaggingSpec) -> Tagger:
    """The compiled Tagger of a spec, compiled once per process."""
    if spec.key not in _COMPILED:
        if len(_COMPILED) >= 4:  # reloads with new rules: keep the newest few
            _COMPILED.pop(next(iter(_COMPILED)))
        names = compile_names(spec.names)
        announcing, reporting = spec.announcements
        announcement = (
            dataclasses.replace(
                compile_rules(
                    [
                        RuleSettings(
                            tag="announcement",
                            any=list(announcing),
                            none=list(reporting),
                            fields=["title"],
                        )
                    ],
                    names,
                )[0],
                tag=ANNOUNCEMENT,
            )
            if announcing
            else None
        )
        _COMPILED[spec.key] = Tagger(
            compile_rules(spec.rules, names), spec.places, spec.languages, names, announcement
        )
    return _COMPILED[spec.key]


def tagger(config: Config) -> Tagger:
    return tagger_of(tagging_spec(config))


def document_language(
    job: TaggingJob, declared: str | None, items: Sequence[ItemData]
) -> str | None:
    """The language the document declares, if its new items confirm it (language.py); None
    when the source's `language` setting decides anyway or nothing confirms it."""
    if job.source.language or primary_subtag(declared) is None:
        return None
    new = [item for item in items if (item.key, item.content_hash) not in job.known]
    samples = [(new[i].title, plain_text(new[i].summary_html)) for i in spread(len(new))]
    return confirmed_language(declared, samples)


def tag_new_items(
    items: Sequence[ItemData], job: TaggingJob, language: str | None = None
) -> tuple[ItemData, ...]:
    """The items, those not known unchanged carrying their tags; `language`: the document's
    confirmed language (document_language)."""
    chosen = tagger_of(job.spec)
    return tuple(
        item
        if (item.key, item.content_hash) in job.known
        else replace(item, tags=tags_for_item(chosen, job.source, taggable(item), language))
        for item in items
    )


def taggable(item: ItemData) -> TaggableItem:
    return TaggableItem(
        item.title, item.summary_html, item.content_html, item.link, item.author, item.categories
    )


def _texts(item: TaggableItem, source: SourceFacts) -> dict[str, str]:
    # Typographic apostrophes read as "'" by the regular expressions too (they read the text as
    # written): "d’espèces" is the rules' "d'espèces".
    return {
        "title": item.title.translate(APOSTROPHES),
        "summary": plain_text(item.summary_html).translate(APOSTROPHES),
        "content": plain_text(item.content_html).translate(APOSTROPHES),
        "link": item.link or "",
        "author": item.author or "",
        "categories": " | ".join(item.categories),
        "source": f"{source.id} {source.title}",
    }


# How explain tells a match outside the item's text ("cybercrime (feed category)"); matches in
# the title, summary or content need no note.
WHERE_MATCHED = {
    "categories": " (feed category)",
    "link": " (link)",
    "author": " (author)",
    "source": " (source)",
}


def rule_tags(
    rules: Sequence[CompiledRule],
    texts: dict[str, str],
    source: SourceFacts,
    language: str | None,
    names: Names | None = None,
) -> tuple[TagAssignment, ...]:
    """Tags of the rules whose conditions hold; the detail lists the words that matched. With
    `names`, terms do not count inside a name (names.py)."""
    folded = {name: fold(text) for name, text in texts.items()}
    # A term that is itself a whole name is read where names are not blanked.
    unblanked = dict(folded)
    # Regular expressions read the text as written: with the names blanked there too.
    written = dict(texts)
    if names is not None:
        for field in NAMED_FIELDS:
            if folded.get(field):
                folded[field], found_names = without_names(texts[field], folded[field], names)
                if found_names:
                    written[field] = blank_names_written(texts[field], names, keep_places=False)
    indexes: dict[str, TextIndex] = {}  # built for the fields some rule looks at
    citing: set[str] | None = None  # the fields that cite a statute, once a rule asks
    found = []
    for rule in rules:
        if rule.kinds is not None and source.kind not in rule.kinds:
            continue
        if rule.sources is not None and source.id not in rule.sources:
            continue
        if rule.countries is not None and source.country not in rule.countries:
            continue
        if rule.languages is not None and language not in rule.languages:
            continue
        if rule.cites_only:
            if citing is None:
                citing = {name for name, text in folded.items() if citations_in(text)}
            if citing.isdisjoint(rule.fields):
                continue

        def matches(term: Term, rule: CompiledRule = rule) -> list[str]:
            if not term.counts_in(language):
                return []
            if term.text in rule.unblanked:
                # A name is one short alternation: tried at once, no index of the unblanked
                # text built for it.
                return [
                    normalize_tag(hit) + WHERE_MATCHED.get(field, "")
                    for field in rule.fields
                    if unblanked[field]
                    for hit in find(term, texts[field], unblanked[field])
                ]
            return [
                normalize_tag(hit) + WHERE_MATCHED.get(field, "")
                for field in rule.fields
                if folded[field]  # many items have no content, or no summary
                for hit in find(
                    term,
                    written[field],
                    folded[field],
                    indexes.get(field) or _index(indexes, folded, field),
                )
            ]

        # `none` last: its terms are read only for an item the rule would otherwise tag.
        hits: dict[str, None] = {}
        if rule.any or rule.whole_names:
            for term in (*rule.any_open, *rule.whole_names):
                hits.update(dict.fromkeys(matches(term)))
            gate = rule.any_gate
            if gate is not None and any(
                folded[field] and gate.search(folded[field]) for field in rule.fields
            ):
                for term in rule.any_gated:
                    hits.update(dict.fromkeys(matches(term)))
            if not hits:
                continue
        missing = False
        for term in rule.all:
            words = matches(term)
            if not words:
                missing = True
                break
            hits.update(dict.fromkeys(words))
        if missing or any(matches(term) for term in rule.none):
            continue
        found.append(TagAssignment(tag=rule.tag, origin="rule", detail=", ".join(hits)))
    return tuple(found)


# The fields where names are blanked (a link or a category list names no agency in words).
NAMED_FIELDS = ("title", "summary", "content", "source")


def blocked_by_names(
    chosen: Tagger, source: SourceFacts, item: TaggableItem, declared: str | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """The rule tags an item would have if names counted, with the names in its text: what
    `explain` shows as "not counted"."""
    if chosen.names is None:
        return []
    texts = _texts(item, source)
    found: dict[str, None] = {}
    for field in NAMED_FIELDS:
        if texts.get(field):
            found.update(
                dict.fromkeys(without_names(texts[field], fold(texts[field]), chosen.names)[1])
            )
    if not found:
        return []
    language = item_language(source.language, texts["title"], texts["summary"], declared=declared)
    with_names = {t.tag for t in rule_tags(chosen.rules, texts, source, language)}
    without = {t.tag for t in rule_tags(chosen.rules, texts, source, language, chosen.names)}
    return [(tag, tuple(found)) for tag in sorted(with_names - without)]


def _index(indexes: dict[str, TextIndex], folded: dict[str, str], field: str) -> TextIndex:
    if field not in indexes:
        indexes[field] = TextIndex(folded[field])
    return indexes[field]


def place_tags(
    texts: dict[str, str], source_country: str | None = None, names: Names | None = None
) -> tuple[TagAssignment, ...]:
    """country:xx for each country named in the title, summary or content (not inside a name;
    a city whose name several countries have counts when the text or the source's country
    says which)."""
    # Imported here: the gazetteer's module compiles its patterns when imported, and a round
    # of 304s, which imports this module for its tagging settings, tags nothing.
    from aggregator.tagging.places import countries_in

    named: dict[str, dict[str, None]] = {}
    fields = [texts[field] for field in ("title", "summary", "content")]
    if names is not None:
        fields = [blank_names_written(text, names) if text else text for text in fields]
    context = frozenset({source_country.lower()}) if source_country else frozenset()
    for code, words in countries_in(*fields, context=context):
        if code in named or len(named) < MAX_COUNTRIES:
            named.setdefault(code, {})[words] = None
    return tuple(
        TagAssignment(tag=f"country:{code}", origin="place", detail=", ".join(words))
        for code, words in sorted(named.items())
    )


# The most countries one item is filed under, the first it names: an operation of Europol
# and Eurojust names twenty or thirty; an item naming every country of the world made every
# country's feed a copy of the combined one (230 documents to write per item).
MAX_COUNTRIES = 40


def tags_for_item(
    chosen: Tagger, source: SourceFacts, item: TaggableItem, declared: str | None = None
) -> tuple[TagAssignment, ...]:
    """Every tag of one item, each (tag, origin) once, in a stable order. `declared`: the
    language its feed declares, once confirmed (document_language)."""
    texts = _texts(item, source)
    language = item_language(source.language, texts["title"], texts["summary"], declared=declared)
    if chosen.announcement is None:
        topics = rule_tags(chosen.rules, texts, source, language, chosen.names)
    else:
        # The announcement's title terms read in the same pass as the rules (the texts are
        # folded and their names found once).
        found = rule_tags(
            (*chosen.rules, chosen.announcement), texts, source, language, chosen.names
        )
        topics = tuple(t for t in found if t.tag != ANNOUNCEMENT)
        if len(topics) < len(found) and topics:
            kept = title_topics(chosen, texts, source, language)
            topics = tuple(t for t in topics if t.tag in kept)
    groups = [source.tags, topics]
    if chosen.places:
        groups.append(place_tags(texts, source.country, chosen.names))
    if chosen.languages and language:
        groups.append(
            (
                TagAssignment(
                    tag=f"lang:{language}",
                    origin="language",
                    detail="source setting"
                    if source.language
                    else DECLARED
                    if declared
                    else "detected",
                ),
            )
        )
    return merge_tags(*groups)


# The tag of the announcement rule: no rule's (tags are words), so never mistaken for a topic.
ANNOUNCEMENT = "\x00announcement"


def announced_by(
    chosen: Tagger, texts: dict[str, str], source: SourceFacts, language: str | None
) -> str:
    """The words by which the title announces an appointment or a swearing-in ("Назначен
    прокурор"), or "" when it does not."""
    if chosen.announcement is None or not texts["title"]:
        return ""
    # The title alone: the other fields would only be folded and searched for names in vain.
    title_only = dict.fromkeys(texts, "") | {"title": texts["title"]}
    found = rule_tags((chosen.announcement,), title_only, source, language, chosen.names)
    return found[0].detail if found else ""


def title_topics(
    chosen: Tagger, texts: dict[str, str], source: SourceFacts, language: str | None
) -> frozenset[str]:
    """The topics the title alone gives."""
    title_only = dict.fromkeys(texts, "") | {"title": texts["title"], "source": texts["source"]}
    return frozenset(
        t.tag for t in rule_tags(chosen.rules, title_only, source, language, chosen.names)
    )


def set_aside_by_announcement(
    chosen: Tagger, source: SourceFacts, item: TaggableItem, declared: str | None = None
) -> tuple[str, tuple[str, ...]]:
    """What `explain` shows of an announcement: the title's words that announce, and the
    topics the summary alone would have given."""
    texts = _texts(item, source)
    language = item_language(source.language, texts["title"], texts["summary"], declared=declared)
    words = announced_by(chosen, texts, source, language)
    if not words:
        return "", ()
    every = {t.tag for t in rule_tags(chosen.rules, texts, source, language, chosen.names)}
    return words, tuple(sorted(every - title_topics(chosen, texts, source, language)))


def merge_tags(*groups: Sequence[TagAssignment]) -> tuple[TagAssignment, ...]:
    """All assignments, each (tag, origin) once, in a stable order."""
    merged: dict[tuple[str, str], TagAssignment] = {}
    for group in groups:
        for assignment in group:
            merged.setdefault((assignment.tag, assignment.origin), assignment)
    return tuple(sorted(merged.values(), key=lambda a: (a.tag, a.origin)))


# A stored item as re-tagging reads it: (source id, title, summary HTML, content HTML, link,
# author, categories JSON, the language its feed declared when fetched, from its stored lang:
# tag, or None).
RetagRow = tuple[str, str, str, str, str | None, str | None, str, str | None]


@dataclass(frozen=True, slots=True)
class RetagJob:
    """What re-tagging needs besides the rows: picklable, for worker processes."""

    spec: TaggingSpec
    facts: dict[str, SourceFacts]


def retag_job(config: Config) -> RetagJob:
    return RetagJob(
        tagging_spec(config),
        {source.id: source_facts(source, source.id) for source in config.sources},
    )


def tag_rows(job: RetagJob, rows: Sequence[RetagRow]) -> list[tuple[TagAssignment, ...]]:
    """The tags of stored items under the job's rules, one tuple per row. The declared
    language is a fact of the fetch, like the text, so it is kept."""
    chosen = tagger_of(job.spec)
    return [
        tags_for_item(
            chosen,
            job.facts.get(source_id) or source_facts(None, source_id),
            TaggableItem(
                title, summary, content, link, author, tuple(json.loads(categories or "[]"))
            ),
            declared,
        )
        for source_id, title, summary, content, link, author, categories, declared in rows
    ]


def retagger(config: Config) -> Callable[[Sequence[RetagRow]], list[tuple[TagAssignment, ...]]]:
    """Tags for batches of stored items under `config`, in this process (`Store.retag`;
    retagging.py does the same on every core)."""
    return partial(tag_rows, retag_job(config))


def tagging_changed(old: Config, new: Config) -> bool:
    """Whether stored items may need other tags under `new` than under `old`."""

    def tagging(config: Config) -> object:
        return (
            config.settings.rules,
            config.settings.tagging,
            {s.id: (tuple(s.tags), s.kind, s.country, s.language, s.title) for s in config.sources},
        )

    return tagging(old) != tagging(new)
