"""A measurement taken on a thread of its own, at a steady pace, while a block of code runs."""

from __future__ import annotations

import threading
from typing import TypeVar

_S = TypeVar("_S", bound="Sampler")


class Sampler:
    """Calls ``sample`` every ``interval`` seconds while in a ``with`` block."""

    interval = 0.05

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self: _S) -> _S:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def begin(self) -> None:
        """Called once on the sampling thread, before the first sample."""

    def sample(self) -> None:
        """Take one sample."""
        raise NotImplementedError

    def _loop(self) -> None:
        self.begin()
        while not self._stop.wait(self.interval):
            self.sample()
