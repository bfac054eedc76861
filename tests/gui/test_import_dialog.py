"""The import progress dialog: counts, Cancel keeping what finished, Hide leaving the strip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.core import Library, OutcomeKind, Progress
from desktop_app.gui.import_dialog import (
    FINISHING,
    LOOKING,
    STOPPING,
    TITLE,
    ImportDialog,
    count_text,
    current_text,
)
from desktop_app.gui.import_status import ImportProgress
from tests.pages import write_page

IMPORT_TIMEOUT_MS = 30_000
# Enough files that a Cancel sent after the first one lands mid-way even on a busy machine.
MANY = 60


@pytest.fixture
def library(tmp_path: Path, page_files: list[Path]):
    """The three sample pages in a library that extracts in this process, one file at a time.

    With a pool of workers on a many-core machine every result can be ready before the window
    hears of the first, and a Cancel sent then stops nothing; one at a time, it lands mid-way.
    """
    lib = Library(tmp_path / "one-worker-lib", workers=1)
    assert len(lib.import_paths(page_files).imported_ids) == len(page_files)
    yield lib
    lib.close()


def harbour_pages(folder: Path, count: int) -> list[Path]:
    """``count`` distinct article pages, each with its own text and address."""
    return [
        write_page(
            folder,
            f"harbour-{number:02d}.html",
            f"Harbour Log {number}",
            f"Harbour number {number} kept its own tide book for {number + 3} generations.",
            url=f"https://harbours.example/{number}",
        )
        for number in range(count)
    ]


def test_an_import_shows_a_dialog_counting_the_files(qtbot, window, tmp_path):
    pages = harbour_pages(tmp_path / "pages", 3)
    # Heard from the start: three small pages may be done before the test looks for the end.
    finished = []
    window.import_finished.connect(finished.append)
    task = window.import_paths(pages)
    assert task is not None
    dialog = window.imports.progress_dialog
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.parent() is window
    assert dialog.windowTitle() == TITLE
    assert dialog.file_label.full_text == LOOKING
    assert [dialog.hide_button.text(), dialog.cancel_button.text()] == ["Hide", "Cancel"]
    # What the dialog shows right after each report; the dialog heard it first.
    seen = []
    task.progressed.connect(
        lambda progress: seen.append((progress, dialog.count_label.text(), dialog.bar.value()))
    )
    with qtbot.waitSignal(task.progressed, timeout=IMPORT_TIMEOUT_MS):
        pass
    progress, counted, value = seen[0]
    assert progress.total == 3
    assert counted == f"{progress.done} of 3 files"
    assert value == progress.done
    assert (dialog.bar.minimum(), dialog.bar.maximum()) == (0, 3)
    # The first report only counts the files; the dialog names a file once one is done.
    qtbot.waitUntil(lambda: any(p.current for p, _, _ in seen), timeout=IMPORT_TIMEOUT_MS)
    last = [p for p, _, _ in seen if p.current][-1]
    if last.done < last.total:
        assert dialog.file_label.full_text == f"Reading {Path(last.current).name}"
        assert dialog.file_label.toolTip() == last.current
    else:  # Every file read: the last articles are being stored and indexed.
        assert dialog.file_label.full_text == FINISHING
    # The window answers while the import runs behind the dialog.
    window.search_field.setText("glacier")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.model.rowCount() == 1
    qtbot.waitUntil(lambda: bool(finished), timeout=IMPORT_TIMEOUT_MS)
    assert not dialog.isVisible()
    assert dialog.count_label.text() == "3 of 3 files"
    assert window.statusBar().currentMessage() == "Imported 3 articles"


def test_cancel_stops_the_import_and_keeps_what_finished(qtbot, window, library, tmp_path):
    before = library.count()
    task = window.import_paths(harbour_pages(tmp_path / "many", MANY))
    assert task is not None
    dialog = window.imports.progress_dialog
    done: list[int] = []
    task.progressed.connect(lambda progress: done.append(progress.done))
    # The first report only counts the files; cancel once one file is finished.
    qtbot.waitUntil(lambda: bool(done) and done[-1] >= 1, timeout=IMPORT_TIMEOUT_MS)
    with qtbot.waitSignal(window.import_finished, timeout=IMPORT_TIMEOUT_MS) as finished:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert task.cancelled
        assert dialog.file_label.full_text == STOPPING
        assert not dialog.cancel_button.isEnabled()
        assert window.imports.progress_strip.cancel_button.text() == "Cancelling…"
    report = finished.args[0]
    assert report.cancelled
    added = library.count() - before
    assert 1 <= added < MANY
    assert len(report.imported_ids) == added
    skipped = report.of_kind(OutcomeKind.SKIPPED)
    assert len(skipped) == MANY - added
    assert all("cancelled" in outcome.reason for outcome in skipped)
    assert not dialog.isVisible()
    assert not window.imports.progress_strip.isVisible()
    assert window.model.rowCount() == before + added
    assert window.statusBar().currentMessage().endswith("skipped · cancelled")
    failures = window.imports.failures_dialog
    assert failures is not None
    assert failures.windowTitle() == "Some files were not imported"


def test_hide_closes_the_dialog_and_the_strip_stays(qtbot, window, library, tmp_path):
    task = window.import_paths(harbour_pages(tmp_path / "many", MANY))
    assert task is not None
    dialog = window.imports.progress_dialog
    qtbot.mouseClick(dialog.hide_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.imports.progress_strip.isVisible()
    with qtbot.waitSignal(window.import_finished, timeout=IMPORT_TIMEOUT_MS) as finished:
        pass
    assert not task.cancelled
    assert len(finished.args[0].imported_ids) == MANY
    assert not window.imports.progress_strip.isVisible()
    assert not dialog.isVisible()
    # The next import shows the dialog again.
    new_task = window.import_paths(harbour_pages(tmp_path / "more", 1))
    assert new_task is not None
    assert dialog.isVisible()
    with qtbot.waitSignal(new_task.finished, timeout=IMPORT_TIMEOUT_MS):
        pass


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return])
def test_keys_only_hide_the_dialog_never_cancel(qtbot, window, tmp_path, key):
    task = window.import_paths(harbour_pages(tmp_path / "pages", 3))
    assert task is not None
    dialog = window.imports.progress_dialog
    qtbot.keyClick(dialog, key)
    assert not dialog.isVisible()
    assert not task.cancelled
    with qtbot.waitSignal(window.import_finished, timeout=IMPORT_TIMEOUT_MS) as finished:
        pass
    assert len(finished.args[0].imported_ids) == 3


def test_count_text_counts_files():
    assert count_text(Progress(3, 12, "a.html")) == "3 of 12 files"
    assert count_text(Progress(1, 1, "a.html")) == "1 of 1 file"


def test_once_every_file_is_read_the_dialog_and_strip_say_the_import_is_finishing(qtbot):
    dialog, strip = ImportDialog(), ImportProgress()
    qtbot.addWidget(dialog)
    qtbot.addWidget(strip)
    for widget in (dialog, strip):
        widget.show_progress(Progress(1, 3, "/pages/first.html"))
    assert dialog.file_label.full_text == strip.current_label.full_text == "Reading first.html"
    for widget in (dialog, strip):
        widget.show_progress(Progress(3, 3, "/pages/third.html"))
    assert dialog.file_label.full_text == strip.current_label.full_text == FINISHING
    assert dialog.count_label.text() == "3 of 3 files"


def test_the_part_of_a_big_crawl_being_read_is_named() -> None:
    assert current_text(Progress(0, 2, "/data/crawl.warc.gz", "3 of 8 parts done")) == (
        "Reading crawl.warc.gz, 3 of 8 parts done"
    )
    assert current_text(Progress(1, 2, "/data/page.html")) == "Reading page.html"
