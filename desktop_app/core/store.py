"""The SQLite database: the library's source of truth for articles, sources and bookmarks."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from archive_import import ExtractedArticle, Source, extension_for
from archive_import.cleanup import html_to_text
from desktop_app.core.annotations import Annotations
from desktop_app.core.errors import ArticleNotFound, LibraryError
from desktop_app.core.identity import text_key, url_key
from desktop_app.core.records import Article, AssetRecord, SourceRecord
from desktop_app.core.schema import migrate
from desktop_app.core.site_template import site_key
from desktop_app.core.timestamps import now_iso

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = (
    "id, title, authors, published, site_name, url, language, description, text, html, "
    "added_at, bookmarked_at, previous_id, modified, lead_image, keywords, confidence, extractor"
)

_BATCH = 500


def _index_article(row: sqlite3.Row) -> Article:
    """An article with only what the search index reads."""
    return Article(
        id=int(row[0]),
        title=row[1],
        text=row[2],
        html=row[11],
        authors=tuple(json.loads(row[3])),
        published=row[4],
        site_name=row[5],
        url=row[6],
        language=row[7],
        bookmarked=bool(row[8]),
        tags=tuple(sorted(row[9].split("\x1f"))) if row[9] else (),
        note=row[10] or "",
    )


class Store(Annotations):
    """One SQLite connection; callers serialise access (the ``Library`` holds the lock)."""

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot open the library database {path}: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL keeps the database consistent through a crash or power cut; at
        # worst the last transactions before it are lost, and an import commits once a file,
        # so FULL's sync on every commit would cost far more than it protects.
        self._db.execute("PRAGMA synchronous = NORMAL")
        migrate(self._db, path)

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

    def all_ids(self) -> list[int]:
        """Every article id, ascending."""
        return [int(r[0]) for r in self._db.execute("SELECT id FROM articles ORDER BY id")]

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

    def add_article(self, extracted: ExtractedArticle, previous_id: int | None = None) -> int:
        """Insert an article, its source and its asset links; call inside ``transaction()``."""
        values = {
            **_extraction_columns(extracted),
            "added_at": now_iso(),
            "previous_id": previous_id,
        }
        marks = ", ".join("?" * len(values))
        cursor = self._db.execute(
            f"INSERT INTO articles ({', '.join(values)}) VALUES ({marks})", tuple(values.values())
        )
        article_id = int(cursor.lastrowid or 0)
        self.add_source(article_id, extracted.source)
        self._link_assets(article_id, extracted)
        return article_id

    def replace_extraction(self, article_id: int, extracted: ExtractedArticle) -> None:
        """Put a new extraction of the same page in place; bookmarks, tags and notes stay."""
        values = {**_extraction_columns(extracted), "raw_html": None}
        assignments = ", ".join(f"{column} = ?" for column in values)
        self._db.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), article_id)
        )
        self._db.execute("DELETE FROM article_assets WHERE article_id = ?", (article_id,))
        self._link_assets(article_id, extracted)

    def _link_assets(self, article_id: int, extracted: ExtractedArticle) -> None:
        for asset in extracted.assets:
            self._db.execute(
                "INSERT OR IGNORE INTO assets (sha256, media_type, size) VALUES (?, ?, ?)",
                (asset.sha256, asset.media_type, len(asset.data)),
            )
            self._db.execute(
                "INSERT OR IGNORE INTO article_assets (article_id, sha256) VALUES (?, ?)",
                (article_id, asset.sha256),
            )

    def add_source(self, article_id: int, source: Source) -> None:
        """Record one more file an article was read from; call inside ``transaction()``."""
        self._db.execute(
            "INSERT INTO sources (article_id, path, format, sha256, locator, captured,"
            " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                source.path,
                source.format,
                source.sha256,
                source.locator,
                source.captured,
                now_iso(),
            ),
        )

    def site_keys(self, ids: Iterable[int]) -> set[str]:
        """The sites the given articles belong to (those with a known site)."""
        keys: set[str] = set()
        for batch in _batches(ids):
            marks = ",".join("?" * len(batch))
            sql = f"SELECT DISTINCT site_key FROM articles WHERE id IN ({marks})"
            keys.update(str(r[0]) for r in self._db.execute(sql, batch) if r[0] is not None)
        return keys

    def site_pages(
        self, key: str, newest: int, including: Iterable[int] = ()
    ) -> list[tuple[int, str, str]]:
        """(id, extracted HTML before any template was taken out, current HTML) of a site's
        ``newest`` pages and of those of ``including`` that belong to the site, in the order
        they were added."""
        latest = self._db.execute(
            "SELECT id FROM articles WHERE site_key = ? ORDER BY id DESC LIMIT ?", (key, newest)
        )
        pages: list[tuple[int, str, str]] = []
        for batch in _batches({int(r[0]) for r in latest} | set(including)):
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(
                "SELECT id, coalesce(raw_html, html), html FROM articles"
                f" WHERE site_key = ? AND id IN ({marks})",
                (key, *batch),
            )
            pages.extend((int(r[0]), str(r[1]), str(r[2])) for r in rows)
        return sorted(pages)

    def set_cleaned(self, article_id: int, raw_html: str, html: str, text: str) -> None:
        """Store a page with its site's template taken out, keeping what it was before.

        The text key stays that of the text as extracted: a new file is compared with the
        library by what the extractor makes of it, before any template is taken out.
        """
        self._db.execute(
            "UPDATE articles SET raw_html = ?, html = ?, text = ? WHERE id = ?",
            (raw_html if raw_html != html else None, html, text, article_id),
        )

    def has_source(self, sha256: str, locator: str) -> int | None:
        """The article already imported from this place in this file, if any."""
        row = self._db.execute(
            "SELECT article_id FROM sources WHERE sha256 = ? AND locator = ?", (sha256, locator)
        ).fetchone()
        return int(row[0]) if row else None

    def same_url(self, url: str | None) -> list[tuple[int, str]]:
        """(id, text as extracted) of the articles captured from this URL, newest first.

        A page cleaned of its site's template is given as the extractor gave it, to be
        compared with a new extraction: on a short page the template can be half the text.
        """
        key = url_key(url)
        if key is None:
            return []
        rows = self._db.execute(
            "SELECT id, text, raw_html FROM articles WHERE url_key = ? ORDER BY id DESC", (key,)
        )
        return [(int(r[0]), html_to_text(r[2]) if r[2] else str(r[1])) for r in rows]

    def same_text(self, text: str) -> list[int]:
        """Ids of articles whose text has the same words as ``text``."""
        rows = self._db.execute(
            "SELECT id FROM articles WHERE text_key = ? ORDER BY id", (text_key(text),)
        )
        return [int(r[0]) for r in rows]

    def asset_media_type(self, sha256: str) -> str | None:
        """The media type of a kept asset, or None if the library has no such asset."""
        row = self._db.execute("SELECT media_type FROM assets WHERE sha256 = ?", (sha256,))
        found = row.fetchone()
        return str(found[0]) if found else None

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

    def id_set(self) -> set[int]:
        """Every article id, in no order: read from the smallest index, not the table."""
        return {int(r[0]) for r in self._db.execute("SELECT id FROM articles")}

    def index_articles(self, ids: Iterable[int] | None = None) -> Iterator[Article]:
        """Articles with only what the search index reads (no sources or assets; the HTML
        only of those that have figure captions, which are indexed with the text).

        All of them in id order, streamed a batch at a time, or those with the given ids.
        """
        sql = (
            "SELECT a.id, a.title, a.text, a.authors, a.published, a.site_name, a.url,"
            " a.language, a.bookmarked_at IS NOT NULL,"
            " (SELECT group_concat(t.tag, char(31)) FROM tags t WHERE t.article_id = a.id),"
            " (SELECT n.text FROM notes n WHERE n.article_id = a.id),"
            " CASE WHEN instr(a.html, '<figcaption') THEN a.html ELSE '' END"
            " FROM articles a"
        )
        if ids is not None:
            for batch in _batches(ids):
                marks = ",".join("?" * len(batch))
                rows = self._db.execute(f"{sql} WHERE a.id IN ({marks}) ORDER BY a.id", batch)
                yield from map(_index_article, rows.fetchall())
            return
        last = 0
        while True:
            rows = self._db.execute(f"{sql} WHERE a.id > ? ORDER BY a.id LIMIT ?", (last, _BATCH))
            chunk = rows.fetchall()
            if not chunk:
                return
            yield from map(_index_article, chunk)
            last = int(chunk[-1][0])

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

    def count_not_by(self, extractors: Collection[str]) -> int:
        """Number of articles whose extractor is none of ``extractors``."""
        marks = ", ".join("?" * len(extractors))
        sql = f"SELECT count(*) FROM articles WHERE extractor NOT IN ({marks})"
        return int(self._db.execute(sql, tuple(extractors)).fetchone()[0])

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
        found: dict[int, str] = {}
        for batch in _batches(ids):
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", batch)
            found.update((int(r[0]), str(r[1])) for r in rows)
        return found

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
            assets=self._assets(article_id),
            previous_id=row["previous_id"],
            newer_ids=self._newer(article_id),
            modified=row["modified"],
            lead_image=row["lead_image"],
            keywords=tuple(json.loads(row["keywords"])),
            confidence=float(row["confidence"]),
            extractor=row["extractor"],
            note=self._note(article_id),
        )

    def _sources(self, article_id: int) -> tuple[SourceRecord, ...]:
        rows = self._db.execute(
            "SELECT path, format, sha256, locator, imported_at, captured FROM sources"
            " WHERE article_id = ? ORDER BY id",
            (article_id,),
        )
        return tuple(SourceRecord(*tuple(r)) for r in rows)

    def _assets(self, article_id: int) -> tuple[AssetRecord, ...]:
        rows = self._db.execute(
            "SELECT a.sha256, a.media_type FROM article_assets l"
            " JOIN assets a ON a.sha256 = l.sha256 WHERE l.article_id = ? ORDER BY a.sha256",
            (article_id,),
        )
        return tuple(AssetRecord(f"asset:{r[0]}.{extension_for(r[1])}", str(r[1])) for r in rows)

    def _newer(self, article_id: int) -> tuple[int, ...]:
        rows = self._db.execute(
            "SELECT id FROM articles WHERE previous_id = ? ORDER BY id", (article_id,)
        )
        return tuple(int(r[0]) for r in rows)


def _extraction_columns(extracted: ExtractedArticle) -> dict[str, Any]:
    """The article columns an extraction fills, by name (fixed names: safe to put in SQL)."""
    return {
        "title": extracted.title,
        "authors": json.dumps(list(extracted.authors), ensure_ascii=False),
        "published": extracted.published,
        "site_name": extracted.site_name,
        "url": extracted.url,
        "url_key": url_key(extracted.url),
        "language": extracted.language,
        "description": extracted.description,
        "text": extracted.text,
        "text_key": text_key(extracted.text),
        "html": extracted.html,
        "extractor": extracted.extractor,
        "modified": extracted.modified,
        "lead_image": extracted.lead_image,
        "keywords": json.dumps(list(extracted.keywords), ensure_ascii=False),
        "confidence": extracted.confidence,
        "site_key": site_key(extracted.url, extracted.site_name),
    }


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    """Distinct ids in ascending order, a batch at a time: a statement holds at most some
    32,000 parameters, and one import can add more articles than that."""
    wanted = sorted(set(ids))
    for first in range(0, len(wanted), _BATCH):
        yield wanted[first : first + _BATCH]
