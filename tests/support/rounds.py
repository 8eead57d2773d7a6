"""Update rounds in the test process: a config written to a folder, a clock the test moves by
hand, one round run to its end."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from aggregator.config.loading import Config, load_config
from aggregator.models import RoundSummary
from aggregator.store import Store
from aggregator.update.runtime import open_updater


class Clock:
    """A clock the test moves by hand: no sleeping to wait for time."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def write_config(folder: Path, text: str) -> Config:
    path = folder / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def run_round(config: Config, store: Store, clock: Clock, **options: Any) -> RoundSummary:
    async def go() -> RoundSummary:
        async with open_updater(config, store, clock=clock, jitter=lambda: 0.0) as updater:
            await updater.sync_sources()
            return await updater.run_round(**options)

    return asyncio.run(go())
