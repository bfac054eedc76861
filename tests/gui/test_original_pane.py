"""The original page is read off the main thread, and only the article last asked for shows."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from desktop_app.core import CoreError
from desktop_app.gui.original_pane import OriginalPane

_WAIT_MS = 10_000


class _Pages:
    """Saved pages that are read only when the test lets them (a crawl that takes seconds)."""

    def __init__(self) -> None:
        self.gates = {n: threading.Event() for n in (1, 2, 3)}

    def read(self, article_id: int) -> str | None:
        self.gates[article_id].wait(_WAIT_MS / 1000)
        if article_id == 3:
            raise CoreError("the crawl cannot be read")
        return f"<p>The saved page of article {article_id}</p>"


def test_the_window_goes_on_while_the_original_is_read(qtbot: QtBot) -> None:
    pages = _Pages()
    pane = OriginalPane(pages.read)
    qtbot.addWidget(pane)
    pane.show_original(1)
    assert pane.currentWidget() is pane.reading
    qtbot.wait(100)  # The event loop runs while the page is being read.
    assert pane.currentWidget() is pane.reading
    with qtbot.waitSignal(pane.shown, timeout=_WAIT_MS) as shown:
        pages.gates[1].set()
    assert shown.args == [1]
    assert pane.currentWidget() is pane.browser
    assert "saved page of article 1" in pane.browser.toPlainText()


def test_a_page_read_for_an_article_left_meanwhile_is_not_shown(qtbot: QtBot) -> None:
    pages = _Pages()
    pane = OriginalPane(pages.read)
    qtbot.addWidget(pane)
    pane.show_original(1)
    pane.show_original(2)
    with qtbot.waitSignal(pane.shown, timeout=_WAIT_MS) as shown:
        pages.gates[2].set()
    assert shown.args == [2]
    # Article 1's read ends too (or never began, cancelled while queued): either way it says
    # so to the main thread, which must not show it.
    pages.gates[1].set()
    assert QThreadPool.globalInstance().waitForDone(_WAIT_MS)
    qtbot.wait(100)  # Long enough for its result to come back to the main thread.
    assert "saved page of article 2" in pane.browser.toPlainText()
    assert pane.loaded_id == 2


def test_a_page_that_cannot_be_read_shows_the_message(qtbot: QtBot) -> None:
    pages = _Pages()
    pane = OriginalPane(pages.read)
    qtbot.addWidget(pane)
    pages.gates[3].set()
    with qtbot.waitSignal(pane.shown, timeout=_WAIT_MS):
        pane.show_original(3)
    assert pane.currentWidget() is pane.message
    pane.shutdown()  # Nothing under way: returns at once.
