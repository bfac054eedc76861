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
    captured: str | None = None
    """When the page was saved or crawled (ISO 8601), when the file says."""


@dataclass(frozen=True)
class Asset:
    """An image a saved page carried, kept so the article reads offline."""

    sha256: str
    media_type: str
    data: bytes = field(repr=False)

    @property
    def reference(self) -> str:
        """How the article HTML points at it: ``asset:<sha256>.<extension>``."""
        return f"asset:{self.sha256}.{extension_for(self.media_type)}"


def extension_for(media_type: str) -> str:
    """A file extension for an image media type (``png`` when unknown)."""
    subtype = media_type.split("/", 1)[-1].split(";", 1)[0].strip().lower()
    return {"jpeg": "jpg", "svg+xml": "svg", "x-icon": "ico", "vnd.microsoft.icon": "ico"}.get(
        subtype, subtype if subtype.isalnum() else "png"
    )


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
    assets: tuple[Asset, ...] = field(default=(), compare=False, repr=False)
    """Images the article HTML refers to with ``asset:`` references."""
    modified: str | None = None
    """ISO 8601 date of the last modification, when the page says."""
    lead_image: str | None = None
    """URL of the article's lead image, as the page gives it."""
    keywords: tuple[str, ...] = ()
    confidence: float = 1.0
    """How sure extraction is that ``text`` is the article: low for stubs and link lists."""
