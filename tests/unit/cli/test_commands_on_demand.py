"""Commands are imported when they run (cli/base.py, COMMAND_MODULES): the table must name
the module of every command, and help must still list them all."""

from __future__ import annotations

import importlib

from click.testing import CliRunner

from aggregator.cli.base import COMMAND_MODULES, main


def test_the_table_names_the_module_of_every_command() -> None:
    # (main.commands holds the commands of the modules imported so far)
    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"aggregator.cli.{module}")
    assert set(main.commands) == set(COMMAND_MODULES)
    for name, command in main.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"aggregator.cli.{COMMAND_MODULES[name]}", name


def test_help_lists_every_command() -> None:
    shown = CliRunner().invoke(main, ["--help"]).output
    commands = shown.split("Commands:", 1)[1]
    assert sorted(line.split()[0] for line in commands.strip().splitlines()) == sorted(
        COMMAND_MODULES
    )


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["fetchh"])
    assert result.exit_code == 2
    assert "No such command 'fetchh'" in result.output
