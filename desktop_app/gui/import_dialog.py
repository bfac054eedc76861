"""The import's progress dialog: the file being read, how many of how many, Cancel and Hide."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import Progress
from desktop_app.gui import styles
from desktop_app.gui.elided_label import ElidedLabel
from desktop_app.gui.formatting import plural

log = logging.getLogger(__name__)

TITLE = "Importing…"
LOOKING = "Looking for saved pages…"
STOPPING = "Stopping after the current file…"
# Once every file is read, the last articles are still being stored and indexed, and each
# site's repeated parts taken out of its pages: seconds for a big site.
FINISHING = "Finishing: storing and indexing the last pages…"


def count_text(progress: Progress) -> str:
    """``3 of 12 files``."""
    return f"{progress.done:,} of {plural(progress.total, 'file')}"


def current_text(progress: Progress) -> str:
    """``Reading page.html``, or ``FINISHING`` once every file is read; empty before."""
    if not progress.current:
        return ""
    if progress.done >= progress.total:
        return FINISHING
    name = Path(progress.current).name
    return f"Reading {name}, {progress.step}" if progress.step else f"Reading {name}"


class ImportDialog(QDialog):
    """A non-modal window over the main one; Cancel asks the import to stop, Hide closes it.

    The window stays usable while it shows. Enter and Escape only hide it: stopping an import
    takes a deliberate click on Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        # Reading or typing a search goes on undisturbed when an import starts.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setMinimumWidth(440)
        self.heading = QLabel(TITLE, self)
        self.heading.setStyleSheet("font-weight: 600;")
        self.file_label = ElidedLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet(f"color: {styles.MUTED_TEXT};")
        self.hide_button = QPushButton("Hide", self)
        self.hide_button.setDefault(True)
        self.hide_button.clicked.connect(self.hide)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self._stopping = False
        self._lay_out()

    @property
    def stopping(self) -> bool:
        """Whether Cancel was asked for and the import has not ended yet."""
        return self._stopping

    def start(self) -> None:
        """Reset for a new import; the bar is indeterminate until the first report."""
        self._stopping = False
        self.file_label.set_full_text(LOOKING)
        self.file_label.setToolTip("")
        self.count_label.setText("")
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)

    def show_progress(self, progress: Progress) -> None:
        """Move the bar, count the files and name the one being read."""
        total = max(progress.total, 1)
        self.bar.setRange(0, total)
        self.bar.setValue(min(progress.done, total))
        self.count_label.setText(count_text(progress))
        text = current_text(progress)
        if self._stopping or not text:
            return
        self.file_label.set_full_text(text)
        self.file_label.setToolTip("" if text == FINISHING else progress.current)

    def show_stopping(self) -> None:
        """Say the import stops after the current file, and take Cancel away."""
        self._stopping = True
        self.file_label.set_full_text(STOPPING)
        self.file_label.setToolTip("")
        self.cancel_button.setEnabled(False)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.hide_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.file_label)
        layout.addWidget(self.bar)
        layout.addSpacing(4)
        layout.addLayout(buttons)
