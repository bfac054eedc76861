"""Extracts articles again from their saved pages in the background: the one being read, or
the whole library (after an upgrade of the extractor)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core import CancelToken, Library, ProgressCallback, ReextractOutcome
from desktop_app.gui.formatting import plural
from desktop_app.gui.signals import emit
from desktop_app.gui.tasks import Task

log = logging.getLogger(__name__)

_UNEXPECTED = "an unexpected error (see the log file)"


class ReextractFlow(QObject):
    """Runs one re-extraction at a time: of one article (``ended``) or of all (``all_ended``)."""

    ended = Signal(int, str)
    """The article with this id was extracted again (empty text) or not (the reason)."""
    all_progressed = Signal(object)
    """A ``Progress`` of the re-extraction of the whole library."""
    all_ended = Signal(str)
    """The whole library's re-extraction ended (done, stopped or failed): a line saying so."""

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

    def start_all(self) -> Task | None:
        """Extract every article again; ``None`` when another re-extraction is running."""
        if self._task is not None:
            return None
        task = Task(self._library_again, name="reextract all", parent=self)
        task.progressed.connect(lambda progress: emit(self.all_progressed, progress))
        task.finished.connect(lambda outcomes: self._end_all(task, outcomes))
        task.failed.connect(lambda error: self._end_all(task, str(error) or _UNEXPECTED))
        self._task = task
        task.start()
        return task

    def cancel(self) -> None:
        """Stop after the article being written; what was done stays done."""
        if self._task is not None:
            self._task.cancel()

    def shutdown(self) -> None:
        """Stop a running re-extraction before the library closes; what was done stays."""
        if self._task is not None:
            self._task.abandon()
            self._task = None

    def _run(
        self, article_id: int, progress: ProgressCallback, cancel: CancelToken
    ) -> ReextractOutcome:
        [outcome] = self._library.reextract([article_id], progress, cancel)
        return outcome

    def _library_again(
        self, progress: ProgressCallback, cancel: CancelToken
    ) -> list[ReextractOutcome]:
        return self._library.reextract(None, progress, cancel)

    def _end(self, article_id: int, outcome: ReextractOutcome | str) -> None:
        self._task = None
        if isinstance(outcome, str):
            emit(self.ended, article_id, outcome or _UNEXPECTED)
        else:
            emit(self.ended, article_id, "" if outcome.updated else outcome.reason)

    def _end_all(self, task: Task, outcomes: list[ReextractOutcome] | str) -> None:
        self._task = None
        if isinstance(outcomes, str):
            emit(self.all_ended, f"Could not extract the articles again: {outcomes}")
        else:
            emit(self.all_ended, reextract_summary(outcomes, stopped=task.cancelled))


def reextract_summary(outcomes: Sequence[ReextractOutcome], stopped: bool = False) -> str:
    """One line on a re-extraction of many articles: how many were done, and why not the rest."""
    updated = sum(1 for outcome in outcomes if outcome.updated)
    pages = "its saved page" if updated == 1 else "their saved pages"
    line = f"Extracted {plural(updated, 'article')} again from {pages}"
    missed = [outcome for outcome in outcomes if not outcome.updated]
    if missed:
        line += f"; {len(missed):,} could not be (for one: {missed[0].reason})"
    return line + (" before it was stopped." if stopped else ".")
