"""The order a round starts its sources in (update/round.py): hosts take turns, so one host's
sources waiting for its politeness spacing do not fill the window."""

from __future__ import annotations

from aggregator.update.round import host_turns


def test_hosts_take_turns_in_the_window() -> None:
    urls = [
        "https://gov.uk/a",
        "https://gov.uk/b",
        "https://gov.uk/c",
        "https://mpf.mp.br/x",
        "http://europol.europa.eu/y",
        "https://mpf.mp.br/z",
    ]
    # One host's sources waiting for its politeness spacing do not fill the window.
    assert [urls[p] for p in host_turns(urls)] == [
        "https://gov.uk/a",
        "https://mpf.mp.br/x",
        "http://europol.europa.eu/y",
        "https://gov.uk/b",
        "https://mpf.mp.br/z",
        "https://gov.uk/c",
    ]
    assert host_turns([]) == []
