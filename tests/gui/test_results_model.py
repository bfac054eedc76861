"""The result list's model over real hits from a real library."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from desktop_app.core import SearchHit, SearchResults
from desktop_app.gui.result_delegate import ResultDelegate, hit_html, meta_line
from desktop_app.gui.results_model import ArticleIdRole, HitRole, ResultsModel


def test_model_passes_qt_model_checks_with_real_hits(qtmodeltester, library):
    model = ResultsModel()
    model.set_results(library.browse())
    qtmodeltester.check(model)
    model.set_results(library.search("sourdough"))
    qtmodeltester.check(model)


def test_rows_and_roles_come_from_the_hits(library):
    results = library.browse()
    model = ResultsModel()
    model.set_results(results)
    assert model.rowCount() == 3
    assert model.total == 3
    for row, hit in enumerate(results.hits):
        index = model.index(row)
        assert model.data(index, Qt.ItemDataRole.DisplayRole) == hit.title
        assert model.data(index, Qt.ItemDataRole.ToolTipRole) == hit.url
        assert model.data(index, HitRole) is hit
        assert model.data(index, ArticleIdRole) == hit.id
        assert model.hit_at(row) is hit
        assert model.row_of(hit.id) == row
    assert model.hit_at(3) is None
    assert model.hit_at(-1) is None
    assert model.data(QModelIndex(), HitRole) is None


def test_set_results_replaces_every_row(library):
    model = ResultsModel()
    model.set_results(library.browse())
    model.set_results(library.search("glacier"))
    assert model.rowCount() == 1
    assert "glacier" in model.data(model.index(0), Qt.ItemDataRole.DisplayRole)
    model.set_results(SearchResults(total=0, hits=()))
    assert model.rowCount() == 0


def test_row_html_marks_matches_and_names_site_date_and_language(library):
    hit = library.search("glacier").hits[0]
    assert "<mark>" in hit.snippet
    row_html = hit_html(hit, "#777777")
    assert "<mark>" not in row_html, "Qt cannot paint <mark>; it must become a styled span"
    assert "background-color" in row_html
    assert meta_line(hit) == "Field Notes · 21 Sep 2023 · French"


def test_rows_grow_taller_when_the_list_is_narrow(qtbot, library):
    view = QListView()
    qtbot.addWidget(view)
    model = ResultsModel()
    model.set_results(library.browse())
    view.setModel(model)
    delegate = ResultDelegate(view)
    view.setItemDelegate(delegate)
    option = QStyleOptionViewItem()
    option.widget = view
    option.font = view.font()
    view.show()
    view.resize(700, 400)
    wide = delegate.sizeHint(option, model.index(0)).height()
    view.resize(220, 400)
    narrow = delegate.sizeHint(option, model.index(0)).height()
    assert narrow > wide > 0


def test_search_hit_fields_are_what_the_model_shows():
    hit = SearchHit(
        id=7,
        title="A & B",
        url=None,
        site_name=None,
        published=None,
        language=None,
        score=1.0,
        snippet="",
        bookmarked=True,
    )
    model = ResultsModel()
    model.set_results(SearchResults(total=1, hits=(hit,)))
    assert model.data(model.index(0), Qt.ItemDataRole.ToolTipRole) is None
    assert "A &amp; B ★" in hit_html(hit, "#777")
    assert meta_line(hit) == ""
