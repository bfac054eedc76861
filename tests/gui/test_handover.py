"""Files opened with the program while its window is open reach that window's import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, QTimer
from PySide6.QtGui import QFileOpenEvent

from desktop_app.core import Library
from desktop_app.gui import run_window
from desktop_app.gui.handover import Door, door_name, hand_over
from desktop_app.gui.main_window import MainWindow
from tests.gui.conftest import write_page
from tests.pages import write_page as other_page


class Inbox:
    """What a door delivered, call by call."""

    def __init__(self) -> None:
        self.calls: list[list[Path]] = []

    def __call__(self, paths: list[Path]) -> None:
        self.calls.append(paths)


def test_nothing_takes_the_files_when_no_window_is_open(qapp, tmp_path) -> None:
    assert not hand_over(tmp_path / "lib", [tmp_path / "page.html"])


def test_a_later_start_hands_its_files_to_the_open_window(qtbot, tmp_path) -> None:
    inbox = Inbox()
    door = Door(tmp_path / "lib", inbox, QCoreApplication.instance())
    try:
        assert door.listening
        # Spelled another way, the same library finds the same door.
        assert hand_over(tmp_path / "other" / ".." / "lib", [tmp_path / "a.warc"])
        qtbot.waitUntil(lambda: bool(inbox.calls), timeout=5000)
        assert inbox.calls == [[(tmp_path / "a.warc").resolve()]]
        assert not hand_over(tmp_path / "another-lib", [tmp_path / "b.warc"])
    finally:
        door.close()


def test_a_start_without_files_calls_the_window_forward(qapp, qtbot, tmp_path) -> None:
    inbox = Inbox()
    door = Door(tmp_path / "lib", inbox, qapp)
    try:
        assert hand_over(tmp_path / "lib", [])
        qtbot.waitUntil(lambda: bool(inbox.calls), timeout=5000)
        assert inbox.calls == [[]]
    finally:
        door.close()


def test_file_open_events_close_together_make_one_import(qapp, qtbot, tmp_path) -> None:
    inbox = Inbox()
    door = Door(tmp_path / "lib", inbox, qapp)
    qapp.installEventFilter(door)
    try:
        for name in ("a.warc", "b.mhtml"):
            QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(tmp_path / name)))
        qtbot.waitUntil(lambda: bool(inbox.calls), timeout=5000)
        assert inbox.calls == [[tmp_path / "a.warc", tmp_path / "b.mhtml"]]
    finally:
        qapp.removeEventFilter(door)
        door.close()


def test_a_second_window_leaves_the_first_ones_door_alone(qapp, qtbot, tmp_path) -> None:
    first, second = Inbox(), Inbox()
    door = Door(tmp_path / "lib", first, qapp)
    other = Door(tmp_path / "lib", second, qapp)
    try:
        assert door.listening
        assert not other.listening
        assert hand_over(tmp_path / "lib", [tmp_path / "a.warc"])
        qtbot.waitUntil(lambda: bool(first.calls), timeout=5000)
        assert second.calls == []
    finally:
        door.close()
        other.close()


def test_a_door_left_by_a_crashed_window_is_taken_over(qapp, qtbot, tmp_path) -> None:
    if sys.platform == "win32":
        return  # named pipes vanish with their process: nothing is left behind
    leftover = Path(QDir.tempPath()) / door_name(tmp_path / "lib")
    leftover.write_text("")  # what a killed window's socket file looks like to a newcomer
    inbox = Inbox()
    door = Door(tmp_path / "lib", inbox, qapp)
    try:
        assert door.listening
        assert hand_over(tmp_path / "lib", [tmp_path / "a.warc"])
        qtbot.waitUntil(lambda: bool(inbox.calls), timeout=5000)
    finally:
        door.close()


def test_files_handed_over_during_an_import_are_imported_after_it(
    qtbot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    first = other_page(tmp_path, "kelp.html", "Kelp forests", "Kelp grows fast in cold water.")
    second = other_page(tmp_path, "seals.html", "Grey seals", "Seals haul out on the rocks.")
    finished: list[object] = []
    window.imports.import_finished.connect(finished.append)
    window.imports.start_or_queue([first])
    window.imports.start_or_queue([second])  # one import runs: this one waits for it
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=30_000)
    titles = {a.title for a in library.articles()}
    assert {"Kelp forests", "Grey seals"} <= titles


def test_open_hands_its_files_to_the_window_of_another_process(qapp, qtbot, tmp_path) -> None:
    page = write_page(tmp_path, "lighthouse.html")
    library = tmp_path / "lib"
    outcome: dict[str, object] = {}

    def from_another_process() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, from_another_process)  # the window is still opening
            return
        window = windows[0]
        done = subprocess.run(
            [sys.executable, "-m", "desktop_app", "open", str(page), "--library", str(library)],
            capture_output=True, text=True, timeout=60, check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        outcome["exit"] = done.returncode
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=30_000)
        outcome["rows"] = window.model.rowCount()
        window.close()

    QTimer.singleShot(0, from_another_process)
    assert run_window(library) == 0
    # The other process handed the page over and ended; this window imported it.
    assert outcome == {"exit": 0, "rows": 1}
