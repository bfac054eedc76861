"""The one place the window runs work off the main thread and hears back on it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from desktop_app.core import CancelToken, CoreError, Progress, ProgressCallback
from desktop_app.gui.signals import emit

log = logging.getLogger(__name__)

TaskFunction = Callable[[ProgressCallback, CancelToken], Any]
SHUTDOWN_WAIT_SECONDS = 15.0
"""How long a closing window waits for an abandoned task to stop."""


class Task(QObject):
    """Runs ``fn(progress, cancel)`` on a pool thread; every signal arrives on the main thread.

    Create it on the main thread and call ``start()``. Each task runs once.
    """

    progressed = Signal(object)
    """A ``Progress`` from the job."""
    finished = Signal(object)
    """The job returned this value."""
    failed = Signal(Exception)
    """The job raised this error."""

    # Emitted from the worker thread; queued to the slots below, which re-emit the public
    # signals on the main thread so every listener (lambdas included) runs there.
    _worker_progressed = Signal(object)
    _worker_finished = Signal(object)
    _worker_failed = Signal(Exception)

    _alive: ClassVar[set[Task]] = set()
    """Tasks between ``start()`` and their last signal, kept from Python's garbage collector."""

    def __init__(self, fn: TaskFunction, name: str = "task", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._name = name
        self._token = CancelToken()
        self._done = threading.Event()
        self._runnable: _Runnable | None = None
        self._abandoned = False
        queued = Qt.ConnectionType.QueuedConnection
        self._worker_progressed.connect(self._relay_progress, queued)
        self._worker_finished.connect(self._relay_finished, queued)
        self._worker_failed.connect(self._relay_failed, queued)

    @property
    def name(self) -> str:
        """What the task is doing, for logs."""
        return self._name

    @property
    def running(self) -> bool:
        """Whether the task was started and has not yet reported its end."""
        return self in Task._alive

    @property
    def cancelled(self) -> bool:
        """Whether cancellation was asked for."""
        return self._token.cancelled

    def start(self, pool: QThreadPool | None = None) -> None:
        """Queue the job on ``pool`` (the global pool by default)."""
        if self._runnable is not None:
            raise RuntimeError(f"task {self._name!r} was already started")
        self._runnable = _Runnable(self)
        Task._alive.add(self)
        (pool or QThreadPool.globalInstance()).start(self._runnable)
        log.debug("started task %s", self._name)

    def cancel(self) -> None:
        """Ask the job to stop after its current step."""
        log.info("cancelling task %s", self._name)
        self._token.cancel()

    def abandon(self, timeout: float = SHUTDOWN_WAIT_SECONDS) -> bool:
        """Ask the job to stop and wait up to ``timeout`` seconds for it, its signals silenced
        (the window is closing: nothing it would say is wanted); whether it ended in time."""
        self._abandoned = True
        self.cancel()
        ended = self.wait(timeout)
        if not ended:
            log.warning("task %s still running after %s s at shutdown", self._name, timeout)
        return ended

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job's function has returned; ``False`` if ``timeout`` ran out."""
        return self._done.wait(timeout)

    def _run_in_worker(self) -> None:
        try:
            result = self._fn(partial(emit, self._worker_progressed), self._token)
        except CoreError as error:
            log.info("task %s stopped: %s", self._name, error)
            emit(self._worker_failed, error)
        except Exception as error:
            log.exception("task %s failed unexpectedly", self._name)
            emit(self._worker_failed, error)
        else:
            emit(self._worker_finished, result)
        finally:
            self._done.set()

    @Slot(object)
    def _relay_progress(self, progress: Progress) -> None:
        if not self._abandoned:
            emit(self.progressed, progress)

    @Slot(object)
    def _relay_finished(self, result: object) -> None:
        Task._alive.discard(self)
        if not self._abandoned:
            emit(self.finished, result)

    @Slot(Exception)
    def _relay_failed(self, error: Exception) -> None:
        Task._alive.discard(self)
        if not self._abandoned:
            emit(self.failed, error)


class _Runnable(QRunnable):
    """The pool's handle on a task.

    With auto-delete on, ``QThreadPool.start`` takes ownership: the pool deletes the runnable
    only after ``run`` has returned, and Python cannot collect it (or the task it holds)
    while it runs. The task stays in ``Task._alive`` until its last signal has been relayed.
    """

    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run_in_worker()


def run_task(fn: TaskFunction, name: str = "task", parent: QObject | None = None) -> Task:
    """Create a task for ``fn`` and start it on the global pool."""
    task = Task(fn, name, parent)
    task.start()
    return task
