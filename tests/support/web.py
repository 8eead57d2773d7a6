"""An ASGI app (the aggregator's web app) served by a real uvicorn on 127.0.0.1, in a thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import uvicorn

from aggregator.daemon import bind


def serve(app: object) -> Iterator[str]:
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))  # type: ignore[arg-type]
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        threading.Event().wait(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
