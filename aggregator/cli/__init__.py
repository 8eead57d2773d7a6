"""The `aggregator` command: thin commands over the application's use cases (app/), one module
per group of commands, each tested against what the README says of it."""

from aggregator.cli import editing, feeds, server, sources, stories
from aggregator.cli.base import main

__all__ = ["editing", "feeds", "main", "server", "sources", "stories"]
