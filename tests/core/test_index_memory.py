"""Term tables are memory-mapped; the pages searches map are given back every few searches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core import Library
from desktop_app.core.search.searchindex import RELEASE_EVERY
from tests.core.search_pages import write_pages

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/smaps").exists(), reason="reads the mapped pages from /proc/self/smaps"
)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "library", workers=1) as lib:
        lib.import_paths([write_pages(tmp_path / "pages")])
        yield lib


def mapped_term_kb(folder: Path) -> int:
    """Kilobytes of this library's term tables resident in this process's mappings."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if "-" in fields[0] and len(fields) >= 5:  # A mapping's header line.
            inside = len(fields) == 6 and fields[5].startswith(str(folder))
            inside = inside and fields[5].endswith(".trm")
        elif inside and fields[0] == "Rss:":
            total += int(fields[1])
    return total


def test_searches_map_term_pages_and_every_few_give_them_back(library: Library) -> None:
    index_folder = library.folder / "index"
    library.search("lighthouse")
    assert mapped_term_kb(index_folder) > 0
    queries = ["seals", "marées", "Häuser", "Леонов"] * RELEASE_EVERY
    released_after = next(
        (n for n, query in enumerate(queries, 1)
         if library.search(query) and mapped_term_kb(index_folder) == 0),
        None,
    )  # fmt: skip
    assert released_after is not None
    assert released_after <= RELEASE_EVERY
    # Released pages are mapped again as needed: the results do not change.
    assert library.search("lighthouse").total >= 1
    assert mapped_term_kb(index_folder) > 0
