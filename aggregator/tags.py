"""Tags for an item: from its source's config, and from keyword rules over its text.

Pure: rules are compiled once per config, then applied to plain values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .config import RuleSettings, SourceSettings, normalize_tag
from .models import TagAssignment


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
