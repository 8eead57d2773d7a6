"""The ramp of new connections per host (fetch/transport.py): a slot is freed once, and a silent
server holds it only so long."""

from __future__ import annotations

import asyncio

from aggregator.fetch.transport import ConnectionRamp


def test_a_ramp_slot_is_freed_once_and_a_silent_server_holds_it_up_only_so_long() -> None:
    async def go() -> None:
        ramp = ConnectionRamp(limit=1, patience=0.3)
        free = await ramp.enter(("h", 80))
        waiting = asyncio.create_task(ramp.enter(("h", 80)))
        await asyncio.sleep(0.05)
        assert not waiting.done()  # the one slot is held
        free()
        free()  # a second call (a read, then the close) frees nothing more
        second = await waiting
        third = asyncio.create_task(ramp.enter(("h", 80)))
        await asyncio.sleep(0.1)
        assert not third.done()  # freed twice, the slot would have let it in
        await third  # the slot's holder never answered: it goes ahead after 0.3 s
        assert ("h", 80) in ramp._hosts
        second()
        assert ramp._hosts == {}  # a host no one is connecting to is forgotten

    asyncio.run(go())
