"""A long article is laid out once: the reader does not change width when it needs to scroll."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject

from desktop_app.core import Library
from desktop_app.gui import styles
from desktop_app.gui.main_window import MainWindow
from tests.pages import article_page

_PARAGRAPH = (
    "Paragraph {n} of the harbour survey records the soundings taken along the new sea wall "
    "at dawn, the height of the tide and the state of every stone the storm had loosened."
)


class _ResizeCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.count += 1
        return False


def test_showing_a_long_article_after_a_short_one_does_not_resize_the_reader(
    window: MainWindow, library: Library, tmp_path: Path, qtbot: Any
) -> None:
    long_page = tmp_path / "survey.html"
    paragraphs = [_PARAGRAPH.format(n=n) for n in range(400)]
    long_page.write_text(article_page("The Harbour Survey", paragraphs), encoding="utf-8")
    [long_id] = library.import_paths([long_page]).imported_ids
    short_id = next(a.id for a in library.articles() if a.id != long_id)
    window.resize(1280, 800)
    window.open_article(short_id)
    qtbot.waitUntil(lambda: window.reader.article_id == short_id)

    counter = _ResizeCounter()
    window.reader.browser.viewport().installEventFilter(counter)
    window.open_article(long_id)
    qtbot.waitUntil(lambda: window.reader.article_id == long_id)
    window.reader.browser.viewport().removeEventFilter(counter)

    # A resize would lay the whole document out a second time at the new width.
    assert counter.count == 0
    assert "Paragraph 399 of the harbour survey" in window.reader.browser.toPlainText()
    assert window.reader.browser.verticalScrollBar().maximum() > 0


@pytest.mark.parametrize("size", [(1000, 700), (1600, 900), (1920, 1080), (2560, 1440)])
def test_a_wide_reader_keeps_a_readable_column_between_steady_margins(
    window: MainWindow, library: Library, qtbot: Any, size: tuple[int, int]
) -> None:
    # The margins once came from the viewport's width, which they change: on a reader wider
    # than some 780 pixels they went back and forth until the window crashed.
    window.resize(*size)
    window.show()
    article_id = next(a.id for a in library.articles())
    window.open_article(article_id)
    qtbot.waitUntil(lambda: window.reader.article_id == article_id)
    browser = window.reader.browser
    side = max(styles.READER_MIN_MARGIN, (browser.width() - styles.READER_MAX_WIDTH) // 2)
    margins = browser.viewportMargins()
    assert (margins.left(), margins.right()) == (side, side)
    assert browser.viewport().width() <= styles.READER_MAX_WIDTH
