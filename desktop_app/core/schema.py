"""The database's tables, and the steps that bring an older library up to date."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from archive_import.cleanup import html_to_text
from desktop_app.core.errors import LibraryError
from desktop_app.core.identity import text_key, url_key
from desktop_app.core.site_template import site_key

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3

_TABLES = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    authors TEXT NOT NULL DEFAULT '[]',      -- JSON list of names
    published TEXT,                          -- ISO 8601
    site_name TEXT,
    url TEXT,
    url_key TEXT,                            -- the URL normalised for comparison
    language TEXT,                           -- ISO 639-1
    description TEXT,
    text TEXT NOT NULL,
    text_key TEXT NOT NULL DEFAULT '',       -- digest of the text's words as extracted
    html TEXT NOT NULL,
    extractor TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    bookmarked_at TEXT,                      -- NULL when not bookmarked
    previous_id INTEGER REFERENCES articles(id) ON DELETE SET NULL, -- older capture of the URL
    modified TEXT,                           -- ISO 8601
    lead_image TEXT,                         -- URL, as the page gives it
    keywords TEXT NOT NULL DEFAULT '[]',     -- JSON list
    confidence REAL NOT NULL DEFAULT 1.0,    -- how sure extraction is that this is the article
    raw_html TEXT,                           -- the extraction before its site's template was
                                             -- taken out; NULL when nothing was taken out
    site_key TEXT                            -- the site, for learning its template
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,                    -- of the whole file
    locator TEXT NOT NULL DEFAULT '',        -- where inside the file; '' for the whole file
    captured TEXT,                           -- when the page was saved or crawled
    imported_at TEXT NOT NULL,
    UNIQUE (sha256, locator)
);
CREATE TABLE tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE TABLE assets (
    sha256 TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL
);
CREATE TABLE notes (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE article_assets (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL REFERENCES assets(sha256),
    PRIMARY KEY (article_id, sha256)
);
"""

# Made when a library is created or upgraded, and looked for at every open: an index added
# in a later release reaches older libraries of the same format without a new format
# number, so an earlier release can still open them.
_INDEXES = """
CREATE INDEX IF NOT EXISTS sources_by_article ON sources(article_id);
CREATE INDEX IF NOT EXISTS sources_by_sha256 ON sources(sha256);
CREATE INDEX IF NOT EXISTS articles_by_url_key ON articles(url_key);
CREATE INDEX IF NOT EXISTS articles_by_text_key ON articles(text_key);
CREATE INDEX IF NOT EXISTS articles_by_site_key ON articles(site_key);
CREATE INDEX IF NOT EXISTS articles_by_previous_id ON articles(previous_id);
"""

# Version 1 had no versions, capture dates, assets, richer metadata, notes or saved searches.
_FROM_1 = """
ALTER TABLE articles ADD COLUMN url_key TEXT;
ALTER TABLE articles ADD COLUMN text_key TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN previous_id INTEGER REFERENCES articles(id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN modified TEXT;
ALTER TABLE articles ADD COLUMN lead_image TEXT;
ALTER TABLE articles ADD COLUMN keywords TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
ALTER TABLE articles ADD COLUMN raw_html TEXT;
ALTER TABLE articles ADD COLUMN site_key TEXT;
ALTER TABLE sources ADD COLUMN captured TEXT;
CREATE TABLE notes (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE saved_searches (
    name TEXT PRIMARY KEY, query TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE assets (
    sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, size INTEGER NOT NULL
);
CREATE TABLE article_assets (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL REFERENCES assets(sha256),
    PRIMARY KEY (article_id, sha256)
);
"""


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Create the tables of a new library, or bring an older one to ``SCHEMA_VERSION``."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"{path} was written by a newer Archive Browser (format {version}); "
            "update the app to open it"
        )
    if version == SCHEMA_VERSION:
        db.executescript(f"BEGIN; {_INDEXES} COMMIT;")
        return
    script = {0: _TABLES, 1: _FROM_1}.get(version, "")
    # executescript commits on its own, so each step and its version go in one script.
    db.executescript(f"BEGIN; {script} {_INDEXES} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
    if version == 1:
        _fill_keys(db)
    if version in {1, 2}:
        _extracted_text_keys(db)
    if version:
        log.info("upgraded %s from format %s to %s", path, version, SCHEMA_VERSION)


def _fill_keys(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT id, url, site_name, text FROM articles").fetchall()
    db.execute("BEGIN")
    for article_id, url, site_name, text in rows:
        db.execute(
            "UPDATE articles SET url_key = ?, text_key = ?, site_key = ? WHERE id = ?",
            (url_key(url), text_key(text), site_key(url, site_name), article_id),
        )
    db.execute("COMMIT")


def _extracted_text_keys(db: sqlite3.Connection) -> None:
    """Format 2 keyed a page cleaned of its site's template by its cleaned text; a new copy
    of it, compared by the text the extractor makes of it, was then taken for a new page."""
    rows = db.execute("SELECT id, raw_html FROM articles WHERE raw_html IS NOT NULL")
    keys = [(text_key(html_to_text(raw)), article_id) for article_id, raw in rows.fetchall()]
    db.execute("BEGIN")
    db.executemany("UPDATE articles SET text_key = ? WHERE id = ?", keys)
    db.execute("COMMIT")
