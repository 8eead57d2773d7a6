"""The aggregator's version: in the User-Agent it fetches with and the generator of what it
publishes. A module of its own so that every layer can read it without importing the
package's public API (aggregator/__init__.py)."""

__version__ = "0.1.0"
