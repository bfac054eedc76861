"""The reader's "Extract again": the article is read again from its saved page in the background."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core import Library
from desktop_app.gui.main_window import MainWindow
from tests.gui.conftest import write_page

TIMEOUT_MS = 20_000


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """Two pages (conftest's ``window`` shows this library)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = [write_page(folder, name) for name in ("lighthouse.html", "sourdough.html")]
    lib = Library(tmp_path / "lib", workers=1)
    assert len(lib.import_paths(pages).imported_ids) == 2
    yield lib
    lib.close()


def _spoil(library: Library, article_id: int) -> None:
    """Stand in for an older extractor's result."""
    db = sqlite3.connect(library.folder / "library.sqlite3")
    db.execute("UPDATE articles SET html = '<p>stale words</p>' WHERE id = ?", (article_id,))
    db.commit()
    db.close()


def _id_of(library: Library, title_start: str) -> int:
    return next(a.id for a in library.articles() if a.title.startswith(title_start))


def _extract_again(qtbot: QtBot, window: MainWindow) -> str:
    """Click "Extract again" on the article shown; the status message once it is done."""
    action = window.reader.reextract_action
    assert action.isEnabled()
    with qtbot.waitSignal(window.reextraction.ended, timeout=TIMEOUT_MS):
        action.trigger()
        assert not action.isEnabled()  # One at a time.
    return window.statusBar().currentMessage()


def test_extract_again_shows_the_new_text_in_place(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    article_id = _id_of(library, "The Lighthouse")
    library.set_tags(article_id, ["coast"])
    _spoil(library, article_id)
    window.open_article(article_id)
    assert "stale words" in window.reader.browser.toPlainText()

    assert _extract_again(qtbot, window) == "Extracted again from its saved page."
    shown = window.reader.browser.toPlainText()
    assert "stale words" not in shown
    assert "spiral stair" in shown
    assert window.reader.article_id == article_id
    assert window.reader.reextract_action.isEnabled()
    assert library.article(article_id).tags == ("coast",)


def test_extract_again_says_why_it_could_not(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    article_id = _id_of(library, "What Lives")
    (tmp_path / "pages" / "sourdough.html").unlink()
    for kept in (library.folder / "originals").rglob("*.gz"):
        kept.unlink()
    window.open_article(article_id)

    message = _extract_again(qtbot, window)
    assert message.startswith("Could not extract the article again: neither the original file")
    assert "sourdough starter" in window.reader.browser.toPlainText()  # What was there stays.
    assert window.reader.reextract_action.isEnabled()


def test_nothing_to_extract_again_without_an_article(window: MainWindow) -> None:
    window.reader.show_empty()
    assert not window.reader.reextract_action.isEnabled()
