"""A measure of how fast the machine runs Python right now, printed beside every benchmark.

Shared virtual machines of one kind differ from day to day and hour to hour; the same
benchmark on the same code has taken half as long again on a busy host. This loop is the
yardstick: figures from two runs compare only as far as their gauges agree.
"""

from __future__ import annotations

import time

LOOP = 10_000_000


def python_speed_s() -> float:
    """CPU seconds for ten million additions in a Python loop, the best of three."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        total = 0
        for n in range(LOOP):
            total += n
        best = min(best, time.process_time() - started)
    return best


def gauge_line() -> str:
    """The gauge as the benchmarks print it."""
    seconds = python_speed_s()
    return f"machine speed: {seconds:.2f} s for ten million additions in Python (lower is faster)"
