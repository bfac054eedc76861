"""The small words the window derives from records: dates, languages, query terms, summaries."""

from __future__ import annotations

import pytest

from desktop_app.core import FileOutcome, ImportReport, OutcomeKind
from desktop_app.gui.formatting import format_date, format_language, host_of, plural
from desktop_app.gui.import_status import summarize


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2023-09-21", "21 Sep 2023"),
        ("2021-03-04T10:15:00+01:00", "4 Mar 2021"),
        ("2020-02", "Feb 2020"),
        ("2023-02-30", "2023-02-30"),
        ("last spring", "last spring"),
        (None, ""),
    ],
)
def test_format_date(value, shown):
    assert format_date(value) == shown


def test_format_language_names_known_codes_and_keeps_unknown_ones():
    assert format_language("fr") == "French"
    assert format_language("pt-BR") == "Portuguese"
    assert format_language("zz") == "zz"
    assert format_language(None) == ""


def test_plural_and_host():
    assert plural(1, "article") == "1 article"
    assert plural(1200, "article") == "1,200 articles"
    assert host_of("https://www.example.org/a/b") == "example.org"
    assert host_of("not a url") == ""


def test_summary_counts_each_kind():
    report = ImportReport(
        outcomes=[
            FileOutcome("a.html", OutcomeKind.IMPORTED, (1,)),
            FileOutcome("b.mhtml", OutcomeKind.IMPORTED, (2, 3)),
            FileOutcome("c.html", OutcomeKind.DUPLICATE),
            FileOutcome("d.bin", OutcomeKind.FAILED, reason="not a saved page"),
        ]
    )
    assert summarize(report) == "Imported 3 articles · 1 duplicate · 1 failed"
    assert summarize(ImportReport(cancelled=True)) == "Imported 0 articles · cancelled"
