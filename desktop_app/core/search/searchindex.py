"""The Whoosh index in one folder: kept in step with the database, searched with a warm searcher.

The index is derived data. Whoosh never fsyncs; a crash can lose the last commits, and
the library finds the gap the next time it opens (``article_ids`` against the database)
and repairs it. A rebuild writes a complete new index beside the old one and swaps it in.
"""

from __future__ import annotations

import functools
import itertools
import logging
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from whoosh import classify, index
from whoosh import query as wq
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher
from whoosh.writing import NO_MERGE

from desktop_app.core.records import Article, MarkedWords
from desktop_app.core.search import pairs
from desktop_app.core.search import query as q
from desktop_app.core.search.analysis import FAMILY, family_for, fold
from desktop_app.core.search.codec import MappedStorage
from desktop_app.core.search.compile import Compiler, Lexicon, suggestion_terms
from desktop_app.core.search.schema import SCHEMA, SCHEMA_VERSION, document_for, text_field
from desktop_app.core.search.snippets import marked_words, opening_snippet, snippet
from desktop_app.core.search.view import Codes, Segment, View
from desktop_app.core.search.writing import FastWriter

log = logging.getLogger(__name__)

SORTS = ("relevance", "date", "title")
VERSION_FILE = "archive-browser-index-version"
# A rebuild writes a segment per this many articles: big enough that a term's postings
# sit together, small enough that one segment's postings (with the pairs of common words)
# fit in memory: about 40 KB an article of 800 words, so a rebuild of 100,000 articles
# stays under 600 MB in all.
SEGMENT_ARTICLES = 8_000
# ...or sooner, once its postings take this much memory (as ``FlatPool.footprint`` counts
# it): long articles fill a segment's memory with fewer of them. With segments of 8,000
# articles whatever their length, a rebuild of articles of 3,200 words reached 1.1 GB; with
# this bound, 514 MB. Articles of 800 words fill it at some 6,800.
SEGMENT_POOL_BYTES = 150 * 2**20
# "Did you mean" is offered when a query finds fewer than this many articles.
SUGGEST_BELOW = 3
# A search maps about 5 MB of term tables at 100,000 articles (see ``MappedStorage``), so
# the resident set grows by some 50 MB at most between two releases.
RELEASE_EVERY = 10
TextsFor = Callable[[list[int]], Mapping[int, str]]
_T = TypeVar("_T")


