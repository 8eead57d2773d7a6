"""Parsers: bytes of a source -> ParsedFeed. Each adapter keeps its library's objects to itself."""

from .feed import parse_feed

__all__ = ["parse_feed"]
