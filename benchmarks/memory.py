"""Peak memory and CPU time of this process and its descendants, sampled from /proc (Linux).

The sampling runs in a process of its own, not on a thread of the measured one: an import
forks its workers straight from a process of one thread, as the command line is (see
``desktop_app.core.extraction``), and a sampling thread would make it start them otherwise.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType


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


def _resident_kb(pid: int) -> tuple[int, int]:
    """A process's resident memory and, of it, its private (anonymous) memory, in KiB.

    The rest is files mapped into it: a crawl the importer maps is counted in each process
    that reads it, though the system holds it once, in its file cache, and can drop it.
    """
    resident = private = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                resident = int(line.split()[1])
            elif line.startswith("RssAnon:"):
                private = int(line.split()[1])
    except OSError:
        pass
    return resident, private


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time ``pid`` has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _tree(root: int, leave_out: int) -> list[int]:
    """``root`` and its descendants, without ``leave_out`` and its own."""
    tree, stack, found = _children(), [root], []
    while stack:
        pid = stack.pop()
        if pid != leave_out:
            found.append(pid)
            stack.extend(tree.get(pid, []))
    return found


@dataclass
class _Figures:
    """What the sampling process has seen of the measured process tree."""

    root: int
    total_kb: int = 0
    private_kb: int = 0
    largest_child_kb: int = 0
    main_kb: int = 0
    cpu: dict[int, float] = field(default_factory=dict)
    """CPU seconds each process of the tree used while sampled."""
    started: dict[int, float] = field(default_factory=dict)

    def begin(self) -> None:
        """The CPU time every process of the tree had used before."""
        self.started = {pid: _cpu_seconds(pid) for pid in _tree(self.root, os.getpid())}

    def sample(self) -> None:
        """Memory of the tree now, and each process's CPU time so far."""
        pids = _tree(self.root, os.getpid())
        both = {pid: _resident_kb(pid) for pid in pids}  # Each process's status read once.
        resident = {pid: kb for pid, (kb, _) in both.items()}
        self.total_kb = max(self.total_kb, sum(resident.values()))
        self.private_kb = max(self.private_kb, sum(private for _, private in both.values()))
        children = (kb for pid, kb in resident.items() if pid != self.root)
        self.largest_child_kb = max([self.largest_child_kb, *children])
        self.main_kb = max(self.main_kb, resident.get(self.root, 0))
        for pid in pids:
            used = _cpu_seconds(pid) - self.started.get(pid, 0.0)
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), used)


def _sample_until_told(root: int, pipe: Connection, interval: float) -> None:
    """In the sampling process: sample ``root``'s tree every ``interval`` seconds until a
    message comes down ``pipe``, then send the figures back."""
    figures = _Figures(root)
    figures.begin()
    pipe.send(None)
    while not pipe.poll(interval):
        figures.sample()
    figures.sample()
    pipe.send(figures)


class PeakMemory:
    """Samples this process's tree every 50 ms while in a ``with`` block.

    Besides memory, it keeps the CPU time each process had used when last seen: a worker's
    last 50 ms may be missed, the rest is counted. The sampling process itself is left out.
    """

    interval = 0.05

    def __init__(self) -> None:
        self._figures = _Figures(os.getpid())
        self._pipe: Connection | None = None
        self._sampler: multiprocessing.process.BaseProcess | None = None

    def __enter__(self) -> PeakMemory:
        # Forked, not spawned: it needs nothing loaded and must start at once. /proc means
        # Linux, where fork exists.
        context = multiprocessing.get_context("fork")
        self._pipe, far_end = context.Pipe()
        self._sampler = context.Process(
            target=_sample_until_told, args=(os.getpid(), far_end, self.interval), daemon=True
        )
        self._sampler.start()
        self._pipe.recv()  # Its starting point is taken.
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._pipe is not None
        assert self._sampler is not None
        self._pipe.send(None)
        self._figures = self._pipe.recv()
        self._sampler.join()

    @property
    def total_kb(self) -> int:
        """Peak resident memory of the whole tree, in KiB."""
        return self._figures.total_kb

    @property
    def private_kb(self) -> int:
        """Peak private (anonymous) memory of the whole tree, in KiB: ``total_kb`` less the
        files mapped into its processes."""
        return self._figures.private_kb

    @property
    def largest_child_kb(self) -> int:
        """Peak resident memory of the largest descendant (a worker), in KiB."""
        return self._figures.largest_child_kb

    @property
    def main_kb(self) -> int:
        """This process's own peak while sampled (its lifetime peak may come from before)."""
        return self._figures.main_kb

    @property
    def main_cpu_s(self) -> float:
        """CPU seconds this process used while sampled."""
        return self._figures.cpu.get(os.getpid(), 0.0)

    @property
    def children_cpu_s(self) -> float:
        """CPU seconds its descendants (the extraction workers) used while sampled."""
        return sum(cpu for pid, cpu in self._figures.cpu.items() if pid != os.getpid())
