"""The Whoosh full-text index: derived from the database, rebuildable at any time.

This is the only module that imports Whoosh, so the schema, the analyzers and the
choice of fork (whoosh3) live together.
"""

from __future__ import annotations

import html
import logging
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import fields, highlight, index, qparser, query
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from desktop_app.core.records import Article

log = logging.getLogger(__name__)

# Accents are folded before stemming, so `capture`, `capturé` and `captures` meet on one
# stem. No stop words are dropped: phrases match word for word and pages in languages
# other than English lose nothing.
_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter()

SCHEMA = fields.Schema(
    # The article's database id; the only stored field, so results map back to the store.
    id=fields.NUMERIC(int, bits=64, stored=True, unique=True, signed=False),
    # Title words weigh twice as much as body words in BM25F.
    title=fields.TEXT(analyzer=_ANALYZER, field_boost=2.0, phrase=True),
    # The body; not stored: snippets are cut from the database's copy of the text.
    text=fields.TEXT(analyzer=_ANALYZER, phrase=True),
    # Author names, searchable as words.
    authors=fields.TEXT(analyzer=_ANALYZER, phrase=True),
    # The site's name, searchable as words.
    site_name=fields.TEXT(analyzer=_ANALYZER, phrase=True),
    # A filter for the Bookmarks view; updated whenever a bookmark changes.
    bookmarked=fields.BOOLEAN(),
    # The reader's tags as words, searched like the rest of the text.
    tags=fields.TEXT(analyzer=_ANALYZER, phrase=True),
    # The same tags, each one exact term, for filtering by tag.
    tag=fields.KEYWORD(lowercase=True, commas=True),
    # The reader's note, searched like the body.
    note=fields.TEXT(analyzer=_ANALYZER, phrase=True),
)

_SEARCHED_FIELDS = ["title", "text", "authors", "site_name", "tags", "note"]
_SNIPPET_CHARS = 240


@dataclass(frozen=True)
class IndexHit:
    """One ranked match: the article id, its score and a highlighted snippet (HTML)."""

    article_id: int
    score: float
    snippet: str


def document_for(article: Article) -> dict[str, Any]:
    """The index document for an article: a pure function of the database record."""
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "authors": " ".join(article.authors),
        "site_name": article.site_name or "",
        "bookmarked": article.bookmarked,
        "tags": " ".join(article.tags),
        "tag": ",".join(article.tags),
        "note": article.note,
    }


def _mark_formatter() -> Any:
    """Wraps each match in a bare ``<mark>``; the formatter escapes the rest."""
    formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
    # The default template adds per-term class names the reader has no use for.
    formatter.template = "<%(tag)s>%(t)s</%(tag)s>"
    return formatter


class SearchIndex:
    """A Whoosh index in one folder, with a searcher kept open between queries."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        if not index.exists_in(str(folder)):
            folder.mkdir(parents=True, exist_ok=True)
            index.create_in(str(folder), SCHEMA)
        self._ix = index.open_dir(str(folder))
        self._searcher = self._ix.searcher()
        self._parser = qparser.MultifieldParser(_SEARCHED_FIELDS, SCHEMA, group=qparser.AndGroup)

    def close(self) -> None:
        """Release the searcher and the index files."""
        self._searcher.close()
        self._ix.close()

    def doc_count(self) -> int:
        """How many documents the index holds."""
        return int(self._searcher.doc_count())

    def add(self, articles: Iterable[Article]) -> None:
        """Add or replace the documents of these articles in one commit."""
        writer = self._ix.writer()
        try:
            for article in articles:
                writer.update_document(**document_for(article))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._refresh()

    def search(
        self,
        text: str,
        limit: int,
        bookmarked_only: bool,
        texts_for: Callable[[list[int]], Mapping[int, str]],
    ) -> tuple[int, list[IndexHit]]:
        """Ranked hits for a query and the total count; ``texts_for`` supplies snippet text."""
        only = query.Term("bookmarked", True) if bookmarked_only else None
        try:
            results = self._searcher.search(self._parse(text), limit=limit, filter=only, terms=True)
        except query.QueryError:
            log.info("query %r cannot run as written; searching its words", text)
            results = self._searcher.search(
                _words_query(text), limit=limit, filter=only, terms=True
            )
        results.fragmenter = highlight.ContextFragmenter(maxchars=_SNIPPET_CHARS, surround=70)
        results.formatter = _mark_formatter()
        ids = [int(hit["id"]) for hit in results]
        bodies = texts_for(ids)
        hits = [
            IndexHit(article_id, float(hit.score), _snippet(hit, bodies.get(article_id, "")))
            for article_id, hit in zip(ids, results, strict=True)
        ]
        return len(results), hits

    def _parse(self, text: str) -> query.Query:
        try:
            return self._parser.parse(text)
        except Exception:  # noqa: BLE001 — any parser failure means "search the words as typed".
            log.info("query %r did not parse; searching its words", text)
            return _words_query(text)

    def _refresh(self) -> None:
        # Searcher.refresh() fails on a searcher opened over an empty index (its reader has
        # no segment list), so a new searcher is opened instead.
        old, self._searcher = self._searcher, self._ix.searcher()
        old.close()


def _words_query(text: str) -> query.Query:
    """Every word of ``text`` in any searched field: the fallback for a query that fails."""
    words = [token.text for token in _ANALYZER(text)]
    return query.And([query.Or([query.Term(f, w) for f in _SEARCHED_FIELDS]) for w in words])


def opening_snippet(text: str) -> str:
    """The escaped opening of a text, cut at a word boundary: the snippet when nothing matched."""
    text = " ".join(text.split())
    if len(text) <= _SNIPPET_CHARS:
        return html.escape(text, quote=False)
    cut = text[:_SNIPPET_CHARS].rsplit(" ", 1)[0]
    return html.escape(cut, quote=False) + " …"


def _snippet(hit: Any, body: str) -> str:
    marked = hit.highlights("text", text=body, top=2) if body else ""
    # Line breaks inside a fragment mean nothing in a one-paragraph snippet.
    return " ".join((marked or opening_snippet(body)).split())


def rebuild(folder: Path, articles: Iterable[Article]) -> None:
    """Write a new index from ``articles`` beside ``folder`` and swap it in when complete."""
    fresh = folder.with_name(folder.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    ix = index.create_in(str(fresh), SCHEMA)
    writer = ix.writer(limitmb=128)
    for article in articles:
        writer.add_document(**document_for(article))
    writer.commit()
    ix.close()
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
