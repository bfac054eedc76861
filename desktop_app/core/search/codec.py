"""Whoosh 3's on-disk format, written faster and read through memory maps.

The files are ordinary Whoosh 3 segments. What differs is how they are written: a
term's whole posting list is encoded in one call and the postings file and term table
are written in large pieces; a posting list of one document sits in the term table;
pickles are in protocol 5 (Whoosh reads any protocol); the term table is hashed with
CRC-32 (recorded in its header, so Whoosh's reader agrees). Positions are native 32-bit
integers instead of pickled lists. Reading, the files are memory-mapped: Whoosh reads a
few bytes at a time at known offsets, and from a map that is a slice rather than a seek
and a read through Python's file layer.
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
from itertools import accumulate, chain, starmap
from operator import add, sub
from pathlib import Path
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
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
# A hash table slot: a key's hash and where its entry is; an empty one is all zeros.
_SLOT = struct.Struct("!Iq")
_EMPTY_SLOT = (0, 0)
# Only a posting list of one document (a term found once in a segment, the commonest kind)
# sits in the term table. The term tables are memory-mapped and walked by prefix and fuzzy
# queries: kept small, they keep the resident set small (at 30,000 articles inlining lists
# of up to 7 postings gave 318 MB of tables and 286 MB resident after searching; 1 gave 254
# and 248). Whoosh's own writer, given this codec, inlines nothing.
_WHOOSH_INLINE_LIMIT = 1


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


def length_bytes(lengths: Sequence[int]) -> list[int]:
    """Each document's field length as the byte Whoosh stores (exact up to a hundred or so,
    then logarithmic; 0 for a document without the field).

    The byte never falls as the length grows, so the byte of the shortest (or longest) of
    several documents is the smallest (largest) of their bytes: computed once per field, not
    per term. (Whoosh leaves documents of length 0 out of a term's shortest length; a
    document with a posting in a field always has a length there, or none has, as in fields
    that are not scored, where every byte is 0 either way.)
    """
    return list(map(length_to_byte, lengths))


def inlined_one(docnum: int, weight: float, value: bytes, length: int) -> bytes:
    """A term-table entry holding the one posting of a term found in one document.

    ``length`` is the document's field length byte (see ``length_bytes``).
    """
    stats: bytes = _TERM_INFO.pack(1, weight, 1, length, length, max(weight, 0.0), docnum, docnum)
    return stats + pickle.dumps(((docnum,), (weight,), (value,) if value else ()), _PICKLE)


# Each posting-list block starts with its length as a 4-byte int; a term's extent in the
# postings file, after its stats in the term table, is an 8-byte offset and a 4-byte length.
_BLOCK_LENGTH = struct.Struct("!i").pack
_EXTENT = struct.Struct("!qi").pack


def posting_list(
    ids: Sequence[int],
    weights: array[float],
    values: Sequence[bytes],
    lengths: Sequence[int],
    *,
    shape: tuple[int, int | None],
    offset: int,
) -> tuple[bytes, bytes]:
    """A posting list of several documents as Whoosh 3 writes it, in one call.

    Returns the bytes that go into the postings file at ``offset`` (a header, then blocks
    of up to ``limit`` postings) and the term table's entry pointing at them; both byte
    for byte what ``W3PostingsWriter`` and ``W3TermInfo`` write, without an object and a
    dozen method calls per block. ``lengths`` are the documents' length bytes (see
    ``length_bytes``); ``shape`` is (limit, the format's fixed value size, if any). Blocks
    are uncompressed (see ``Codec``).
    """
    limit, fixed = shape
    count = len(ids)
    if count <= limit:  # Nearly every list is one block.
        block, heaviest, total_weight = _block(ids, weights, values, lengths, fixed, last=True)
        written = WHOOSH3_HEADER_MAGIC + block
    else:
        blocks = [
            _block(
                ids[start : start + limit],
                weights[start : start + limit],
                values[start : start + limit],
                lengths[start : start + limit],
                fixed,
                last=start + limit >= count,
            )
            for start in range(0, count, limit)
        ]
        written = WHOOSH3_HEADER_MAGIC + b"".join(block for block, _, _ in blocks)
        heaviest = max(block_heaviest for _, block_heaviest, _ in blocks)
        # Added up block after block, as Whoosh does: the same float, to the last bit.
        total_weight = 0.0
        for _, _, block_weight in blocks:
            total_weight += block_weight
    stats = _TERM_INFO.pack(
        0,
        total_weight,
        count,
        min(lengths),
        max(lengths),
        max(heaviest, 0.0),
        ids[0],
        ids[-1],
    )
    return written, stats + _EXTENT(offset, len(written))


def _block(
    ids: Sequence[int],
    weights: array[float],
    values: Sequence[bytes],
    lengths: Sequence[int],
    fixed: int | None,
    *,
    last: bool,
) -> tuple[bytes, float, float]:
    """One block, encoded as ``W3PostingsWriter._write_block`` does (ids as gaps, weights
    and values in their shortest form; the last block's length negative), its heaviest
    weight and the sum of its weights."""
    size = len(ids)
    gaps = (ids[0], *map(sub, ids[1:], ids[:-1]))
    if weights.count(1.0) == size:
        mini_weights: Any = None
    elif weights.count(weights[0]) == size:
        mini_weights = weights[0]
    else:
        mini_weights = tuple(weights)
    kept = list(filter(None, values))
    if fixed is None or fixed < 0:
        mini_values: Any = tuple(kept)
    else:
        mini_values = b"".join(kept) if fixed else None
    data = pickle.dumps((gaps, mini_weights, mini_values), _PICKLE)
    heaviest = max(weights)
    info = pickle.dumps((size, ids[-1], heaviest, 0, min(lengths), max(lengths)), _PICKLE)
    length = len(info) + len(data)
    return _BLOCK_LENGTH(-length if last else length) + info + data, heaviest, sum(weights)


class _TermTable(OrderedHashWriter):  # type: ignore[misc]  # Whoosh is untyped here.
    """Whoosh's ordered term table, written a field at a time and hashed with CRC-32.

    The hash type is written in the file's header, so Whoosh's reader uses the same one.
    The bytes are Whoosh's; the work per entry is done in C where it can be.
    """

    def __init__(self, dbfile: Any) -> None:
        HashWriter.__init__(self, dbfile, hashtype=_CRC32)
        self.lastkey = b""
        self._positions: array[int] = array("q")
        self._position = dbfile.tell()

    def add(self, key: bytes, value: bytes) -> None:
        self.add_entries([key], [value])

    def add_entries(self, keys: list[bytes], values: list[bytes]) -> None:
        """Entries whose keys are in order and after every key added before."""
        key_lengths = list(map(len, keys))
        value_lengths = list(map(len, values))
        heads = map(_KEY_VALUE_LENGTHS.pack, key_lengths, value_lengths)
        self.dbfile.write(b"".join(chain.from_iterable(zip(heads, keys, values, strict=True))))
        sizes = map(_KEY_VALUE_LENGTHS.size.__add__, map(add, key_lengths, value_lengths))
        positions = list(accumulate(sizes, initial=self._position))
        self._position = positions.pop()
        self._positions.extend(positions)
        buckets = self.buckets
        for digest, position in zip(map(zlib.crc32, keys), positions, strict=True):
            buckets[digest & 255].append((digest, position))

    def _write_hashes(self) -> None:
        """Whoosh's 256 hash tables (open addressing, twice as many slots as entries)."""
        dbfile = self.dbfile
        for entries in self.buckets:
            self.directory.append((dbfile.tell(), 2 * len(entries)))
            slots = 2 * len(entries)
            table = [_EMPTY_SLOT] * slots
            for entry in entries:
                slot = (entry[0] >> 8) % slots
                while table[slot] is not _EMPTY_SLOT:
                    slot = (slot + 1) % slots
                table[slot] = entry
            dbfile.write(b"".join(starmap(_SLOT.pack, table)))

    def _write_extras(self) -> None:
        # Whoosh keeps the entries' positions in its growable array, in the narrowest type
        # that holds the largest; it is built here once instead of entry by entry.
        self.index = GrowableArray("H")
        if self._positions:
            self.index.array = array(_narrowest(self._positions[-1]), self._positions)
        super()._write_extras()


def _narrowest(largest: int) -> str:
    """The array type Whoosh's ``GrowableArray`` ends with after holding ``largest``."""
    if largest < 1 << 16:
        return "H"
    if largest < 1 << 31:
        return "i"
    return "I" if largest < 1 << 32 else "q"


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
        super().__init__(inlinelimit=_WHOOSH_INLINE_LIMIT, compression=0)

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return _FieldWriter(self, storage, segment)


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
