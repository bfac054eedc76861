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
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq

from desktop_app.core.search import pairs, postings

log = logging.getLogger(__name__)

FACETS = ("site", "language", "year", "tag", "bookmarked")
# Whoosh's BM25F parameters.
_K1, _B = 1.2, 0.75
# Postings kept for the next query (search as you type repeats most terms): at most
# this many terms' document numbers and weights, about 8 bytes a posting.
_POSTINGS_CACHE = 256
_FACET_LIMIT = {"site": 30, "language": 30, "year": 60, "tag": 50}
_FILTER_CACHE = 32
BOOKMARKED, NOT_BOOKMARKED = "yes", "no"
_MINUS_ONE = (-1).__add__


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
    lengths: dict[str, list[int]] = field(default_factory=dict)
    """Per field, every document's length in it (read when a ranking first needs it)."""


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


def _labels(reader: Any, fieldname: str, table: Codes) -> array[int]:
    """A label column (site or language) as the shared table's numbers, 0 for none."""
    count = reader.doc_count_all()
    column = reader.column_reader(fieldname, translate=False)
    try:
        uniques = column._uniques
        raw = column._dbfile.get(column._basepos, count * column._itemsize)
        refs = array(column._typecode, raw)
        if refs.itemsize > 1:
            refs.byteswap()
    except AttributeError:  # Another column layout: read it value by value.
        values = list(column)
        uniques = list(dict.fromkeys(values))
        position = {value: at for at, value in enumerate(uniques)}
        refs = array("I", [position[value] for value in values])
    numbers = [table.number(u.decode("utf-8")) if u else 0 for u in uniques]
    return array("I", [numbers[r] for r in refs])


def read_segment(reader: Any, codes: Codes, language_codes: Codes) -> Segment:
    """A segment's per-document data, read in a few passes over its columns and postings."""
    tags = {
        tbytes.decode("utf-8"): postings.ids(reader, "tag", tbytes)
        for tbytes in reader.lexicon("tag")
    }
    return Segment(
        ids=_numeric_column(reader, "id", "Q"),
        dates=_numeric_column(reader, "published", "I"),
        sites=_labels(reader, "site_label", codes),
        languages=_labels(reader, "lang_label", language_codes),
        bookmarked=set(postings.ids(reader, "bookmarked", b"t")),
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
        common: pairs.CommonWords | None = None,
    ) -> None:
        self.searcher = searcher
        self._common = common or {}
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
        self._postings: dict[tuple[int, str, Any], tuple[array[int], array[float]]] = {}
        self._norm_cache: dict[tuple[int, str], list[float]] = {}

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

        Whoosh checks phrases through generic span objects, slow on a frequent word. Here
        the rarest word's documents are the candidates; the other words' positions are
        read only in the blocks holding a candidate, and compared as sets.
        """
        family = fieldname.removeprefix("text_")
        common = self._common.get(family, frozenset()) if fieldname.startswith("text_") else ()
        if len(words) == 2 and words[0] in common and words[1] in common:
            # Both common: the pair was indexed as a term of its own (see pairs.py).
            return self._term(pairs.pair_field(family), pairs.pair_term(*words))
        decode = self.searcher.schema[fieldname].format.decode_positions
        frequency = {w: self.searcher.doc_frequency(fieldname, w) for w in set(words)}
        unique = sorted(frequency, key=frequency.__getitem__)
        found: set[int] = set()
        for leaf in self._leaves:
            by_word = {unique[0]: postings.values(leaf.reader, fieldname, unique[0])}
            candidates = sorted(set(by_word[unique[0]]) - leaf.reader.deleted_docs_set)
            for word in unique[1:]:
                if not candidates:
                    break
                if len(candidates) * 8 > frequency[word]:  # Dense: read every block.
                    by_word[word] = postings.values(leaf.reader, fieldname, word)
                else:
                    by_word[word] = postings.values_at(leaf.reader, fieldname, word, candidates)
                candidates = [d for d in candidates if d in by_word[word]]
            if not candidates:
                continue
            lists = [by_word[w] for w in words]
            if len(lists) == 2:
                found.update(leaf.offset + d for d in _pairs(lists[0], lists[1], candidates))
                continue
            rarest = words.index(unique[0])
            found.update(leaf.offset + d for d in candidates if _in_order(lists, rarest, d, decode))
        return found

    def _term(self, fieldname: str, text: Any) -> set[int]:
        found: set[int] = set()
        for leaf in self._leaves:
            ids = postings.ids(leaf.reader, fieldname, text)
            deleted = leaf.reader.deleted_docs_set
            offset = leaf.offset
            found.update(offset + d for d in ids if d not in deleted)
        return found

    # Ranking

    def ranked(self, qry: Any, docs: set[int], limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best of ``docs`` by BM25F over the query's terms, best first.

        Whoosh's own ranking walks a tree of unions asking each branch for its best
        possible score; for a word searched in twenty fields that costs more than scoring
        every match of every term once, which is done here with Whoosh's BM25F formula
        (B=0.75, K1=1.2, its idf and average field lengths). A phrase is scored as its
        words, a date range not at all (``docs`` already holds exactly the matches); matches
        no term scores follow, newest first.
        """
        scores: dict[int, float] = {}
        total = self.searcher.doc_count_all()
        for fieldname, text, boost in scored_terms(qry):
            frequency = self.searcher.doc_frequency(fieldname, text)
            if not frequency:
                continue
            scale = boost * (math.log(total / (frequency + 1)) + 1) * (_K1 + 1)
            get = scores.get
            for leaf in self._leaves:
                ids, weights = self._weighted(leaf, fieldname, text)
                if not ids:
                    continue
                norms = self._norms(leaf, fieldname)
                offset = leaf.offset
                for docnum, weight in zip(ids, weights, strict=True):
                    key = offset + docnum
                    if key in docs:
                        scores[key] = get(key, 0.0) + scale * weight / (weight + norms[docnum])
        best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
        if len(best) < limit:  # Matches that no term scores (a date range alone): newest first.
            unscored = self.added((d for d in docs if d not in scores), limit - len(best))
            best.extend((d, 0.0) for d in unscored)
        return best

    def _weighted(self, leaf: _Leaf, fieldname: str, text: Any) -> tuple[array[int], array[float]]:
        key = (leaf.offset, fieldname, text)
        found = self._postings.get(key)
        if found is None:
            if len(self._postings) >= _POSTINGS_CACHE:
                self._postings.clear()
            found = self._postings[key] = postings.weighted(leaf.reader, fieldname, text)
        return found

    def _norms(self, leaf: _Leaf, fieldname: str) -> list[float]:
        """BM25's length part for each document of a leaf: K1 * (1 - B + B * length / average)."""
        key = (leaf.offset, fieldname)
        found = self._norm_cache.get(key)
        if found is None:
            average = self.searcher.avg_field_length(fieldname) or 1
            flat, slope = _K1 * (1 - _B), _K1 * _B / average
            found = [flat + slope * length for length in self._lengths(leaf, fieldname)]
            self._norm_cache[key] = found
        return found

    def _lengths(self, leaf: _Leaf, fieldname: str) -> list[int]:
        found = leaf.data.lengths.get(fieldname)
        if found is None:
            count = leaf.reader.doc_count_all()
            found = postings.field_lengths(leaf.reader._perdoc, fieldname, count)
            leaf.data.lengths[fieldname] = found
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


