"""How an import shows itself: progress in the status bar, a summary, and what failed."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
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
from desktop_app.gui.formatting import plural

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
        self.current_label = QLabel(self)
        self.current_label.setMinimumWidth(160)
        self.current_label.setMaximumWidth(420)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setRange(0, 0)
        self.bar.setFormat("%v / %m")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self._on_cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(8)
        layout.addWidget(self.current_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)

    def start(self) -> None:
        """Reset for a new import and show an indeterminate bar until the first report."""
        self.bar.setRange(0, 0)
        self.current_label.setText("Looking for saved pages…")
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")

    def show_progress(self, progress: Progress) -> None:
        """Move the bar and name the file being read."""
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(min(progress.done, max(progress.total, 1)))
        name = Path(progress.current).name if progress.current else ""
        metrics = self.current_label.fontMetrics()
        elided = metrics.elidedText(
            name, Qt.TextElideMode.ElideMiddle, self.current_label.maximumWidth()
        )
        self.current_label.setText(f"Reading {elided}" if elided else "")
        self.current_label.setToolTip(progress.current)

    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Cancelling…")
        self.cancel_requested.emit()


class ImportFailuresDialog(QDialog):
    """A non-modal list of the files that brought no article in (failed or skipped), and why."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Some files could not be imported")
        self.resize(680, 340)
        outcomes = not_imported(report)
        heading = QLabel(f"{plural(len(outcomes), 'file')} could not be imported:", self)
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


def _outcome_item(outcome: FileOutcome) -> QTreeWidgetItem:
    reason = outcome.reason or "unknown error"
    if outcome.kind is OutcomeKind.SKIPPED:
        reason = f"skipped: {reason}"
    item = QTreeWidgetItem([Path(outcome.path).name, reason])
    item.setToolTip(0, outcome.path)
    item.setToolTip(1, reason)
    return item
