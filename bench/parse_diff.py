"""The fast parse path against feedparser over folders of feed documents, and their speeds.

    .venv/bin/python bench/parse_diff.py DIR [DIR ...]

For every file (recursively): whether the fast path took it, and any difference between the
items both paths give (normalized as the pipeline stores them). Then the time each path takes
over the documents the fast path took. Exit status 1 if any document differs.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aggregator.errors import ParseError  # noqa: E402
from aggregator.parse.feed import parse_feed  # noqa: E402
from tests.support.parse_diff import differences  # noqa: E402


def main() -> None:
    files = [p for folder in sys.argv[1:] for p in sorted(Path(folder).rglob("*")) if p.is_file()]
    taken: list[tuple[Path, bytes]] = []
    differing = 0
    for path in files:
        body = path.read_bytes()
        fast, found = differences(body, f"https://example.org/{path.name}", None)
        if fast:
            taken.append((path, body))
        if found:
            differing += 1
            print(f"{path}:")
            for line in found[:10]:
                print(f"  {line[:300]}")
    print(f"{len(files)} documents, {len(taken)} taken by the fast path, {differing} differ")
    for label, fast in (("fast path", True), ("feedparser", False)):
        started = time.perf_counter()
        entries = 0
        for path, body in taken:
            with contextlib.suppress(ParseError):
                parsed = parse_feed(
                    body, url=f"https://example.org/{path.name}", content_type=None, fast=fast
                )
                entries += len(parsed.entries)
        elapsed = time.perf_counter() - started
        print(
            f"{label:>10}: {elapsed:.3f} s, {entries} entries, "
            f"{elapsed / max(entries, 1) * 1e6:.1f} µs per entry"
        )
    raise SystemExit(1 if differing else 0)


if __name__ == "__main__":
    main()
