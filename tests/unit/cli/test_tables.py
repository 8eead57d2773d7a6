"""The command line's tables: text written by servers is shown as written, never as markup."""

from __future__ import annotations


def test_text_from_servers_is_shown_as_written_in_tables() -> None:
    """`status` and `preview` print titles and messages written by servers: Rich markup in
    them (`[/b]` raised MarkupError, `[link=...]` made a terminal link) is shown as text."""
    import io

    from rich.console import Console
    from rich.table import Table

    from aggregator.cli.sources import _add_plain_row

    table = Table()
    table.add_column("error")
    _add_plain_row(table, "503 Busy [/bold] see [link=javascript:alert(1)]here[/link]")
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(table)
    assert "[/bold]" in out.getvalue() and "[link=javascript:alert(1)]" in out.getvalue()


def test_status_lines_fit_the_width_and_never_cut_ids_or_times() -> None:
    from aggregator.cli.sources import status_lines

    cells = [
        ("a-rather-long-source-identifier", "backing off 503", "08:12", "12", "08:15", "x" * 200),
        ("short", "ok", "12-04", "3", "12-06", ""),
    ]
    lines = status_lines(cells, 80)
    assert all(len(line) <= 80 for line in lines)
    assert lines[1].startswith("a-rather-long-source-identifier  backing off 503  08:12")
    assert lines[1].endswith("…")
    assert lines[2].split() == ["short", "ok", "12-04", "3", "12-06"]
