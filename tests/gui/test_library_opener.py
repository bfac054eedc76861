"""Opening a library whose index must be rebuilt: the event loop runs, a dialog says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from desktop_app.core import Library, LibraryError
from desktop_app.core.search.searchindex import VERSION_FILE
from desktop_app.gui.library_opener import open_library


def _shown_dialogs() -> list[str]:
    return [
        widget.labelText()
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QProgressDialog) and widget.isVisible()
    ]


def _open_watching(folder: Path) -> tuple[Library, list[str]]:
    """Open the library while a timer of the event loop notes the dialogs shown."""
    seen: list[str] = []

    def tick() -> None:
        seen.extend(_shown_dialogs())
        seen.append("tick")

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(0)
    try:
        return open_library(folder), seen
    finally:
        timer.stop()


def test_a_library_whose_index_is_rebuilt_opens_while_the_event_loop_runs(
    qtbot, library: Library
) -> None:
    folder = library.folder
    count = library.count()
    library.close()
    (folder / "index" / VERSION_FILE).write_text("0", "utf-8")
    reopened, seen = _open_watching(folder)
    try:
        assert reopened.search("lighthouse").total == 1
        assert "tick" in seen  # the window's event loop went on meanwhile
        shown = {text for text in seen if text != "tick"}
        assert shown == {
            f"Rebuilding the search index: 0 of {count} articles.\n"
            "This happens once after an upgrade, or when the index was damaged;\n"
            "the library opens when it is done."
        }
        assert _shown_dialogs() == []  # gone once the library is open
    finally:
        reopened.close()


def test_a_library_in_order_opens_without_a_dialog(qtbot, library: Library) -> None:
    folder = library.folder
    library.close()
    reopened, seen = _open_watching(folder)
    try:
        assert reopened.search("lighthouse").total == 1
        assert set(seen) <= {"tick"}
    finally:
        reopened.close()


def test_a_library_that_cannot_be_opened_raises_its_error(qtbot, tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", "utf-8")
    with pytest.raises(LibraryError, match="cannot create the library folder"):
        open_library(blocked / "library")
