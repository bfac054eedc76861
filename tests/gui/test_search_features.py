"""The window's search features over a real library: facets as filters, sorting, saved
searches, "more like this", "did you mean", notices and the query help."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QTreeWidgetItem

from desktop_app.core import Library
from desktop_app.gui.facet_panel import FacetPanel
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.query_help import QUERY_SYNTAX, help_html

LIGHTHOUSE = "The Lighthouse Keepers of Ushant"
SOURDOUGH = "What Lives in a Sourdough Starter"
GLACIER = "Le recul du glacier d'Argentière"


def titles(win: MainWindow) -> list[str]:
    return [win.model.hit_at(row).title for row in range(win.model.rowCount())]


def facet_items(panel: FacetPanel, heading: str) -> dict[str, QTreeWidgetItem]:
    """The value rows under one facet heading, by their text."""
    for top in range(panel.topLevelItemCount()):
        item = panel.topLevelItem(top)
        if item.text(0) == heading:
            return {item.child(i).text(0): item.child(i) for i in range(item.childCount())}
    return {}


def click(qtbot: Any, panel: FacetPanel, item: QTreeWidgetItem) -> None:
    """A real mouse click on a facet row."""
    panel.scrollToItem(item)
    center = panel.visualItemRect(item).center()
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=center)


def search(qtbot: Any, win: MainWindow, text: str) -> None:
    win.search_field.setText(text)
    qtbot.keyClick(win.search_field, Qt.Key.Key_Return)


def test_facets_count_the_results_and_filter_them(qtbot: Any, window: MainWindow) -> None:
    languages = facet_items(window.facets, "Language")
    assert set(languages) == {"English  2", "French  1"}
    click(qtbot, window.facets, languages["French  1"])
    assert titles(window) == [GLACIER]
    assert "Language: French" in window.results_label.text()
    chosen = facet_items(window.facets, "Language")
    assert list(chosen) == ["✓ French  1"]
    # Clicking the chosen value again lets go of the filter.
    click(qtbot, window.facets, chosen["✓ French  1"])
    assert len(titles(window)) == 3
    assert "Language" not in window.results_label.text()


def test_a_filter_applies_to_a_search_too(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "keepers OR glacier")
    assert set(titles(window)) == {LIGHTHOUSE, GLACIER}
    years = facet_items(window.facets, "Year")
    assert set(years) == {"2021  1", "2023  1"}
    click(qtbot, window.facets, years["2021  1"])
    assert titles(window) == [LIGHTHOUSE]


def test_sorting_by_title_and_by_date(qtbot: Any, window: MainWindow) -> None:
    box = window.search_controls.sort_box
    box.setCurrentIndex(box.findData("title"))
    assert titles(window) == sorted(titles(window), key=str.casefold)
    assert titles(window)[0] == GLACIER
    box.setCurrentIndex(box.findData("date"))
    assert titles(window) == [GLACIER, SOURDOUGH, LIGHTHOUSE]  # Newest first.


def test_saving_running_and_deleting_a_search(
    qtbot: Any, window: MainWindow, library: Library, monkeypatch: Any
) -> None:
    search(qtbot, window, "sourdough")
    # The name dialog is Qt's own; answering it is the user's part.
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Bread", True))
    window.search_controls.save_button.click()
    assert library.saved_searches() == [("Bread", "sourdough")]
    assert window.saved_searches.names() == ["Bread"]
    search(qtbot, window, "")
    assert len(titles(window)) == 3
    item = window.saved_searches.item(0)
    window.saved_searches.itemClicked.emit(item)
    assert window.search_field.text() == "sourdough"
    assert titles(window) == [SOURDOUGH]
    window.saved_searches.delete_requested.emit("Bread")
    assert library.saved_searches() == []
    assert window.saved_searches.isHidden()


def test_saving_needs_a_query(qtbot: Any, window: MainWindow) -> None:
    assert not window.search_controls.save_button.isEnabled()
    search(qtbot, window, "glacier")
    assert window.search_controls.save_button.isEnabled()


def test_more_like_this_lists_similar_articles_until_the_user_types(
    qtbot: Any, window: MainWindow
) -> None:
    row = titles(window).index(LIGHTHOUSE)
    window.result_list.setCurrentIndex(window.model.index(row))
    assert window.reader.similar_action.isEnabled()
    window.reader.similar_action.trigger()
    assert window.results_label.text().endswith(f"like “{LIGHTHOUSE}”")
    assert LIGHTHOUSE not in titles(window)
    assert SOURDOUGH in titles(window)  # Shares the English filler paragraph.
    search(qtbot, window, "glacier")
    assert titles(window) == [GLACIER]


def test_did_you_mean_is_offered_and_runs(qtbot: Any, window: MainWindow) -> None:
    search(qtbot, window, "lighthuose")
    assert titles(window) == []
    assert window.hint_label.isVisible()
    assert "Did you mean" in window.hint_label.text()
    assert 'href="lighthouse"' in window.hint_label.text()
    window.hint_label.linkActivated.emit("lighthouse")
    assert titles(window) == [LIGHTHOUSE]
    assert not window.hint_label.isVisible()


def test_a_malformed_query_is_searched_as_words_and_the_user_told(
    qtbot: Any, window: MainWindow
) -> None:
    search(qtbot, window, '"lighthouse keepers')
    assert titles(window) == [LIGHTHOUSE]
    assert window.hint_label.isVisible()
    assert window.hint_label.text()


def test_the_query_help_opens_from_its_button_and_from_f1(qtbot: Any, window: MainWindow) -> None:
    help_window = window.search_controls.help
    assert not help_window.isVisible()
    qtbot.mouseClick(window.search_controls.help_button, Qt.MouseButton.LeftButton)
    assert help_window.isVisible()
    text = help_window.text.toPlainText()
    for typed, found in QUERY_SYNTAX:
        assert all(example in text for example in typed.split("   "))
        assert found in text
    help_window.close()
    assert not help_window.isVisible()
    f1 = next(a for a in window.actions() if a.shortcut().toString() == "F1")
    f1.trigger()
    assert help_window.isVisible()


def test_the_help_names_every_field_of_the_query_language() -> None:
    page = help_html()
    for field in ("title:", "author:", "site:", "url:", "lang:", "tag:", "note:", "published:"):
        assert field in page
    for operator in ("OR", "NOT", "-", "*", "~", "(", '"'):
        assert operator in page


def test_facet_rows_never_show_a_value_no_result_has(qtbot: Any, window: MainWindow) -> None:
    bookmark_rows = facet_items(window.facets, "Bookmark")
    assert list(bookmark_rows) == ["Not bookmarked  3"]
