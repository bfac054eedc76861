"""The application entry point: opens the window on a library and closes both on exit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTimer

from desktop_app.gui import run_window
from desktop_app.gui.main_window import MainWindow


def test_run_window_shows_the_library_and_closes_it_on_exit(qapp, tmp_path):
    opened = []

    def close_the_window():
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:  # The library is still opening (off the main thread): look again.
            QTimer.singleShot(10, close_the_window)
            return
        opened.extend(windows)
        for window in windows:
            window.close()

    QTimer.singleShot(0, close_the_window)
    assert run_window(tmp_path / "lib") == 0
    assert len(opened) == 1
    assert (tmp_path / "lib").is_dir()
    assert QCoreApplication.applicationName() == "Archive Browser"
    assert QCoreApplication.organizationName() == "Archive Browser"
    with pytest.raises(Exception, match="closed"):
        opened[0].library.count()
