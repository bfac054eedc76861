"""Plain records the core hands out: articles, search hits and import reports."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRecord:
    """One file (or one record inside a file) that an article was imported from."""

    path: str
    format: str
    sha256: str
    locator: str = ""
    imported_at: str = ""
    captured: str | None = None


@dataclass(frozen=True)
class AssetRecord:
    """An image an article shows, kept in the library."""

    reference: str
    """As the article HTML writes it: ``asset:<sha256>.<extension>``."""
    media_type: str


@dataclass(frozen=True)
class Article:
    """An article as the library holds it."""

    id: int
    title: str
    text: str
    html: str
    authors: tuple[str, ...] = ()
    published: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    added_at: str = ""
    bookmarked: bool = False
    tags: tuple[str, ...] = ()
    sources: tuple[SourceRecord, ...] = ()
    assets: tuple[AssetRecord, ...] = ()
    previous_id: int | None = None
    """The older capture of the same URL this article is a new version of."""
    newer_ids: tuple[int, ...] = ()
    """Later captures of the same URL that are new versions of this one."""
    modified: str | None = None
    lead_image: str | None = None
    keywords: tuple[str, ...] = ()
    confidence: float = 1.0
    """How sure extraction is that the text is the article (0 to 1)."""
    extractor: str = ""
    """Which extractor and settings produced the text."""
    note: str = ""
    """The reader's own note on the article."""


@dataclass(frozen=True)
class SearchHit:
    """One row of a result list: enough to show it without loading the article."""

    id: int
    title: str
    url: str | None
    site_name: str | None
    published: str | None
    language: str | None
    score: float
    snippet: str
    """HTML: escaped text with the matched words in ``<mark>``."""
    bookmarked: bool = False


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet and how many of the matching articles have it."""

    value: str
    """As a filter takes it: a site's name, a language code, a year, a tag, ``yes``/``no``."""
    count: int


@dataclass(frozen=True)
class MarkedWords:
    """What the reader marks in an article for a query: the forms its text uses of the
    query's words (``capturé`` for ``capturer``, ``πόλεις`` for ``πόλη``)."""

    words: tuple[str, ...] = ()
    """Whole words, as the text writes them."""
    pairs: tuple[str, ...] = ()
    """Character pairs of scripts written without spaces, found inside longer runs."""


@dataclass(frozen=True)
class SearchResults:
    """A page of hits and how many matched in all, with what the window shows around them."""

    total: int
    hits: tuple[SearchHit, ...]
    facets: Mapping[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    """Per facet (``site``, ``language``, ``year``, ``tag``, ``bookmarked``): its values
    among all the matching articles, most frequent first (years: newest first)."""
    suggestion: str | None = None
    """A respelled query that finds more ("did you mean"), when this one finds little."""
    notice: str | None = None
    """Said when the query could not be read as written, e.g. "Searched for the words: …"."""


class OutcomeKind(enum.Enum):
    """What happened to one input file."""

    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one input file, and why, in words a user understands."""

    path: str
    kind: OutcomeKind
    article_ids: tuple[int, ...] = ()
    reason: str = ""


@dataclass
class ImportReport:
    """Every input of one import, accounted for."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False

    def of_kind(self, kind: OutcomeKind) -> list[FileOutcome]:
        """The outcomes of one kind, in input order."""
        return [o for o in self.outcomes if o.kind is kind]

    @property
    def imported_ids(self) -> list[int]:
        """Ids of the articles this import added."""
        return [i for o in self.of_kind(OutcomeKind.IMPORTED) for i in o.article_ids]

    @property
    def failed(self) -> list[FileOutcome]:
        """Inputs that could not be imported."""
        return self.of_kind(OutcomeKind.FAILED)
