"""Citations from the window: the article read to the clipboard, the list to a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.gui.citing import form_of
from tests.gui.test_main_window import select_title


def test_cite_copies_the_reference_of_the_article_read(qtbot, window) -> None:
    assert not window.reader.cite_action.isEnabled()  # nothing is read yet
    select_title(window, "Lighthouse")
    window.reader.cite_action.trigger()
    copied = QApplication.clipboard().text()
    assert copied.startswith("Maren Keller. \u201cThe Lighthouse Keepers of Ushant.\u201d")
    assert "14 March 2021" in copied
    assert window.statusBar().currentMessage().startswith("Copied the reference of")


@pytest.mark.parametrize(
    ("entry", "opening"),
    [("Copy BibTeX", "@online{keller2021lighthouse,"), ("Copy RIS", "TY  - ELEC")],
)
def test_the_arrow_offers_the_other_forms(qtbot, window, entry: str, opening: str) -> None:
    select_title(window, "Lighthouse")
    [action] = [a for a in window.reader.cite_menu.actions() if a.text() == entry]
    action.trigger()
    assert QApplication.clipboard().text().startswith(opening)


def test_the_listed_articles_are_exported_in_the_form_the_file_name_asks(
    qtbot, window, tmp_path: Path
) -> None:
    listed = window.model.rowCount()
    assert listed >= 3
    assert window.export_citations(tmp_path / "reading.json")
    items = json.loads((tmp_path / "reading.json").read_text("utf-8"))
    assert [item["title"] for item in items] == [
        window.model.hit_at(row).title for row in range(listed)
    ]
    assert window.export_citations(tmp_path / "reading.ris")
    assert (tmp_path / "reading.ris").read_text("utf-8").count("ER  - ") == listed
    assert "Wrote the RIS of" in window.statusBar().currentMessage()


def test_nothing_listed_is_nothing_to_export(qtbot, window, tmp_path: Path) -> None:
    window.search_field.setText("nothingmatchesthisword")
    window.refresh()
    assert not window.export_citations(tmp_path / "none.bib")
    assert not (tmp_path / "none.bib").exists()
    assert window.statusBar().currentMessage() == "No articles are listed to cite."


def test_a_file_that_cannot_be_written_is_said_so(qtbot, window, tmp_path: Path) -> None:
    assert not window.export_citations(tmp_path / "missing-folder" / "c.bib")
    assert window.statusBar().currentMessage().startswith("Could not write")


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("a.bib", "bibtex"),
        ("A.RIS", "ris"),
        ("a.json", "csl-json"),
        ("a.txt", "text"),
        ("a", "text"),
    ],
)
def test_the_extension_names_the_form(name: str, form: str) -> None:
    assert form_of(Path(name)) == form
