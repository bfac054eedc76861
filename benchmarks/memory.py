"""Peak memory of this process and all its descendants, sampled from /proc (Linux)."""

from __future__ import annotations

import os
import threading
from pathlib import Path


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


def tree_rss_kb(root: int) -> tuple[int, int]:
    """(total RSS of ``root`` and its descendants, largest single descendant), in KiB."""
    tree, stack, total, largest = _children(), [root], 0, 0
    while stack:
        pid = stack.pop()
        rss = _rss_kb(pid)
        total += rss
        if pid != root:
            largest = max(largest, rss)
        stack.extend(tree.get(pid, []))
    return total, largest


class PeakMemory:
    """Samples the process tree every 50 ms while in a ``with`` block."""

    def __init__(self) -> None:
        self.total_kb = 0
        self.largest_child_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            total, largest = tree_rss_kb(os.getpid())
            self.total_kb = max(self.total_kb, total)
            self.largest_child_kb = max(self.largest_child_kb, largest)
