"""The language model, once restricted to our languages, kept uncompressed on disk and mapped.

Reading py3langid's model means decompressing all of it from LZMA: CPU spent in every parse worker
of every run, on a machine whose cold round is CPU-bound. The restricted arrays are written once to
a cache folder; later loads map the tokenizer's automaton (`mmap`, the bulk of the model) instead of
reading it, so they are quick (docs/performance.md, "Memory of every process"), the parse workers
share its pages through the page cache, and each counts in its RSS only the pages it touches. The
other arrays are small and read whole.

A cache entry is a folder named by a digest of the model file (path, size, mtime), the
languages and this format's version; it is built under a temporary name and renamed into place,
so concurrent workers never see half of one. Anything unreadable is rebuilt; a cache that cannot
be written (read-only home, no home) only costs the decompression, as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from aggregator.tagging.language_model import ModelArrays, read_model

log = logging.getLogger(__name__)

FORMAT = 1
_TRANSITIONS = "transitions.bin"
_META = "meta.json"


def cache_root() -> Path | None:
    """systemd's CacheDirectory (`$CACHE_DIRECTORY`), else `$XDG_CACHE_HOME/aggregator`, else
    `~/.cache/aggregator`; None when there is no home to put it in."""
    if os.environ.get("CACHE_DIRECTORY"):
        return Path(os.environ["CACHE_DIRECTORY"].split(":")[0])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "aggregator"
    try:
        return Path.home() / ".cache" / "aggregator"
    except RuntimeError:  # no HOME and no passwd entry
        return None


def cached_model(model_file: Path, languages: Sequence[str], root: Path | None) -> ModelArrays:
    """The restricted model: mapped from the cache if it holds it, else read from `model_file`
    and stored there for the next time."""
    if root is None:
        return read_model(model_file, languages)
    folder = root / _entry_name(model_file, languages)
    cached = _open(folder)
    if cached is not None:
        return cached
    arrays = read_model(model_file, languages)
    try:
        _store(folder, arrays)
    except OSError as error:
        log.debug("language model cache not written in %s: %s", folder, error)
        return arrays
    _remove_others(root, keep=folder)
    return _open(folder) or arrays


def _remove_others(root: Path, keep: Path) -> None:
    """Entries of other model files (an upgraded py3langid): a whole restricted model each, that
    nothing will read again. (Two installations of different py3langid versions sharing one cache
    folder then rebuild in turn: correct, only slower; a mapped entry stays readable after it is
    deleted.)"""
    for entry in root.glob("langid-*"):
        if entry != keep and ".building-" not in entry.name:
            shutil.rmtree(entry, ignore_errors=True)


def _entry_name(model_file: Path, languages: Sequence[str]) -> str:
    """Named by the model file's content, not its path or date: installations of the same
    py3langid (a virtualenv per checkout, a CI clone beside the daemon) share one entry
    instead of each removing the other's. Hashing the file costs little next to loading the
    model (docs/performance.md, "Memory of every process")."""
    with open(model_file, "rb") as model:
        content = hashlib.file_digest(model, "sha256").hexdigest()
    key = json.dumps([FORMAT, content, sorted(languages)])
    return "langid-" + hashlib.sha256(key.encode()).hexdigest()[:20]


def _store(folder: Path, arrays: ModelArrays) -> None:
    building = folder.with_name(f"{folder.name}.building-{os.getpid()}")
    building.mkdir(parents=True, exist_ok=True)
    try:
        transitions = arrays.transitions
        if not hasattr(transitions, "tofile"):
            raise OSError("the automaton is not an array")
        with open(building / _TRANSITIONS, "wb") as out:
            transitions.tofile(out)
        np.save(building / "table.npy", arrays.table)
        np.save(building / "priors.npy", arrays.priors)
        np.save(building / "state_rows.npy", np.asarray(arrays.state_rows, dtype=np.uint32))
        np.save(building / "outputs.npy", np.asarray(arrays.outputs, dtype=np.int32))
        meta = {
            "classes": arrays.classes,
            "typecode": transitions.typecode,  # type: ignore[attr-defined]
            "count": len(transitions),
        }
        (building / _META).write_text(json.dumps(meta))  # written last: the entry is whole
        try:
            building.rename(folder)
        except OSError:
            if not folder.is_dir():
                raise
            if _open(folder) is not None:
                return  # another worker stored it first
            shutil.rmtree(folder)  # an unreadable entry: replaced
            building.rename(folder)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _open(folder: Path) -> ModelArrays | None:
    try:
        meta = json.loads((folder / _META).read_text())
        with open(folder / _TRANSITIONS, "rb") as raw:
            mapped = mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ)
        transitions = memoryview(mapped).cast(meta["typecode"])
        if len(transitions) != meta["count"]:
            raise ValueError("truncated automaton")
        return ModelArrays(
            table=np.load(folder / "table.npy", allow_pickle=False),
            priors=np.load(folder / "priors.npy", allow_pickle=False),
            classes=[str(c) for c in meta["classes"]],
            transitions=transitions,
            state_rows=np.load(folder / "state_rows.npy", allow_pickle=False).tolist(),
            outputs=np.load(folder / "outputs.npy", allow_pickle=False).tolist(),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("language model cache %s unreadable (%s): rebuilding it", folder, error)
        return None
