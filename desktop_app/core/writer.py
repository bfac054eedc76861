"""Write one file's articles into the library, deciding which are new, known, or new versions."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from archive_import import ExtractedArticle
from desktop_app.core.extraction import BUG_REASON
from desktop_app.core.identity import SAME_ARTICLE_SIMILARITY, similarity
from desktop_app.core.originals import AssetFiles, Originals
from desktop_app.core.records import FileOutcome, OutcomeKind
from desktop_app.core.store import Store

log = logging.getLogger(__name__)


def write_file(
    store: Store,
    originals: Originals,
    assets: AssetFiles,
    articles: tuple[ExtractedArticle, ...],
    path: Path,
) -> FileOutcome:
    """Store a file's articles in one transaction: all of them, or none if anything fails."""
    try:
        if articles:
            originals.keep(articles[0].source.sha256, path)
        for article in articles:
            for asset in article.assets:
                assets.keep(asset)
        with store.transaction():
            decisions = [_write_article(store, article) for article in articles]
    except (OSError, sqlite3.Error) as exc:
        return FileOutcome(
            str(path), OutcomeKind.FAILED, reason=f"could not be saved in the library ({exc})"
        )
    except Exception:
        log.exception("bug while storing %s", path)
        return FileOutcome(str(path), OutcomeKind.FAILED, reason=BUG_REASON)
    return _summarise(str(path), decisions)


def _write_article(store: Store, article: ExtractedArticle) -> tuple[str, int]:
    """Add the article or attach its source to the one it repeats; returns (what, id)."""
    known = store.has_source(article.source.sha256, article.source.locator)
    if known is not None:
        return "known", known
    same_url = store.same_url(article.url)
    for article_id, text in same_url:
        if similarity(text, article.text) >= SAME_ARTICLE_SIMILARITY:
            store.add_source(article_id, article.source)
            return "known", article_id
    if not same_url:
        for article_id in store.same_text(article.text):
            store.add_source(article_id, article.source)
            return "known", article_id
    previous = same_url[0][0] if same_url else None
    return ("version" if previous else "new"), store.add_article(article, previous)


def _summarise(path: str, decisions: list[tuple[str, int]]) -> FileOutcome:
    added = tuple(i for what, i in decisions if what in {"new", "version"})
    known = [i for what, i in decisions if what == "known"]
    versions = sum(1 for what, _ in decisions if what == "version")
    notes = []
    if versions:
        notes.append(f"{versions} new version{'s' if versions > 1 else ''} of a page already kept")
    if known:
        ids = ", ".join(f"#{i}" for i in known)
        notes.append(f"already in the library as {ids}; this file is kept as another source")
    if added:
        return FileOutcome(path, OutcomeKind.IMPORTED, added, "; ".join(notes))
    return FileOutcome(path, OutcomeKind.DUPLICATE, tuple(known), "; ".join(notes))
