"""Reading a segment's postings and field lengths a block at a time, not a posting at a time.

Whoosh's matchers step through postings with a few method calls per posting, which is
what ranking the best few needs; totals, facets, phrases and scoring every match need all
of a term's postings, read here straight from the decoded blocks.
"""

from __future__ import annotations

import logging
from array import array
from bisect import bisect_left
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

log = logging.getLogger(__name__)

_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]


def _matcher(reader: Any, fieldname: str, text: Any) -> Any:
    """The term's matcher in one segment, without the filter of deleted documents."""
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return None
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def ids(reader: Any, fieldname: str, text: Any) -> list[int]:
    """The document numbers of a term in one segment, deleted ones included."""
    matcher = _matcher(reader, fieldname, text)
    if matcher is None:
        return []
    if isinstance(matcher, ListMatcher):
        return list(matcher._ids)
    if not isinstance(matcher, W3LeafMatcher):
        return list(matcher.all_ids())
    found: list[int] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        found.extend(matcher._ids[matcher._i :])
        matcher._i = matcher._blocklength - 1
        matcher.next()
    return found


def weighted(reader: Any, fieldname: str, text: Any) -> tuple[array[int], array[float]]:
    """The document numbers and weights (frequency times field boost) of a term."""
    found_ids: array[int] = array("I")
    found_weights: array[float] = array("f")
    matcher = _matcher(reader, fieldname, text)
    if matcher is None:
        return found_ids, found_weights
    if isinstance(matcher, ListMatcher):
        found_ids.extend(matcher._ids)
        found_weights.extend(matcher._weights)
        return found_ids, found_weights
    while matcher.is_active():
        if isinstance(matcher, W3LeafMatcher):
            matcher._read_ids()
            matcher._read_weights()
            found_ids.extend(matcher._ids[matcher._i :])
            found_weights.extend(matcher._weights[matcher._i :])
            matcher._i = matcher._blocklength - 1
        else:
            found_ids.append(matcher.id())
            found_weights.append(matcher.weight())
        matcher.next()
    return found_ids, found_weights


def values(reader: Any, fieldname: str, text: Any) -> dict[int, bytes]:
    """The posting value (the positions) of a term by document number in one segment."""
    matcher = _matcher(reader, fieldname, text)
    if matcher is None:
        return {}
    if isinstance(matcher, ListMatcher):
        return dict(zip(matcher._ids, matcher._values, strict=True))
    if not isinstance(matcher, W3LeafMatcher):
        return dict(matcher.items_as("positions"))
    found: dict[int, bytes] = {}
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._values is None:
            matcher._read_values()
        start = matcher._i
        found.update(zip(matcher._ids[start:], matcher._values[start:], strict=True))
        matcher._i = matcher._blocklength - 1
        matcher.next()
    return found


def values_at(reader: Any, fieldname: str, text: Any, wanted: list[int]) -> dict[int, bytes]:
    """The posting values of a term for some documents (ascending): other blocks are skipped.

    A block whose last document comes before the next one wanted is passed over unread;
    in the others the wanted documents are found by bisection in the block's numbers.
    """
    matcher = _matcher(reader, fieldname, text)
    found: dict[int, bytes] = {}
    if matcher is None or not wanted:
        return found
    if not isinstance(matcher, W3LeafMatcher):  # A short list inlined in the term table.
        every = values(reader, fieldname, text)
        return {d: every[d] for d in wanted if d in every}
    at = 0
    while matcher.is_active() and at < len(wanted):
        if matcher._maxid >= wanted[at]:
            if matcher._ids is None:
                matcher._read_ids()
            ids = matcher._ids
            block_values = None
            while at < len(wanted) and wanted[at] <= matcher._maxid:
                where = bisect_left(ids, wanted[at])
                if where < len(ids) and ids[where] == wanted[at]:
                    if block_values is None:
                        if matcher._values is None:
                            matcher._read_values()
                        block_values = matcher._values
                    found[wanted[at]] = block_values[where]
                at += 1
        matcher._i = matcher._blocklength - 1
        matcher.next()
    return found


def field_lengths(perdoc: Any, fieldname: str, doccount: int) -> list[int]:
    """Every document's length in a field (0 when absent), from its length column at once."""
    reader = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if reader is None:
        return [0] * doccount
    try:
        raw = reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen)
    except AttributeError:  # Another column layout: read it value by value.
        raw = bytes(reader)
    return [_LENGTH_OF_BYTE[b] for b in raw] + [0] * (doccount - len(raw))
