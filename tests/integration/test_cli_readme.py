"""The command line is a thin skin over the use cases, tested against what the README says of
it: its table of commands names every command and no other, every option it mentions exists
on that command, and every command's --help shows an example that names the command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from aggregator.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"
# Every command, each module imported as `aggregator --help` does (commands load on demand).
COMMANDS = {
    name: command
    for name in main.list_commands(click.Context(main))
    if (command := main.get_command(click.Context(main), name)) is not None
}


def documented_commands() -> dict[str, set[str]]:
    """README's command table: command name -> the options its row names."""
    text = README.read_text(encoding="utf-8")
    table = text.split("| command | what it does |", 1)[1].split("\n\n", 1)[0]
    commands: dict[str, set[str]] = {}
    for row in table.splitlines()[2:]:
        cell = row.split("|")[1]
        for usage in re.findall(r"`([^`]+)`", cell):
            name = usage.split()[0]
            commands.setdefault(name, set()).update(re.findall(r"--[a-z][a-z-]*", usage))
    return commands


def options_of(command: click.Command) -> set[str]:
    return {opt for param in command.params for opt in getattr(param, "opts", [])}


def test_the_readme_table_names_every_command_and_no_other() -> None:
    assert set(documented_commands()) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(documented_commands()))
def test_every_option_the_readme_names_exists(name: str) -> None:
    missing = documented_commands()[name] - options_of(COMMANDS[name])
    assert not missing, f"README names {sorted(missing)} for `{name}`"


def test_the_global_options_the_readme_names_exist() -> None:
    text = README.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("Global options:"))
    line += text.split(line, 1)[1].split("\n", 1)[0]
    named = set(re.findall(r"(--[a-z][a-z-]*|-[a-z])\b", line))
    assert named and named <= options_of(main)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    example = result.output.split("Example", 1)
    assert len(example) == 2, f"`{name} --help` shows no example"
    assert re.search(rf"^\s+aggregator .*\b{name}\b", example[1], re.M), example[1]
