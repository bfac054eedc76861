"""The reader's own additions to the library: tags, notes and saved searches."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from desktop_app.core.errors import ArticleNotFound
from desktop_app.core.timestamps import now_iso


class Annotations:
    """Queries on the tags, notes and saved_searches tables; the ``Store`` mixes them in."""

    _db: sqlite3.Connection

    def set_tags(self, article_id: int, tags: Iterable[str]) -> None:
        """Replace an article's tags; call inside ``transaction()``."""
        self._require(article_id)
        self._db.execute("DELETE FROM tags WHERE article_id = ?", (article_id,))
        self._db.executemany(
            "INSERT OR IGNORE INTO tags (article_id, tag) VALUES (?, ?)",
            [(article_id, tag) for tag in tags],
        )

    def set_note(self, article_id: int, text: str) -> None:
        """Replace an article's note (an empty text removes it); call inside ``transaction()``."""
        self._require(article_id)
        if text.strip():
            self._db.execute(
                "INSERT INTO notes (article_id, text, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(article_id) DO UPDATE SET text = excluded.text,"
                " updated_at = excluded.updated_at",
                (article_id, text, now_iso()),
            )
        else:
            self._db.execute("DELETE FROM notes WHERE article_id = ?", (article_id,))

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag in use and how many articles carry it, most used first."""
        rows = self._db.execute(
            "SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY count(*) DESC, tag"
        )
        return [(str(r[0]), int(r[1])) for r in rows]

    def save_search(self, name: str, query: str) -> None:
        """Keep a query under a name, replacing one of the same name."""
        self._db.execute(
            "INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET query = excluded.query",
            (name, query, now_iso()),
        )

    def delete_saved_search(self, name: str) -> bool:
        """Forget a saved search; whether there was one of that name."""
        cursor = self._db.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
        return cursor.rowcount > 0

    def saved_searches(self) -> list[tuple[str, str]]:
        """(name, query) of every saved search, by name."""
        rows = self._db.execute("SELECT name, query FROM saved_searches ORDER BY name")
        return [(str(r[0]), str(r[1])) for r in rows]

    def _require(self, article_id: int) -> None:
        if (
            self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is None
        ):
            raise ArticleNotFound(article_id)

    def _note(self, article_id: int) -> str:
        row = self._db.execute("SELECT text FROM notes WHERE article_id = ?", (article_id,))
        found = row.fetchone()
        return str(found[0]) if found else ""

    def _tags(self, article_id: int) -> tuple[str, ...]:
        rows = self._db.execute(
            "SELECT tag FROM tags WHERE article_id = ? ORDER BY tag", (article_id,)
        )
        return tuple(str(r[0]) for r in rows)
