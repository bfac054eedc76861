"""Writing segments fast: postings in flat arrays, handed to the codec a term at a time.

Whoosh's own writer keeps every posting as a tuple of Python objects, spills them to disk
in pickled runs, merges the runs back, and hands them to the codec one call per posting,
looking each document's field length up in a file every time. Here a segment's postings
live in a few flat arrays (about 18 bytes a posting), are grouped by term with one
counting pass, and each term's posting list is encoded in one call; field lengths are read
into memory once per field. ``tests/core/test_index.py`` checks that the segments hold
exactly what Whoosh's own writer writes, and what its merge makes of them.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Callable, Iterable
from itertools import accumulate, chain, repeat
from operator import itemgetter
from typing import Any, NamedTuple

from whoosh import columns as whoosh_columns
from whoosh import fields
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.system import pack_ushort
from whoosh.writing import SegmentWriter

from desktop_app.core.search import pairs, postings
from desktop_app.core.search.analysis import FAMILY, FamilyAnalyzer
from desktop_app.core.search.codec import (
    Codec,
    PositionsFormat,
    inlined_one,
    length_bytes,
    posting_list,
)

log = logging.getLogger(__name__)

_BYTES_PER_POSITION = array("I").itemsize
# Terms whose entries and posting lists are gathered before they are written.
_PIECES_PER_WRITE = 4096
# What a term costs the pool beside its postings: its string and its entry in a dict.
_BYTES_PER_TERM = 100


class WordsField(fields.TEXT):  # type: ignore[misc]  # Whoosh is untyped here.
    """Words with their positions (for phrases), analysed by one family's analyzer."""

    def __init__(self, family: str, field_boost: float = 1.0) -> None:
        super().__init__(analyzer=FamilyAnalyzer(family), phrase=True, field_boost=field_boost)
        self.format = PositionsFormat(field_boost=field_boost)
        self.family = family

    def positions(self, value: str) -> tuple[dict[str, list[int]], int]:
        """Each distinct term of ``value`` with its positions, and the number of terms."""
        return FAMILY[self.family].positions(value)

    def index(self, value: Any, **kwargs: Any) -> Any:
        """(term, frequency, weight, positions) per distinct term, for Whoosh's own writer."""
        positions, _ = self.positions(value)
        boost = self.format.field_boost
        for term, where in positions.items():
            yield term.encode("utf-8"), len(where), len(where) * boost, array("I", where).tobytes()


class _Spans(NamedTuple):
    """Where a segment's postings are: term ``t``'s are ``grouped[starts[t]:starts[t + 1]]``."""

    grouped: array[int]
    starts: array[int]
    begins: array[int]
    values: bytes
    """Posting ``p``'s value is ``values[begins[p]:ends[p]]``."""


