"""The narrow list on the left: the whole library or only the bookmarks, each with its count."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop_app.gui import styles
from desktop_app.gui.signals import emit

log = logging.getLogger(__name__)

LIBRARY_ROW = 0
BOOKMARKS_ROW = 1


def glyph_icon(glyph: str, colour: str, size: int = 32) -> QIcon:
    """An icon drawn from one character, so the app needs no image files."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    font = QFont()
    font.setPixelSize(int(size * 0.8))
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


class Sidebar(QListWidget):
    """Two entries, "Library" and "Bookmarks"; choosing one emits ``view_changed``."""

    view_changed = Signal(bool)
    """The user chose a view; ``True`` means bookmarks only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setStyleSheet(styles.SIDEBAR_CSS)
        self.setIconSize(QSize(16, 16))
        self.setFixedWidth(176)
        self._library_item = self._add_item(glyph_icon("▤", styles.MUTED_TEXT))
        self._bookmarks_item = self._add_item(glyph_icon("★", styles.BOOKMARK_STAR))
        self.set_counts(0, 0)
        self.setCurrentRow(LIBRARY_ROW)
        self.currentRowChanged.connect(self._on_row_changed)

    @property
    def bookmarked_only(self) -> bool:
        """Whether the Bookmarks entry is chosen."""
        return self.currentRow() == BOOKMARKS_ROW

    def set_counts(self, articles: int, bookmarks: int) -> None:
        """Show how many articles and bookmarks there are."""
        self._library_item.setText(f"Library · {articles:,}")
        self._bookmarks_item.setText(f"Bookmarks · {bookmarks:,}")

    def show_bookmarks(self, bookmarked_only: bool) -> None:
        """Choose an entry from elsewhere (a menu, a shortcut); emits ``view_changed``."""
        self.setCurrentRow(BOOKMARKS_ROW if bookmarked_only else LIBRARY_ROW)

    def _add_item(self, icon: QIcon) -> QListWidgetItem:
        item = QListWidgetItem(icon, "", self)
        item.setSizeHint(QSize(0, 34))
        return item

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            # Clicking empty space must not leave neither view chosen.
            self.setCurrentRow(LIBRARY_ROW)
            return
        log.debug("sidebar view: %s", "bookmarks" if row == BOOKMARKS_ROW else "library")
        emit(self.view_changed, row == BOOKMARKS_ROW)
