"""The main window driven like a user would, over a real library."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from desktop_app.core import Article
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.reader import EMPTY_LIBRARY_PROMPT, SELECT_PROMPT, article_html
from desktop_app.gui.safe_browser import SafeTextBrowser

IMPORT_TIMEOUT_MS = 30_000

NEW_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Tide Tables of the Severn Estuary</title></head><body><article>
<h1>Tide Tables of the Severn Estuary</h1>
<p>The Severn estuary has one of the largest tidal ranges in the world, and the tide tables
printed every year by the harbour office let fishermen, pilots and walkers know when the mud
flats will be covered and when the famous bore will surge upstream towards Gloucester.</p>
<p>Keeping those tide tables accurate needs decades of careful observations, because the shape
of the channel, the weather and the moon all combine, and a forecast that is wrong by twenty
minutes can leave a careless walker stranded far from the shore as the water rises fast.</p>
</article></body></html>"""


def titles(win: MainWindow) -> list[str]:
    return [win.model.hit_at(row).title for row in range(win.model.rowCount())]


def select_title(win: MainWindow, needle: str) -> int:
    row = next(r for r, title in enumerate(titles(win)) if needle in title)
    win.result_list.setCurrentIndex(win.model.index(row))
    return win.model.hit_at(row).id


def test_opens_on_every_article_with_counts(window):
    assert window.model.rowCount() == 3
    assert window.results_label.text() == "3 articles"
    assert window.sidebar.item(0).text() == "Library · 3"
    assert window.sidebar.item(1).text() == "Bookmarks · 0"
    assert window.count_label.text() == "3 articles"
    assert window.reader.empty_label.text() == SELECT_PROMPT
    assert window.focusWidget() is window.search_field
    assert window.search_field.placeholderText() == "Search your library"


def test_typing_a_query_shows_only_matching_hits(qtbot, window):
    qtbot.keyClicks(window.search_field, "lighthouse")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert titles(window) == ["The Lighthouse Keepers of Ushant"]
    assert window.results_label.text() == "1 result for “lighthouse”"
    window.search_field.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)


def test_enter_searches_without_waiting(qtbot, window):
    window.search_field.setText("sourdough")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert titles(window) == ["What Lives in a Sourdough Starter"]


def test_a_query_with_no_match_says_so(qtbot, window):
    window.search_field.setText("zeppelin")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.model.rowCount() == 0
    assert window.results_label.text() == "No results for “zeppelin”"


def test_selecting_a_hit_shows_its_title_and_body(window):
    select_title(window, "Sourdough")
    text = window.reader.browser.toPlainText()
    assert "What Lives in a Sourdough Starter" in text
    assert "wild yeasts and lactic acid bacteria" in text
    assert "Tomas Ruiz" in text
    assert "https://fieldnotes.example/sourdough" in text
    assert text.count("What Lives in a Sourdough Starter") == 1, "the title must not repeat"
    assert not window.reader.empty_label.isVisible()


def test_bookmark_button_bookmarks_and_the_bookmarks_view_lists_it(qtbot, window, library):
    article_id = select_title(window, "glacier")
    action = window.reader.bookmark_action
    assert not action.isChecked()
    action.trigger()
    assert library.article(article_id).bookmarked
    assert action.text() == "★ Bookmarked"
    assert window.sidebar.item(1).text() == "Bookmarks · 1"
    window.show_bookmarks(True)
    assert [window.model.hit_at(r).id for r in range(window.model.rowCount())] == [article_id]
    assert window.results_label.text() == "1 bookmark"
    action.trigger()
    assert not library.article(article_id).bookmarked
    assert window.model.rowCount() == 0
    assert window.sidebar.item(1).text() == "Bookmarks · 0"
    window.show_bookmarks(False)
    assert window.model.rowCount() == 3


def test_ctrl_d_toggles_the_bookmark(qtbot, window, library):
    article_id = select_title(window, "Sourdough")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.result_list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert library.article(article_id).bookmarked
    assert window.sidebar.item(1).text() == "Bookmarks · 1"


def test_keyboard_switches_views_and_walks_from_search_into_results(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_2, ctrl)
    assert window.sidebar.bookmarked_only
    assert window.results_label.text() == "0 bookmarks"
    qtbot.keyClick(window, Qt.Key.Key_1, ctrl)
    assert not window.sidebar.bookmarked_only
    window.result_list.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, ctrl)
    assert QApplication.focusWidget() is window.search_field
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.result_list
    assert window.reader.article_id == window.model.hit_at(0).id


