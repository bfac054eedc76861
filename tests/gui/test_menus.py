"""The menus' file dialog filter offers every format the importer reads."""

from __future__ import annotations

import pytest

from desktop_app.gui.menus import SAVED_PAGE_FILTER

# Written out here rather than taken from the module, so a pattern dropped there fails.
EVERY_PATTERN = [
    *["*.html", "*.htm", "*.xhtml", "*.shtml", "*.txt", "*.mhtml", "*.mht"],
    *["*.warc", "*.warc.gz", "*.arc", "*.arc.gz", "*.wacz"],
    *["*.webarchive", "*.maff", "*.htz", "*.zip", "*.gz"],
]


@pytest.mark.parametrize("pattern", EVERY_PATTERN)
def test_the_saved_pages_filter_names_every_format(pattern):
    saved_pages = SAVED_PAGE_FILTER.split(";;")[0]
    assert saved_pages.startswith("Saved pages (")
    assert pattern in saved_pages.removeprefix("Saved pages (").removesuffix(")").split()


def test_all_files_can_be_chosen_too():
    assert SAVED_PAGE_FILTER.split(";;")[1:] == ["All files (*)"]
