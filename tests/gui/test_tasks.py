"""The background task runner: work off the main thread, every report back on it."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from desktop_app.core import Progress
from desktop_app.gui.tasks import Task, run_task


def test_progress_and_result_arrive_on_the_main_thread(qtbot):
    main_thread = threading.get_ident()
    seen: list[tuple[Progress, int]] = []

    def job(progress, cancel):
        for step in range(1, 4):
            progress(Progress(step, 3, f"file-{step}"))
        return threading.get_ident()

    task = Task(job, name="counting")
    task.progressed.connect(lambda p: seen.append((p, threading.get_ident())))
    with qtbot.waitSignal(task.finished, timeout=10_000) as blocker:
        task.start()
    worker_thread = blocker.args[0]
    assert worker_thread != main_thread
    assert [p.done for p, _ in seen] == [1, 2, 3]
    assert [p.current for p, _ in seen] == ["file-1", "file-2", "file-3"]
    assert {thread for _, thread in seen} == {main_thread}
    assert not task.running


def test_finished_is_emitted_on_the_main_thread(qtbot):
    main_thread = threading.get_ident()
    receivers: list[int] = []
    task = Task(lambda progress, cancel: "done")
    task.finished.connect(lambda _result: receivers.append(threading.get_ident()))
    with qtbot.waitSignal(task.finished, timeout=10_000) as blocker:
        task.start()
    assert blocker.args == ["done"]
    assert receivers == [main_thread]


def test_an_exception_arrives_through_failed_and_is_logged(qtbot, caplog):
    def job(progress, cancel):
        raise ValueError("the disk is made of cheese")

    task = Task(job, name="broken")
    finished: list[object] = []
    task.finished.connect(finished.append)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(task.failed, timeout=10_000) as blocker:
        task.start()
    error = blocker.args[0]
    assert isinstance(error, ValueError)
    assert str(error) == "the disk is made of cheese"
    assert finished == []
    logged = [r for r in caplog.records if r.name == "desktop_app.gui.tasks"]
    assert logged
    assert logged[0].exc_info is not None


def test_cancel_reaches_the_running_job(qtbot):
    started = threading.Event()

    def job(progress, cancel):
        progress(Progress(0, 1, "waiting"))
        started.set()
        deadline = time.monotonic() + 20
        while not cancel.cancelled:
            if time.monotonic() > deadline:
                return "never cancelled"
            time.sleep(0.005)
        return "cancelled"

    task = run_task(job, name="patient")
    task.progressed.connect(lambda _p: task.cancel())
    with qtbot.waitSignal(task.finished, timeout=30_000) as blocker:
        pass
    assert started.is_set()
    assert task.cancelled
    assert blocker.args == ["cancelled"]


def test_a_task_runs_only_once(qtbot):
    task = Task(lambda progress, cancel: None)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    with pytest.raises(RuntimeError, match="already started"):
        task.start()


def test_wait_blocks_until_the_job_returns(qtbot):
    release = threading.Event()

    def job(progress, cancel):
        release.wait(20)
        return 1

    task = run_task(job)
    assert task.running
    assert not task.wait(0)
    release.set()
    assert task.wait(20)
    qtbot.waitSignal(task.finished, timeout=10_000).wait()


def test_an_abandoned_task_is_stopped_and_says_nothing_more(qtbot):
    started = threading.Event()
    heard: list[object] = []

    def job(progress, cancel):
        started.set()
        while not cancel.cancelled:
            time.sleep(0.01)
        progress(Progress(1, 1, "after the window closed"))
        return "late"

    task = Task(job, name="abandoned")
    task.progressed.connect(heard.append)
    task.finished.connect(heard.append)
    task.start()
    assert started.wait(10)
    assert task.abandon(10)
    qtbot.wait(100)  # Queued signals would be delivered by now.
    assert heard == []
    assert not task.running
