"""Extracts the article being read again from its saved page, in the background."""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core import CancelToken, Library, ProgressCallback, ReextractOutcome
from desktop_app.gui.signals import emit
from desktop_app.gui.tasks import Task

log = logging.getLogger(__name__)

_SHUTDOWN_WAIT = 15.0


class ReextractFlow(QObject):
    """Runs one re-extraction at a time; reports how it went through ``ended``."""

    ended = Signal(int, str)
    """The article with this id was extracted again (empty text) or not (the reason)."""

    def __init__(self, library: Library, window: QWidget) -> None:
        super().__init__(window)
        self._library = library
        self._task: Task | None = None

    @property
    def task(self) -> Task | None:
        """The re-extraction running now, if any."""
        return self._task

    def start(self, article_id: int) -> Task | None:
        """Extract ``article_id`` again; ``None`` when another re-extraction is running."""
        if self._task is not None:
            return None
        task = Task(partial(self._run, article_id), name=f"reextract {article_id}", parent=self)
        task.finished.connect(lambda outcome: self._end(article_id, outcome))
        task.failed.connect(lambda error: self._end(article_id, str(error)))
        self._task = task
        task.start()
        return task

    def shutdown(self) -> None:
        """Let a running re-extraction finish before the library closes (it is one file)."""
        task = self._task
        if task is None:
            return
        if not task.abandon(_SHUTDOWN_WAIT):
            log.warning("re-extraction still running after %s s at shutdown", _SHUTDOWN_WAIT)
        self._task = None

    def _run(
        self, article_id: int, progress: ProgressCallback, cancel: CancelToken
    ) -> ReextractOutcome:
        [outcome] = self._library.reextract([article_id], progress, cancel)
        return outcome

    def _end(self, article_id: int, outcome: ReextractOutcome | str) -> None:
        self._task = None
        if isinstance(outcome, str):
            emit(self.ended, article_id, outcome or "an unexpected error (see the log file)")
        else:
            emit(self.ended, article_id, "" if outcome.updated else outcome.reason)
