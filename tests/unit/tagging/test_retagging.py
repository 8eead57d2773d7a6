"""Re-tagging on every core gives exactly the tags of re-tagging in one process."""

from __future__ import annotations

import json

from ruamel.yaml import YAML

from aggregator.config.loading import load_config
from aggregator.tagging import retagging
from aggregator.tagging.retagging import ParallelRetagger
from aggregator.tagging.tagger import RetagRow, retagger
from tests.support.paths import DATA, ROOT


def rows(count: int) -> list[RetagRow]:
    samples = []
    for language in ("en", "ru", "pt", "es", "fr"):
        data = YAML(typ="safe").load((DATA / "tagging" / f"{language}.yaml").read_text("utf-8"))
        samples += [(title, summary) for title, summary, _, _ in data]
    return [
        (
            ("doj-news", "ru-genproc", "br-mpf-pgr", "unknown-source")[n % 4],
            samples[n % len(samples)][0],
            f"<p>{samples[n % len(samples)][1]}</p>",
            "",
            None,
            None,
            json.dumps(["Press release"]),
            "pt" if n % 7 == 0 else None,
        )
        for n in range(count)
    ]


def test_workers_tag_exactly_as_one_process() -> None:
    config = load_config(ROOT / "feeds.yaml")
    batch = rows(retagging.INLINE_BELOW + 200)
    expected = retagger(config)(batch)
    with ParallelRetagger(config, workers=2) as tag:
        assert tag(batch) == expected
        assert tag._executor is not None  # the batch went to the workers
        small = batch[:10]
        assert tag(small) == expected[:10]  # small batches stay in this process
    assert tag._executor is None  # the workers ended with the block
    # Row 35: a source no longer in the config, whose feed declared Portuguese when fetched.
    assert any(t.tag == "lang:pt" and t.detail == "declared by the feed" for t in expected[35])
