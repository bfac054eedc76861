"""Start the Qt application, open the library, show the window and close it all on exit."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core import CoreError
from desktop_app.core.paths import APP_NAME
from desktop_app.gui.handover import Door, hand_over
from desktop_app.gui.library_opener import open_library
from desktop_app.gui.main_window import MainWindow

log = logging.getLogger(__name__)

# The application's icon, drawn once as a vector; the installers render their sizes from it.
ICON = Path(__file__).with_name("assets") / "archive-browser.svg"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created and named if there is none yet."""
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(ICON)))
    hints = app.styleHints()
    # The reader is designed light; a dark chrome around it would look patched together.
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Light)
    return app


def _take_over(window: MainWindow, paths: list[Path]) -> None:
    """What a later start on the window's library asked for: the window, and these files."""
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    if paths:
        window.imports.start_or_queue(paths)


def run_window(library_folder: Path, import_paths: Sequence[Path] = ()) -> int:
    """Show the main window on the library in ``library_folder``; the event loop's exit code.

    ``import_paths`` (files a file manager opened with the program) are imported into the
    library as the window opens, with the progress the window shows for any import.
    """
    # Before any QApplication: a start that only hands its files over needs no display.
    if hand_over(library_folder, import_paths):
        log.info("handed %d path(s) to the window open on %s", len(import_paths), library_folder)
        return 0
    app = make_application()
    try:
        library = open_library(library_folder)
    except CoreError as error:
        log.error("cannot open library %s: %s", library_folder, error)
        QMessageBox.critical(
            None, APP_NAME, f"The library at {library_folder} cannot be opened:\n\n{error}"
        )
        return 1
    try:
        window = MainWindow(library)
        door = Door(library_folder, partial(_take_over, window), window)
        app.installEventFilter(door)
        try:
            window.show()
            log.info("window open on %s", library_folder)
            if import_paths:
                window.imports.start_or_queue(list(import_paths))
            return app.exec()
        finally:
            app.removeEventFilter(door)
            door.close()
    finally:
        library.close()
