"""The library on disk: SQLite as the source of truth, a Whoosh index derived from it. No Qt."""

from desktop_app.core.errors import ArticleNotFound, CoreError, LibraryError
from desktop_app.core.library import Library
from desktop_app.core.progress import CancelToken, Progress, ProgressCallback
from desktop_app.core.records import (
    Article,
    FacetValue,
    FileOutcome,
    ImportReport,
    OutcomeKind,
    SearchHit,
    SearchResults,
    SourceRecord,
)
from desktop_app.core.reextract import ReextractOutcome

__all__ = [
    "Article",
    "ArticleNotFound",
    "CancelToken",
    "CoreError",
    "FacetValue",
    "FileOutcome",
    "ImportReport",
    "Library",
    "LibraryError",
    "OutcomeKind",
    "Progress",
    "ProgressCallback",
    "ReextractOutcome",
    "SearchHit",
    "SearchResults",
    "SourceRecord",
]
