"""The saved page as it was, shown beside the extracted article to compare the two."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from desktop_app.core import Article, CancelToken, ProgressCallback
from desktop_app.gui import styles
from desktop_app.gui.safe_browser import SafeTextBrowser
from desktop_app.gui.signals import emit
from desktop_app.gui.tasks import Task, run_task

log = logging.getLogger(__name__)

OriginalLoader = Callable[[int], str | None]
"""The saved page behind an article id, as HTML, or ``None`` when there is none."""
NO_ORIGINAL_MESSAGE = "The original of this article is plain text, or its file is gone."
READING_MESSAGE = "Reading the saved page…"
_TEXT_FORMAT = "text"
"""The source format of a plain-text import, which has no page to show."""


def may_have_original(article: Article) -> bool:
    """Whether an HTML original can exist, judged from the sources without reading them."""
    return bool(article.sources) and article.sources[0].format != _TEXT_FORMAT


class OriginalPane(QStackedWidget):
    """A safe browser on the original page, loaded only when shown, or a short message.

    The page is read off the main thread: finding one page in a crawl of hundreds of
    megabytes reads through the whole file (two seconds for 146 MB), and the window must
    not freeze meanwhile. Until it comes, the pane says it is reading.
    """

    shown = Signal(int)
    """The original of this article id (or the message that it has none) is now shown."""

    def __init__(self, load_original: OriginalLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load_original = load_original
        self._loaded_id: int | None = None
        self._task: Task | None = None
        self.browser = SafeTextBrowser(self)
        self.message = self._label(NO_ORIGINAL_MESSAGE)
        self.reading = self._label(READING_MESSAGE)
        for widget in (self.browser, self.message, self.reading):
            self.addWidget(widget)

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("emptyState")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setStyleSheet(styles.EMPTY_STATE_CSS)
        return label

    @property
    def loaded_id(self) -> int | None:
        """The article whose original is shown or being read, if any."""
        return self._loaded_id

    def show_original(self, article_id: int) -> None:
        """Read and show the original of ``article_id`` unless it is shown or being read."""
        if article_id == self._loaded_id:
            return
        self._loaded_id = article_id
        if self._task is not None:
            self._task.cancel()  # Its article is no longer wanted; a read begun still ends.
        self.browser.show_html("")
        self.setCurrentWidget(self.reading)
        task = run_task(partial(self._read, article_id), f"original of {article_id}", self)
        task.finished.connect(partial(self._on_read, article_id))
        task.failed.connect(partial(self._on_failed, article_id))
        self._task = task

    def forget(self) -> None:
        """Drop the page shown, so the next ``show_original`` loads afresh."""
        self._loaded_id = None
        self.browser.show_html("")

    def shutdown(self) -> None:
        """Wait for a read under way before the library closes; its page is not wanted."""
        if self._task is not None and self._task.running:
            self._task.abandon()

    def _read(
        self, article_id: int, _progress: ProgressCallback, cancel: CancelToken
    ) -> str | None:
        # On a pool thread. A read queued behind others may be for an article long left.
        return None if cancel.cancelled else self._load_original(article_id)

    def _on_failed(self, article_id: int, error: Exception) -> None:
        log.warning("could not read the original of article %s: %s", article_id, error)
        self._on_read(article_id, None)

    def _on_read(self, article_id: int, page: object) -> None:
        if article_id != self._loaded_id:
            return  # Another article was asked for meanwhile; its own read will show it.
        if isinstance(page, str):
            self.browser.show_html(page)
            self.setCurrentWidget(self.browser)
            log.debug("showing the original of article %s", article_id)
        else:
            self.setCurrentWidget(self.message)
        emit(self.shown, article_id)
