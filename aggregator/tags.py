"""Tags for an item: from its source's config, and from keyword rules over its text.

Pure: rules are compiled once per config, then applied to plain values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .config import Config, RuleSettings, SourceSettings, normalize_tag
from .models import TagAssignment
from .normalize import plain_text


@dataclass(frozen=True, slots=True)
class CompiledRule:
    tag: str
    pattern: re.Pattern[str]


def compile_rules(rules: Sequence[RuleSettings]) -> tuple[CompiledRule, ...]:
    """Each rule's `any` terms become one regex matched on word boundaries, ignoring case."""
    compiled = []
    for rule in rules:
        alternatives = "|".join(
            r"\s+".join(re.escape(word) for word in term.split()) for term in rule.any
        )
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        compiled.append(CompiledRule(tag=rule.tag, pattern=pattern))
    return tuple(compiled)


def source_tags(source: SourceSettings) -> tuple[TagAssignment, ...]:
    """The tags every item of a source carries: its own, `kind:...` and `country:..`."""
    tags = [TagAssignment(tag=tag, origin="source") for tag in source.tags]
    if source.kind:
        tags.append(TagAssignment(tag=f"kind:{source.kind}", origin="kind"))
    if source.country:
        tags.append(TagAssignment(tag=f"country:{source.country.lower()}", origin="source-country"))
    return tuple(tags)


def rule_tags(rules: Sequence[CompiledRule], *texts: str) -> tuple[TagAssignment, ...]:
    """Tags of the rules whose terms occur in any of the texts; the detail lists the matches."""
    found = []
    for rule in rules:
        matches: dict[str, None] = {}
        for text in texts:
            for match in rule.pattern.finditer(text):
                matches[normalize_tag(match.group(0))] = None
        if matches:
            found.append(TagAssignment(tag=rule.tag, origin="rule", detail=", ".join(matches)))
    return tuple(found)


def merge_tags(*groups: Sequence[TagAssignment]) -> tuple[TagAssignment, ...]:
    """All assignments, each (tag, origin) once, in a stable order."""
    merged: dict[tuple[str, str], TagAssignment] = {}
    for group in groups:
        for assignment in group:
            merged.setdefault((assignment.tag, assignment.origin), assignment)
    return tuple(sorted(merged.values(), key=lambda a: (a.tag, a.origin)))


def tags_for_item(
    static: Sequence[TagAssignment],
    rules: Sequence[CompiledRule],
    title: str,
    summary_html: str,
    content_html: str,
) -> tuple[TagAssignment, ...]:
    """Every tag of one item: its source's, and the rules' over its title, summary, content."""
    texts = (title, plain_text(summary_html), plain_text(content_html))
    return merge_tags(static, rule_tags(rules, *texts))


def retagger(config: Config) -> Callable[[str, str, str, str], tuple[TagAssignment, ...]]:
    """The tags of a stored item under `config`: (source id, title, summary, content) -> tags.
    Items of sources no longer in the config keep only their rule tags."""
    rules = compile_rules(config.settings.rules)
    static = {source.id: source_tags(source) for source in config.sources}

    def tags_of(
        source_id: str, title: str, summary_html: str, content_html: str
    ) -> tuple[TagAssignment, ...]:
        return tags_for_item(static.get(source_id, ()), rules, title, summary_html, content_html)

    return tags_of


def tagging_changed(old: Config, new: Config) -> bool:
    """Whether stored items may need other tags under `new` than under `old`."""

    def tagging(config: Config) -> object:
        return (
            config.settings.rules,
            {s.id: (tuple(s.tags), s.kind, s.country) for s in config.sources},
        )

    return tagging(old) != tagging(new)
