"""Whoosh 3's on-disk format, written faster and read through memory maps.

The files are ordinary Whoosh 3 segments. What differs is how they are written: a term's
postings a block at a time; short posting lists inlined into the term table (whoosh3
3.54's own inlining fails: it calls ``set_inline`` where the term info has
``set_inlined``); pickles in protocol 5 (Whoosh reads any protocol); the term table's
writes buffered and hashed with CRC-32 (recorded in its header, so Whoosh's reader
agrees). Positions are native 32-bit integers instead of pickled lists. Reading, the
files are memory-mapped: Whoosh reads a few bytes at a time at known offsets, and from a
map that is a slice rather than a seek and a read through Python's file layer.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import os
import pickle
import struct
import weakref
import zlib
from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import (
    COMPRESSION_MIN_SIZE,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import HashWriter, OrderedHashWriter
from whoosh.filedb.structfile import StructFile
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import GrowableArray

log = logging.getLogger(__name__)

_TERM_INFO = W3TermInfo._struct
# Whoosh reads its pickles with ``pickle.loads``, which takes any protocol; protocol 5
# writes a tuple of byte strings four times faster than Whoosh's protocol 2.
_PICKLE = 5
_CRC32 = 1  # Whoosh's hash type number for zlib.crc32.
_KEY_VALUE_LENGTHS = struct.Struct("!ii")
# Posting lists shorter than this sit in the term table (a term found once in a segment,
# the commonest kind, always does). The term tables are memory-mapped and walked by prefix
# and fuzzy queries: kept small, they keep the resident set small (at 30,000 articles a
# limit of 8 gave 318 MB of tables and 286 MB resident after searching; 2 gave 254 and 248).
INLINE_LIMIT = 1


class PositionsFormat(formats.Positions):  # type: ignore[misc]  # Whoosh is untyped here.
    """A term's positions in one document as native 32-bit integers, not a pickled list.

    The frequency is the number of positions, so it needs no header. The index is derived
    data rebuilt on the machine that reads it, so native byte order is fine.
    """

    def encode(self, poslist: Any) -> bytes:
        """The positions as bytes."""
        return array("I", poslist).tobytes()

    def decode_positions(self, valuestring: bytes) -> Any:
        """The positions back from bytes (an array of them, in order)."""
        return array("I", valuestring)

    def decode_frequency(self, valuestring: bytes) -> int:
        """How many times the term occurs."""
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        """The frequency times the field's boost."""
        return float(len(valuestring) // 4) * float(self.field_boost)

    def decode_position_boosts(self, valuestring: bytes) -> list[tuple[int, float]]:
        """Every position with boost 1."""
        return [(pos, 1.0) for pos in self.decode_positions(valuestring)]

    def combine(self, vs: Iterable[bytes]) -> bytes:
        """The union of several position lists."""
        merged: set[int] = set()
        for valuestring in vs:
            merged.update(self.decode_positions(valuestring))
        return self.encode(sorted(merged))


def inlined_one(docnum: int, weight: float, value: bytes, lengths: list[int]) -> bytes:
    """``inlined`` for a term in one document only: the common case, kept short."""
    length = length_to_byte(lengths[docnum]) if lengths[docnum] else 0
    stats = _TERM_INFO.pack(1, weight, 1, length, length, max(weight, 0.0), docnum, docnum)
    return bytes(stats) + pickle.dumps(((docnum,), (weight,), (value,) if value else ()), _PICKLE)


def inlined(
    ids: list[int], weights: array[float], values: list[bytes], lengths: list[int]
) -> bytes:
    """A short posting list's term-table entry, byte for byte as ``W3TermInfo.to_bytes``."""
    present = [n for n in lengths if n]
    stats = _TERM_INFO.pack(
        1,
        sum(weights),
        len(ids),
        length_to_byte(min(present)) if present else 0,
        length_to_byte(max(present)) if present else 0,
        max(weights, default=0.0),
        ids[0],
        ids[-1],
    )
    kept = tuple(v for v in values if v)
    postings = pickle.dumps((tuple(ids), tuple(weights), kept), _PICKLE)
    return bytes(stats) + postings


class _PostingsWriter(W3PostingsWriter):  # type: ignore[misc]  # Whoosh is untyped here.
    """Whoosh 3's postings writer, taking postings a block at a time, inlining short lists.

    whoosh3 3.54 calls ``set_inline`` where the term info has ``set_inlined``, so any
    ``inlinelimit`` above 1 fails there; ``finish_postings`` here does it right.
    """

    _ids: Any
    _weights: Any
    _values: list[bytes]
    _terminfo: Any

    def add_many(
        self,
        ids: Sequence[int],
        weights: array[float],
        values: Sequence[bytes],
        lengths: Sequence[int],
    ) -> None:
        """A term's postings in document order; the last block stays buffered for finish."""
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if self._ids:
                self._write_block()
            end = start + limit
            self._ids = array("I", ids[start:end])
            self._weights = weights[start:end]
            self._values = [v for v in values[start:end] if v]
            block_lengths = [n for n in lengths[start:end] if n]
            self._minlength = min(block_lengths) if block_lengths else None
            self._maxlength = max(block_lengths) if block_lengths else 0
            self._maxweight = max(self._weights, default=0.0)

    def finish_postings(self) -> Any:
        if self.written() or len(self._ids) >= self._inlinelimit:
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, self._values)
        self._terminfo = None
        return terminfo

    def _write_block(self, last: bool = False) -> None:
        """As Whoosh 3 writes a block, with the faster pickle protocol."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = pickle.dumps(data, _PICKLE)
        compression = self._compression if len(databytes) >= COMPRESSION_MIN_SIZE else 0
        if compression:
            databytes = zlib.compress(databytes, compression)
        ids = self._ids
        info = (
            len(ids),
            ids[-1],
            self._maxweight,
            compression,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        infobytes = pickle.dumps(info, _PICKLE)
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes + databytes)
        self._blockcount += 1
        self._new_block()


class _TermTable(OrderedHashWriter):  # type: ignore[misc]  # Whoosh is untyped here.
    """Whoosh's ordered term table, buffering its writes and hashing with CRC-32.

    The hash type is written in the file's header, so Whoosh's reader uses the same one.
    """

    def __init__(self, dbfile: Any) -> None:
        HashWriter.__init__(self, dbfile, hashtype=_CRC32)
        self.index = GrowableArray("H")
        self.lastkey = b""
        self._buffer = bytearray()
        self._position = dbfile.tell()

    def add(self, key: bytes, value: bytes) -> None:
        position = self._position
        self.index.append(position)
        entry = _KEY_VALUE_LENGTHS.pack(len(key), len(value)) + key + value
        self._buffer += entry
        self._position = position + len(entry)
        digest = zlib.crc32(key)
        self.buckets[digest & 255].append((digest, position))
        if len(self._buffer) >= 1 << 20:
            self._flush()

    def _flush(self) -> None:
        self.dbfile.write(bytes(self._buffer))
        self._buffer.clear()

    def close(self) -> Any:
        self._flush()
        return super().close()


class _FieldWriter(W3FieldWriter):  # type: ignore[misc]  # Whoosh is untyped here.
    """Whoosh 3's field writer over the term table above."""

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        self._codec = codec
        self._storage = storage
        self._segment = segment
        self._fieldname = None
        self._fieldid = None
        self._btext = None
        self._fieldobj = None
        self._format = None
        self._tindex = _TermTable(self._create_file(W3Codec.TERMS_EXT))
        self._fieldmap: dict[str, int] = {}
        self._tindex.extras["fieldmap"] = self._fieldmap
        self._postfile = self._create_file(W3Codec.POSTS_EXT)
        self._postwriter = None
        self._infield = False
        self.is_closed = False


