"""Render the real main window on a library and save PNGs of it, to look at or to publish."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core import Library
from desktop_app.gui.app import make_application
from desktop_app.gui.main_window import MainWindow

# How long the original page may take to be read before the picture is taken anyway.
_READ_SECONDS = 30.0

log = logging.getLogger(__name__)

SETTLE_MS = 400
"""Long enough for layout, the debounce timer and the first paint, even under Xvfb."""


def settle(app: QApplication, milliseconds: int = SETTLE_MS) -> None:
    """Run the event loop for a while so every pending layout and paint happens."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()


def select_first(window: MainWindow) -> None:
    """Select the first result, as a user clicking it would, so the reader shows it."""
    if window.model.rowCount():
        window.result_list.setCurrentIndex(window.model.index(0))


def save(window: MainWindow, path: Path) -> None:
    """Grab the window's pixels into ``path``."""
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    log.info("wrote %s", path)


def save_reader_end(app: QApplication, window: MainWindow, path: Path) -> None:
    """The reader scrolled to its end, where "About this page" lists the sources."""
    bar = window.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle(app)
    save(window, path)
    bar.setValue(0)


def save_original(app: QApplication, window: MainWindow, path: Path) -> None:
    """The reader with the saved page open beside the extracted text."""
    pane = window.reader.original_pane
    window.reader.original_action.setChecked(True)
    deadline = time.monotonic() + _READ_SECONDS
    while pane.currentWidget() is pane.reading and time.monotonic() < deadline:
        app.processEvents()  # The page is read off the main thread; its result comes here.
        time.sleep(0.01)
    settle(app)
    save(window, path)
    window.reader.original_action.setChecked(False)


def save_help(app: QApplication, window: MainWindow, path: Path) -> None:
    """The query help, as F1 or the "?" button beside the search field opens it."""
    window.search_controls.show_help()
    settle(app)
    if not window.search_controls.help.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    window.search_controls.help.close()


def take(
    library_folder: Path,
    out: Path,
    query: str | None,
    size: tuple[int, int],
    original: bool = False,
) -> list[Path]:
    """Open the window on ``library_folder``; save ``window.png``, ``reader-end.png``,
    ``search.png`` and ``query-help.png`` when there is a query and ``original.png`` when
    ``original`` is set."""
    app = make_application(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with Library(library_folder) as library:
        window = MainWindow(library)
        window.resize(*size)
        window.show()
        settle(app)
        select_first(window)
        settle(app)
        written.append(out / "window.png")
        save(window, written[-1])
        written.append(out / "reader-end.png")
        save_reader_end(app, window, written[-1])
        if query:
            window.search_field.setFocus()
            window.search_field.setText(query)
            window.refresh()
            select_first(window)
            settle(app)
            written.append(out / "search.png")
            save(window, written[-1])
            written.append(out / "query-help.png")
            save_help(app, window, written[-1])
        if original:
            written.append(out / "original.png")
            save_original(app, window, written[-1])
        window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, required=True, help="library folder to open")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--query", help="also type this search and save search.png")
    parser.add_argument(
        "--original", action="store_true", help="also save original.png, the saved page beside"
    )
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    take(args.library, args.out, args.query, (args.width, args.height), args.original)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
