"""Under each article: where it came from, and links to the other captures of the same page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor

from desktop_app.core import Article, SourceRecord
from desktop_app.gui.about_page import (
    ABOUT_HEADING,
    NEWER_CAPTURE,
    OLDER_CAPTURE,
    OTHER_CAPTURE,
    about_html,
    format_name,
    source_summary,
    version_label,
)
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.safe_browser import SafeTextBrowser
from tests.pages import article_page

IMPORT_TIMEOUT_MS = 30_000
TIDE_CLOCK_URL = "https://harbour.example/tide-clock"
SINGLEFILE_MARK = """<!--
 Page saved with SingleFile
 url: {url}
 saved date: {date} (Central European Standard Time)
-->"""
FIRST_CAPTURE = [
    "The tide clock above the harbour office in Saint-Malo was built in 1887 by a local "
    "watchmaker who wanted fishermen to read the state of the sea from the quay without "
    "asking anyone, and its single brass hand still sweeps from low water to high twice a day.",
    "For decades the clock was wound every Sunday by the harbour master himself, who kept "
    "the key on a string around his neck and refused to let apprentices touch the mechanism "
    "until they had served at least three winters on the pilot boats outside the walls.",
]
SECOND_CAPTURE = [
    "Restorers removed the corroded gears of the harbour clock last spring and replaced them "
    "with parts milled in a workshop near Rennes, after volunteers raised money through a "
    "village fête, an auction of old charts and a concert given by the sailors' choir.",
    "The restored mechanism is now driven by a small electric motor hidden behind the dial, "
    "but the town council insisted that the painted face, the brass hand and the carved "
    "wooden case stay exactly as the watchmaker left them more than a century ago.",
]


def write_capture(folder: Path, name: str, date: str, paragraphs: list[str]) -> Path:
    """A SingleFile capture of the tide clock page, saved on ``date``."""
    page = article_page("The Tide Clock of Saint-Malo", paragraphs, url=TIDE_CLOCK_URL)
    mark = SINGLEFILE_MARK.format(url=TIDE_CLOCK_URL, date=date)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page.replace('<html lang="en">', f'<html lang="en">{mark}'), "utf-8")
    return path


def import_and_wait(qtbot, window: MainWindow, path: Path) -> int:
    with qtbot.waitSignal(window.import_finished, timeout=IMPORT_TIMEOUT_MS) as finished:
        window.import_paths([path])
    [article_id] = finished.args[0].imported_ids
    return article_id


def click_link(qtbot, browser: SafeTextBrowser, text: str) -> None:
    """Click the middle of the link whose text is ``text``, as a user would."""
    found = browser.document().find(text)
    assert not found.isNull(), f"no {text!r} in the reader"
    middle = QTextCursor(browser.document())
    middle.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    browser.setTextCursor(middle)
    browser.ensureCursorVisible()
    qtbot.mouseClick(
        browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect().center()
    )


def test_the_reader_ends_with_where_the_article_came_from(window, page_files):
    row = next(
        r for r in range(window.model.rowCount()) if "Lighthouse" in window.model.hit_at(r).title
    )
    window.result_list.setCurrentIndex(window.model.index(row))
    text = window.reader.browser.toPlainText()
    assert ABOUT_HEADING in text
    assert text.index(ABOUT_HEADING) > text.index("logbook of storms"), "after the body"
    assert "HTML · lighthouse.html" in text
    path = str(next(p for p in page_files if p.name == "lighthouse.html"))
    assert path in text, "the full path is shown under the file name"
    assert OLDER_CAPTURE not in text
    assert NEWER_CAPTURE not in text


def test_a_new_capture_links_to_the_older_one_and_back(qtbot, window, library, tmp_path):
    older_id = import_and_wait(
        qtbot,
        window,
        write_capture(
            tmp_path / "2023", "tide-clock.html", "Fri Mar 03 2023 10:00:05 GMT+0100", FIRST_CAPTURE
        ),
    )
    newer_id = import_and_wait(
        qtbot,
        window,
        write_capture(
            tmp_path / "2024",
            "tide-clock.html",
            "Mon Jan 15 2024 09:30:00 GMT+0100",
            SECOND_CAPTURE,
        ),
    )
    assert library.article(newer_id).previous_id == older_id
    window.open_article(newer_id)
    assert window.result_list.currentIndex().row() == window.model.row_of(newer_id)
    reader = window.reader
    text = reader.browser.toPlainText()
    assert "SingleFile · captured 15 Jan 2024 · tide-clock.html" in text
    assert f"{OLDER_CAPTURE} (3 Mar 2023)" in text
    click_link(qtbot, reader.browser, OLDER_CAPTURE)
    assert reader.article_id == older_id
    assert window.result_list.currentIndex().row() == window.model.row_of(older_id)
    text = reader.browser.toPlainText()
    assert "Restorers removed" not in text
    assert "harbour master himself" in text
    assert f"{NEWER_CAPTURE} (15 Jan 2024)" in text
    assert reader.browser.source().isEmpty(), "the link is not followed inside the browser"


def test_reading_the_old_capture_while_a_new_one_comes_in(qtbot, window, tmp_path):
    older_id = import_and_wait(
        qtbot,
        window,
        write_capture(
            tmp_path / "a", "clock.html", "Fri Mar 03 2023 10:00:05 GMT+0100", FIRST_CAPTURE
        ),
    )
    window.resize(900, 360)
    window.open_article(older_id)
    bar = window.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    assert position > 0, "the reader must scroll for this test to mean anything"
    assert NEWER_CAPTURE not in window.reader.browser.toPlainText()
    import_and_wait(
        qtbot,
        window,
        write_capture(
            tmp_path / "b", "clock.html", "Mon Jan 15 2024 09:30:00 GMT+0100", SECOND_CAPTURE
        ),
    )
    assert window.reader.article_id == older_id
    assert f"{NEWER_CAPTURE} (15 Jan 2024)" in window.reader.browser.toPlainText()
    assert bar.value() == position, "the reading position is kept"


def test_a_capture_outside_the_list_still_opens_in_the_reader(qtbot, window, tmp_path):
    older_id = import_and_wait(
        qtbot,
        window,
        write_capture(
            tmp_path / "a", "clock.html", "Fri Mar 03 2023 10:00:05 GMT+0100", FIRST_CAPTURE
        ),
    )
    newer_id = import_and_wait(
        qtbot,
        window,
        write_capture(
            tmp_path / "b", "clock.html", "Mon Jan 15 2024 09:30:00 GMT+0100", SECOND_CAPTURE
        ),
    )
    window.search_field.setText("restorers")
    window.refresh()
    assert window.model.row_of(older_id) is None
    window.open_article(newer_id)
    click_link(qtbot, window.reader.browser, OLDER_CAPTURE)
    assert window.reader.article_id == older_id
    assert not window.result_list.selectionModel().hasSelection()
    assert window.search_field.text() == "restorers", "the search the user typed is kept"


def test_article_links_never_reach_the_system_browser(qtbot):
    opened: list[str] = []
    browser = SafeTextBrowser(open_external=lambda url: opened.append(url.toString()))
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.article_requested) as requested:
        browser.anchorClicked.emit(QUrl("article:42"))
    assert requested.args == [42]
    with qtbot.assertNotEmitted(browser.article_requested):
        browser.anchorClicked.emit(QUrl("article:forty-two"))
        browser.anchorClicked.emit(QUrl("article:"))
    assert opened == []


def crawl_article(article_id: int, captured: str | None, **fields) -> Article:
    source = SourceRecord(
        path="/archives/crawl-2021.warc.gz",
        format="warc",
        sha256="0" * 64,
        locator="urn:uuid:38862373-930e-55ec-a146-1dc4960f5780",
        imported_at="2024-05-02T08:00:00+00:00",
        captured=captured,
    )
    return Article(id=article_id, title="Example", text="", html="", sources=(source,), **fields)


def test_a_warc_source_shows_its_record_in_small_grey_text():
    article = crawl_article(1, "2021-05-20T22:15:23Z")
    shown = about_html(article, lambda _id: None)
    assert "WARC · captured 20 May 2021 · crawl-2021.warc.gz" in shown
    assert (
        '<span class="about-detail">record urn:uuid:38862373-930e-55ec-a146-1dc4960f5780' in shown
    )
    assert 'title="/archives/crawl-2021.warc.gz"' in shown
    assert "imported 2 May 2024" in shown


@pytest.mark.parametrize(
    ("path", "fmt", "name"),
    [
        ("/a/old.arc.gz", "warc", "ARC"),
        ("/a/crawl.warc", "warc", "WARC"),
        ("/a/page.webarchive", "webarchive", "Safari web archive"),
        ("/a/page.mht", "mhtml", "MHTML"),
        ("/a/notes.txt", "text", "Plain text"),
        ("/a/odd.bin", "future", "FUTURE"),
    ],
)
def test_formats_have_readable_names(path, fmt, name):
    assert format_name(SourceRecord(path=path, format=fmt, sha256="")) == name


def test_a_source_without_a_capture_date_leaves_it_out():
    source = SourceRecord(path="/saved/page.html", format="html", sha256="")
    assert source_summary(source) == "HTML · page.html"


def test_capture_links_are_dated_and_never_contradict_the_dates():
    old = crawl_article(1, "2020-01-01T00:00:00Z", newer_ids=(2,))
    new = crawl_article(2, "2021-06-01T00:00:00Z", previous_id=1)
    assert version_label(new, old, older=True) == f"{OLDER_CAPTURE} (1 Jan 2020)"
    assert version_label(old, new, older=False) == f"{NEWER_CAPTURE} (1 Jun 2021)"
    # Imported in the other order: the core's "older" was captured later.
    assert version_label(old, new, older=True) == f"{OTHER_CAPTURE} (1 Jun 2021)"
    undated = crawl_article(3, None)
    assert version_label(new, undated, older=True) == f"{OLDER_CAPTURE} (imported 2 May 2024)"


def test_a_capture_that_is_gone_is_left_out():
    article = crawl_article(2, None, previous_id=1, newer_ids=(3,))
    others = {3: crawl_article(3, "2022-02-02T00:00:00Z")}
    shown = about_html(article, others.get)
    assert OLDER_CAPTURE not in shown
    assert f'<a href="article:3">{NEWER_CAPTURE} (2 Feb 2022)</a>' in shown
