"""The search index as the rest of the core sees it (the ``search`` package holds the parts)."""

from __future__ import annotations

from desktop_app.core.search.body_text import with_captions
from desktop_app.core.search.schema import document_for
from desktop_app.core.search.searchindex import (
    SORTS,
    IndexHit,
    IndexOutdated,
    IndexResults,
    SearchIndex,
    rebuild,
)
from desktop_app.core.search.snippets import opening_snippet
from desktop_app.core.search.view import FACETS

__all__ = [
    "FACETS",
    "SORTS",
    "IndexHit",
    "IndexOutdated",
    "IndexResults",
    "SearchIndex",
    "document_for",
    "opening_snippet",
    "rebuild",
    "with_captions",
]