def _pairs(first: dict[int, bytes], second: dict[int, bytes], docs: list[int]) -> list[int]:
    """The documents where a position of the second word follows one of the first.

    The shorter list becomes a set and the other is streamed against it by C-level
    ``map`` and ``isdisjoint``, which stops at the first match.
    """
    found = []
    for docnum in docs:
        before, after = array("I", first[docnum]), array("I", second[docnum])
        if len(before) <= len(after):
            hit = not set(before).isdisjoint(map(_MINUS_ONE, after))
        else:
            hit = not set(map(_MINUS_ONE, after)).isdisjoint(before)
        if hit:
            found.append(docnum)
    return found


def _in_order(lists: list[dict[int, bytes]], rarest: int, docnum: int, decode: Any) -> bool:
    """Whether the words' positions in a document follow each other: p, p+1, p+2...

    From each position of the phrase's rarest word, the other words' positions are
    looked up by bisection in their sorted lists.
    """
    others = [(at - rarest, decode(positions[docnum])) for at, positions in enumerate(lists)]
    for position in decode(lists[rarest][docnum]):
        for shift, sorted_positions in others:
            wanted = position + shift
            at = bisect.bisect_left(sorted_positions, wanted)
            if at == len(sorted_positions) or sorted_positions[at] != wanted:
                break
        else:
            return True
    return False


def scored_terms(qry: Any, boost: float = 1.0) -> Iterator[tuple[str, Any, float]]:
    """(field, term, boost) of the terms a document's score sums: not those under a NOT."""
    boost *= getattr(qry, "boost", 1.0)
    if isinstance(qry, wq.Term):
        yield qry.fieldname, qry.text, boost
    elif isinstance(qry, wq.Phrase):
        for word in dict.fromkeys(qry.words):
            yield qry.fieldname, word, boost
    elif isinstance(qry, wq.And | wq.Or):
        for sub in qry.subqueries:
            if not isinstance(sub, wq.Not):
                yield from scored_terms(sub, boost)


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
