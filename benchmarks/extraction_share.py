"""How much of the importer's extraction CPU is spent inside trafilatura, measured in one process.

The import runs extraction in worker processes on every core; this runs the same files one by
one in this process and times, besides the whole, every call of ``trafilatura.bare_extraction``.
That share is what no change to Archive Browser's own code can take away.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from archive_import import ArchiveImportError, Found, discover, extract_file


@dataclass(frozen=True)
class ExtractionShare:
    """CPU seconds of extracting a set of files in one process, and the part inside trafilatura."""

    files: int
    total_s: float
    trafilatura_s: float

    @property
    def share(self) -> float:
        """The part inside trafilatura, 0 to 1."""
        return self.trafilatura_s / self.total_s if self.total_s else 0.0


def measure(paths: Sequence[Path]) -> ExtractionShare:
    """Extract every readable file under ``paths`` in this process, timing trafilatura's part."""
    found = [f for f in discover(list(paths)) if isinstance(f, Found)]
    with _timed_trafilatura() as inside:
        started = time.process_time()
        for item in found:
            # Skipped and failed files cost CPU too; the import pays for them as well.
            with suppress(ArchiveImportError):
                extract_file(item.path, item.format)
        total = time.process_time() - started
    return ExtractionShare(len(found), total, inside[0])


@contextmanager
def _timed_trafilatura() -> Iterator[list[float]]:
    """Adds the CPU seconds of every ``trafilatura.bare_extraction`` call to the yielded cell."""
    original: Callable[..., Any] = trafilatura.bare_extraction
    spent = [0.0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - started

    trafilatura.bare_extraction = timed
    try:
        yield spent
    finally:
        trafilatura.bare_extraction = original
