"""How an import shows itself: progress in the status bar, a summary, and what failed."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import FileOutcome, ImportReport, OutcomeKind, Progress
from desktop_app.gui.elided_label import ElidedLabel
from desktop_app.gui.formatting import plural
from desktop_app.gui.import_dialog import FINISHING, LOOKING, current_text

log = logging.getLogger(__name__)


def not_imported(report: ImportReport) -> list[FileOutcome]:
    """Inputs that brought no article in for a reason the user should see: failed or skipped."""
    return [o for o in report.outcomes if o.kind in (OutcomeKind.FAILED, OutcomeKind.SKIPPED)]


def summarize(report: ImportReport) -> str:
    """``Imported 5 articles · 1 duplicate · 1 failed``, leaving out kinds that did not occur."""
    imported = len(report.imported_ids)
    parts = [f"Imported {plural(imported, 'article')}"]
    duplicates = len(report.of_kind(OutcomeKind.DUPLICATE))
    if duplicates:
        parts.append(plural(duplicates, "duplicate"))
    skipped = len(report.of_kind(OutcomeKind.SKIPPED))
    if skipped:
        parts.append(f"{skipped:,} skipped")
    if report.failed:
        parts.append(f"{len(report.failed):,} failed")
    if report.cancelled:
        parts.append("cancelled")
    return " · ".join(parts)


class ImportProgress(QWidget):
    """Status-bar strip: the file being read, a done/total bar and a Cancel button."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_label = ElidedLabel(self)
        self.current_label.setMinimumWidth(160)
        self.current_label.setMaximumWidth(420)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setRange(0, 0)
        self.bar.setFormat("%v / %m")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(8)
        layout.addWidget(self.current_label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)

    def start(self) -> None:
        """Reset for a new import and show an indeterminate bar until the first report."""
        self.bar.setRange(0, 0)
        self.current_label.set_full_text(LOOKING)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")

    def show_progress(self, progress: Progress) -> None:
        """Move the bar and name the file being read."""
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(min(progress.done, max(progress.total, 1)))
        text = current_text(progress)
        self.current_label.set_full_text(text)
        self.current_label.setToolTip("" if text == FINISHING else progress.current)

    def show_stopping(self) -> None:
        """Show that the import stops after the current file."""
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Cancelling…")


class ImportFailuresDialog(QDialog):
    """A non-modal list of the files that brought no article in (failed or skipped), and why."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outcomes = not_imported(report)
        self.setWindowTitle(f"Some files {_not_imported_verb(report, 2)} imported")
        self.resize(680, 340)
        verb = _not_imported_verb(report, len(outcomes))
        heading = QLabel(f"{plural(len(outcomes), 'file')} {verb} imported:", self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["File", "Reason"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        for outcome in outcomes:
            self.tree.addTopLevelItem(_outcome_item(outcome))
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 24)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def listed_text(self) -> str:
        """Every row as ``file: reason`` lines, for logs and tests."""
        rows = []
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            assert item is not None  # the index is below topLevelItemCount().
            rows.append(f"{item.text(0)}: {item.text(1)}")
        return "\n".join(rows)


def _not_imported_verb(report: ImportReport, count: int) -> str:
    # After Cancel the list is mostly files the user chose not to wait for, not failures.
    if not report.cancelled:
        return "could not be"
    return "was not" if count == 1 else "were not"


def _outcome_item(outcome: FileOutcome) -> QTreeWidgetItem:
    reason = outcome.reason or "unknown error"
    if outcome.kind is OutcomeKind.SKIPPED:
        reason = f"skipped: {reason}"
    item = QTreeWidgetItem([Path(outcome.path).name, reason])
    item.setToolTip(0, outcome.path)
    item.setToolTip(1, reason)
    return item
