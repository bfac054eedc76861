"""The library on disk: SQLite as the source of truth, a Whoosh index derived from it. No Qt.

The names below are loaded when first used, not when the package is: an import's worker
processes run ``desktop_app.core.extraction``, which runs this file, and never use the
library, its index or Whoosh. Loading those first delayed the workers of every import that
starts them from a fork server (the window's) by a tenth of a second: the fork server loads
what they import before any can begin.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.core.errors import ArticleNotFound, CoreError, LibraryError
    from desktop_app.core.library import Library
    from desktop_app.core.progress import CancelToken, Progress, ProgressCallback
    from desktop_app.core.records import (
        Article,
        FacetValue,
        FileOutcome,
        ImportReport,
        MarkedWords,
        OutcomeKind,
        SearchHit,
        SearchResults,
        SourceRecord,
    )
    from desktop_app.core.reextract import ReextractOutcome

_HOMES = {
    "Article": "records",
    "ArticleNotFound": "errors",
    "CancelToken": "progress",
    "CoreError": "errors",
    "FacetValue": "records",
    "FileOutcome": "records",
    "ImportReport": "records",
    "Library": "library",
    "LibraryError": "errors",
    "MarkedWords": "records",
    "OutcomeKind": "records",
    "Progress": "progress",
    "ProgressCallback": "progress",
    "ReextractOutcome": "reextract",
    "SearchHit": "records",
    "SearchResults": "records",
    "SourceRecord": "records",
}

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
    "MarkedWords",
    "OutcomeKind",
    "Progress",
    "ProgressCallback",
    "ReextractOutcome",
    "SearchHit",
    "SearchResults",
    "SourceRecord",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
