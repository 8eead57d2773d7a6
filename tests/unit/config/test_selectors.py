"""The selectors and presets of HTML sources in feeds.yaml: each error names its line."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_selector_errors_in_the_config_name_their_line(tmp_path: Path) -> None:
    from aggregator.config.loading import load_config
    from aggregator.errors import ConfigError

    path = tmp_path / "feeds.yaml"
    path.write_text(
        "sources:\n  - id: x\n    url: https://example.org/\n    type: html\n"
        "    selectors:\n      item: li[\n      title: a\n      link: a@href\n"
        "  - id: y\n    url: https://example.org/\n    preset: nope\n"
        "  - id: z\n    url: https://example.org/\n    type: html\n"
        "    selectors: {item: li.news}\n"
        "  - id: detected\n    url: https://example.org/\n    type: html\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems[0].startswith(
        "feeds.yaml:6: sources[0].selectors.item: invalid CSS selector 'li[':"
    )
    assert caught.value.problems[1] == (
        'feeds.yaml:11: sources[1].preset: "nope" is not a preset '
        "(known: cbi, cps, fiscalia-chile, genproc, mpf, uswds)"
    )
    assert caught.value.problems[2] == (
        "feeds.yaml:12: sources[2]: selectors need item, title and link (or a preset; or no "
        "selectors at all, and the news list is detected on the page)"
    )
    assert len(caught.value.problems) == 3  # no selectors at all: the list is detected
