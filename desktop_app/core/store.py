"""The SQLite database: the library's source of truth for articles, sources and bookmarks."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from archive_import import ExtractedArticle
from desktop_app.core.errors import ArticleNotFound, LibraryError
from desktop_app.core.records import Article, SourceRecord

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    authors TEXT NOT NULL DEFAULT '[]',      -- JSON list of names
    published TEXT,                          -- ISO 8601
    site_name TEXT,
    url TEXT,
    language TEXT,                           -- ISO 639-1
    description TEXT,
    text TEXT NOT NULL,
    html TEXT NOT NULL,
    extractor TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    bookmarked_at TEXT                       -- NULL when not bookmarked
);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    locator TEXT NOT NULL DEFAULT '',        -- where inside the file; '' for the whole file
    imported_at TEXT NOT NULL,
    UNIQUE (sha256, locator)
);
CREATE INDEX IF NOT EXISTS sources_by_article ON sources(article_id);
CREATE TABLE IF NOT EXISTS tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, tag)
);
"""

_ARTICLE_COLUMNS = (
    "id, title, authors, published, site_name, url, language, description, text, html, "
    "added_at, bookmarked_at"
)


def now_iso() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Store:
    """One SQLite connection; callers serialise access (the ``Library`` holds the lock)."""

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot open the library database {path}: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._migrate(path)

    def _migrate(self, path: Path) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"{path} was written by a newer Archive Browser (format {version}); "
                "update the app to open it"
            )
        if version == 0:
            # executescript commits on its own, so the schema and its version go in one script.
            self._db.executescript(
                f"BEGIN; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            )

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together, or nothing does."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def count(self) -> int:
        """Number of articles."""
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def known_sha256(self, sha256: str) -> list[int]:
        """Ids of the articles already imported from a file with this fingerprint."""
        rows = self._db.execute(
            "SELECT DISTINCT article_id FROM sources WHERE sha256 = ? ORDER BY article_id",
            (sha256,),
        )
        return [int(r[0]) for r in rows]

    def add_article(self, extracted: ExtractedArticle) -> int:
        """Insert an article and its source; call inside ``transaction()``."""
        cursor = self._db.execute(
            "INSERT INTO articles (title, authors, published, site_name, url, language,"
            " description, text, html, extractor, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                extracted.title,
                json.dumps(list(extracted.authors), ensure_ascii=False),
                extracted.published,
                extracted.site_name,
                extracted.url,
                extracted.language,
                extracted.description,
                extracted.text,
                extracted.html,
                extracted.extractor,
                now_iso(),
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        src = extracted.source
        self._db.execute(
            "INSERT INTO sources (article_id, path, format, sha256, locator, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, src.path, src.format, src.sha256, src.locator, now_iso()),
        )
        return article_id

    def article(self, article_id: int) -> Article:
        """One article with its sources and tags; raises ``ArticleNotFound``."""
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise ArticleNotFound(article_id)
        return self._article_from_row(row)

    def articles(self, ids: Iterable[int] | None = None) -> Iterator[Article]:
        """Articles in id order: all of them, or those with the given ids."""
        if ids is None:
            rows = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id")
            for row in rows.fetchall():
                yield self._article_from_row(row)
            return
        for article_id in ids:
            yield self.article(article_id)

    def newest_ids(self, limit: int, bookmarked_only: bool) -> list[int]:
        """Ids of the most recently added articles (bookmarks: most recently bookmarked)."""
        if bookmarked_only:
            sql = (
                "SELECT id FROM articles WHERE bookmarked_at IS NOT NULL"
                " ORDER BY bookmarked_at DESC, id DESC LIMIT ?"
            )
        else:
            sql = "SELECT id FROM articles ORDER BY id DESC LIMIT ?"
        return [int(r[0]) for r in self._db.execute(sql, (limit,))]

    def count_bookmarked(self) -> int:
        """Number of bookmarked articles."""
        sql = "SELECT count(*) FROM articles WHERE bookmarked_at IS NOT NULL"
        return int(self._db.execute(sql).fetchone()[0])

    def set_bookmarked(self, article_id: int, bookmarked: bool) -> None:
        """Set or clear the bookmark; raises ``ArticleNotFound``."""
        cursor = self._db.execute(
            "UPDATE articles SET bookmarked_at = ? WHERE id = ?",
            (now_iso() if bookmarked else None, article_id),
        )
        if cursor.rowcount == 0:
            raise ArticleNotFound(article_id)

    def texts(self, ids: Iterable[int]) -> dict[int, str]:
        """The plain text of several articles at once, by id."""
        wanted = list(ids)
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", wanted)
        return {int(r[0]): str(r[1]) for r in rows}

    def _article_from_row(self, row: sqlite3.Row) -> Article:
        article_id = int(row["id"])
        return Article(
            id=article_id,
            title=row["title"],
            text=row["text"],
            html=row["html"],
            authors=tuple(json.loads(row["authors"])),
            published=row["published"],
            site_name=row["site_name"],
            url=row["url"],
            language=row["language"],
            description=row["description"],
            added_at=row["added_at"],
            bookmarked=row["bookmarked_at"] is not None,
            tags=self._tags(article_id),
            sources=self._sources(article_id),
        )

    def _tags(self, article_id: int) -> tuple[str, ...]:
        rows = self._db.execute(
            "SELECT tag FROM tags WHERE article_id = ? ORDER BY tag", (article_id,)
        )
        return tuple(str(r[0]) for r in rows)

    def _sources(self, article_id: int) -> tuple[SourceRecord, ...]:
        rows = self._db.execute(
            "SELECT path, format, sha256, locator, imported_at FROM sources"
            " WHERE article_id = ? ORDER BY id",
            (article_id,),
        )
        return tuple(SourceRecord(*tuple(r)) for r in rows)
