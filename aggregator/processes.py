"""Worker processes that end with the process that started them."""

from __future__ import annotations

import os
import threading
import time


def exit_with(daemon_pid: int, every: float = 1.0) -> None:
    """Pool worker initializer: end this worker once the process that started the pool is
    gone. The workers come from multiprocessing's fork server, and each holds both ends of the
    pool's task pipe: when a daemon was killed (SIGKILL, the OOM killer), its fork server, its
    workers and their resource tracker waited for tasks forever, holding their memory
    (docs/performance.md, "Figures (2026-11-29, fifth session)")."""

    def watch() -> None:
        while True:
            time.sleep(every)
            try:
                os.kill(daemon_pid, 0)
            except (ProcessLookupError, PermissionError):  # gone, or reused by another user
                os._exit(0)  # nothing to flush: a parse's result has nowhere to go

    threading.Thread(target=watch, name="exit-with-daemon", daemon=True).start()
