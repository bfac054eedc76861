"""Runs one import at a time in the background, showing it in a dialog and the status bar."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from desktop_app.core import CancelToken, ImportReport, Library, ProgressCallback
from desktop_app.gui.import_dialog import ImportDialog
from desktop_app.gui.import_status import (
    ImportFailuresDialog,
    ImportProgress,
    not_imported,
    summarize,
)
from desktop_app.gui.signals import emit
from desktop_app.gui.tasks import Task

log = logging.getLogger(__name__)


class ImportFlow(QObject):
    """Starts imports, shows their progress, then a summary and any failures.

    Progress shows twice: in a dialog the user may hide, and in a strip in the status bar
    that stays until the import ends. Both offer Cancel.
    """

    import_finished = Signal(object)
    """An import ended (completed or cancelled) with this ``ImportReport``."""
    import_failed = Signal(Exception)
    """An import stopped with an error before it could report on every file."""

    def __init__(self, library: Library, status_bar: QStatusBar, window: QWidget) -> None:
        super().__init__(window)
        self._library = library
        self._status_bar = status_bar
        self._window = window
        self._task: Task | None = None
        self._waiting: list[Path] = []
        self.failures_dialog: ImportFailuresDialog | None = None
        self.progress_strip = ImportProgress(window)
        self.progress_strip.cancel_requested.connect(self.cancel)
        self.progress_strip.hide()
        self.progress_dialog = ImportDialog(window)
        self.progress_dialog.cancel_requested.connect(self.cancel)

    @property
    def task(self) -> Task | None:
        """The import running now, if any."""
        return self._task

    def start(self, paths: Sequence[Path]) -> Task | None:
        """Import ``paths`` in the background; ``None`` if there is nothing to do or one runs."""
        if not paths:
            return None
        if self._task is not None:
            self._status_bar.showMessage("An import is already running; wait for it or cancel it.")
            return None
        log.info("importing %s path(s)", len(paths))
        # No Qt parent: the window may be destroyed while the worker still emits.
        task = Task(partial(self._run_import, list(paths)), name="import")
        task.progressed.connect(self.progress_strip.show_progress)
        task.progressed.connect(self.progress_dialog.show_progress)
        task.finished.connect(self._on_finished)
        task.failed.connect(self._on_failed)
        self._task = task
        self._show_progress()
        task.start()
        return task

    def start_or_queue(self, paths: Sequence[Path]) -> None:
        """Import ``paths`` now, or as soon as the import running now ends (files handed to
        the window from outside, one after another, are not refused for being early)."""
        if self._task is None:
            self.start(paths)
        else:
            self._waiting.extend(paths)

    def cancel(self) -> None:
        """Ask the running import to stop after the file it is on."""
        if self._task is None:
            return
        self._task.cancel()
        self.progress_strip.show_stopping()
        self.progress_dialog.show_stopping()

    def shutdown(self) -> None:
        """Stop any import before the library closes; its result is no longer wanted."""
        self._waiting = []
        if self._task is not None:
            self._task.abandon()
            self._end_progress()

    def _run_import(
        self, paths: list[Path], progress: ProgressCallback, cancel: CancelToken
    ) -> ImportReport:
        return self._library.import_paths(paths, progress=progress, cancel=cancel)

    def _show_progress(self) -> None:
        self._status_bar.clearMessage()
        self.progress_strip.start()
        self._status_bar.addWidget(self.progress_strip, 1)
        self.progress_strip.show()
        self.progress_dialog.start()
        self.progress_dialog.show()

    def _end_progress(self) -> None:
        self._status_bar.removeWidget(self.progress_strip)
        self.progress_strip.hide()
        self.progress_dialog.hide()
        self._task = None

    def _on_finished(self, report: ImportReport) -> None:
        self._end_progress()
        summary = summarize(report)
        log.info("import done: %s", summary)
        self._status_bar.showMessage(summary)
        if not_imported(report):
            self._show_failures(report)
        emit(self.import_finished, report)
        self._start_waiting()

    def _on_failed(self, error: Exception) -> None:
        self._end_progress()
        self._status_bar.showMessage(f"Import stopped: {error}")
        emit(self.import_failed, error)
        self._start_waiting()

    def _start_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        if waiting:
            self.start(waiting)

    def _show_failures(self, report: ImportReport) -> None:
        if self.failures_dialog is not None:
            self.failures_dialog.close()
            self.failures_dialog.deleteLater()
        self.failures_dialog = ImportFailuresDialog(report, self._window)
        self.failures_dialog.show()
