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
