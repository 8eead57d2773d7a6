"""Writing files that others read while they change (published feeds, feeds.yaml): atomically,
and only when their bytes change."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, content: bytes) -> bool:
    """Write `content` to `path` via a temp file and rename; False (and no write) if the file
    already holds exactly these bytes, so its mtime (Last-Modified) stays as it was.

    Last-Modified has one-second resolution: a file rewritten within the same second as its
    previous version would keep its Last-Modified, and a reader asking If-Modified-Since would
    get a wrong 304. So a changed file's mtime always moves to a later second.
    """
    previous_second: int | None = None
    try:
        if path.read_bytes() == content:
            return False
        previous_second = int(path.stat().st_mtime)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        if previous_second is not None and int(os.stat(temp_name).st_mtime) <= previous_second:
            os.utime(temp_name, (previous_second + 1, previous_second + 1))
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return True


# A temp file of write_atomically left behind by a process killed while writing: older than
# any write takes, and named as it names them (".feed.atom.k3j9x_2q.tmp").
STALE_TEMP_AGE = 600.0


def remove_stale_temp_files(folder: Path, now: float) -> list[Path]:
    """Remove the temp files of writes that never finished (`kill -9` in the middle of a
    publish) from `folder` and below; returns what was removed. A temp file younger than
    STALE_TEMP_AGE may be another process's write in progress and is left alone."""
    removed = []
    for candidate in folder.rglob(".*.tmp"):
        try:
            if candidate.is_file() and now - candidate.stat().st_mtime > STALE_TEMP_AGE:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed
