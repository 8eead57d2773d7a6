"""Atomic writes of published files (files.py): identical bytes are not written again, and no
temporary file is left behind."""

from __future__ import annotations

from pathlib import Path

from aggregator.files import write_atomically


def test_atomic_write_skips_identical_bytes(tmp_path: Path) -> None:
    target = tmp_path / "tags" / "x.atom"
    assert write_atomically(target, b"one") is True
    mtime = target.stat().st_mtime_ns
    assert write_atomically(target, b"one") is False and target.stat().st_mtime_ns == mtime
    assert write_atomically(target, b"two") is True and target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.atom"]  # no temp files left


def test_temp_files_a_killed_write_left_are_removed_and_fresh_ones_kept(tmp_path: Path) -> None:
    """Found by an outside attack: `kill -9` during a publish left `.2.atom.XXXX.tmp` files in
    the output folder for good."""
    import os
    import time

    from aggregator.files import STALE_TEMP_AGE, remove_stale_temp_files

    (tmp_path / "archive").mkdir()
    stale = tmp_path / "archive" / ".2.atom.r9kyw2g_.tmp"
    fresh = tmp_path / ".feed.atom.abcd1234.tmp"
    kept = tmp_path / "feed.atom"
    for path in (stale, fresh, kept):
        path.write_bytes(b"x")
    now = time.time()
    os.utime(stale, (now - STALE_TEMP_AGE - 60, now - STALE_TEMP_AGE - 60))
    os.utime(kept, (now - 10 * STALE_TEMP_AGE, now - 10 * STALE_TEMP_AGE))
    assert remove_stale_temp_files(tmp_path, now) == [stale]
    assert not stale.exists() and fresh.exists() and kept.exists()


def test_a_document_no_longer_published_is_not_missing_when_its_file_goes(tmp_path: Path) -> None:
    """Found by a review: a removed source's feed, deleted, kept health red for good."""
    from aggregator.publish.publisher import RenderCache

    cache = RenderCache()
    for name in ("feed.atom", "sources/old.atom"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"<feed/>")
        cache.remember(tmp_path, name, b"digest")
    (tmp_path / "sources/old.atom").unlink()
    assert cache.missing(tmp_path) == ["sources/old.atom"]
    cache.keep_only({"feed.atom"})  # the next publish made only this one
    assert cache.missing(tmp_path) == []
