"""Both parse paths over one document: the lxml fast path and feedparser must give the same
items (used by tests/unit/parse/test_fast_path.py and bench/parse_diff.py)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from aggregator.errors import ParseError
from aggregator.normalize.entries import normalize_entry
from aggregator.parse.fast import parse_fast
from aggregator.parse.feed import parse_feed

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def differences(body: bytes, url: str, content_type: str | None) -> tuple[bool, list[str]]:
    """(whether the fast path took the document, what differs from feedparser)."""
    try:
        reference = parse_feed(body, url=url, content_type=content_type, fast=False)
    except ParseError:
        reference = None
    fast = parse_fast(body, url=url, content_type=content_type)
    if fast is None:
        return False, []
    if reference is None:
        return True, ["feedparser rejects what the fast path accepts"]
    found = []
    for field in ("title", "link", "ttl", "language"):
        if getattr(fast, field) != getattr(reference, field):
            found.append(f"feed {field}: {getattr(fast, field)!r} != {getattr(reference, field)!r}")
    if len(fast.entries) != len(reference.entries):
        found.append(f"{len(fast.entries)} entries != {len(reference.entries)}")
    for n, (mine, theirs) in enumerate(zip(fast.entries, reference.entries, strict=False)):
        a = asdict(normalize_entry(mine, base=fast.link or url, now=NOW))
        b = asdict(normalize_entry(theirs, base=reference.link or url, now=NOW))
        for key in a:
            if a[key] != b[key]:
                found.append(f"entry {n} {key}: {a[key]!r} != {b[key]!r}")
    return True, found
