"""The main window: search field, sidebar, result list and reader around one ``Library``."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import (
    Article,
    ArticleNotFound,
    CoreError,
    Library,
    MarkedWords,
    Progress,
    SearchResults,
)
from desktop_app.gui import menus, styles
from desktop_app.gui.citing import NOTHING_LISTED, write_citations
from desktop_app.gui.comparison_room import ComparisonRoom
from desktop_app.gui.facet_panel import FACET_TITLES, FacetPanel, value_label
from desktop_app.gui.formatting import plural
from desktop_app.gui.import_flow import ImportFlow
from desktop_app.gui.reader import ReaderView
from desktop_app.gui.reextract_flow import ReextractFlow
from desktop_app.gui.result_delegate import ResultDelegate
from desktop_app.gui.results_model import ResultsModel
from desktop_app.gui.saved_searches import SavedSearchList
from desktop_app.gui.search_controls import SearchControls
from desktop_app.gui.sidebar import Sidebar
from desktop_app.gui.signals import emit
from desktop_app.gui.tasks import Task

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 200
BROWSE_LIMIT = 500
SIMILAR_LIMIT = 50


class MainWindow(QMainWindow):
    """Browse, search and read one library; import into it by menu or drag and drop."""

    import_finished = Signal(object)
    """An import ended and the list was refreshed; carries the ``ImportReport``."""
    reextract_all_changed = Signal(bool)
    """Extracting the whole library again started (``True``) or ended."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Archive Browser")
        self._similar_to: Article | None = None
        """While set, the list shows the articles most like this one."""
        self.model = ResultsModel(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._build_widgets()
        self._build_layout()
        self.imports = ImportFlow(library, self.statusBar(), self)
        self.imports.import_finished.connect(self._on_import_finished)
        self.imports.import_failed.connect(lambda _error: self.refresh())
        self.reextraction = ReextractFlow(library, self)
        self.reextraction.ended.connect(self._on_reextracted)
        self.reextraction.all_progressed.connect(self._on_reextract_progress)
        self.reextraction.all_ended.connect(self._on_all_reextracted)
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        menus.build(self)
        self._connect_signals()
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self.refresh()
        self._tell_if_outdated()

    def import_paths(self, paths: Sequence[Path | str]) -> Task | None:
        """Import files and folders in the background; the list refreshes when it ends."""
        return self.imports.start([Path(p) for p in paths])

    def open_article(self, article_id: int) -> None:
        """Show ``article_id`` in the reader, selecting its row if the list holds it."""
        row = self.model.row_of(article_id)
        if row is not None:
            self.result_list.setCurrentIndex(self.model.index(row))
            self.result_list.scrollTo(self.model.index(row))
            return
        article = self._find_article(article_id)
        if article is None:
            self.statusBar().showMessage("That article is no longer in the library.")
            return
        self.result_list.selectionModel().clear()
        self.reader.show_article(article, self._marked(article))

    def reextract_article(self, article_id: int) -> Task | None:
        """Extract ``article_id`` again in the background; the reader shows the result."""
        task = self.reextraction.start(article_id)
        if task is not None:
            self.reader.set_reextracting(True)
            self.statusBar().showMessage("Extracting the article again from its saved page…")
        return task

    def reextract_all(self, confirm: bool = True) -> Task | None:
        """Extract every article again in the background (asked first when ``confirm``);
        while that runs, the same command stops it."""
        if self.reextraction.task is not None:
            self.reextraction.cancel()
            self.statusBar().showMessage("Stopping after the article being written…")
            return None
        count = self.library.count()
        if not count or (confirm and not menus.confirm_reextract_all(self, count)):
            return None
        task = self.reextraction.start_all()
        if task is not None:
            self.reader.set_reextracting(True)
            self.reextract_all_changed.emit(True)
            self.statusBar().showMessage(f"Extracting {plural(count, 'article')} again…")
        return task

    def show_bookmarks(self, bookmarked_only: bool) -> None:
        """Switch between the whole library and the bookmarks."""
        self.sidebar.show_bookmarks(bookmarked_only)

    def show_similar(self, article_id: int) -> None:
        """List the articles most like ``article_id`` (typing a search leaves this list)."""
        article = self._find_article(article_id)
        if article is None:
            return
        self._similar_to = article
        self.refresh(keep_reader=True)

    def run_search(self, query: str) -> None:
        """Search for ``query`` now, as if typed and confirmed."""
        self.search_field.setText(query)
        self.refresh()

    def save_search(self) -> None:
        """Ask for a name and keep the current query in the sidebar."""
        query = self.search_field.text().strip()
        if not query:
            self.statusBar().showMessage("Type a search first; then it can be saved.")
            return
        name, accepted = QInputDialog.getText(self, "Save search", "Name:", text=query)
        if accepted and name.strip():
            self.library.save_search(name.strip(), query)
            self._update_saved_searches()

    def delete_saved_search(self, name: str) -> None:
        """Forget a saved search."""
        self.library.delete_saved_search(name)
        self._update_saved_searches()

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected for overtyping."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def refresh(self, keep_reader: bool = False) -> None:
        """Run the current search (or browse) again and update the list, counts and reader."""
        self._search_timer.stop()
        query = self.search_field.text().strip()
        results = self._query_library(query)
        self.model.set_results(results)
        self.results_label.setText(self._results_caption(query))
        self._show_hint(results)
        self.facets.show_facets(results.facets)
        self.search_controls.set_can_save(bool(query))
        self._update_counts()
        self._reselect(keep_reader)

    def showEvent(self, event: QShowEvent) -> None:
        # Focus given before the window is shown is lost to the first widget in tab order.
        if not event.spontaneous():
            self.search_field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reader.commit_annotations()
        self.imports.shutdown()
        self.reextraction.shutdown()
        self.reader.original_pane.shutdown()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down in the search field walks into the results, as in a mail client.
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            key_event = event if isinstance(event, QKeyEvent) else None
            if key_event and key_event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.result_list.setFocus()
                if not self.result_list.currentIndex().isValid():
                    self.result_list.setCurrentIndex(self.model.index(0))
                return True
        return super().eventFilter(watched, event)

    def _build_widgets(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText("Search your library")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAcceptDrops(False)
        self.search_field.setMinimumHeight(30)
        self.search_field.installEventFilter(self)
        self.sidebar = Sidebar(self)
        self.saved_searches = SavedSearchList(self)
        self.facets = FacetPanel(self)
        self.search_controls = SearchControls(self)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("resultsHint")
        self.hint_label.setStyleSheet(styles.HINT_CSS)
        self.hint_label.setWordWrap(True)
        self.hint_label.hide()
        self.results_label = QLabel(self)
        self.results_label.setContentsMargins(12, 8, 12, 6)
        self.results_label.setStyleSheet("color: palette(placeholder-text);")
        # A long query must not widen the list; the caption is cut instead.
        self.results_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.result_list = QListView(self)
        self.result_list.setModel(self.model)
        self.result_list.setItemDelegate(ResultDelegate(self.result_list))
        self.result_list.setUniformItemSizes(False)
        self.result_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.result_list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.result_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.result_list.setFrameShape(QListView.Shape.NoFrame)
        self.reader = ReaderView(
            self,
            load_asset=self.library.asset_file,
            load_article=self._find_article,
            load_original=self._find_original,
        )

    def _build_layout(self) -> None:
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(0)
        middle_layout.addWidget(self.results_label)
        middle_layout.addWidget(self.hint_label)
        middle_layout.addWidget(self.result_list, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.reader)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 700])
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._side_column())
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _side_column(self) -> QWidget:
        column = QWidget(self)
        column.setFixedWidth(self.sidebar.width())
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar.setFixedHeight(self.sidebar.sizeHintForRow(0) * 2 + 12)
        layout.addWidget(self.sidebar)
        self.saved_heading = _heading("SAVED SEARCHES", column)
        layout.addWidget(self.saved_heading)
        layout.addWidget(self.saved_searches)
        self.saved_searches.setMaximumHeight(160)
        layout.addWidget(_heading("REFINE", column))
        layout.addWidget(self.facets, 1)
        return column

    def _connect_signals(self) -> None:
        self.search_field.textChanged.connect(self._on_text_changed)
        self.search_controls.sort_changed.connect(lambda _sort: self.refresh())
        self.search_controls.save_requested.connect(self.save_search)
        self.facets.filters_changed.connect(lambda _filters: self.refresh())
        self.saved_searches.search_chosen.connect(self.run_search)
        self.saved_searches.delete_requested.connect(self.delete_saved_search)
        self.hint_label.linkActivated.connect(self.run_search)
        self.reader.similar_requested.connect(self.show_similar)
        self.reader.reextract_requested.connect(self.reextract_article)
        self.reader.cited.connect(lambda message: self.statusBar().showMessage(message, 5000))
        self._update_saved_searches()
        self.search_field.returnPressed.connect(self.refresh)
        self.sidebar.view_changed.connect(lambda _bookmarks: self.refresh())
        self.result_list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.reader.bookmark_toggled.connect(self._on_bookmark_toggled)
        self.reader.article_requested.connect(self.open_article)
        self.reader.tags_edited.connect(self._on_tags_edited)
        self.reader.note_edited.connect(self._on_note_edited)
        self._comparison_room = ComparisonRoom(self.splitter)
        self.reader.original_action.toggled.connect(self._comparison_room.set_comparing)
        self._update_known_tags()

    def _query_library(self, query: str) -> SearchResults:
        bookmarked_only = self.sidebar.bookmarked_only
        filters, sort = self.facets.filters, self.search_controls.sort
        try:
            if self._similar_to is not None:
                return self.library.more_like_this(self._similar_to.id, limit=SIMILAR_LIMIT)
            if query or filters or sort != "relevance":
                return self.library.search(
                    query,
                    limit=SEARCH_LIMIT,
                    bookmarked_only=bookmarked_only,
                    sort=sort,
                    filters=filters,
                )
            return self.library.browse(limit=BROWSE_LIMIT, bookmarked_only=bookmarked_only)
        except CoreError as error:
            log.warning("query %r failed: %s", query, error)
            self.statusBar().showMessage(f"Could not search: {error}")
            return SearchResults(total=0, hits=())

    def _results_caption(self, query: str) -> str:
        total, shown = self.model.total, self.model.rowCount()
        if self._similar_to is not None:
            return f"{plural(total, 'article')} like “{self._similar_to.title}”"
        refined = "".join(
            f" · {FACET_TITLES[name]}: {value_label(name, value)}"
            for name, value in self.facets.filters.items()
        )
        return self._plain_caption(query, total, shown) + refined

    def _plain_caption(self, query: str, total: int, shown: int) -> str:
        where = " in bookmarks" if self.sidebar.bookmarked_only and query else ""
        if query:
            words = plural(total, "result")
            if not total:
                words = "No results"
            prefix = f"{shown:,} of " if shown < total else ""
            return f"{prefix}{words} for “{query}”{where}"
        noun = "bookmark" if self.sidebar.bookmarked_only else "article"
        prefix = f"Newest {shown:,} of " if shown < total else ""
        return f"{prefix}{plural(total, noun)}"

    def _show_hint(self, results: SearchResults) -> None:
        if results.suggestion:
            link = html.escape(results.suggestion, quote=True)
            self.hint_label.setText(f'Did you mean <a href="{link}">{link}</a>?')
        elif results.notice:
            self.hint_label.setText(html.escape(results.notice))
        self.hint_label.setVisible(bool(results.suggestion or results.notice))

    def _on_text_changed(self, _text: str) -> None:
        self._similar_to = None
        self._search_timer.start()

    def _update_saved_searches(self) -> None:
        try:
            searches = self.library.saved_searches()
        except CoreError as error:
            log.warning("could not list the saved searches: %s", error)
            return
        self.saved_searches.show_searches(searches)
        self.saved_heading.setVisible(bool(searches))

    def _update_counts(self) -> None:
        articles = self.library.count()
        bookmarks = self.library.count_bookmarked()
        self.sidebar.set_counts(articles, bookmarks)
        self.count_label.setText(plural(articles, "article"))

    def _reselect(self, keep_reader: bool) -> None:
        shown = self.reader.article_id
        row = self.model.row_of(shown) if shown is not None else None
        if row is not None:
            self.result_list.setCurrentIndex(self.model.index(row))
            self.result_list.scrollTo(self.model.index(row))
        elif not keep_reader or shown is None:
            self.reader.show_empty(library_is_empty=self.library.count() == 0)

    def _on_reextracted(self, article_id: int, reason: str) -> None:
        self.reader.set_reextracting(False)
        if reason:
            self.statusBar().showMessage(f"Could not extract the article again: {reason}")
            return
        self.statusBar().showMessage("Extracted again from its saved page.", 5000)
        self._refresh_after_reextraction()

    def _tell_if_outdated(self) -> None:
        try:
            outdated = self.library.count_outdated()
        except CoreError as error:
            log.warning("could not count the outdated articles: %s", error)
            return
        if outdated:
            self.statusBar().showMessage(
                f"{plural(outdated, 'article')} came from an older version of the extractor: "
                "File → Extract All Again… renews them."
            )

    def _on_reextract_progress(self, progress: Progress) -> None:
        self.statusBar().showMessage(
            f"Extracting again: {progress.done:,} of {plural(progress.total, 'article')}"
        )

    def _on_all_reextracted(self, summary: str) -> None:
        self.reader.set_reextracting(False)
        self.reextract_all_changed.emit(False)
        self.statusBar().showMessage(summary)
        self._refresh_after_reextraction()

    def _refresh_after_reextraction(self) -> None:
        """The list, and the article being read, shown afresh: their texts may have changed."""
        self.refresh(keep_reader=True)
        shown = self.reader.article_id
        article = self._find_article(shown) if shown is not None else None
        if article is not None:
            self.reader.show_article(article, self._marked(article), changed=True)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit_at(current.row()) if current.isValid() else None
        if hit is None:
            return
        try:
            article = self.library.article(hit.id)
            self.reader.show_article(article, self._marked(article))
        except ArticleNotFound:
            log.warning("article %s vanished from the library", hit.id)
            self.statusBar().showMessage("That article is no longer in the library.")
            self.refresh()

    def listed_articles(self) -> list[Article]:
        """The articles of the result list, whole, in its order."""
        listed = (self.model.hit_at(row) for row in range(self.model.rowCount()))
        return [a for hit in listed if hit and (a := self._find_article(hit.id))]

    def export_citations(self, path: Path) -> bool:
        """Write the citations of the listed articles to ``path`` (the form by its extension);
        whether they were written. The status bar says what happened."""
        articles = self.listed_articles()
        if not articles:
            self.statusBar().showMessage(NOTHING_LISTED)
            return False
        try:
            message = write_citations(articles, path)
        except OSError as error:
            self.statusBar().showMessage(f"Could not write {path}: {error.strerror or error}")
            return False
        self.statusBar().showMessage(message, 8000)
        return True

    def _marked(self, article: Article) -> MarkedWords:
        """What the reader marks in ``article``: the forms of the search's words it uses."""
        return self.library.marked_words(article, self.search_field.text())

    def _find_article(self, article_id: int) -> Article | None:
        try:
            return self.library.article(article_id)
        except ArticleNotFound:
            log.warning("article %s is not in the library", article_id)
            return None

    def _find_original(self, article_id: int) -> str | None:
        try:
            return self.library.original_html(article_id)
        except CoreError as error:
            log.warning("no original for article %s: %s", article_id, error)
            return None

    def _on_tags_edited(self, article_id: int, tags: list[str]) -> None:
        try:
            kept = self.library.set_tags(article_id, tags)
        except CoreError as error:
            log.warning("could not tag %s: %s", article_id, error)
            self.statusBar().showMessage(f"Could not keep the tags: {error}")
            return
        if self.reader.article_id == article_id:
            self.reader.set_tags(kept)
        self._update_known_tags()

    def _on_note_edited(self, article_id: int, note: str) -> None:
        try:
            self.library.set_note(article_id, note)
        except CoreError as error:
            log.warning("could not keep the note on %s: %s", article_id, error)
            self.statusBar().showMessage(f"Could not keep the note: {error}")

    def _update_known_tags(self) -> None:
        try:
            known = [tag for tag, _count in self.library.tags()]
        except CoreError as error:
            log.warning("could not list the tags: %s", error)
            return
        self.reader.annotations.set_known_tags(known)

    def _on_bookmark_toggled(self, article_id: int, bookmarked: bool) -> None:
        try:
            self.library.set_bookmarked(article_id, bookmarked)
        except CoreError as error:
            log.warning("could not bookmark %s: %s", article_id, error)
            self.statusBar().showMessage(f"Could not change the bookmark: {error}")
            self.reader.set_bookmarked(not bookmarked)
            return
        self.refresh(keep_reader=True)

    def _on_import_finished(self, report: object) -> None:
        self.refresh(keep_reader=True)
        # The import may have added a source or a newer capture of the article being read.
        shown = self.reader.article_id
        article = self._find_article(shown) if shown is not None else None
        if article is not None:
            self.reader.show_article(article, self._marked(article))
        emit(self.import_finished, report)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(styles.SIDEBAR_HEADING_CSS)
    return label


def _local_paths(urls: Sequence[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
