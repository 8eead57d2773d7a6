"""Deciding a source's fetched items on the store thread: what the store knows (stored keys,
stories by link, the source's items by link, near-duplicates, the copies stories show), read
through the StoryLookup protocol; then the pure decisions: dedupe.decide (new, edited, which
story) and representative.representative (which copy each story shows)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from aggregator.config.loading import Config, SourceSettings
from aggregator.models import ItemData, ItemIntent, StoryCopy, TagAssignment
from aggregator.normalize.entries import same_site_forms, site_key
from aggregator.stories.dedupe import DedupeContext, decide
from aggregator.stories.lookup import StoryLookup
from aggregator.stories.near_duplicates import similar_stories
from aggregator.stories.representative import representative

TagsOf = Callable[[ItemData], tuple[TagAssignment, ...]]
# Ids given to new items while they are weighed against stored ones: after every stored id, in
# their order (the same order their real ids will have).
_NEW = 1 << 62


def decide_items(
    lookup: StoryLookup,
    config: Config,
    source: SourceSettings,
    items: Sequence[ItemData],
    now: datetime,
    tags_of: TagsOf,
) -> tuple[ItemIntent, ...]:
    """Intents for the new and edited items of one source's document, each new item marked
    if its story shows it from now on."""
    links = sorted({i.canonical_link for i in items if i.canonical_link})
    stored = lookup.stored_items(source.id, [item.key for item in items])
    # Another source's copy of the page may be linked with or without "www.": one page.
    linked: dict[str, int] = {}
    forms = sorted({form for link in links for form in same_site_forms(link)})
    for found, story in lookup.stories_by_link(forms).items():
        key = site_key(found)
        linked[key] = min(story, linked.get(key, story))
    context = DedupeContext(
        source_id=source.id,
        entry_id_prefix=config.settings.output.id,
        stored=stored,
        stories_by_link=linked,
        stored_by_link=lookup.stored_by_link(source.id, links),
        list_after=None if lookup.has_items(source.id) else now - config.max_age_of(source),
        similar=similar_stories(
            lookup,
            items,
            skip_keys=stored.keys(),
            linked=linked,
            settings=config.settings.stories.similar_text,
            now=now,
        ),
    )
    intents = decide(items, context, now, tags_of)
    joined = {i.story for i in intents if i.action == "new" and isinstance(i.story, int)}
    shown = lookup.shown_copies(joined) if joined else {}
    return shown_items(intents, source, shown, config.settings.stories.prefer_kinds)


def shown_items(
    intents: Sequence[ItemIntent],
    source: SourceSettings,
    shown: dict[int, StoryCopy],
    prefer_kinds: Sequence[str],
) -> tuple[ItemIntent, ...]:
    """`intents` with the new items that their stories show from now on marked: in a story
    they start, the one representative.py prefers among them; in a stored story, a newcomer
    that it prefers to the copy the story shows now. Pure."""
    copies: dict[int | str, list[tuple[int, StoryCopy]]] = {}
    for position, intent in enumerate(intents):
        if intent.action != "new":
            continue
        copy = StoryCopy(
            _NEW + position,
            source.id,
            source.kind,
            intent.data.link,
            (source.url,),
            intent.published_at,
        )
        copies.setdefault(intent.story, []).append((position, copy))
    chosen: set[int] = set()
    for story, newcomers in copies.items():
        weighed = [copy for _, copy in newcomers]
        if isinstance(story, int) and story in shown:
            weighed.append(shown[story])
        best = representative(weighed, prefer_kinds)
        chosen.update(position for position, copy in newcomers if copy.item_id == best)
    return tuple(
        replace(intent, shown=True) if position in chosen else intent
        for position, intent in enumerate(intents)
    )