# An import or an edit commits a small segment; once this many segments under
# SMALL_SEGMENT articles have gathered they are merged into one. The big segments of a
# rebuild are never merged by a commit: Whoosh's own policy would sometimes fold one in,
# costing seconds per commit at a hundred thousand articles.
SMALL_SEGMENT = 2_000
SMALL_SEGMENTS_MERGED_AT = 8


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh merge policy: merge the small segments when there are enough of them."""
    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) < SMALL_SEGMENTS_MERGED_AT:
        return segments
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    merged = {id(s) for s in small}
    return [s for s in segments if id(s) not in merged]


class IndexOutdated(Exception):
    """The folder holds an index written for another schema: it must be rebuilt."""


@dataclass(frozen=True)
class IndexHit:
    """One hit: the article id, its score (0 when sorted otherwise) and its snippet (HTML)."""

    article_id: int
    score: float
    snippet: str


@dataclass(frozen=True)
class IndexResults:
    """A page of hits with the total, facet counts, a spelling suggestion and a notice."""

    total: int
    hits: list[IndexHit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    notice: str | None = None


def _version_of(folder: Path) -> str:
    try:
        return (folder / VERSION_FILE).read_text("utf-8").strip()
    except OSError:
        return ""


def _create(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    index.create_in(str(folder), SCHEMA)
    (folder / VERSION_FILE).write_text(str(SCHEMA_VERSION), "utf-8")


def _releasing_pages(method: Callable[..., _T]) -> Callable[..., _T]:
    """Every few searches, the term-table pages they mapped are given back.

    Not after each one: the pages every query reads (the tables' directories, the facet
    fields) would be mapped again each time, which costs a few milliseconds a query.
    """

    @functools.wraps(method)
    def searching(self: SearchIndex, *args: Any, **kwargs: Any) -> _T:
        try:
            return method(self, *args, **kwargs)
        finally:
            self._searches += 1
            if self._searches % RELEASE_EVERY == 0:
                self._storage.release_pages()

    return searching


class SearchIndex:
    """A Whoosh index in one folder, with a searcher kept open between queries."""

    def __init__(self, folder: Path) -> None:
        """Open the index in ``folder`` (creating an empty one); raises ``IndexOutdated``."""
        self.folder = folder
        if not index.exists_in(str(folder)):
            _create(folder)
        elif _version_of(folder) != str(SCHEMA_VERSION):
            raise IndexOutdated(f"the index in {folder} was written for another version")
        self._storage = MappedStorage(str(folder))
        self._searches = 0
        self._ix = self._storage.open_index()
        self._searcher = self._ix.searcher()
        self.common = pairs.load(folder)
        self._segments: dict[str, Segment] = {}
        self._sites, self._languages = Codes(), Codes()
        self._view: View | None = None

    def close(self) -> None:
        """Release the searcher and the index files."""
        self._searcher.close()
        self._ix.close()

    def doc_count(self) -> int:
        """How many documents the index holds."""
        return int(self._searcher.doc_count())

    def article_ids(self) -> set[int]:
        """The id of every article the index holds."""
        return self.view().all_article_ids()

    def view(self) -> View:
        """The current searcher's matches, facets and sort keys."""
        if self._view is None:
            self._view = View(
                self._searcher, self._segments, self._sites, self._languages, self.common
            )
        return self._view

    # Writing

    def add(self, articles: Iterable[Article]) -> None:
        """Add or replace the documents of these articles in one commit."""
        writer = FastWriter(self._ix, common=self.common)
        try:
            for article in articles:
                writer.update_document(**document_for(article))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=merge_small_segments)
        self._refresh()

    def delete(self, article_ids: Iterable[int]) -> None:
        """Remove the documents of these articles."""
        writer = FastWriter(self._ix)
        try:
            for article_id in article_ids:
                writer.delete_by_term("id", article_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=merge_small_segments)
        self._refresh()

    def _refresh(self) -> None:
        """A searcher over the latest commit, reusing the readers of unchanged segments.

        Whoosh's own ``refresh`` reuses a segment's reader even when documents of that
        segment were deleted since, so a replaced document would still be found.
        """
        old = self._searcher
        reusable = {
            r.segment().segment_id(): r for r, _ in old.reader().leaf_readers() if r.segment()
        }
        toc = self._ix._read_toc()
        readers = []
        for segment in toc.segments:
            reader = reusable.get(segment.segment_id())
            if reader is None or reader.segment().deleted_count() != segment.deleted_count():
                reader = SegmentReader(self._ix.storage, toc.schema, segment, toc.generation)
            else:
                del reusable[segment.segment_id()]
            readers.append(reader)
        if not readers:
            combined = EmptyReader(toc.schema)
        elif len(readers) == 1:
            combined = readers[0]
        else:
            combined = MultiReader(readers, generation=toc.generation)
        self._searcher = Searcher(combined, fromindex=self._ix)
        # The old searcher is dropped without closing it: its reused readers live on.
        for reader in reusable.values():
            reader.close()
        self._view = None
        current = {segment.segment_id() for segment in toc.segments}
        for key in set(self._segments) - current:
            del self._segments[key]

    # Searching

    @_releasing_pages
    def search(
        self,
        text: str,
        limit: int,
        texts_for: TextsFor,
        sort: str = "relevance",
        filters: Mapping[str, str] | None = None,
    ) -> IndexResults:
        """The best ``limit`` hits for ``text`` (see ``search.query``), sorted by ``sort``.

        ``filters`` maps facet names to one value each (as ``facets`` gives them);
        ``texts_for`` supplies the text of the hits shown, for snippets.
        """
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        parsed = q.parse(text)
        try:
            return self._search(text, parsed, limit, texts_for, sort=sort, filters=filters)
        except ValueError:
            raise
        except Exception:
            if parsed.notice is not None:
                raise
            # A query must never fail: a bug in reading this one is logged, and its
            # words are searched instead.
            log.exception("query %r failed; searching its words", text)
            words = q.as_words(text)
            return self._search(text, words, limit, texts_for, sort=sort, filters=filters)

    def _search(
        self,
        text: str,
        parsed: q.ParsedQuery,
        limit: int,
        texts_for: TextsFor,
        *,
        sort: str,
        filters: Mapping[str, str] | None,
    ) -> IndexResults:
        view = self.view()
        compiler = Compiler(Lexicon(self._searcher))
        compiled = compiler.compile(parsed.node)
        allowed = view.filtered(filters or {})
        docs = view.docs(compiled)
        if allowed is not None:
            docs &= allowed
        filtered = allowed is not None
        ranked = self._order(view, compiled, docs, sort=sort, limit=limit, filtered=filtered)
        bodies = texts_for(view.article_ids(d for d, _ in ranked))
        hits: list[IndexHit] = []
        ids = view.article_ids(d for d, _ in ranked)
        for (docnum, score), article_id in zip(ranked, ids, strict=True):
            family = family_for(view.language_of(docnum))
            terms = compiler.highlight.get(family, set())
            body = bodies.get(article_id, "")
            hits.append(IndexHit(article_id, score, snippet(body, family, terms)))
        suggestion = None
        if len(docs) < SUGGEST_BELOW and parsed.node is not None and parsed.notice is None:
            suggestion = self._suggestion(text, parsed.node, compiler, texts_for, len(docs))
        return IndexResults(len(docs), hits, view.facets(docs), suggestion, parsed.notice)

    @_releasing_pages
    def marked_words(self, text: str, query: str, language: str | None) -> MarkedWords:
        """The forms of ``query``'s words that ``text``, an article in ``language``, uses:
        analysed as the index analyses it, as its snippets are marked."""
        parsed = q.parse(query)
        if parsed.node is None or not text:
            return MarkedWords()
        compiler = Compiler(Lexicon(self._searcher))
        try:
            compiler.compile(parsed.node)
        except Exception:
            # Marking is a courtesy: a query it cannot read marks nothing; the search says why.
            log.exception("could not mark the words of %r", query)
            return MarkedWords()
        family = family_for(language)
        return marked_words(text, family, compiler.highlight.get(family, set()))

    @_releasing_pages
    def facets(self, filters: Mapping[str, str] | None = None) -> dict[str, list[tuple[str, int]]]:
        """Facet counts over every article (that the filters let through)."""
        view = self.view()
        allowed = view.filtered(filters or {})
        return view.facets(view.live if allowed is None else allowed)

    def _order(
        self, view: View, compiled: Any, docs: set[int], *, sort: str, limit: int, filtered: bool
    ) -> list[tuple[int, float]]:
        if not docs:
            return []
        if sort == "date":
            return [(d, 0.0) for d in view.newest(docs, limit)]
        if sort == "title":
            return [(d, 0.0) for d in view.by_title(docs, limit)]
        if compiled is None or isinstance(compiled, wq.Every) or compiled is wq.NullQuery:
            return [(d, 0.0) for d in view.added(docs, limit)]
        return view.ranked(compiled, docs, limit)

    @_releasing_pages
    def suggest(self, text: str, texts_for: TextsFor) -> str | None:
        """A respelling of ``text`` with the index's own words, if one finds more."""
        parsed = q.parse(text)
        if parsed.node is None:
            return None
        compiler = Compiler(Lexicon(self._searcher))
        found = len(self.view().docs(compiler.compile(parsed.node)))
        return self._suggestion(text, parsed.node, compiler, texts_for, found)

    def _suggestion(
        self, text: str, node: q.Node, compiler: Compiler, texts_for: TextsFor, found: int
    ) -> str | None:
        lexicon = compiler.lexicon
        respelled = text
        for word in _plain_words(node):
            known = sum(
                lexicon.frequency(fieldname, term)
                for fieldname, family in compiler.targets(None)
                for term in FAMILY[family].terms(word)[:1]
            )
            if known > 1:
                continue
            for fieldname, term, frequency in suggestion_terms(lexicon, word):
                if frequency > 4 * known:
                    better = self._surface(fieldname, term, texts_for) or term
                    respelled = _replace_word(respelled, word, better)
                    break
        if respelled == text:
            return None
        again = Compiler(Lexicon(self._searcher)).compile(q.parse(respelled).node)
        return respelled if len(self.view().docs(again)) > found else None

    def _surface(self, fieldname: str, term: str, texts_for: TextsFor) -> str | None:
        """A word of some article's text that the index holds as ``term``."""
        view = self.view()
        docs = view.docs(wq.Term(fieldname, term))
        if not docs or not fieldname.startswith("text_"):
            return None
        docnum = min(docs)
        [article_id] = view.article_ids([docnum])
        family = fieldname.removeprefix("text_")
        body = texts_for([article_id]).get(article_id, "")
        for found, start, end in FAMILY[family].spans(body):
            if found == term:
                return body[start:end].lower()
        return None

    @_releasing_pages
    def more_like_this(self, article_id: int, limit: int, texts_for: TextsFor) -> IndexResults:
        """Articles like this one: its most telling words, searched in its language."""
        view = self.view()
        docnum = view.docnums_of([article_id]).get(article_id)
        body = texts_for([article_id]).get(article_id, "")
        if docnum is None or not body:
            return IndexResults(0, [])
        family = family_for(view.language_of(docnum))
        fieldname = text_field(family)
        key_terms = self._searcher.key_terms_from_text(
            fieldname, body, numterms=12, model=classify.Bo1Model, normalize=True
        )
        if not key_terms:
            return IndexResults(0, [])
        like = wq.Or([wq.Term(fieldname, word, boost=weight) for word, weight in key_terms])
        ranked = view.ranked(like, view.docs(like) - {docnum}, limit)
        ids = view.article_ids(d for d, _ in ranked)
        bodies = texts_for(ids)
        terms = {word for word, _ in key_terms}
        hits = [
            IndexHit(i, score, snippet(bodies.get(i, ""), family_for(view.language_of(d)), terms))
            for (d, score), i in zip(ranked, ids, strict=True)
        ]
        return IndexResults(len(hits), hits)


