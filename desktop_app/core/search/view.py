"""What one searcher sees: the documents a query matches, facet counts, filters, sort keys.

Totals, facets and the date and title sorts need every matching document, not just the
best twenty, so matches are computed as Python sets of document numbers: a term's
postings are read a block at a time, and AND, OR and NOT are set operations in C. Each
segment's per-document data (article id, date, site, language, bookmark, tags) is read
once and kept until the segment goes away: segments never change, and an updated
article is a new document in a new segment.
"""

from __future__ import annotations

import bisect
import heapq
import logging
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

log = logging.getLogger(__name__)

FACETS = ("site", "language", "year", "tag", "bookmarked")
_FACET_LIMIT = {"site": 30, "language": 30, "year": 60, "tag": 50}
_FILTER_CACHE = 32
BOOKMARKED, NOT_BOOKMARKED = "yes", "no"


class Codes:
    """Small numbers for site names and languages, shared by every segment (0 is none)."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.values: list[str] = [""]

    def number(self, value: str) -> int:
        """The number of a value, given one the first time it is seen."""
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = len(self.values)
            self.values.append(value)
        return found


@dataclass
class Segment:
    """One segment's per-document data, by document number within the segment."""

    ids: array[int]
    dates: array[int]
    sites: array[int]
    languages: array[int]
    bookmarked: set[int]
    tags: dict[str, list[int]]
    titles: list[bytes] | None = None


def postings_ids(reader: Any, fieldname: str, text: Any) -> list[int]:
    """The document numbers of a term in one segment, deleted ones included."""
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return []
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
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


def postings_values(reader: Any, fieldname: str, text: Any) -> dict[int, bytes]:
    """The posting value (positions) of a term by document number in one segment."""
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return {}
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
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


def _numeric_column(reader: Any, fieldname: str, typecode: str) -> array[int]:
    """A numeric column's every value at once (raw values are big-endian)."""
    count = reader.doc_count_all()
    column = reader.column_reader(fieldname, translate=False)
    try:
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values = array(typecode, raw)
        if values.itemsize != column._fixedlen:
            raise AttributeError(typecode)
        values.byteswap()
        values.extend([column._default] * (count - len(values)))
    except AttributeError:  # Another column layout: read it value by value.
        values = array(typecode, list(column))
    return values


def read_segment(reader: Any, codes: Codes, language_codes: Codes) -> Segment:
    """A segment's per-document data, read in a few passes over its columns and postings."""
    count = reader.doc_count_all()
    sites, languages = array("I", bytes(4 * count)), array("I", bytes(4 * count))
    for target, fieldname, table in ((sites, "site", codes), (languages, "lang", language_codes)):
        for tbytes in reader.lexicon(fieldname):
            number = table.number(tbytes.decode("utf-8"))
            for docnum in postings_ids(reader, fieldname, tbytes):
                target[docnum] = number
    tags = {
        tbytes.decode("utf-8"): postings_ids(reader, "tag", tbytes)
        for tbytes in reader.lexicon("tag")
    }
    return Segment(
        ids=_numeric_column(reader, "id", "Q"),
        dates=_numeric_column(reader, "published", "I"),
        sites=sites,
        languages=languages,
        bookmarked=set(postings_ids(reader, "bookmarked", b"t")),
        tags=tags,
    )


@dataclass
class _Leaf:
    reader: Any
    offset: int
    data: Segment
    live: set[int] = field(default_factory=set)