def test_reader_refuses_network_resources_but_shows_the_body(window):
    select_title(window, "Lighthouse")
    browser = window.reader.browser
    image = QTextDocument.ResourceType.ImageResource
    assert not browser.loadResource(image, QUrl("https://tracker.example/pixel.gif"))
    assert not browser.loadResource(image, QUrl("http://example.com/style.css"))
    assert not browser.loadResource(image, QUrl("pixel.gif"))
    assert "https://tracker.example/pixel.gif" in browser.blocked_urls
    assert "logbook of storms" in browser.toPlainText()


def test_reader_still_loads_local_files_and_inline_data(qtbot, tmp_path):
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    image = QTextDocument.ResourceType.ImageResource
    picture = tmp_path / "dot.txt"
    picture.write_text("local", encoding="utf-8")
    assert browser.loadResource(image, QUrl.fromLocalFile(str(picture)))
    # The document asks the browser first, then decodes data: URLs itself.
    document = browser.document()
    assert document.loadResource(image, QUrl("data:text/plain;base64,aGVsbG8=")) == b"hello"
    assert not document.loadResource(image, QUrl("https://tracker.example/a.png"))
    assert not browser.loadResource(image, QUrl.fromLocalFile(str(tmp_path / "missing.png")))


def test_reader_loads_assets_through_the_loader_it_was_given(qtbot, tmp_path):
    kept_file = tmp_path / "0a1b.png"
    kept_file.write_bytes(b"\x89PNG not really")
    kept = {"asset:0a1b.png": kept_file}
    browser = SafeTextBrowser(load_asset=kept.get)
    qtbot.addWidget(browser)
    image = QTextDocument.ResourceType.ImageResource
    assert browser.loadResource(image, QUrl("asset:0a1b.png")) == b"\x89PNG not really"
    assert not browser.loadResource(image, QUrl("asset:ffff.png"))
    assert "asset:ffff.png" in browser.blocked_urls
    assert browser.can_load("asset:0a1b.png")
    assert not browser.can_load("asset:ffff.png")
    assert not browser.can_load("https://example.org/a.png")


def test_an_image_saved_beside_a_page_shows_in_the_reader(qtbot, window, tmp_path):
    folder = tmp_path / "with-image"
    folder.mkdir()
    picture = QImage(300, 200, QImage.Format.Format_RGB32)
    picture.fill(QColor("teal"))
    assert picture.save(str(folder / "harbour.png"))
    page = NEW_PAGE.replace("</h1>", '</h1><p><img src="harbour.png" alt="The harbour"></p>')
    (folder / "tides.html").write_text(page, encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=IMPORT_TIMEOUT_MS):
        window.import_paths([folder / "tides.html"])
    select_title(window, "Tide Tables")
    reference = re.search(r'src="(asset:[^"]+)"', window.reader.browser.toHtml())
    assert reference, "the kept image must stay in the reader's HTML"
    loaded = window.reader.browser.loadResource(
        QTextDocument.ResourceType.ImageResource, QUrl(reference.group(1))
    )
    assert QImage.fromData(loaded).size() == picture.size()
    document = window.reader.browser.document()
    block = document.begin()
    while block.isValid() and "\ufffc" not in block.text():
        block = block.next()
    assert block.isValid(), "the image must be laid out"
    layout = document.documentLayout()
    advance = layout.blockBoundingRect(block.next()).y() - layout.blockBoundingRect(block).y()
    # Not stretched by the body's 150% line height: the image plus its spacing, no more.
    assert picture.height() <= advance < picture.height() + 60


def test_images_the_reader_cannot_show_are_left_out():
    article = Article(
        id=1,
        title="Pictures",
        text="",
        html=(
            '<p>a</p><img src="https://x.example/a.png">'
            '<img alt="no source"><img src="asset:k.png">'
        ),
    )
    shown = article_html(article, keep_image=lambda src: src == "asset:k.png")
    assert "x.example" not in shown
    assert "no source" not in shown
    assert '<img src="asset:k.png">' in shown


def test_links_go_to_the_system_browser_not_into_the_reader(qtbot):
    opened: list[str] = []
    browser = SafeTextBrowser(open_external=lambda url: opened.append(url.toString()))
    qtbot.addWidget(browser)
    browser.show_html('<p id="top">text</p>')
    browser.anchorClicked.emit(QUrl("https://example.org/page"))
    browser.anchorClicked.emit(QUrl("#top"))
    browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened == ["https://example.org/page"]
    assert browser.source().isEmpty()
    assert "text" in browser.toPlainText()


