"""Re-tagging stored items on every core.

Tagging is pure and CPU-bound (rules, places, language for every item), so `Store.retag`'s batches
are tagged in worker processes while the store reads and writes them: a big store takes long on one
core (docs/performance.md, "Figures (2026-11-28, third session)", retag). Small stores are tagged in
this process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType

from aggregator.config.loading import Config
from aggregator.models import TagAssignment
from aggregator.processes import exit_with
from aggregator.tagging.tagger import RetagJob, RetagRow, retag_job, tag_rows

INLINE_BELOW = 1000  # rows in a batch below which workers are not worth starting

_job: RetagJob | None = None  # a worker's job, sent once when it starts


def _start_worker(job: RetagJob, parent_pid: int) -> None:
    global _job
    _job = job
    exit_with(parent_pid)


def _tag_part(rows: Sequence[RetagRow]) -> list[tuple[TagAssignment, ...]]:
    assert _job is not None, "a retag worker started without its job"
    return tag_rows(_job, rows)


class ParallelRetagger:
    """A `Store.retag` function that spreads each batch over `workers` processes. Use it as a
    context manager: the workers end with it."""

    def __init__(self, config: Config, workers: int | None = None) -> None:
        self.job = retag_job(config)
        self.workers = workers or os.cpu_count() or 1
        self._executor: ProcessPoolExecutor | None = None

    def __call__(self, rows: Sequence[RetagRow]) -> list[tuple[TagAssignment, ...]]:
        if self.workers < 2 or len(rows) < INLINE_BELOW:
            return tag_rows(self.job, rows)
        if self._executor is None:
            # forkserver, as the parse pool: never a fork of a process with threads (the
            # daemon re-tags from its store thread).
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_start_worker,
                initargs=(self.job, os.getpid()),
            )
        size = -(-len(rows) // self.workers)
        parts = [rows[start : start + size] for start in range(0, len(rows), size)]
        return [tags for part in self._executor.map(_tag_part, parts) for tags in part]

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ParallelRetagger:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
