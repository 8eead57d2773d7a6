"""The `aggregator` command: thin commands over the application's use cases (app/), one module
per group of commands, each tested against what the README says of it. A command's module is
imported when the command runs (`COMMAND_MODULES` in base.py): a round of `fetch` run by cron
does not import the server, the editor or the stories' commands."""

from aggregator.cli.base import main, run_as_process

__all__ = ["main", "run_as_process"]
