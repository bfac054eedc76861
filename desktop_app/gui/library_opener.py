"""Open the library off the main thread, saying so while its search index is rebuilt.

Opening is quick, unless the index must be rebuilt from the database: once after an upgrade
that changes how text is indexed, or when the index is damaged. At a few hundred articles a
second that takes minutes for a big library, and a window that stayed away meanwhile would
look broken. So the library opens on a pool thread and a dialog shows how the rebuild goes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core import Library, Progress
from desktop_app.core.paths import APP_NAME
from desktop_app.gui.formatting import plural
from desktop_app.gui.tasks import Task

log = logging.getLogger(__name__)


def open_library(folder: Path, parent: QWidget | None = None) -> Library:
    """The library in ``folder``, opened while the event loop runs; raises what opening
    raises (``CoreError`` for a library that cannot be opened)."""
    task = Task(lambda progress, _cancel: Library(folder, progress=progress), "open library")
    dialog = _RebuildDialog(parent)
    loop = QEventLoop()
    ended: list[object] = []

    def end(outcome: object) -> None:
        ended.append(outcome)
        loop.quit()

    task.progressed.connect(dialog.show_progress)
    task.finished.connect(end)
    task.failed.connect(end)
    task.start()
    loop.exec()
    dialog.close()
    [outcome] = ended
    if isinstance(outcome, Exception):
        raise outcome
    assert isinstance(outcome, Library)
    return outcome


class _RebuildDialog(QProgressDialog):
    """Shown from the first report of a rebuild on; nothing to cancel (the window needs the
    index), so no button."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setCancelButton(None)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        self.hide()

    def show_progress(self, progress: Progress) -> None:
        if not self.isVisible():
            log.info("rebuilding the search index of %d articles", progress.total)
        self.setLabelText(
            f"Rebuilding the search index: {progress.done:,} of "
            f"{plural(progress.total, 'article')}.\n"
            "This happens once after an upgrade, or when the index was damaged;\n"
            "the library opens when it is done."
        )
        self.setRange(0, max(progress.total, 1))
        self.setValue(progress.done)
        self.show()
