"""Peak memory and CPU of a command and every process it starts (Linux `/proc`).

`wait4` reports the command's own process only: the aggregator's parse workers are children
of multiprocessing's fork server, which the command never waits for, so their memory and CPU
were invisible to the benchmarks until the sixth session. This samples the whole tree.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ")".
    return int(stat.rsplit(")", 1)[1].split()[1])


def _descendants(root: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent = _parent_of(int(entry))
            if parent is not None:
                parents[int(entry)] = parent
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


class ProcessTreeWatch:
    """Samples a running process and its descendants until `stop()`.

    `peak_mb` is the largest peak RSS of any one process (the issue's "largest process");
    `child_cpu` the CPU seconds of the descendants as last sampled (a process's last interval
    before it exits is lost: at most `interval` each).
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root = root
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self.cpu: dict[int, float] = {}
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        for pid in _descendants(self.root):
            peak, cpu = _peak_mb(pid), _cpu_seconds(pid)
            if peak is not None:
                self.peaks[pid] = max(peak, self.peaks.get(pid, 0.0))
            if cpu is not None and pid != self.root:
                self.cpu[pid] = cpu

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            self._sample()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return max(self.peaks.values(), default=0.0)

    @property
    def child_cpu(self) -> float:
        return sum(self.cpu.values())
