"""Take the library's lock for one step of a long write, and then let whoever waits go first."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def turn(lock: threading.RLock) -> Iterator[None]:
    """Hold ``lock`` for one step; after it, a thread waiting for the lock gets it.

    Python's locks are not fair: taken again at once, the lock would keep the window waiting
    through every step of an import or a re-extraction. Sleeping for no time lets the
    interpreter switch to the waiting thread.
    """
    with lock:
        yield
    time.sleep(0)
