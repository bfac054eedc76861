"""One line of text, shortened to fit: a file name in the middle, a sentence at its end."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

log = logging.getLogger(__name__)


class ElidedLabel(QLabel):
    """One line of text, shortened when it does not fit the label's width (in the middle, or
    where ``mode`` says)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
    ) -> None:
        super().__init__(parent)
        self._full_text = ""
        self._mode = mode
        # The layout decides the width; a long file name must not widen the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    @property
    def full_text(self) -> str:
        """The text before shortening."""
        return self._full_text

    def set_full_text(self, text: str) -> None:
        """Show ``text``, shortened to fit."""
        self._full_text = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        self.setText(self.fontMetrics().elidedText(self._full_text, self._mode, width))