class View:
    """Matches, facets, filters and sort keys over one searcher's documents."""

    def __init__(
        self,
        searcher: Any,
        segments: dict[str, Segment],
        sites: Codes,
        languages: Codes,
    ) -> None:
        self.searcher = searcher
        self._sites, self._languages = sites, languages
        self._leaves: list[_Leaf] = []
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            if reader.doc_count_all() == 0:
                continue
            key = reader.segment().segment_id()
            data = segments.get(key)
            if data is None:
                data = segments[key] = read_segment(reader, sites, languages)
            self._leaves.append(_Leaf(reader, offset, data))
        self._live: set[int] | None = None
        self._filters: dict[tuple[str, str], set[int]] = {}
        self._arrays: dict[str, array[int]] = {}
        self._tags: dict[str, set[int]] | None = None
        self._marked: set[int] | None = None
        self._by_date: tuple[array[int], array[int]] | None = None

    # Matching documents

    @property
    def live(self) -> set[int]:
        """Every document not deleted."""
        if self._live is None:
            live: set[int] = set()
            for leaf in self._leaves:
                deleted = leaf.reader.deleted_docs_set
                count = leaf.reader.doc_count_all()
                live.update(leaf.offset + d for d in range(count) if d not in deleted)
            self._live = live
        return self._live

    def docs(self, qry: Any) -> set[int]:  # noqa: PLR0911 — one return per kind of query.
        """The live documents a Whoosh query matches."""
        if qry is None or isinstance(qry, wq.Every):
            return set(self.live)
        if qry is wq.NullQuery:
            return set()
        if isinstance(qry, wq.Term):
            return self._term(qry.fieldname, qry.text)
        if isinstance(qry, wq.Or):
            found: set[int] = set()
            for sub in qry.subqueries:
                found |= self.docs(sub)
            return found
        if isinstance(qry, wq.And):
            return self._and(qry.subqueries)
        if isinstance(qry, wq.Not):
            return self.live - self.docs(qry.query)
        if isinstance(qry, wq.NumericRange) and qry.fieldname == "published":
            return self._published(qry.start, qry.end)
        if isinstance(qry, wq.Phrase) and qry.slop == 1:
            return self._phrase(qry.fieldname, qry.words)
        return set(self.searcher.docs_for_query(qry)) & self.live

    def _and(self, parts: Iterable[Any]) -> set[int]:
        positive = [p for p in parts if not isinstance(p, wq.Not)]
        negative = [p.query for p in parts if isinstance(p, wq.Not)]
        sets = sorted((self.docs(p) for p in positive), key=len) or [set(self.live)]
        found = sets[0].intersection(*sets[1:])
        for excluded in negative:
            found -= self.docs(excluded)
        return found

    def _published(self, start: int, end: int) -> set[int]:
        """Documents published from ``start`` to ``end`` (yyyymmdd, inclusive; 0 is undated)."""
        if self._by_date is None:
            dates = self._joined("dates")
            ranked = sorted(range(len(dates)), key=dates.__getitem__)
            self._by_date = (array("I", [dates[d] for d in ranked]), array("I", ranked))
        keys, order = self._by_date
        first, last = bisect.bisect_left(keys, max(start, 1)), bisect.bisect_right(keys, end)
        return set(order[first:last]) & self.live

    def _phrase(self, fieldname: str, words: list[str]) -> set[int]:
        """Documents with ``words`` at consecutive positions of ``fieldname``.

        Whoosh checks phrases through generic span objects, slow on a frequent word; here
        the positions of each word are read a block at a time and compared as sets.
        """
        decode = self.searcher.schema[fieldname].format.decode_positions
        found: set[int] = set()
        for leaf in self._leaves:
            by_word = {w: postings_values(leaf.reader, fieldname, w) for w in set(words)}
            candidates = set.intersection(*(set(v) for v in by_word.values()))
            candidates -= leaf.reader.deleted_docs_set
            for docnum in candidates:
                starts = set(decode(by_word[words[0]][docnum]))
                for offset, word in enumerate(words[1:], start=1):
                    starts &= {p - offset for p in decode(by_word[word][docnum])}
                    if not starts:
                        break
                if starts:
                    found.add(leaf.offset + docnum)
        return found

    def _term(self, fieldname: str, text: Any) -> set[int]:
        found: set[int] = set()
        for leaf in self._leaves:
            ids = postings_ids(leaf.reader, fieldname, text)
            deleted = leaf.reader.deleted_docs_set
            offset = leaf.offset
            found.update(offset + d for d in ids if d not in deleted)
        return found

    # Filters

    def filtered(self, filters: Mapping[str, str]) -> set[int] | None:
        """The documents every filter lets through (None: no filter given)."""
        sets = [self._filter(name, value) for name, value in filters.items() if value]
        if not sets:
            return None
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:])

    def _filter(self, name: str, value: str) -> set[int]:
        key = (name, value)
        found = self._filters.get(key)
        if found is None:
            found = self._filters[key] = self.docs(filter_query(name, value))
            if len(self._filters) > _FILTER_CACHE:
                del self._filters[next(iter(self._filters))]
        return found

    # Per-document data across segments

    def _joined(self, name: str) -> array[int]:
        """One per-document array of every segment's, joined in document number order."""
        joined = self._arrays.get(name)
        if joined is None:
            parts: list[array[int]] = [getattr(leaf.data, name) for leaf in self._leaves]
            joined = array(parts[0].typecode if parts else "I")
            for part in parts:
                joined.extend(part)
            self._arrays[name] = joined
        return joined

    def article_ids(self, docnums: Iterable[int]) -> list[int]:
        """The article id of each document number."""
        ids = self._joined("ids")
        return [int(ids[d]) for d in docnums]

    def language_of(self, docnum: int) -> str:
        """The language code of a document ('' when unknown)."""
        return self._languages.values[self._joined("languages")[docnum]]

    def docnums_of(self, article_ids: Iterable[int]) -> dict[int, int]:
        """Live document numbers by article id."""
        wanted = set(article_ids)
        ids = self._joined("ids")
        return {int(ids[d]): d for d in self.live if ids[d] in wanted}

    def all_article_ids(self) -> set[int]:
        """The article id of every live document."""
        ids = self._joined("ids")
        return {int(ids[d]) for d in self.live}

    # Facets and sorting

    def facets(self, docs: set[int]) -> dict[str, list[tuple[str, int]]]:
        """(value, count) per facet, most frequent first."""
        out: dict[str, list[tuple[str, int]]] = {}
        for name, table, codes in (
            ("site", self._sites, self._joined("sites")),
            ("language", self._languages, self._joined("languages")),
        ):
            counts = Counter(map(codes.__getitem__, docs))
            counts.pop(0, None)
            out[name] = [(table.values[c], n) for c, n in _top(counts, _FACET_LIMIT[name])]
        dates = self._joined("dates")
        years = Counter(dates[d] // 10_000 for d in docs)
        years.pop(0, None)
        out["year"] = sorted(
            ((str(y), n) for y, n in years.items() if y < 10_000), key=lambda item: item[0]
        )[-_FACET_LIMIT["year"] :][::-1]
        tag_counts = Counter({tag: len(members & docs) for tag, members in self._tag_sets()})
        out["tag"] = [(t, n) for t, n in _top(tag_counts, _FACET_LIMIT["tag"]) if n]
        marked = len(self._bookmarked() & docs)
        out["bookmarked"] = [(BOOKMARKED, marked), (NOT_BOOKMARKED, len(docs) - marked)]
        return out

    def _tag_sets(self) -> Iterator[tuple[str, set[int]]]:
        if self._tags is None:
            self._tags = {}
            for leaf in self._leaves:
                for tag, local in leaf.data.tags.items():
                    self._tags.setdefault(tag, set()).update(leaf.offset + d for d in local)
        yield from self._tags.items()

    def _bookmarked(self) -> set[int]:
        if self._marked is None:
            self._marked = {leaf.offset + d for leaf in self._leaves for d in leaf.data.bookmarked}
        return self._marked

    def newest(self, docs: Iterable[int], limit: int) -> list[int]:
        """The ``limit`` documents published last (undated ones last)."""
        dates = self._joined("dates")
        ids = self._joined("ids")
        return heapq.nlargest(limit, docs, key=lambda d: (dates[d], ids[d]))

    def by_title(self, docs: Iterable[int], limit: int) -> list[int]:
        """The first ``limit`` documents in title order."""
        keys: dict[int, bytes] = {}
        for leaf in self._leaves:
            if leaf.data.titles is None:
                column = leaf.reader.column_reader("title_key", translate=False)
                leaf.data.titles = list(column)
        titles = [t for leaf in self._leaves for t in (leaf.data.titles or [])]
        ids = self._joined("ids")
        keys = {d: titles[d] for d in docs}
        return heapq.nsmallest(limit, keys, key=lambda d: (keys[d], ids[d]))

    def added(self, docs: Iterable[int], limit: int) -> list[int]:
        """The ``limit`` documents added to the library last."""
        ids = self._joined("ids")
        return heapq.nlargest(limit, docs, key=ids.__getitem__)


def _top(counts: Counter[Any], limit: int) -> list[tuple[Any, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:limit]


def filter_query(name: str, value: str) -> Any:
    """The Whoosh query of one facet filter (facet names as ``View.facets`` gives them)."""
    if name == "site":
        return wq.Term("site", value)
    if name == "language":
        return wq.Term("lang", value.lower())
    if name == "tag":
        return wq.Term("tag", value.strip().lower())
    if name == "year":
        year = int(value)
        return wq.NumericRange("published", year * 10_000, year * 10_000 + 1299)
    if name == "bookmarked":
        marked = wq.Term("bookmarked", True)
        return marked if value in {BOOKMARKED, "true", "1"} else wq.Not(marked)
    raise ValueError(f"no facet named {name!r}; facets are {', '.join(FACETS)}")
