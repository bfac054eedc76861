"""The one facade the window and the command line use to reach a library on disk."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop_app.core.progress import CancelToken, ProgressCallback
from desktop_app.core.records import Article, ImportReport, SearchResults

log = logging.getLogger(__name__)


class Library:
    """A library folder: ``library.sqlite3`` (the truth), ``index/`` (derived), ``originals/``.

    Every method may be called from any thread: writes are serialised by one lock, so an
    import running in a worker thread and a bookmark toggled in the window never collide.
    """

    def __init__(self, folder: Path) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Close the database and the index searcher."""
        raise NotImplementedError

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self) -> int:
        """How many articles the library holds."""
        raise NotImplementedError

    def import_paths(
        self,
        paths: Sequence[Path | str],
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportReport:
        """Import files and folders (recursively); every input file gets one outcome."""
        raise NotImplementedError

    def search(self, query: str, limit: int = 20, bookmarked_only: bool = False) -> SearchResults:
        """Ranked hits for ``query`` with highlighted snippets."""
        raise NotImplementedError

    def browse(self, limit: int = 500, bookmarked_only: bool = False) -> SearchResults:
        """The newest articles first, with the opening of the text as snippet."""
        raise NotImplementedError

    def article(self, article_id: int) -> Article:
        """One whole article; raises ``ArticleNotFound``."""
        raise NotImplementedError

    def articles(self) -> Iterator[Article]:
        """Every article, oldest first."""
        raise NotImplementedError

    def set_bookmarked(self, article_id: int, bookmarked: bool) -> None:
        """Bookmark or un-bookmark an article; raises ``ArticleNotFound``."""
        raise NotImplementedError

    def rebuild_index(self) -> None:
        """Rebuild the search index from the database."""
        raise NotImplementedError