class FlatPool:
    """A segment's postings in memory, in flat arrays, in the order they were added.

    Each posting records its term's number; ``write`` groups them by term with one
    counting pass. Terms are kept per field, as the analyzer's own strings (shared with
    its cache) for words fields and as bytes for the others; about 100 bytes a term and
    18 a posting.
    """

    def __init__(self, word_fields: set[str]) -> None:
        self._word_fields = word_fields
        self._terms: dict[str, dict[Any, int]] = {}
        self._count = 0
        self._term_of: array[int] = array("I")
        self._docs: array[int] = array("I")
        self._weights: array[float] = array("f")
        self._ends: array[int] = array("I")
        self._values = bytearray()

    def __len__(self) -> int:
        return len(self._docs)

    def footprint(self) -> int:
        """About how many bytes the pool holds: 16 a posting in the flat arrays, 4 a
        position, some 100 a term (its string and its entry in the field's table)."""
        return 16 * len(self._docs) + len(self._values) + _BYTES_PER_TERM * self._count

    @property
    def fieldnames(self) -> set[str]:
        """The fields that have terms."""
        return {name for name, terms in self._terms.items() if terms}

    def _field(self, fieldname: str) -> dict[Any, int]:
        terms = self._terms.get(fieldname)
        if terms is None:
            terms = self._terms[fieldname] = {}
        return terms

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting: (field, term, document number, weight, value)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self._field(fieldname)
        term = tbytes.decode("utf-8") if fieldname in self._word_fields else tbytes
        number = terms.get(term)
        if number is None:
            number = terms[term] = self._count
            self._count += 1
        self._term_of.append(number)
        self._docs.append(docnum)
        self._weights.append(weight)
        if vbytes:
            self._values += vbytes
        self._ends.append(len(self._values))

    def _numbers(self, fieldname: str, terms: Iterable[Any]) -> list[int]:
        """Each term's number in this segment, new terms numbered as they come."""
        known = self._field(fieldname)
        count = self._count
        numbers = []
        for term in terms:
            number = known.get(term)
            if number is None:
                number = known[term] = count
                count += 1
            numbers.append(number)
        self._count = count
        return numbers

    def add_bare(self, fieldname: str, docnum: int, terms: list[bytes]) -> None:
        """Postings of weight 1 and no value in one document (the pairs of common words)."""
        self._term_of.extend(self._numbers(fieldname, terms))
        self._docs.extend(repeat(docnum, len(terms)))
        self._weights.extend(repeat(1.0, len(terms)))
        self._ends.extend(repeat(len(self._values), len(terms)))

    def add_words(
        self, fieldname: str, docnum: int, positions: dict[str, list[int]], boost: float
    ) -> None:
        """Every term of one words field of one document, with its positions."""
        numbers = self._numbers(fieldname, positions)
        self._term_of.extend(numbers)
        self._docs.extend(repeat(docnum, len(numbers)))
        # The rest is done in C: weights, the positions' bytes, and where each one ends.
        counts = list(map(len, positions.values()))
        self._weights.extend(map(boost.__mul__, counts))
        start = len(self._values)
        self._values += array("I", chain.from_iterable(positions.values()))
        ends = accumulate(map(_BYTES_PER_POSITION.__mul__, counts), initial=start)
        next(ends)
        self._ends.extend(ends)

    def _grouped(self) -> tuple[array[int], array[int]]:
        """Posting numbers grouped by term number, and where each term's group starts."""
        # Arrays of zeros made by repetition: from a bytes object they would need its copy too.
        starts: array[int] = array("I", [0]) * (self._count + 1)
        for number in self._term_of:
            starts[number + 1] += 1
        for number in range(self._count):
            starts[number + 1] += starts[number]
        fill = array("I", starts)
        grouped: array[int] = array("I", [0]) * len(self._term_of)
        for posting, number in enumerate(self._term_of):
            grouped[fill[number]] = posting
            fill[number] += 1
        return grouped, starts

    def write(self, schema: Any, fieldwriter: Any, lengths: Callable[[str], list[int]]) -> None:
        """Write every posting list through ``fieldwriter``'s files; one document's in its table."""
        grouped, starts = self._grouped()
        self._term_of = array("I")
        # Each posting's value is values[begins[n]:ends[n]]; slicing bytes gives bytes.
        begins: array[int] = array("I", [0])
        # All ends but the last, copied once (a slice and then a sum would copy them twice).
        begins.frombytes(memoryview(self._ends).cast("B")[: -self._ends.itemsize])
        values = bytes(self._values)
        self._values = bytearray()
        spans = _Spans(grouped, starts, begins, values)
        for fieldname in sorted(self.fieldnames):
            fieldwriter.start_field(fieldname, schema[fieldname])
            self._write_field(fieldname, fieldwriter, length_bytes(lengths(fieldname)), spans)
            fieldwriter.finish_field()

    def _write_field(
        self, fieldname: str, fieldwriter: Any, lengths: list[int], spans: _Spans
    ) -> None:
        """Write one field's terms; ``lengths`` are its documents' length bytes."""
        docs, weights, ends = self._docs, self._weights, self._ends
        grouped, starts, begins, values = spans
        value_of, length_of = values.__getitem__, lengths.__getitem__
        prefix = pack_ushort(fieldwriter._fieldid)
        terms = self._terms[fieldname]
        words = fieldname in self._word_fields
        postfile = fieldwriter._postfile
        shape = (fieldwriter._codec._blocklimit, fieldwriter._format.fixed_value_size())
        # Term-table entries and posting lists are written a few thousand at a time.
        keys: list[bytes] = []
        entries: list[bytes] = []
        pending: list[bytes] = []
        offset = postfile.tell()
        for term in sorted(terms):
            if len(keys) >= _PIECES_PER_WRITE:
                postfile.write(b"".join(pending))
                fieldwriter._tindex.add_entries(keys, entries)
                pending, keys, entries = [], [], []
            number = terms[term]
            keys.append(prefix + (term.encode("utf-8") if words else term))
            first, last = starts[number], starts[number + 1]
            if last - first == 1:  # Most terms of a library occur once in a segment.
                n = grouped[first]
                value = values[begins[n] : ends[n]]
                entries.append(inlined_one(docs[n], weights[n], value, lengths[docs[n]]))
                continue
            # Picked in C: a posting list is gathered from the flat arrays in a few calls.
            pick = itemgetter(*grouped[first:last])
            ids: tuple[int, ...] = pick(docs)
            written, entry = posting_list(
                ids,
                array("f", pick(weights)),
                list(map(value_of, map(slice, pick(begins), pick(ends)))),
                list(map(length_of, ids)),
                shape=shape,
                offset=offset,
            )
            entries.append(entry)
            pending.append(written)
            offset += len(written)
        postfile.write(b"".join(pending))
        fieldwriter._tindex.add_entries(keys, entries)

    def cleanup(self) -> None:
        """Let go of everything."""
        self.__init__(self._word_fields)  # type: ignore[misc]  # Reset in place to release.


