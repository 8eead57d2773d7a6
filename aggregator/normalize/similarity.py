"""Near-duplicate text: is a new item the same release as a stored one with another link? Pure.

Two signals, each cheap and explainable (see docs/stories.md):

- **Finding candidates** must cost the same with a thousand or a million stored items, so
  each item gets a MinHash signature over the word 3-grams of its *lead* (the first
  `LEAD_WORDS` words of its text) cut into `BANDS` bands (locality-sensitive hashing): two
  items whose leads share most phrases share a band key with near certainty, and the store
  looks band keys up in an index. The lead, not the whole text, because feeds carry the same
  release whole, as a summary, or with a paragraph added: the lead is what they keep.
- **Deciding** compares the whole texts of the few candidates exactly: the share of the
  shorter text's 3-grams found in the other (the overlap coefficient; a feed that carries only
  the lead is still the same release). Numbers must agree: same-day releases written from one
  template ("Man jailed for 9 years for possessing a firearm in Manchester" / "...for 8
  years... in Liverpool") differ mostly in their amounts, ages, counts and dates.

Very short texts never merge on text alone (`min_words`). The MinHash family is the textbook
one (Broder 1997; the same as datasketch's): h(x) = (a*x + b) mod (2^61 - 1) over 32-bit
hashes of the 3-grams, with fixed seeds so signatures stay comparable across runs.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from aggregator.terms.folding import fold

SHINGLE_WORDS = 3
LEAD_WORDS = 60
LEAD_CHARS = 1200  # enough text for LEAD_WORDS words in any of our languages
ROWS_PER_BAND = 3
BANDS = 20
PERMUTATIONS = ROWS_PER_BAND * BANDS
# Fewer words than this and an item gets no band keys at all: it could never pass any
# sensible `min_words`, and it keeps trivial notices out of the index.
INDEXED_MIN_WORDS = 10

MERSENNE = (1 << 61) - 1
SEED = 20261128

_WORD = re.compile(r"\w+")
# 2,300 / 2.300 / 3,950 / 1 100: one number whatever the separators, compared as its digits.
_NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?")
_SEPARATORS = re.compile(r"[^\d]")


@dataclass(frozen=True, slots=True)
class TextProfile:
    """What comparing two texts needs: their phrases, their numbers and their length."""

    shingles: frozenset[int]
    numbers: frozenset[str]
    words: int


@dataclass(frozen=True, slots=True)
class Comparison:
    similarity: float  # share of the shorter text's phrases found in the other, 0..1
    numbers_agree: bool


def words_of(text: str) -> list[str]:
    """Lowercase words without accents: "Fiscalía" and "fiscalia" are one word."""
    return _WORD.findall(fold(text))


def _shingle_hashes(words: list[str]) -> list[int]:
    """32-bit hashes (CRC-32: stable across runs and machines, and fast) of the 3-grams."""
    if not words:
        return []
    span = min(SHINGLE_WORDS, len(words))
    return [
        zlib.crc32(" ".join(words[start : start + span]).encode("utf-8"))
        for start in range(len(words) - span + 1)
    ]


def profile(text: str) -> TextProfile:
    words = words_of(text)
    numbers = frozenset(_SEPARATORS.sub("", match) for match in _NUMBER.findall(text))
    return TextProfile(frozenset(_shingle_hashes(words)), numbers, len(words))


def band_keys(text: str) -> tuple[int, ...]:
    """The item's LSH band keys (signed 64-bit, for an indexed SQL column); none for a text
    shorter than INDEXED_MIN_WORDS."""
    # The lead is all that is hashed: read the beginning of a long text only.
    words = words_of(text[:LEAD_CHARS])
    if len(words) < LEAD_WORDS and len(text) > LEAD_CHARS:
        words = words_of(text)
    if len(words) < INDEXED_MIN_WORDS:
        return ()
    np, a, b, mix = _minhash_family()
    hashes = np.array(sorted(set(_shingle_hashes(words[:LEAD_WORDS]))), dtype=np.uint64)
    permuted = np.bitwise_and((np.outer(hashes, a) + b) % np.uint64(MERSENNE), 0xFFFFFFFF)
    signature = permuted.min(axis=0).reshape(BANDS, ROWS_PER_BAND)
    # Each band's rows (and its number) mixed into one 64-bit key by odd multipliers, in one
    # vectorized step; wrapping arithmetic is the point.
    with np.errstate(over="ignore"):
        keys = (signature * mix[:ROWS_PER_BAND]).sum(axis=1, dtype=np.uint64) + mix[ROWS_PER_BAND:]
        keys ^= keys >> np.uint64(29)
        keys *= np.uint64(0xBF58476D1CE4E5B9)
        keys ^= keys >> np.uint64(32)
    return tuple(keys.astype(np.int64).tolist())


@lru_cache(maxsize=1)
def _minhash_family() -> tuple[Any, Any, Any, Any]:
    """numpy, the permutations' coefficients and the band mixers, made on first use:
    importing numpy is a noticeable part of start-up (docs/performance.md, "What changed in
    this round of work"), and only the processes that parse need it."""
    import numpy as np

    seeds = np.random.default_rng(SEED)
    a = seeds.integers(1, MERSENNE, size=PERMUTATIONS, dtype=np.uint64)
    b = seeds.integers(0, MERSENNE, size=PERMUTATIONS, dtype=np.uint64)
    # ROWS_PER_BAND odd row multipliers, then one offset per band.
    mix = seeds.integers(1, 1 << 63, size=ROWS_PER_BAND + BANDS, dtype=np.uint64) | np.uint64(1)
    return np, a, b, mix


def compare(a: TextProfile, b: TextProfile) -> Comparison:
    smaller = min(len(a.shingles), len(b.shingles))
    similarity = len(a.shingles & b.shingles) / smaller if smaller else 0.0
    if a.numbers and b.numbers:
        shared = len(a.numbers & b.numbers) / min(len(a.numbers), len(b.numbers))
        numbers_agree = shared >= 0.5
    else:
        numbers_agree = True
    return Comparison(similarity, numbers_agree)


def same_release(
    a: TextProfile, b: TextProfile, *, threshold: float, min_words: int
) -> float | None:
    """The similarity when the two texts are one release, else None."""
    if a.words < min_words or b.words < min_words:
        return None
    comparison = compare(a, b)
    if comparison.numbers_agree and comparison.similarity >= threshold:
        return comparison.similarity
    return None
