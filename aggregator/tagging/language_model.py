"""py3langid's identifier loaded for a few languages, without ever holding the whole model.

py3langid's own loader reads its 142-language table (float16) and the tokenizer's transition table
(copied once more while converting it) into memory at once, then keeps the full table so that
`set_languages` can be called again: that load was a parse worker's peak, and the full table stayed
held (docs/performance.md, "Memory of every process"). Here the model file (an npz archive, its
members stored uncompressed, inside LZMA: py3langid >= 0.4's `modelio`) is decompressed to a
temporary file as py3langid does, then each member is streamed: the table a few thousand rows at a
time, keeping only our languages' columns; the transition table straight into the `array` the
tokenizer indexes. The identifier is py3langid's own class, built from the same arrays its
`set_languages` would produce, so it classifies exactly as the library does
(tests/unit/tagging/test_language.py compares the two).
"""

from __future__ import annotations

import lzma
import os
import shutil
import sys
import tempfile
import zipfile
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import numpy as np

ROWS_PER_READ = 4096
_ARRAY_TYPECODES = {2: "H", 4: "I", 8: "Q"}


class ModelLayoutError(ValueError):
    """The model file is not laid out as this loader expects (another py3langid version)."""


@dataclass(frozen=True)
class ModelArrays:
    """What py3langid's identifier is built from, restricted to some languages."""

    table: Any  # features x languages, float16
    priors: Any  # per language, float32
    classes: list[str]
    transitions: Sequence[int]  # the tokenizer's automaton: an `array`, or a mapped file's view
    state_rows: Sequence[int]
    outputs: list[int]  # per state: the feature it completes, or -1


def load_identifier(model_file: str | os.PathLike[str], languages: Sequence[str]) -> Any:
    """py3langid's `LanguageIdentifier` (normalized probabilities) restricted to `languages`."""
    return build_identifier(read_model(model_file, languages))


def build_identifier(arrays: ModelArrays) -> Any:
    from py3langid.langid import LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier(
        arrays.table,
        arrays.priors,
        arrays.classes,
        arrays.transitions,
        arrays.outputs,
        norm_probs=True,
        tk_row=arrays.state_rows,
    )


def read_model(model_file: str | os.PathLike[str], languages: Sequence[str]) -> ModelArrays:
    with tempfile.TemporaryFile(suffix=".npz") as unpacked:
        with lzma.open(model_file) as packed:
            shutil.copyfileobj(packed, unpacked, length=1 << 20)
        unpacked.seek(0)
        try:
            archive = zipfile.ZipFile(unpacked)
        except zipfile.BadZipFile as error:
            raise ModelLayoutError(f"{model_file}: not an npz archive") from error
        with archive:
            classes = [str(c) for c in _read_whole(archive, "classes").tolist()]
            unknown = set(languages) - set(classes)
            if unknown:
                raise ValueError(f"unknown language code(s): {sorted(unknown)}")
            kept = [i for i, c in enumerate(classes) if c in set(languages)]
            return ModelArrays(
                table=_read_columns(archive, "ptc", kept),
                priors=_read_whole(archive, "pc")[kept],
                classes=[classes[i] for i in kept],
                transitions=_read_array(archive, "nextmove"),
                state_rows=_read_array(archive, "nextmove_row"),
                outputs=_read_whole(archive, "out_feat").tolist(),
            )


def _open_member(archive: zipfile.ZipFile, name: str) -> tuple[IO[bytes], tuple[int, ...], Any]:
    """The member's stream positioned at its data, with the shape and dtype of its header."""
    try:
        stream = archive.open(f"{name}.npy")
    except KeyError as error:
        raise ModelLayoutError(f"the model has no {name!r} array") from error
    version = np.lib.format.read_magic(stream)
    if version == (1, 0):
        shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(stream)
    else:
        shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(stream)
    if fortran_order or dtype.hasobject:
        raise ModelLayoutError(f"the model's {name!r} array is not a plain C-ordered array")
    return stream, shape, dtype


def _read_whole(archive: zipfile.ZipFile, name: str) -> Any:
    with archive.open(f"{name}.npy") as stream:
        return np.lib.format.read_array(stream, allow_pickle=False)


def _read_columns(archive: zipfile.ZipFile, name: str, columns: list[int]) -> Any:
    """A 2-D member's chosen columns, read a block of rows at a time."""
    stream, shape, dtype = _open_member(archive, name)
    with stream:
        if len(shape) != 2:
            raise ModelLayoutError(f"the model's {name!r} array is not a table")
        rows, width = shape
        kept = np.empty((rows, len(columns)), dtype=dtype)
        for start in range(0, rows, ROWS_PER_READ):
            count = min(ROWS_PER_READ, rows - start)
            block = _read_exactly(stream, count * width * dtype.itemsize, name)
            block_rows = np.frombuffer(block, dtype=dtype).reshape(count, width)
            kept[start : start + count] = block_rows[:, columns]
    return kept


def _read_array(archive: zipfile.ZipFile, name: str) -> array[int]:
    """A 1-D unsigned member as the stdlib `array` py3langid's tokenizer indexes."""
    stream, shape, dtype = _open_member(archive, name)
    with stream:
        if dtype.kind != "u" or dtype.itemsize not in _ARRAY_TYPECODES:
            raise ModelLayoutError(f"the model's {name!r} array is not unsigned integers")
        # Sized once and filled in place: growing it by appending would reallocate, and the
        # transition table alone is the bulk of the model.
        values = array(_ARRAY_TYPECODES[dtype.itemsize], [0]) * int(np.prod(shape))
        target = memoryview(values).cast("B")
        filled = 0
        while filled < len(target):
            chunk = _read_exactly(stream, min(len(target) - filled, 1 << 20), name)
            target[filled : filled + len(chunk)] = chunk
            filled += len(chunk)
    if dtype.byteorder not in ("=", "|", "<" if sys.byteorder == "little" else ">"):
        values.byteswap()
    return values


def _read_exactly(stream: IO[bytes], size: int, name: str) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise ModelLayoutError(f"the model's {name!r} array is truncated")
    return data