def _block_postings(
    reader: Any, fieldname: str, tbytes: bytes
) -> tuple[list[int], list[float], list[Any]]:
    """A term's (ids, weights, values) in one segment, deleted documents included."""
    matcher = reader.postings(fieldname, tbytes)
    matcher = getattr(matcher, "child", matcher)  # Unwrap the filter of deleted documents.
    ids: list[int] = []
    weights: list[float] = []
    values: list[Any] = []
    while matcher.is_active():
        if isinstance(matcher, W3LeafMatcher):
            matcher._read_ids()
            matcher._read_weights()
            matcher._read_values()
            start = matcher._i
            ids.extend(matcher._ids[start:])
            weights.extend(matcher._weights[start:])
            values.extend(matcher._values[start:])
            matcher._i = matcher._blocklength - 1
        else:
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
        matcher.next()
    return ids, weights, values


class FastWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh is untyped here.
    """Whoosh's segment writer over the flat pool; words fields take the fast path."""

    pool: Any

    def __init__(self, ix: Any, common: pairs.CommonWords | None = None, **kwargs: Any) -> None:
        """``common`` gives each family's common words: their pairs are indexed too."""
        # A compound segment is one file Whoosh reads whole into memory when it opens it;
        # separate files are read on demand.
        super().__init__(ix, codec=Codec(), compound=False, **kwargs)
        self.pool.cleanup()
        words = {name for name, field in self.schema.items() if isinstance(field, WordsField)}
        self.pool = FlatPool(words)
        self._common = common or {}

    def add_document(self, **values: Any) -> None:
        """Add one document (no boosts, vectors or spelling fields: the schema has none)."""
        self._check_state()
        perdoc, docnum, pool = self.perdocwriter, self.docnum, self.pool
        perdoc.start_doc(docnum)
        for fieldname in sorted(values):
            value = values[fieldname]
            if value is None:
                continue
            field = self.schema[fieldname]
            length = 0
            if isinstance(field, WordsField):
                positions, length = field.positions(value)
                pool.add_words(fieldname, docnum, positions, field.format.field_boost)
                common = self._common.get(field.family) if fieldname.startswith("text_") else None
                if common:
                    found = [term.encode("utf-8") for term in pairs.pairs_of(positions, common)]
                    pool.add_bare(pairs.pair_field(field.family), docnum, found)
            elif field.indexed:
                for tbytes, freq, weight, vbytes in field.index(value):
                    length += freq if field.scorable else 0
                    pool.add((fieldname, tbytes, docnum, weight, vbytes))
            perdoc.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type is not None:
                column_value = field.to_column_value(value)
                perdoc.add_column_value(fieldname, field.column_type, column_value)
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def write_per_doc(self, fieldnames: set[str], reader: Any) -> dict[int, int] | None:
        """Copy a merged segment's documents: stored fields, field lengths and columns.

        What Whoosh's own copy does, with each field's length column found once per segment:
        Whoosh looks for the column's file again for every document and every field, and a
        segment's documents lack most fields (one text field per language), so those look-ups
        took about half of a merge's time, profiled. Returns the map of old to new document numbers
        when the segment has deletions (None when it keeps its order)."""
        schema, pdw = self.schema, self.perdocwriter
        docmap: dict[int, int] | None = {} if reader.has_deletions() else None
        lengths = _length_readers(reader, schema.names())
        columns = {}
        for fieldname in fieldnames:
            coltype = schema[fieldname].column_type
            if coltype and reader.has_column(fieldname):
                column = reader.column_reader(fieldname, coltype)
                if isinstance(column, whoosh_columns.TranslatingColumnReader):
                    column = column.raw_column()
                columns[fieldname] = column
        for docnum, stored in reader.iter_docs():
            if docmap is not None:
                docmap[docnum] = self.docnum
            pdw.start_doc(self.docnum)
            for fieldname in fieldnames | {name for name in stored if name in schema}:
                field = schema[fieldname]
                pdw.add_field(fieldname, field, stored.get(fieldname), lengths[fieldname](docnum))
                if field.vector and reader.has_vector(docnum, fieldname):
                    vector = reader.vector(docnum, fieldname, field.vector)
                    pdw.add_vector_matcher(fieldname, field, vector)
                if fieldname in columns:
                    pdw.add_column_value(fieldname, field.column_type, columns[fieldname][docnum])
            pdw.finish_doc()
            self.docnum += 1
        return docmap

    def add_reader(self, reader: Any) -> None:
        """Merge a segment in (when segments are merged): its postings read term by term.

        Whoosh's own merge asks for each term's postings through a matcher; here a short
        list comes straight from the term table and a long one a block at a time.
        """
        self._check_state()
        if not reader.is_atomic():
            # A reader of several segments (Whoosh's merge hands over one at a time): each
            # segment's documents in turn, as Whoosh adds them.
            for leaf, _first in reader.leaf_readers():
                self.add_reader(leaf)
            return
        basedoc = self.docnum
        indexed = {name for name in reader.indexed_field_names() if name in self.schema}
        # The fields this segment holds. For one it lacks (most of the text fields: one per
        # language), each document's length is 0 and its value absent, which Whoosh's
        # per-document writer would skip, one call per document and field.
        columns = {name for name in self.schema.names() if reader.has_column(name)}
        docmap = self.write_per_doc(indexed | columns, reader)
        add = self.pool.add
        for fieldname in sorted(indexed):
            for tbytes, info in reader.iter_field(fieldname, b""):
                if info.is_inlined():
                    ids, weights, values = info.inlined_postings()
                else:
                    ids, weights, values = _block_postings(reader, fieldname, tbytes)
                for at, docnum in enumerate(ids):
                    new = basedoc + docnum if docmap is None else docmap.get(docnum)
                    if new is not None:
                        add((fieldname, tbytes, new, weights[at], values[at] if values else None))
        self._added = True

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        perdoc = self.per_document_reader()
        doccount = self.docnum
        try:
            self.pool.write(
                self.schema,
                self.fieldwriter,
                lambda fieldname: postings.field_lengths(perdoc, fieldname, doccount),
            )
        finally:
            perdoc.close()
        self.fieldwriter.close()


def _length_readers(reader: Any, fieldnames: Iterable[str]) -> dict[str, Callable[[int], Any]]:
    """Per field, a document's length in it, with the segment's length column found once.

    ``reader`` reads one segment (``add_reader`` hands over one at a time).
    """
    perdoc = reader._perdoc
    return {name: perdoc.doc_field_length_reader(name) for name in fieldnames}
