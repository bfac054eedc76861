"""Progress reports and cancellation for long core jobs, usable from any thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """How far a job has come: ``done`` of ``total`` steps, and what it is on now."""

    done: int
    total: int
    current: str = ""
    step: str = ""
    """How far into ``current`` (a big crawl is read a part at a time: "3 of 8 parts done")."""


ProgressCallback = Callable[[Progress], None]


class CancelToken:
    """A flag one thread sets and a long job checks between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop after the step it is on; finished steps are kept."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancellation was asked for."""
        return self._event.is_set()
