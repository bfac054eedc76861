"""Peak memory and CPU time of this process and its descendants, sampled from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.sampler import Sampler


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time ``pid`` has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _tree(root: int) -> list[int]:
    tree, stack, found = _children(), [root], []
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(tree.get(pid, []))
    return found


def tree_rss_kb(root: int, pids: list[int]) -> tuple[int, int]:
    """(total RSS of ``root`` and its descendants ``pids``, largest single descendant), in KiB."""
    total, largest = 0, 0
    for pid in pids:
        rss = _rss_kb(pid)
        total += rss
        if pid != root:
            largest = max(largest, rss)
    return total, largest


class PeakMemory(Sampler):
    """Samples the process tree every 50 ms while in a ``with`` block.

    Besides memory, it keeps the CPU time each process had used when last seen: a worker's
    last 50 ms may be missed, the rest is counted.
    """

    def __init__(self) -> None:
        super().__init__()
        self.total_kb = 0
        self.largest_child_kb = 0
        self.main_kb = 0
        """This process's own peak while sampled (its lifetime peak may come from before)."""
        self._cpu: dict[int, float] = {}
        self._started: dict[int, float] = {}

    @property
    def main_cpu_s(self) -> float:
        """CPU seconds this process used while sampled."""
        return self._cpu.get(os.getpid(), 0.0)

    @property
    def children_cpu_s(self) -> float:
        """CPU seconds its descendants (the extraction workers) used while sampled."""
        return sum(cpu for pid, cpu in self._cpu.items() if pid != os.getpid())

    def begin(self) -> None:
        """The CPU time every process of the tree had used before."""
        self._started = {pid: _cpu_seconds(pid) for pid in _tree(os.getpid())}

    def sample(self) -> None:
        """Memory of the tree now, and each process's CPU time so far."""
        root = os.getpid()
        # The sampler runs in the measured process: one listing of /proc per sample, not two.
        pids = _tree(root)
        total, largest = tree_rss_kb(root, pids)
        self.total_kb = max(self.total_kb, total)
        self.largest_child_kb = max(self.largest_child_kb, largest)
        self.main_kb = max(self.main_kb, _rss_kb(root))
        for pid in pids:
            used = _cpu_seconds(pid) - self._started.get(pid, 0.0)
            self._cpu[pid] = max(self._cpu.get(pid, 0.0), used)
