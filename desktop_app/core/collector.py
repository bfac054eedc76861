"""How Python's garbage collector runs while pages are extracted and written.

Extracting and indexing allocate a great deal and leave little cyclic garbage (lxml's trees
are not cycles of Python objects), so collecting the first generation every 700 allocations,
Python's default, is wasted work there: on the import benchmark's files the extraction ran
the collector 543 times for 0.11 s, the writing process 150 times for 0.05 to 0.09 s
(docs/benchmarks.md). Every 10,000 allocations, 22 and 7 times.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

FIRST_GENERATION = 10_000


def set_up_worker() -> None:
    """In an extraction worker, as it starts: freeze what it inherited, collect rarely.

    What a worker inherits (the importer, trafilatura, lxml: its parent had them loaded)
    lives as long as it does. Frozen out of the collector's sight, it is neither scanned by
    the worker's full collections nor copied page by page into the worker when the collector
    writes to it.
    """
    gc.freeze()
    gc.set_threshold(FIRST_GENERATION, *gc.get_threshold()[1:])


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The first generation collected every ``FIRST_GENERATION`` allocations meanwhile."""
    before = gc.get_threshold()
    gc.set_threshold(max(FIRST_GENERATION, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
