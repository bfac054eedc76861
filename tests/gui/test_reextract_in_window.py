"""The reader's "Extract again": the article is read again from its saved page in the background."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desktop_app.core import Library, ReextractOutcome
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.menus import EXTRACT_ALL_AGAIN, STOP_EXTRACTING
from desktop_app.gui.reextract_flow import reextract_summary
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


def _file_menu_action(window: MainWindow, text: str) -> QAction:
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == text)


def test_extract_all_again_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    ids = [a.id for a in library.articles()]
    for article_id in ids:
        _spoil(library, article_id)
    window.open_article(ids[0])
    action = _file_menu_action(window, EXTRACT_ALL_AGAIN)
    assert "stale words" in window.reader.browser.toPlainText()
    with qtbot.waitSignal(window.reextraction.all_ended, timeout=TIMEOUT_MS) as ended:
        window.reextract_all(confirm=False)
        assert action.text() == STOP_EXTRACTING
        assert not window.reader.reextract_action.isEnabled()
    assert ended.args == ["Extracted 2 articles again from their saved pages."]
    assert window.statusBar().currentMessage() == ended.args[0]
    assert action.text() == EXTRACT_ALL_AGAIN
    assert "stale words" not in window.reader.browser.toPlainText()
    assert "spiral stair" in window.reader.browser.toPlainText()


def test_the_summary_says_what_could_not_be_done_and_that_it_was_stopped() -> None:
    outcomes = [
        ReextractOutcome(1, True),
        ReextractOutcome(2, False, "the article has no source file"),
    ]
    assert reextract_summary(outcomes, stopped=True) == (
        "Extracted 1 article again from its saved page; 1 could not be "
        "(for one: the article has no source file) before it was stopped."
    )


def test_extract_all_again_stops_when_asked_again(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.reextraction.all_ended, timeout=TIMEOUT_MS) as ended:
        assert window.reextract_all(confirm=False) is not None
        assert window.reextract_all() is None  # The same command stops it.
    assert ended.args[0].endswith("before it was stopped.")
    assert window.reader.reextract_action.isEnabled() == (window.reader.article_id is not None)


def test_the_window_says_when_articles_came_from_an_older_extractor(
    qtbot: QtBot, library: Library
) -> None:
    db = sqlite3.connect(library.folder / "library.sqlite3")
    db.execute("UPDATE articles SET extractor = 'an older extractor'")
    db.commit()
    db.close()
    window = MainWindow(library)
    qtbot.addWidget(window)
    assert window.statusBar().currentMessage() == (
        "2 articles came from an older version of the extractor: "
        "File → Extract All Again… renews them."
    )
