"""The saved page as it was, shown beside the extracted article to compare the two."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from desktop_app.core import Article
from desktop_app.gui import styles
from desktop_app.gui.safe_browser import SafeTextBrowser

log = logging.getLogger(__name__)

OriginalLoader = Callable[[int], str | None]
"""The saved page behind an article id, as HTML, or ``None`` when there is none."""
NO_ORIGINAL_MESSAGE = "The original of this article is plain text, or its file is gone."
_TEXT_FORMAT = "text"
"""The source format of a plain-text import, which has no page to show."""


def may_have_original(article: Article) -> bool:
    """Whether an HTML original can exist, judged from the sources without reading them."""
    return bool(article.sources) and article.sources[0].format != _TEXT_FORMAT


class OriginalPane(QStackedWidget):
    """A safe browser on the original page, loaded only when shown, or a short message."""

    def __init__(self, load_original: OriginalLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load_original = load_original
        self._loaded_id: int | None = None
        self.browser = SafeTextBrowser(self)
        self.message = QLabel(NO_ORIGINAL_MESSAGE, self)
        self.message.setObjectName("emptyState")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(styles.EMPTY_STATE_CSS)
        self.addWidget(self.browser)
        self.addWidget(self.message)

    def show_original(self, article_id: int) -> bool:
        """Load the original of ``article_id`` unless it is already shown; whether there is one."""
        if article_id == self._loaded_id:
            return self.currentWidget() is self.browser
        self._loaded_id = article_id
        page = self._load_original(article_id)
        if page is None:
            self.browser.show_html("")
            self.setCurrentWidget(self.message)
            return False
        self.browser.show_html(page)
        self.setCurrentWidget(self.browser)
        log.debug("showing the original of article %s", article_id)
        return True

    def forget(self) -> None:
        """Drop the page shown, so the next ``show_original`` loads afresh."""
        self._loaded_id = None
        self.browser.show_html("")
