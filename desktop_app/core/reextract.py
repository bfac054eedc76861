"""Extract articles again from the files they came from, keeping bookmarks, tags and notes."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

import archive_import
from archive_import import ExtractedArticle, InputError
from desktop_app.core.originals import AssetFiles, Originals
from desktop_app.core.records import Article, SourceRecord
from desktop_app.core.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReextractOutcome:
    """What happened to one article: extracted again, or why not."""

    article_id: int
    updated: bool
    reason: str = ""


class Reextractor:
    """Reads each source file once per run, however many articles came from it."""

    def __init__(self, store: Store, originals: Originals, assets: AssetFiles) -> None:
        self._store = store
        self._originals = originals
        self._assets = assets
        self._cache: dict[str, list[ExtractedArticle] | str] = {}

    def run(self, article: Article) -> ReextractOutcome:
        """Extract ``article`` again and store the result in its place."""
        if not article.sources:
            return ReextractOutcome(article.id, False, "the article has no source file")
        source = article.sources[0]
        found = self._extractions(source)
        if isinstance(found, str):
            return ReextractOutcome(article.id, False, found)
        match = next((a for a in found if a.source.locator == source.locator), None)
        if match is None:
            return ReextractOutcome(article.id, False, "the source no longer yields this page")
        for asset in match.assets:
            self._assets.keep(asset)
        with self._store.transaction():
            self._store.replace_extraction(article.id, match)
        return ReextractOutcome(article.id, True)

    def _extractions(self, source: SourceRecord) -> list[ExtractedArticle] | str:
        if source.sha256 not in self._cache:
            self._cache[source.sha256] = self._extract(source)
        return self._cache[source.sha256]

    def _extract(self, source: SourceRecord) -> list[ExtractedArticle] | str:
        """The file's articles, or the reason it could not be read again."""
        original = Path(source.path)
        try:
            # The file where it was imported from still has what the kept copy lacks: the
            # images of a "Save page, complete" _files/ folder.
            if _unchanged(original, source.sha256):
                return archive_import.extract_file(original)
            return self._from_kept_copy(source, original.name)
        except InputError as exc:
            return exc.reason
        except FileNotFoundError:
            return "neither the original file nor the library's copy of it can be found"

    def _from_kept_copy(self, source: SourceRecord, name: str) -> list[ExtractedArticle]:
        data = self._originals.read(source.sha256)
        # The articles will name the temporary copy; the record keeps its sources as they were.
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / name
            copy.write_bytes(data)
            return archive_import.extract_file(copy)


def original_html(originals: Originals, source: SourceRecord) -> str | None:
    """The page as it was saved, decoded, from the file or the library's copy of it."""
    try:
        if _unchanged(Path(source.path), source.sha256):
            return archive_import.original_page(Path(source.path), source.locator)
        data = originals.read(source.sha256)
    except (InputError, FileNotFoundError):
        return None
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / Path(source.path).name
        copy.write_bytes(data)
        try:
            return archive_import.original_page(copy, source.locator)
        except InputError:
            return None


def _unchanged(path: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False
