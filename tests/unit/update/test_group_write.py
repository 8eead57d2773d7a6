"""Group commit of check outcomes (aggregator/group_write.py): batches form while a write runs,
and a failing batch costs only its bad job."""

from __future__ import annotations

import asyncio

import pytest

from aggregator.update.group_write import GroupWriter


def test_writes_arriving_during_a_write_share_the_next_one() -> None:
    batches: list[list[int]] = []

    async def write_batch(jobs: list[int]) -> list[int]:
        batches.append(jobs)
        await asyncio.sleep(0.01)  # the store thread at work
        return [job * 10 for job in jobs]

    async def write_one(job: int) -> int:
        raise AssertionError("no batch failed")

    async def go() -> list[int]:
        writer: GroupWriter[int, int] = GroupWriter(write_batch, write_one)
        first = asyncio.create_task(writer.write(0))
        await asyncio.sleep(0.001)  # the first write is running
        rest = await asyncio.gather(*(writer.write(n) for n in range(1, 50)))
        return [await first, *rest]

    assert asyncio.run(go()) == [n * 10 for n in range(50)]
    # The first write went alone and at once; the 49 that came meanwhile went together.
    assert batches == [[0], list(range(1, 50))]


def test_a_failed_batch_is_retried_job_by_job_and_only_the_bad_job_fails() -> None:
    async def write_batch(jobs: list[int]) -> list[int]:
        if 3 in jobs:
            raise RuntimeError("constraint failed")
        return jobs

    async def write_one(job: int) -> int:
        if job == 3:
            raise RuntimeError("job 3 is bad")
        return job

    async def go() -> list[int | BaseException]:
        writer: GroupWriter[int, int] = GroupWriter(write_batch, write_one)
        return list(
            await asyncio.gather(*(writer.write(n) for n in range(6)), return_exceptions=True)
        )

    results = asyncio.run(go())
    assert [r for r in results if not isinstance(r, BaseException)] == [0, 1, 2, 4, 5]
    [failure] = [r for r in results if isinstance(r, BaseException)]
    with pytest.raises(RuntimeError, match="job 3 is bad"):
        raise failure


def test_a_cancelled_waiter_does_not_break_the_batch_it_was_in() -> None:
    """A round stopping mid-write cancels its sources' waiters: their write still goes through,
    the others get their results, and the drain task ends without an error (before, setting a
    cancelled waiter's result raised InvalidStateError and the task died with it)."""
    written: list[list[int]] = []

    async def write_batch(jobs: list[int]) -> list[int]:
        written.append(jobs)
        await asyncio.sleep(0.05)  # the store thread at work while the waiter is cancelled
        return jobs

    async def write_one(job: int) -> int:
        raise AssertionError("no batch failed")

    async def go() -> tuple[list[int], BaseException | None]:
        writer: GroupWriter[int, int] = GroupWriter(write_batch, write_one)
        waiters = [asyncio.create_task(writer.write(n)) for n in range(3)]
        await asyncio.sleep(0.01)
        waiters[1].cancel()
        async with asyncio.timeout(5):  # a dead drain task never answers the others
            results = [await waiters[0], await waiters[2]]
        assert writer.running is not None
        await asyncio.wait([writer.running])
        return results, writer.running.exception()

    results, error = asyncio.run(go())
    assert results == [0, 2] and error is None
    assert written == [[0, 1, 2]]  # the cancelled one's write included
