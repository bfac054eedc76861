"""A saved file's bytes: read into memory, or, for a big crawl, mapped from the disk.

A crawl's pages are read record by record where they sit (see ``warc``), so its file need
not be copied into the process's own memory: mapped, its bytes stay in the system's file
cache, which every worker reading a part of the same crawl shares and which the system can
give back under memory pressure. Other files are small and read whole.
"""

from __future__ import annotations

import io
import mmap
from typing import BinaryIO

FileBytes = bytes | mmap.mmap
"""The bytes of a file, in memory or mapped: both slice into ``bytes``."""


def map_file(file: BinaryIO) -> mmap.mmap:
    """The whole of an open, non-empty file, mapped read-only."""
    return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def as_bytes(data: FileBytes) -> bytes:
    """``data`` in memory (a mapped file is read whole: for readers that need it so)."""
    return data if isinstance(data, bytes) else data[:]


def open_in_place(data: FileBytes) -> io.BytesIO | ByteStream:
    """A stream over all of ``data`` that reads it where it lies: BytesIO shares the bytes it
    is given, but would copy a mapped file, which a ``ByteStream`` reads in place."""
    return io.BytesIO(data) if isinstance(data, bytes) else ByteStream(data)


class ByteStream:
    """A read-only stream over ``size`` bytes of ``data`` from ``start``: opening, seeking and
    reading it copies only what is read (a stored zip member, a mapped crawl)."""

    def __init__(self, data: FileBytes, start: int = 0, size: int | None = None) -> None:
        end = len(data) if size is None else start + size
        self._view = memoryview(data)[start:end]
        self._position = 0

    def read(self, size: int = -1, /) -> bytes:
        end = len(self._view) if size < 0 else min(len(self._view), self._position + size)
        chunk = bytes(self._view[self._position : end])
        self._position = max(self._position, end)
        return chunk

    def seek(self, offset: int, whence: int = 0, /) -> int:
        base = {0: 0, 1: self._position, 2: len(self._view)}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._view.release()
