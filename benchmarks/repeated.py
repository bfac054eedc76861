"""Run a benchmark several times, each in a fresh process, and sum up a figure it prints.

A shared machine's speed drifts from one minute to the next, so one run tells little. Each
run is its own process: an import started from a process that has imported before would
find its worker processes' fork server already loaded, which no real first import does.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
from collections.abc import Sequence


def run_repeatedly(module: str, arguments: Sequence[str], count: int, figure: str) -> int:
    """Run ``python -m module arguments`` ``count`` times; print each run's ``figure`` line,
    its gauge, and the figure's lowest, median and highest value. Returns an exit status."""
    pattern = re.compile(rf"^{re.escape(figure)}: ([0-9.]+)", re.MULTILINE)
    values: list[float] = []
    for number in range(1, count + 1):
        run = subprocess.run(  # noqa: S603 — our own benchmark module, with our own arguments.
            [sys.executable, "-m", module, *arguments],
            capture_output=True,
            text=True,
            check=False,
        )
        found = pattern.search(run.stdout)
        if run.returncode != 0 or found is None:
            print(f"run {number} failed:\n{run.stdout}{run.stderr}", file=sys.stderr)
            return run.returncode or 1
        gauge = re.search(r"^machine speed: ([0-9.]+ s)", run.stdout, re.MULTILINE)
        values.append(float(found.group(1)))
        print(f"run {number}: {figure} {found.group(1)} (gauge {gauge.group(1) if gauge else '?'})")
    print(
        f"{figure} over {count} runs: lowest {min(values):.1f}, "
        f"median {statistics.median(values):.1f}, highest {max(values):.1f}"
    )
    return 0