class LeafMatcher(W3LeafMatcher):  # type: ignore[misc]  # Whoosh is untyped here.
    """Whoosh 3's block matcher, decoding a block's document numbers in C.

    A block stores its numbers as gaps; Whoosh adds them up in a Python generator, one
    call per posting, which was the largest cost of reading a frequent word's postings.
    """

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        self._ids = ids if self._byteids else tuple(accumulate(ids))


class Codec(W3Codec):  # type: ignore[misc]  # Whoosh is untyped here.
    """Whoosh 3's codec with the postings writer, term table and block matcher above."""

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return LeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def __init__(self) -> None:
        # Blocks are stored uncompressed: a block holds its ids, weights and positions
        # together, so with compression every ranked term paid for inflating positions it
        # never reads. Measured on 20,000 generated articles: phrase p95 53 -> 29 ms, other
        # kinds 5-15 % faster, the index 44 % larger (195 -> 280 MB). Blocks written
        # compressed by an earlier version still read: each block records its compression.
        super().__init__(inlinelimit=INLINE_LIMIT, compression=0)

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


# Windows has no madvise; there the pages stay mapped until the index is closed.
_CAN_RELEASE = hasattr(mmap, "MADV_DONTNEED")


class _MappedFile(StructFile):  # type: ignore[misc]  # Whoosh is untyped here.
    """A segment file read through a read-only memory map: the OS pages it in as needed.

    Whoosh reads its term tables and postings a few bytes at a time at known offsets;
    from a map that is a slice, not a seek and a read through Python's file layer.
    """

    def __init__(self, fileobj: Any, name: str) -> None:
        self._map = mmap.mmap(fileobj.fileno(), 0, access=mmap.ACCESS_READ)
        fileobj.close()
        super().__init__(self._map, name=name)

    def get(self, position: int, length: int) -> bytes:
        return self._map[position : position + length]

    def release_pages(self) -> None:
        """Unmap the pages read so far; the next read maps them again from the system's cache."""
        with contextlib.suppress(ValueError):  # Closed already.
            self._map.madvise(mmap.MADV_DONTNEED)


class MappedStorage(FileStorage):  # type: ignore[misc]  # Whoosh is untyped here.
    """A folder of index files; the term tables are read through a memory map.

    Term lookups read a few bytes at many places of a term table, where a map pays off;
    postings are read a block at a time, as well through the file, and leave the pages
    they touch in the system's cache rather than in the process.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._maps: weakref.WeakSet[_MappedFile] = weakref.WeakSet()

    def open_file(self, name: str, **kwargs: Any) -> Any:
        fileobj = Path(self._fpath(name)).open("rb")  # noqa: SIM115 — a StructFile owns it.
        if not name.endswith(W3Codec.TERMS_EXT) or os.fstat(fileobj.fileno()).st_size == 0:
            return StructFile(fileobj, name=name, **kwargs)
        mapped = _MappedFile(fileobj, name)
        self._maps.add(mapped)
        return mapped

    def release_pages(self) -> None:
        """Give back the term-table pages that searches have mapped into this process.

        A query looks its words up in every field of every segment, a few pages each, all over
        tables of hundreds of megabytes: left mapped, they pile up in the resident set. The
        pages stay in the system's cache, so mapping them again costs a soft fault, not a read.
        """
        if _CAN_RELEASE:
            for mapped in list(self._maps):
                mapped.release_pages()
