"""The reader's doubtful-extraction line, the original beside the article, tags and notes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.core import Library
from desktop_app.gui import styles
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.reader import DOUBTFUL_MESSAGE
from tests.gui.conftest import write_page
from tests.pages import article_page

STUB_TITLE = "Members only: the tide tables"


@pytest.fixture
def mixed_library(tmp_path: Path) -> Iterator[Library]:
    """A good article, a paywall stub and a plain-text note."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = write_page(folder, "lighthouse.html")
    stub = folder / "stub.html"
    teaser = ["Subscribe to read the rest of this story about the tide tables."]
    stub.write_text(article_page(STUB_TITLE, teaser, site="Field Notes"), encoding="utf-8")
    text = folder / "harbours.txt"
    text.write_text(
        "Harbour walls\n\n" + "Harbour walls were built long ago to keep storms out. " * 20,
        encoding="utf-8",
    )
    lib = Library(tmp_path / "lib", workers=1)
    report = lib.import_paths([good, stub, text])
    assert len(report.imported_ids) == 3, report
    yield lib
    lib.close()


@pytest.fixture
def window(qtbot: QtBot, mixed_library: Library) -> MainWindow:
    win = MainWindow(mixed_library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _id_of(library: Library, title_start: str) -> int:
    return next(a.id for a in library.articles() if a.title.startswith(title_start))


def test_doubtful_extraction_is_marked(window: MainWindow, mixed_library: Library) -> None:
    stub_id = _id_of(mixed_library, STUB_TITLE)
    good_id = _id_of(mixed_library, "The Lighthouse")
    assert mixed_library.article(stub_id).confidence < 0.5
    assert mixed_library.article(good_id).confidence >= 0.5

    window.open_article(stub_id)
    label = window.reader.warning_label
    assert label.isVisible()
    assert label.full_text == DOUBTFUL_MESSAGE
    assert mixed_library.article(stub_id).extractor in label.toolTip()

    window.open_article(good_id)
    assert not label.isVisible()


def test_original_pane_shows_the_saved_page(
    qtbot: QtBot, window: MainWindow, mixed_library: Library
) -> None:
    good_id = _id_of(mixed_library, "The Lighthouse")
    window.open_article(good_id)
    reader = window.reader
    pane = reader.original_pane
    assert "About us" not in reader.browser.toPlainText()
    assert not pane.isVisible()
    assert pane.browser.toPlainText() == ""  # nothing loaded until shown

    with qtbot.waitSignal(pane.shown, timeout=10_000):
        reader.original_action.trigger()
        assert pane.isVisible()
        assert pane.currentWidget() is pane.reading  # read off the main thread
    original = pane.browser.toPlainText()
    assert "About us" in original
    assert "All rights reserved" in original
    assert reader.panes.sizes()[1] > 0

    # Switching articles while it is on shows the new article's original.
    with qtbot.waitSignal(pane.shown, timeout=10_000):
        window.open_article(_id_of(mixed_library, STUB_TITLE))
    assert "Subscribe to read the rest" in pane.browser.toPlainText()


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_list_gives_way_to_the_original_and_gets_its_width_back(
    qtbot: QtBot, window: MainWindow, mixed_library: Library, width: int
) -> None:
    window.resize(width, 700)
    window.open_article(_id_of(mixed_library, "The Lighthouse"))
    qtbot.wait(10)
    list_width, reader_width = window.splitter.sizes()
    assert list_width > styles.LIST_MIN_WIDTH

    window.reader.original_action.trigger()
    narrowed, widened = window.splitter.sizes()
    assert narrowed >= styles.LIST_MIN_WIDTH
    assert narrowed < list_width
    assert widened > reader_width
    article_pane, original_pane = window.reader.panes.sizes()
    assert min(article_pane, original_pane) > reader_width // 2

    window.reader.original_action.trigger()
    assert window.splitter.sizes()[0] == list_width


def test_original_is_disabled_for_plain_text(window: MainWindow, mixed_library: Library) -> None:
    text_id = _id_of(mixed_library, "Harbour walls")
    assert mixed_library.original_html(text_id) is None
    window.reader.original_action.setChecked(True)
    window.open_article(text_id)
    assert not window.reader.original_action.isEnabled()
    assert not window.reader.original_pane.isVisible()
    window.open_article(_id_of(mixed_library, "The Lighthouse"))
    assert window.reader.original_action.isEnabled()
    assert window.reader.original_pane.isVisible()


def test_tags_are_kept_cleaned_and_searchable(
    qtbot: QtBot, window: MainWindow, mixed_library: Library
) -> None:
    good_id = _id_of(mixed_library, "The Lighthouse")
    window.open_article(good_id)
    field = window.reader.annotations.tag_field
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, " Brittany, Coast ,brittany, ")
    qtbot.keyClick(field, Qt.Key.Key_Return)

    assert mixed_library.article(good_id).tags == ("brittany", "coast")
    assert field.text() == "brittany, coast"
    hits = mixed_library.search("brittany").hits
    assert [hit.id for hit in hits] == [good_id]
    assert window.reader.article_id == good_id


def test_tagging_keeps_the_reading_position(
    qtbot: QtBot, window: MainWindow, mixed_library: Library
) -> None:
    window.resize(900, 400)
    good_id = _id_of(mixed_library, "The Lighthouse")
    window.open_article(good_id)
    bar = window.reader.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    position = bar.value()
    field = window.reader.annotations.tag_field
    field.setText("islands")
    field.editingFinished.emit()
    window.refresh(keep_reader=True)
    assert mixed_library.article(good_id).tags == ("islands",)
    assert bar.value() == position


def test_note_is_saved_when_focus_leaves(
    qtbot: QtBot, window: MainWindow, mixed_library: Library
) -> None:
    good_id = _id_of(mixed_library, "The Lighthouse")
    window.open_article(good_id)
    box = window.reader.annotations.note_box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "Ask the museum about the logbooks")
    assert mixed_library.article(good_id).note == ""  # not yet: still typing
    window.search_field.setFocus()
    qtbot.waitUntil(lambda: mixed_library.article(good_id).note != "")
    assert mixed_library.article(good_id).note == "Ask the museum about the logbooks"
    assert [hit.id for hit in mixed_library.search("museum").hits] == [good_id]


def test_note_is_saved_after_a_pause_and_on_switching(
    qtbot: QtBot, window: MainWindow, mixed_library: Library
) -> None:
    good_id = _id_of(mixed_library, "The Lighthouse")
    stub_id = _id_of(mixed_library, STUB_TITLE)
    window.open_article(good_id)
    box = window.reader.annotations.note_box
    box.setPlainText("Read again in winter")
    qtbot.waitUntil(lambda: mixed_library.article(good_id).note == "Read again in winter")

    box.setPlainText("Unsaved until the switch")
    window.open_article(stub_id)
    assert mixed_library.article(good_id).note == "Unsaved until the switch"
    assert box.toPlainText() == ""
    window.open_article(good_id)
    assert box.toPlainText() == "Unsaved until the switch"


def test_note_typed_just_before_closing_is_kept(window: MainWindow, mixed_library: Library) -> None:
    good_id = _id_of(mixed_library, "The Lighthouse")
    window.open_article(good_id)
    window.reader.annotations.note_box.setPlainText("Last thought")
    window.close()
    assert mixed_library.article(good_id).note == "Last thought"