def test_import_through_the_window_grows_the_list_and_names_the_failure(qtbot, window, tmp_path):
    new_page = tmp_path / "tides.html"
    new_page.write_text(NEW_PAGE, encoding="utf-8")
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(os.urandom(4096))
    task = window.import_paths([new_page, garbage])
    assert task is not None
    assert window.imports.progress_strip.isVisible()
    with qtbot.waitSignal(task.finished, timeout=IMPORT_TIMEOUT_MS):
        pass
    assert window.model.rowCount() == 4
    assert "Tide Tables of the Severn Estuary" in titles(window)
    assert window.sidebar.item(0).text() == "Library · 4"
    message = window.statusBar().currentMessage()
    assert message.startswith("Imported 1 article")
    assert "1 failed" in message
    dialog = window.imports.failures_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert "garbage.bin" in dialog.listed_text()
    assert not window.imports.progress_strip.isVisible()


def test_the_window_stays_usable_while_importing(qtbot, window, tmp_path):
    new_page = tmp_path / "tides.html"
    new_page.write_text(NEW_PAGE, encoding="utf-8")
    task = window.import_paths([new_page])
    assert task is not None
    assert window.import_paths([new_page]) is None, "a second import waits for the first"
    window.search_field.setText("glacier")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.model.rowCount() == 1
    with qtbot.waitSignal(window.import_finished, timeout=IMPORT_TIMEOUT_MS) as blocker:
        pass
    assert len(blocker.args[0].imported_ids) == 1


def test_dropping_files_imports_them(qtbot, window, tmp_path):
    new_page = tmp_path / "dropped.html"
    new_page.write_text(NEW_PAGE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(new_page))])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.import_finished, timeout=IMPORT_TIMEOUT_MS):
        QApplication.sendEvent(window, drop)
    assert window.model.rowCount() == 4
    assert "Tide Tables of the Severn Estuary" in titles(window)


def test_an_empty_library_invites_an_import(qtbot, empty_library):
    win = MainWindow(empty_library)
    qtbot.addWidget(win)
    win.show()
    assert win.model.rowCount() == 0
    assert win.reader.empty_label.text() == EMPTY_LIBRARY_PROMPT
    assert win.reader.empty_label.isVisible()
    assert win.results_label.text() == "0 articles"


def test_closing_the_window_cancels_a_running_import(qtbot, window, tmp_path: Path):
    pages = []
    for number in range(30):
        page = tmp_path / f"copy-{number}.html"
        page.write_text(NEW_PAGE.replace("Severn", f"Severn {number}"), encoding="utf-8")
        pages.append(page)
    task = window.import_paths(pages)
    assert task is not None
    window.close()
    assert task.cancelled
    assert task.wait(0), "closing must wait for the import to stop before the library closes"


def test_reading_a_search_hit_marks_the_query_words(qtbot, window):
    window.search_field.setText("logbook")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    select_title(window, "Lighthouse")
    marked = [s.cursor.selectedText().lower() for s in window.reader.browser.extraSelections()]
    assert marked
    assert set(marked) <= {"logbook", "logbooks"}
    window.search_field.clear()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.reader.browser.extraSelections() == []


@pytest.mark.parametrize(
    ("query", "forms"),
    [
        ("keepers", {"keepers", "keeper"}),  # both forms, though one is no prefix of the other
        ("polishing", {"polish"}),
        ("lang:en", set()),  # a filter marks nothing
    ],
)
def test_the_reader_marks_the_forms_of_the_query_words_the_text_uses(
    qtbot, window, query: str, forms: set[str]
):
    window.search_field.setText(query)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    select_title(window, "Lighthouse")
    marked = {s.cursor.selectedText().lower() for s in window.reader.browser.extraSelections()}
    assert marked == forms


def test_wide_images_are_scaled_to_the_reading_column(qtbot, tmp_path):
    wide = QImage(3000, 300, QImage.Format.Format_RGB32)
    wide.fill(QColor("navy"))
    path = tmp_path / "wide.png"
    assert wide.save(str(path))
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(900, 600)
    browser.show()
    qtbot.waitExposed(browser)
    loaded = browser.loadResource(
        QTextDocument.ResourceType.ImageResource, QUrl.fromLocalFile(str(path))
    )
    assert isinstance(loaded, QImage)
    assert 200 <= loaded.width() <= browser.viewport().width()
    assert loaded.height() == round(300 * loaded.width() / 3000)
