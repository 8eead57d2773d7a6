"""The `aggregator` command group and what its commands share: the config and store they
open, the exit codes (0 ok, 1 some sources failed, 2 usage or config error), and publishing
with a one-line error."""

from __future__ import annotations

import gc
import importlib
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from aggregator.config.loading import Config, load_config
from aggregator.errors import ConfigError, StoreError
from aggregator.logs import setup_logging
from aggregator.redact import redact_urls
from aggregator.store import Store
from aggregator.version import __version__

if TYPE_CHECKING:
    from aggregator.publish.publisher import PublishResult

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# What a terminal would obey instead of showing: C0 controls but tab and line feed (ESC starts
# colour, title and cursor sequences), DEL, C1 controls (0x9B is CSI on many terminals), and
# the bidirectional overrides and isolates that make text read other than it is stored.
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text as a terminal shows it, without what it would obey (_TERMINAL_CONTROLS)."""
    return _TERMINAL_CONTROLS.sub("", text)


def echo(
    message: object = "", *, err: bool = False, nl: bool = True, credentials: bool = False
) -> None:
    """click.echo for every line a command prints: servers, feeds and pages write much of what
    is shown (titles, reason phrases, addresses, errors that quote them), and none of it may
    drive the terminal; the credentials of addresses are shown only when asked for
    (`export-opml --with-credentials`)."""
    text = str(message) if credentials else redact_urls(str(message))
    click.echo(terminal_safe(text), err=err, nl=nl)


class _Context:
    def __init__(self, config_path: Path) -> None:
        self.config_path = config_path

    def config(self) -> Config:
        try:
            return load_config(self.config_path)
        except ConfigError as exc:
            for problem in exc.problems:
                echo(problem, err=True)
            raise SystemExit(EXIT_USAGE) from exc


@contextmanager
def _store(config: Config) -> Iterator[Store]:
    try:
        store = Store(
            config.store_url,
            search_timeout=config.settings.server.search_timeout.total_seconds(),
        )
    except StoreError as exc:
        echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    try:
        yield store
    finally:
        store.close()


def publish_or_exit(store: Store, config: Config) -> PublishResult:
    """Publish (and record how it went); a failure is one line and exit code 1."""
    from aggregator.app.publishing import publish_recorded
    from aggregator.errors import PublishError

    try:
        result = publish_recorded(store, config, datetime.now(UTC))
    except PublishError as exc:
        echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_FAILED) from exc
    for problem in result.failed:
        echo(f"error: could not publish {problem}", err=True)
    if result.skipped:
        echo(
            f"warning: {len(result.skipped)} entries left out (first: {result.skipped[0]})",
            err=True,
        )
    return result


class _Process:
    whole = False  # the command is the whole process (run_as_process), not a call in one


_process = _Process()


def run_as_process() -> None:
    """The `aggregator` command as a process of its own (the console script and `python -m
    aggregator`): `main`, sparing the cyclic garbage collector walks that change nothing, of
    what start-up made (see `main`) and, at the interpreter's exit, of everything once more;
    together a tenth of a round of 304s run as its own process (docs/performance.md, "Figures
    (2026-12-06, night)"). Within another process (a test's runner) `main` leaves the
    collector alone: frozen objects are never freed."""
    _process.whole = True
    try:
        main()
    finally:
        gc.freeze()


# The module that defines each command (aggregator/cli/<module>.py): `aggregator fetch` imports
# feeds.py alone, `aggregator --help` all of them.
COMMAND_MODULES = {
    "add": "editing",
    "remove": "editing",
    "disable": "editing",
    "import-opml": "editing",
    "export-opml": "editing",
    "check": "feeds",
    "fetch": "feeds",
    "publish": "feeds",
    "prune": "feeds",
    "retag": "feeds",
    "migrate-store": "feeds",
    "serve": "server",
    "run": "server",
    "demo": "server",
    "status": "sources",
    "preview": "sources",
    "enable": "sources",
    "catalog": "sources",
    "doctor": "sources",
    "explain": "stories",
    "story": "stories",
    "unmerge": "stories",
    "search": "stories",
}


class _CommandsOnDemand(click.Group):
    """A group whose commands are registered by their modules, imported when one is asked for."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"aggregator.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(COMMAND_MODULES.values())):
            importlib.import_module(f"aggregator.cli.{module}")
        return super().list_commands(ctx)


@click.group(cls=_CommandsOnDemand, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default="feeds.yaml",
    envvar="AGGREGATOR_CONFIG",
    show_default=True,
    help="The config file (or set AGGREGATOR_CONFIG).",
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Log lines for people (text) or log shippers (json).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="aggregator")
@click.pass_context
def main(ctx: click.Context, config_path: Path, log_format: str, verbose: int) -> None:
    """Fetch prosecution-service and summit news, deduplicate and tag it, republish it as Atom.

    \b
    Example:
      aggregator --config feeds.yaml check
      aggregator fetch --all
      aggregator run --port 8080
    """
    level = logging.DEBUG if verbose > 1 else logging.INFO
    setup_logging(log_format, level)
    ctx.obj = _Context(config_path)
    if _process.whole:
        # What start-up made (modules, classes, compiled patterns) never becomes garbage:
        # the cyclic collector need not walk it again and again during the command.
        gc.freeze()
