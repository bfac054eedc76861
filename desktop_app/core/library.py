"""The one facade the window and the command line use to reach a library on disk."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path

import archive_import
from desktop_app.core import index
from desktop_app.core.errors import LibraryError
from desktop_app.core.extraction import (
    Extractor,
    PartJoiner,
    split_big_crawls,
)
from desktop_app.core.importer import Importer
from desktop_app.core.originals import AssetFiles
from desktop_app.core.progress import CancelToken, Progress, ProgressCallback
from desktop_app.core.records import (
    Article,
    FacetValue,
    ImportReport,
    MarkedWords,
    SearchHit,
    SearchResults,
)
from desktop_app.core.reextract import (
    ReextractOutcome,
    original_html,
    plan_reextraction,
    read_again,
    store_again,
)
from desktop_app.core.store import Store
from desktop_app.core.templating import clean_sites
from desktop_app.core.turns import turn

# Re-extracted articles are stored one by one and indexed this many per commit; their sites'
# templates are learned again once, at the end, as after an import. Learned and committed per
# article, re-extracting a site of 200 pages took 76 s; learned per 64 articles, relearning
# was most of the time a site of 2,000 pages took (docs/benchmarks.md).
_REEXTRACT_BATCH = 64

log = logging.getLogger(__name__)

DATABASE_NAME = "library.sqlite3"
INDEX_NAME = "index"
ASSETS_NAME = "assets"
# Past this many articles out of step, the index is rebuilt rather than patched.
_REPAIR_LIMIT = 2000


class Library:
    """A library folder: ``library.sqlite3`` (the truth), ``index/`` (derived), ``originals/``.

    Every method may be called from any thread: one lock serialises the database and the
    index, so an import running in a worker thread and a bookmark toggled in the window
    never collide. Extraction, the slow part of an import, runs outside the lock.
    """

    def __init__(
        self, folder: Path, workers: int | None = None, progress: ProgressCallback | None = None
    ) -> None:
        """Open (or create) the library in ``folder``.

        ``workers`` is how many processes extract pages during an import; one per core
        when not given, none (extraction in this process) when 1. ``progress`` hears how a
        rebuild of the search index goes when opening needs one (an index written by another
        version, or a damaged one): ``Progress(done, total, "index")``, from 0 on.
        """
        self.folder = Path(folder).expanduser().absolute()
        self._workers = workers
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create the library folder {self.folder}: {exc}") from exc
        self._lock = threading.RLock()
        self._closed = False
        self._store = Store(self.folder / DATABASE_NAME)
        self._index = self._open_index(progress)
        self._importer = Importer(self._store, self._index, self.folder, self._lock, workers)
        self._assets = AssetFiles(self.folder / ASSETS_NAME)

    def _open_index(self, progress: ProgressCallback | None) -> index.SearchIndex:
        """Open the index, first repairing it wherever it disagrees with the database."""
        folder = self.folder / INDEX_NAME
        try:
            search_index = index.SearchIndex(folder)
        except index.IndexOutdated:
            log.warning("the index in %s is from another version; rebuilding it", folder)
            return self._rebuilt(folder, progress)
        except Exception:
            log.exception("the index in %s cannot be opened; rebuilding it", folder)
            return self._rebuilt(folder, progress)
        try:
            in_index, in_store = search_index.article_ids(), self._store.id_set()
        except Exception:
            log.exception("the index in %s cannot be read; rebuilding it", folder)
            search_index.close()
            return self._rebuilt(folder, progress)
        missing, extra = in_store - in_index, in_index - in_store
        if not missing and not extra:
            return search_index
        log.warning(
            "the index misses %d articles and holds %d gone from the database; repairing it",
            len(missing),
            len(extra),
        )
        if len(missing) + len(extra) > _REPAIR_LIMIT:
            search_index.close()
            return self._rebuilt(folder, progress)
        if extra:
            search_index.delete(extra)
        if missing:
            search_index.add(self._store.index_articles(missing))
        return search_index

    def _rebuilt(self, folder: Path, progress: ProgressCallback | None = None) -> index.SearchIndex:
        total = self._store.count()

        def report(done: int) -> None:
            if progress is not None:
                progress(Progress(done, total, "index"))

        report(0)
        index.rebuild(folder, self._store.index_articles(), report)
        return index.SearchIndex(folder)

    def close(self) -> None:
        """Close the database and the index; closing twice is harmless."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._index.close()
            self._store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self) -> int:
        """How many articles the library holds."""
        with self._lock:
            return self._store.count()

    def count_outdated(self) -> int:
        """Number of articles an older version of the extractor made (``reextract`` renews)."""
        with self._lock:
            return self._store.count_not_by(archive_import.CURRENT_EXTRACTORS)

    def count_bookmarked(self) -> int:
        """How many articles are bookmarked."""
        with self._lock:
            return self._store.count_bookmarked()

    def import_paths(
        self,
        paths: Sequence[Path | str],
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportReport:
        """Import files and folders (recursively); every input file gets one outcome.

        ``progress`` is called from the importing thread once the files are counted
        (``done`` 0) and after each file (``current`` names it); ``cancel`` stops the
        import after the current file, keeping everything finished so far.
        """
        return self._importer.run(paths, progress, cancel)

    def search(
        self,
        query: str,
        limit: int = 20,
        bookmarked_only: bool = False,
        *,
        sort: str = "relevance",
        filters: Mapping[str, str] | None = None,
    ) -> SearchResults:
        """The best ``limit`` articles for ``query``, with snippets (``<mark>``) and facets.

        ``sort`` is ``relevance`` (BM25F, titles weighted; newest added first for an empty
        query), ``date`` (newest published first) or ``title``. ``filters`` maps facet
        names (``site``, ``language``, ``year``, ``tag``, ``bookmarked``) to one value as
        the facets give it. A query that cannot be read is searched as its words, and the
        results carry a ``notice``; a query that finds little may carry a ``suggestion``.
        """
        if not query.strip() and sort == "relevance" and not filters:
            return self.browse(limit, bookmarked_only)
        wanted = dict(filters or {})
        if bookmarked_only:
            wanted["bookmarked"] = "yes"
        with self._lock:
            found = self._index.search(query, limit, self._store.texts, sort, wanted)
            return self._results(found)

    def browse(self, limit: int = 500, bookmarked_only: bool = False) -> SearchResults:
        """Newest articles first (bookmarks: newest bookmark first), their openings as snippets."""
        with self._lock:
            ids = self._store.newest_ids(limit, bookmarked_only)
            by_id = {a.id: a for a in self._store.index_articles(ids)}
            articles = [by_id[i] for i in ids]
            total = self._store.count_bookmarked() if bookmarked_only else self._store.count()
            facets = self._index.facets({"bookmarked": "yes"} if bookmarked_only else {})
        hits = tuple(_hit(a, 0.0, index.opening_snippet(a.text)) for a in articles)
        return SearchResults(total, hits, _facets(facets))

    def more_like_this(self, article_id: int, limit: int = 10) -> SearchResults:
        """Articles most like this one, by the words that set it apart.

        Raises ``ArticleNotFound``.
        """
        with self._lock:
            self._store.article(article_id)
            found = self._index.more_like_this(article_id, limit, self._store.texts)
            return self._results(found)

    def suggest(self, query: str) -> str | None:
        """The query respelled with the library's own words, if that finds more; else None."""
        with self._lock:
            return self._index.suggest(query, self._store.texts)

    def _results(self, found: index.IndexResults) -> SearchResults:
        """Hits with their articles' details; call with the lock held."""
        by_id = {a.id: a for a in self._store.index_articles(h.article_id for h in found.hits)}
        hits = tuple(_hit(by_id[h.article_id], h.score, h.snippet) for h in found.hits)
        return SearchResults(
            found.total, hits, _facets(found.facets), found.suggestion, found.notice
        )

    def marked_words(self, article: Article, query: str) -> MarkedWords:
        """What the reader marks in ``article`` for ``query``: the forms of its words that the
        article's title and text use, matched as the search matched them (``capturer`` marks
        ``capturé``, ``πόλη`` marks ``πόλεις``)."""
        if not query.strip():
            return MarkedWords()
        shown = f"{article.title}\n\n{index.with_captions(article.text, article.html)}"
        with self._lock:
            return self._index.marked_words(shown, query, article.language)

    def article(self, article_id: int) -> Article:
        """One whole article; raises ``ArticleNotFound``."""
        with self._lock:
            return self._store.article(article_id)

    def bookmarked_articles(self) -> list[Article]:
        """Every bookmarked article, whole, the most recently bookmarked first."""
        with self._lock:
            ids = self._store.newest_ids(self._store.count_bookmarked(), bookmarked_only=True)
            return [self._store.article(i) for i in ids]

    def articles(self) -> Iterator[Article]:
        """Every article, oldest first."""
        with self._lock:
            everything = list(self._store.articles())
        yield from everything

    def set_bookmarked(self, article_id: int, bookmarked: bool) -> None:
        """Bookmark or un-bookmark an article; raises ``ArticleNotFound``."""
        with self._lock:
            with self._store.transaction():
                self._store.set_bookmarked(article_id, bookmarked)
            self._index.add([self._store.article(article_id)])

    def set_tags(self, article_id: int, tags: Sequence[str]) -> tuple[str, ...]:
        """Replace an article's tags (trimmed, lower-cased, de-duplicated); returns them."""
        cleaned = tuple(dict.fromkeys(t.strip().lower() for t in tags if t.strip()))
        with self._lock:
            with self._store.transaction():
                self._store.set_tags(article_id, cleaned)
            self._index.add([self._store.article(article_id)])
        return cleaned

    def set_note(self, article_id: int, text: str) -> None:
        """Replace the reader's note on an article; an empty text removes it."""
        with self._lock:
            with self._store.transaction():
                self._store.set_note(article_id, text)
            self._index.add([self._store.article(article_id)])

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with its number of articles, most used first."""
        with self._lock:
            return self._store.all_tags()

    def save_search(self, name: str, query: str) -> None:
        """Keep a query under a name (replacing one of the same name)."""
        with self._lock, self._store.transaction():
            self._store.save_search(name.strip(), query)

    def delete_saved_search(self, name: str) -> bool:
        """Forget a saved search; whether there was one of that name."""
        with self._lock, self._store.transaction():
            return self._store.delete_saved_search(name)

    def saved_searches(self) -> list[tuple[str, str]]:
        """(name, query) of every saved search."""
        with self._lock:
            return self._store.saved_searches()

    def reextract(
        self,
        ids: Sequence[int] | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[ReextractOutcome]:
        """Extract articles again from their kept originals (all of them when ``ids`` is None).

        Bookmarks, tags and notes stay; the text, HTML, metadata and images are replaced.
        Raises ``ArticleNotFound`` for an unknown id before anything changes. The files are
        read in worker processes, as an import reads them, and the lock is taken only to
        write each file's articles back.
        """
        with self._lock:
            wanted = list(ids) if ids is not None else self._store.all_ids()
            articles = [self._store.article(i) for i in wanted]
        plan = plan_reextraction(articles)
        outcomes = {o.article_id: o for o in plan.sourceless}
        runner = partial(read_again, str(self._importer.originals.folder))
        extractor = Extractor(self._workers, runner)
        results = extractor.results(split_big_crawls(plan.jobs, extractor.workers))
        joiner = PartJoiner()
        updated: list[int] = []
        pending: list[int] = []
        try:
            for part in results:
                result = joiner.add(part)
                if result is None:
                    continue
                for article in plan.articles[result.job.order]:
                    if cancel is not None and cancel.cancelled:
                        return _in_order(wanted, outcomes)
                    with turn(self._lock):
                        outcome = store_again(self._store, self._assets, article, result)
                    outcomes[article.id] = outcome
                    if outcome.updated:
                        updated.append(article.id)
                        pending.append(article.id)
                    if len(pending) >= _REEXTRACT_BATCH:
                        self._importer.index_in_commits(pending)
                        pending = []
                    if progress is not None:
                        progress(Progress(len(outcomes), len(articles), article.title))
        finally:
            results.close()
            extractor.close()
            if pending:
                self._importer.index_in_commits(pending)
            if updated:
                self._importer.index_in_commits(clean_sites(self._store, self._lock, updated))
        return _in_order(wanted, outcomes)

    def original_html(self, article_id: int) -> str | None:
        """The saved page an article was extracted from, as HTML, to show beside it.

        None when its source is not an HTML page (a text scrape) or cannot be found.
        Raises ``ArticleNotFound``. The HTML is as saved: show it only in a view that
        loads nothing from the network and runs no scripts.
        """
        with self._lock:
            article = self._store.article(article_id)
        if not article.sources:
            return None
        return original_html(self._importer.originals, article.sources[0])

    def asset_file(self, reference: str) -> Path | None:
        """The image file behind an ``asset:`` reference in an article's HTML, if kept."""
        return self._assets.path_for(reference)

    def rebuild_index(self, progress: ProgressCallback | None = None) -> None:
        """Rebuild the search index from the database, in a new folder swapped in at the end.

        ``progress`` is called as it starts and every thousand articles.
        """
        with self._lock:
            self._index.close()
            self._index = self._rebuilt(self.folder / INDEX_NAME, progress)
            self._importer = Importer(
                self._store, self._index, self.folder, self._lock, self._workers
            )


def _in_order(
    ids: Sequence[int], outcomes: Mapping[int, ReextractOutcome]
) -> list[ReextractOutcome]:
    """The outcomes of the articles dealt with, in the order their ids were asked for."""
    return [outcomes[i] for i in dict.fromkeys(ids) if i in outcomes]


def _facets(facets: Mapping[str, list[tuple[str, int]]]) -> dict[str, tuple[FacetValue, ...]]:
    return {name: tuple(FacetValue(v, n) for v, n in values) for name, values in facets.items()}


def _hit(article: Article, score: float, snippet: str) -> SearchHit:
    return SearchHit(
        id=article.id,
        title=article.title,
        url=article.url,
        site_name=article.site_name,
        published=article.published,
        language=article.language,
        score=score,
        snippet=snippet,
        bookmarked=article.bookmarked,
    )