def _plain_words(node: q.Node) -> list[str]:
    """The words of a tree a respelling may change: no fields, prefixes or fuzziness."""
    if isinstance(node, q.Word):
        plain = node.field is None and not node.prefix and not node.fuzzy
        return [node.text] if plain and node.text.isalpha() else []
    if isinstance(node, q.And | q.Or):
        return [w for item in node.items for w in _plain_words(item)]
    return []


def _replace_word(text: str, word: str, better: str) -> str:
    out = []
    for token in text.split(" "):
        out.append(better if fold(token) == fold(word) else token)
    return " ".join(out)


def rebuild(
    folder: Path,
    articles: Iterable[Article],
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write a new index from ``articles`` beside ``folder`` and swap it in when complete."""
    fresh = folder.with_name(folder.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    _create(fresh)
    ix = index.open_dir(str(fresh))
    writer = None
    count = 0
    try:
        stream = iter(articles)
        sample = list(itertools.islice(stream, pairs.SAMPLE_ARTICLES))
        common = _learn_common_words(sample)
        pairs.save(fresh, common)
        in_segment = 0
        # The sample is let go of as it is indexed, not held to the end.
        for article in itertools.chain(_drained(sample), stream):
            if writer is None:
                writer = FastWriter(ix, common=common)
            writer.add_document(**document_for(article))
            count += 1
            in_segment += 1
            if in_segment >= SEGMENT_ARTICLES or writer.pool.footprint() >= SEGMENT_POOL_BYTES:
                writer.commit(mergetype=NO_MERGE)
                writer = None
                in_segment = 0
            if progress is not None and count % 1000 == 0:
                progress(count)
        if writer is not None:
            writer.commit(mergetype=NO_MERGE)
    except BaseException:
        if writer is not None:
            writer.cancel()
        ix.close()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    ix.close()
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    log.info("rebuilt the index in %s from %d articles", folder, count)


__all__ = ["IndexHit", "IndexOutdated", "IndexResults", "SearchIndex", "opening_snippet", "rebuild"]


def _drained(items: list[_T]) -> Iterator[_T]:
    """The items of ``items`` in order, each removed from the list as it is given."""
    items.reverse()
    while items:
        yield items.pop()


def _learn_common_words(sample: list[Article]) -> dict[str, frozenset[str]]:
    """Each family's common words, from the distinct terms of the sampled bodies."""
    learner = pairs.Learner()
    for article in sample:
        family = family_for(article.language)
        learner.add(family, FAMILY[family].positions(article.text)[0].keys())
    return learner.common()
