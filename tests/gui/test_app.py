"""The application entry point: opens the window on a library and closes both on exit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTimer

from desktop_app.cli import build_parser
from desktop_app.gui import run_window
from desktop_app.gui.app import make_application
from desktop_app.gui.main_window import MainWindow
from tests.pages import write_page


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


def test_the_application_has_its_icon(qapp):
    app = make_application()
    icon = app.windowIcon()
    assert not icon.isNull()
    # Drawn from the vector at any size asked, not a blank image.
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == 64
    assert image.pixelColor(32, 32).alpha() == 255


def test_open_shows_the_window_and_imports_the_files_given(qapp, tmp_path):
    page = write_page(tmp_path / "saved", "tides.html", "Tides of the bay", "Tides turn twice")
    seen = []

    def close_when_imported():
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or windows[0].imports.task is not None or windows[0].model.rowCount() == 0:
            QTimer.singleShot(20, close_when_imported)  # still opening, or still importing
            return
        seen.append(windows[0].model.rowCount())
        windows[0].close()

    QTimer.singleShot(0, close_when_imported)
    # The command a file manager's Open With runs (parsed as the command line parses it; its
    # logging set-up left out, which would write to the user's own log file).
    args = build_parser().parse_args(["open", str(page), "--library", str(tmp_path / "lib")])
    assert args.handler(args) == 0
    assert seen == [1]
