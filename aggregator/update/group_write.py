"""Group commit: writes that arrive while one is running go together in the next one.

Under load (a round of hundreds of sources answering 304 at once) their outcomes share a few
transactions; a write that finds nothing running goes at once, so nothing ever waits for a
timer. A failed batch is retried one job at a time, so one bad job fails alone.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


class GroupWriter(Generic[Job, Result]):
    def __init__(
        self,
        write_batch: Callable[[list[Job]], Awaitable[list[Result]]],
        write_one: Callable[[Job], Awaitable[Result]],
    ) -> None:
        self.write_batch = write_batch
        self.write_one = write_one
        self.waiting: list[tuple[Job, asyncio.Future[Result]]] = []
        self.running: asyncio.Task[None] | None = None

    async def write(self, job: Job) -> Result:
        done: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self.waiting.append((job, done))
        if self.running is None or self.running.done():
            self.running = asyncio.create_task(self._drain())
        return await done

    async def _drain(self) -> None:
        while self.waiting:
            batch, self.waiting = self.waiting, []
            # A job's waiter may have been cancelled meanwhile (a stopping round): its write
            # still goes through, only its result has no one to go to. Suppressed rather than
            # checked first: Ctrl-C's handler runs between any two bytecodes and cancels the
            # waiters, so a check could be stale by the next line.
            try:
                results = await self.write_batch([job for job, _ in batch])
            except Exception:
                for job, done in batch:
                    try:
                        result = await self.write_one(job)
                    except Exception as exc:
                        with contextlib.suppress(asyncio.InvalidStateError):
                            done.set_exception(exc)
                    else:
                        with contextlib.suppress(asyncio.InvalidStateError):
                            done.set_result(result)
                continue
            for (_, done), result in zip(batch, results, strict=True):
                with contextlib.suppress(asyncio.InvalidStateError):
                    done.set_result(result)
