"""Editing feeds.yaml as text (config/editing.py) with titles another reader or a remote feed
wrote: line breaks, U+2028, controls and words that read like keys never make an edit land on
the wrong line (found by an outside attack, issue #20 reopened)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aggregator.config.editing import (
    NewSource,
    add_sources,
    one_line,
    remove_source,
    set_enabled,
)
from aggregator.config.loading import load_config
from aggregator.errors import ConfigError

START = "sources:\n  - id: first\n    url: http://127.0.0.1:1/first.xml\n"
TITLES = [
    "Evil\n    enabled: true x",
    "Sly\n    enabled: false x",
    "Alpha\u2028B\u2028C\u2029D\x85End",
    "Tab\there and \x80 C1 and \x1b[31m escape",
    'Quote " and backslash \\ and: colon',
]


def test_one_line_titles() -> None:
    assert one_line("Evil\n    enabled: true x") == "Evil enabled: true x"
    assert one_line("Alpha\u2028B") == "Alpha B"
    assert one_line("a\x1b[31mb") == "a[31mb"
    assert one_line("  \n ") is None and one_line(None) is None


def test_hostile_titles_are_written_on_one_line_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(START, encoding="utf-8")
    additions = [
        NewSource(f"s{n}", f"http://127.0.0.1:1/{n}.xml", title) for n, title in enumerate(TITLES)
    ]
    text = add_sources(path, additions)
    assert text.count("\n") == START.count("\n") + 3 * len(TITLES)  # id, url, title each
    config = load_config(path)
    assert [s.title for s in config.sources[1:]] == [one_line(t) for t in TITLES]
    assert all(s.enabled for s in config.sources)


def test_disable_and_remove_find_their_source_whatever_the_titles_hold(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    # Written by hand: a quoted title over two lines that reads like a key, and U+2028 (a line
    # break to str.splitlines, not to YAML) before the sources to edit.
    path.write_text(
        START
        + '  - id: tricky\n    url: http://127.0.0.1:1/t.xml\n    title: "Evil\n'
        + '      enabled: true x"\n'
        + "  - id: alpha\n    url: http://127.0.0.1:1/a.xml\n    title: Alpha\u2028B\u2028C End\n"
        + "  - id: second\n    url: http://127.0.0.1:1/s.xml\n    title: Second\n"
        + "  - id: third\n    url: http://127.0.0.1:1/3.xml\n    enabled: true\n",
        encoding="utf-8",
    )
    assert set_enabled(path, "tricky", False)
    assert load_config(path).source("tricky").enabled is False  # type: ignore[union-attr]
    assert not set_enabled(path, "tricky", False)
    assert set_enabled(path, "third", False)
    remove_source(path, "second")
    config = load_config(path)
    assert [s.id for s in config.sources] == ["first", "tricky", "alpha", "third"]
    assert config.source("alpha").title == "Alpha\u2028B\u2028C End"  # type: ignore[union-attr]
    assert config.source("third").enabled is False  # type: ignore[union-attr]
    assert config.source("first").enabled is True  # type: ignore[union-attr]


def test_an_edit_that_does_not_take_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(START, encoding="utf-8")
    with pytest.raises(ConfigError):
        set_enabled(path, "nope", False)


def test_enabled_written_as_yaml_says_it_and_in_a_flow_mapping(tmp_path: Path) -> None:
    """Found by a review: `enabled: no` read as enabled by the editor (a string to ruamel's
    YAML 1.2, false to the config), so `enable` said "was not disabled"."""
    path = tmp_path / "feeds.yaml"
    path.write_text(
        START
        + "  - id: spelled\n    url: http://127.0.0.1:1/s.xml\n    enabled: no\n"
        + "  - {id: flow, url: 'http://127.0.0.1:1/f.xml', enabled: false}\n",
        encoding="utf-8",
    )
    assert load_config(path).source("spelled").enabled is False  # type: ignore[union-attr]
    assert set_enabled(path, "spelled", True)
    assert set_enabled(path, "flow", True)
    config = load_config(path)
    assert config.source("spelled").enabled and config.source("flow").enabled  # type: ignore[union-attr]
    assert "enabled: true}" in path.read_text(encoding="utf-8")


def test_a_file_with_carriage_returns_only_is_edited_on_its_own_lines(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    text = START + "  - id: second\n    url: http://127.0.0.1:1/2.xml\n"
    path.write_bytes(text.replace("\n", "\r").encode())
    assert set_enabled(path, "second", False)
    remove_source(path, "first")
    config = load_config(path)
    assert [(s.id, s.enabled) for s in config.sources] == [("second", False)]
