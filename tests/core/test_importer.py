"""When an import commits what it has written to the search index, and collects garbage."""

from __future__ import annotations

import gc
from pathlib import Path

from desktop_app.core import Library
from desktop_app.core.collector import FIRST_GENERATION, fewer_collections
from desktop_app.core.importer import index_is_due
from tests.pages import write_page


def test_the_index_commits_a_second_of_articles_and_more_often_near_the_end() -> None:
    assert not index_is_due(waiting=40, remaining=500, elapsed=0.9)
    assert index_is_due(waiting=40, remaining=500, elapsed=1.0)
    assert index_is_due(waiting=256, remaining=500, elapsed=0.1)
    # Fewer files to come than articles waiting: commit now, at most four times a second.
    assert index_is_due(waiting=40, remaining=39, elapsed=0.3)
    assert not index_is_due(waiting=40, remaining=39, elapsed=0.2)
    assert not index_is_due(waiting=40, remaining=40, elapsed=0.3)


def test_an_import_collects_garbage_less_often_and_restores_the_setting_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == FIRST_GENERATION
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before


def test_an_import_runs_with_fewer_collections(library: Library, tmp_path: Path) -> None:
    page = write_page(tmp_path, "page.html", "Tides", "The tide turned at noon.")
    during: list[int] = []
    before = gc.get_threshold()
    library.import_paths([page], progress=lambda _: during.append(gc.get_threshold()[0]))
    assert during
    assert set(during) == {FIRST_GENERATION}
    assert gc.get_threshold() == before
