"""The project's exception hierarchy.

A failing *source* is not an exception that escapes a round: it becomes a recorded outcome.
These classes are for the cases where a caller has to stop: a bad config, a store that cannot
be opened, or a fetch/parse failure that the orchestration turns into an outcome.
"""

from __future__ import annotations


class AggregatorError(Exception):
    """Base class of every error this package raises on purpose."""


class ConfigError(AggregatorError):
    """One or more problems in the config file, each phrased as `file:line: path: message`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class FetchError(AggregatorError):
    """A source could not be fetched; the message is the one-line cause shown to operators."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


class ParseError(AggregatorError):
    """A fetched document could not be read as a feed."""


class BrokenPage(ParseError):
    """An HTML list page whose selectors no longer find its items: the source is "broken"
    (an operator has to look), not merely failing. Its message starts with "broken: "."""

    def __str__(self) -> str:
        return f"broken: {super().__str__()}"


class StoreError(AggregatorError):
    """The store cannot be opened or migrated."""


class SearchTimeout(StoreError):
    """A search ran past the store's statement time limit and was stopped."""


class PublishError(AggregatorError):
    """Publishing failed as a whole (an output folder that cannot be written, the store)."""
