"""What sits beside the search field: the sort order, saving the search, and the query help."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QWidget

from desktop_app.gui.query_help import QueryHelp
from desktop_app.gui.signals import emit

log = logging.getLogger(__name__)

# (label, the library's sort name)
SORTS = (("Relevance", "relevance"), ("Newest", "date"), ("Title", "title"))


class SearchControls(QWidget):
    """A sort list, a "Save" button and a "?" button that opens the query help."""

    sort_changed = Signal(str)
    """The user chose another order: ``relevance``, ``date`` or ``title``."""
    save_requested = Signal()
    """The user wants the current search kept under a name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sort_box = QComboBox(self)
        self.sort_box.setObjectName("sortBox")
        self.sort_box.setToolTip("Order of the results")
        for label, name in SORTS:
            self.sort_box.addItem(label, name)
        self.sort_box.currentIndexChanged.connect(lambda _row: emit(self.sort_changed, self.sort))
        self.save_button = QToolButton(self)
        self.save_button.setText("Save search")
        self.save_button.setToolTip("Keep this search in the sidebar")
        self.save_button.setAutoRaise(True)
        self.save_button.clicked.connect(lambda _checked=False: emit(self.save_requested))
        self.help_button = QToolButton(self)
        self.help_button.setObjectName("queryHelpButton")
        self.help_button.setText("?")
        self.help_button.setToolTip("How to search: phrases, fields, dates… (F1)")
        self.help_button.clicked.connect(lambda _checked=False: self.show_help())
        self.help = QueryHelp(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.help_button)
        layout.addWidget(self.sort_box)
        layout.addWidget(self.save_button)

    @property
    def sort(self) -> str:
        """The chosen order, as the library names it."""
        return str(self.sort_box.currentData())

    def set_can_save(self, can_save: bool) -> None:
        """Offer saving only when there is something to save."""
        self.save_button.setEnabled(can_save)

    def show_help(self) -> None:
        """Open (or raise) the query help beside the window."""
        self.help.show()
        self.help.raise_()
        self.help.activateWindow()
