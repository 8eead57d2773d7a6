"""Which item a story shows when several sources carried it: a pure decision.

In order: the agency's own copy (an item whose link is on its own source's site), then the
kinds of `stories.prefer_kinds` in their order, then the earliest published, then the source id
(and the item id, for two items of one source). The same items always give the same answer,
whatever order they arrived in, and a third party that publishes an agency's link first cannot
take the agency's story over: its copy is not on its own site.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from aggregator.models import StoryCopy


def site_host(url: str | None) -> str | None:
    """The host of `url`, lowercased, without a leading `www.`."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def same_site(one: str, other: str) -> bool:
    """Hosts of one site: equal, or one under the other (news.justice.gov, justice.gov)."""
    return one == other or one.endswith("." + other) or other.endswith("." + one)


def is_own_copy(candidate: StoryCopy) -> bool:
    """The item's link is on its source's own site."""
    link_host = site_host(candidate.link)
    if link_host is None:
        return False
    hosts = (site_host(address) for address in candidate.source_addresses)
    return any(host is not None and same_site(link_host, host) for host in hosts)


def representative(candidates: Sequence[StoryCopy], prefer_kinds: Sequence[str] = ()) -> int:
    """The item id the story shows (see the module's docstring)."""
    if not candidates:
        raise ValueError("a story without items has no representative")

    def rank(candidate: StoryCopy) -> tuple[int, int, datetime, str, int]:
        kind = (
            prefer_kinds.index(candidate.kind)
            if candidate.kind in prefer_kinds
            else len(prefer_kinds)
        )
        return (
            0 if is_own_copy(candidate) else 1,
            kind,
            candidate.published_at,
            candidate.source_id,
            candidate.item_id,
        )

    return min(candidates, key=rank).item_id
