"""The importer's output: one typed record per article found in a saved file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """Where an article came from: enough to find, verify and re-read the original."""

    path: str
    """Absolute path of the file that was imported."""
    format: str
    """Format name as the importer recognised it, e.g. ``html`` or ``text``."""
    sha256: str
    """Hex digest of the whole file's bytes."""
    locator: str = ""
    """Where in the file the article sits (a record id, a zip member); empty for the whole file."""


@dataclass(frozen=True)
class ExtractedArticle:
    """A clean article and its metadata, as read from one saved page."""

    title: str
    text: str
    """Plain text, paragraphs separated by blank lines."""
    html: str
    """The clean article as a small, safe HTML fragment (no scripts, styles or remote loads)."""
    source: Source
    authors: tuple[str, ...] = ()
    published: str | None = None
    """ISO 8601 date (or date-time) of publication, when the page says."""
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    """ISO 639-1 code, lower case."""
    description: str | None = None
    extractor: str = field(default="", compare=False)
    """Which extractor produced the text, for later re-extraction."""
