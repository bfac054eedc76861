"""The sidebar's saved searches: click one to run it again, delete it from its menu."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QWidget

from desktop_app.gui import styles
from desktop_app.gui.signals import emit

log = logging.getLogger(__name__)

_QUERY_ROLE = Qt.ItemDataRole.UserRole
_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class SavedSearchList(QListWidget):
    """One row per saved search, named by the user; its query is the tooltip."""

    search_chosen = Signal(str)
    """The user picked a saved search; carries its query."""
    delete_requested = Signal(str)
    """The user asked to forget the saved search with this name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearches")
        self.setStyleSheet(styles.SIDEBAR_CSS)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self.itemClicked.connect(lambda item: emit(self.search_chosen, str(item.data(_QUERY_ROLE))))

    def show_searches(self, searches: Sequence[tuple[str, str]]) -> None:
        """Show ``(name, query)`` pairs, in the order given."""
        self.clear()
        for name, query in searches:
            item = QListWidgetItem(f"⌕ {name}", self)
            item.setData(_QUERY_ROLE, query)
            item.setData(_NAME_ROLE, name)
            item.setToolTip(query)
            item.setSizeHint(QSize(0, 28))
        self.setVisible(bool(searches))

    def names(self) -> list[str]:
        """The names shown, top to bottom."""
        return [str(self.item(row).data(_NAME_ROLE)) for row in range(self.count())]

    def _show_menu(self, position: QPoint) -> None:
        item = self.itemAt(position)
        if item is None:
            return
        name = str(item.data(_NAME_ROLE))
        menu = QMenu(self)
        menu.addAction(f"Delete “{name}”", lambda: emit(self.delete_requested, name))
        menu.popup(self.mapToGlobal(position))
