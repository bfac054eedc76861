"""The main window's menus, toolbar and the small dialogs they open."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyle, QToolBar, QWidget

import desktop_app
from desktop_app.gui.citing import NOTHING_LISTED, choose_citation_file

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

log = logging.getLogger(__name__)

SAVED_PAGE_PATTERNS = (
    *("*.html", "*.htm", "*.xhtml", "*.shtml", "*.txt"),
    *("*.mhtml", "*.mht", "*.warc", "*.warc.gz", "*.arc", "*.arc.gz", "*.wacz"),
    *("*.webarchive", "*.maff", "*.htz", "*.zip", "*.gz"),
)
"""Every kind of file the importer reads; ``*.gz`` covers gzipped pages (``.html.gz``)."""
SAVED_PAGE_FILTER = f"Saved pages ({' '.join(SAVED_PAGE_PATTERNS)});;All files (*)"
EXTRACT_ALL_AGAIN = "E&xtract All Again…"
STOP_EXTRACTING = "Stop E&xtracting Again"


def build(window: MainWindow) -> None:
    """Add the File, View and Help menus and the toolbar to ``window``."""
    import_files = _build_file_menu(window)
    _build_view_menu(window)
    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction(_action(window, "How to &Search", "F1", window.search_controls.show_help))
    help_menu.addAction(_action(window, "&About Archive Browser", None, lambda: show_about(window)))
    _build_toolbar(window, import_files)


def choose_files(window: MainWindow) -> None:
    """Ask for saved pages and import them."""
    paths, _filter = QFileDialog.getOpenFileNames(
        window, "Import saved pages", str(Path.home()), SAVED_PAGE_FILTER
    )
    if paths:
        window.import_paths(paths)


def choose_folder(window: MainWindow) -> None:
    """Ask for a folder and import every saved page under it."""
    folder = QFileDialog.getExistingDirectory(
        window, "Import a folder of saved pages", str(Path.home())
    )
    if folder:
        window.import_paths([folder])


def export_citations(window: MainWindow) -> None:
    """Ask for a file and write the citations of the listed articles to it."""
    count = window.model.rowCount()
    if not count:
        window.statusBar().showMessage(NOTHING_LISTED)
        return
    path = choose_citation_file(window, count)
    if path is not None:
        window.export_citations(path)


def confirm_reextract_all(parent: QWidget, count: int) -> bool:
    """Ask before extracting every article again; whether the user agreed."""
    answer = QMessageBox.question(
        parent,
        "Extract all again",
        f"Extract all {count:,} articles again from their saved pages? Bookmarks, tags and "
        "notes stay. It runs in the background; the same menu item stops it.",
    )
    return answer == QMessageBox.StandardButton.Yes


def show_about(parent: QWidget) -> None:
    """The About box."""
    QMessageBox.about(
        parent,
        "About Archive Browser",
        f"<h3>Archive Browser {desktop_app.__version__}</h3>"
        "<p>A private, searchable, offline library of the web pages you saved.</p>"
        "<p>Everything stays on this computer: the reader never loads anything "
        "from the network.</p>",
    )


def _build_file_menu(window: MainWindow) -> QAction:
    menu = window.menuBar().addMenu("&File")
    open_icon = window.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton)
    import_files = _action(window, "Import &Files…", "Ctrl+O", lambda: choose_files(window))
    import_files.setIcon(open_icon)
    import_files.setIconText("Import…")
    import_folder = _action(
        window, "Import F&older…", "Ctrl+Shift+O", lambda: choose_folder(window)
    )
    menu.addAction(import_files)
    menu.addAction(import_folder)
    menu.addSeparator()
    again = _action(window, EXTRACT_ALL_AGAIN, None, window.reextract_all)
    again.setToolTip("Extract every article again from its saved page, after an upgrade, say")
    window.reextract_all_changed.connect(
        lambda running: again.setText(STOP_EXTRACTING if running else EXTRACT_ALL_AGAIN)
    )
    menu.addAction(again)
    menu.addSeparator()
    cite = _action(window, "Export &Citations…", "Ctrl+Shift+E", lambda: export_citations(window))
    cite.setToolTip("Write the citations of the listed articles to a BibTeX, RIS or CSL JSON file")
    menu.addAction(cite)
    menu.addSeparator()
    quit_action = _action(window, "&Quit", "Ctrl+Q", window.close)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    menu.addAction(quit_action)
    return import_files


def _build_view_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu("&View")
    group = QActionGroup(window)
    library = _action(window, "&Library", "Ctrl+1", lambda: window.show_bookmarks(False))
    bookmarks = _action(window, "&Bookmarks", "Ctrl+2", lambda: window.show_bookmarks(True))
    for action in (library, bookmarks):
        action.setCheckable(True)
        group.addAction(action)
        menu.addAction(action)
    library.setChecked(True)
    # The sidebar can change the view too; the menu follows it.
    window.sidebar.view_changed.connect(
        lambda only: (bookmarks if only else library).setChecked(True)
    )
    menu.addSeparator()
    search = _action(window, "&Search", "Ctrl+F", window.focus_search)
    search.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("Ctrl+L")])
    menu.addAction(search)


def _build_toolbar(window: MainWindow, import_files: QAction) -> None:
    toolbar = QToolBar("Toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setFloatable(False)
    toolbar.setIconSize(QSize(16, 16))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
    toolbar.setStyleSheet("QToolBar#mainToolbar { spacing: 8px; padding: 6px 10px; border: none; }")
    toolbar.addAction(import_files)
    toolbar.addWidget(window.search_field)
    toolbar.addWidget(window.search_controls)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)


def _action(
    window: QWidget, text: str, shortcut: str | None, slot: Callable[[], object]
) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action
