"""Content-Encoding decoding with a hard bound on what it produces.

httpx inflates a whole network read at once, so a gzip bomb could allocate far more than the
size cap before a per-chunk check sees it. zlib's `max_length` bounds every step instead.
"""

from __future__ import annotations

import zlib


class TooLarge(Exception):
    """The decoded body passed the cap."""


class BoundedDecoder:
    """Content-Encoding decoding that never produces more than `limit` bytes in total."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.produced = 0
        self.encoding = encoding
        self._zlib: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding not in ("", "identity"):
            raise ValueError(f"unsupported Content-Encoding {encoding!r}")
        self._first = True

    def feed(self, chunk: bytes) -> bytes:
        if self._zlib is None:
            self._count(len(chunk))
            return chunk
        try:
            out = self._zlib.decompress(chunk, self.limit - self.produced + 1)
        except zlib.error:
            if not (self._first and self.encoding == "deflate"):
                raise
            # "deflate" is often sent raw, without the zlib header the RFC asks for.
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(chunk, self.limit - self.produced + 1)
        self._first = False
        self._count(len(out))
        if self._zlib.unconsumed_tail:
            raise TooLarge
        return out

    def _count(self, size: int) -> None:
        self.produced += size
        if self.produced > self.limit:
            raise TooLarge
