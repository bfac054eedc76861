"""When an import commits what it has written to the search index."""

from __future__ import annotations

from desktop_app.core.importer import index_is_due


def test_the_index_commits_a_second_of_articles_and_more_often_near_the_end() -> None:
    assert not index_is_due(waiting=40, remaining=500, elapsed=0.9)
    assert index_is_due(waiting=40, remaining=500, elapsed=1.0)
    assert index_is_due(waiting=256, remaining=500, elapsed=0.1)
    # Fewer files to come than articles waiting: commit now, at most four times a second.
    assert index_is_due(waiting=40, remaining=39, elapsed=0.3)
    assert not index_is_due(waiting=40, remaining=39, elapsed=0.2)
    assert not index_is_due(waiting=40, remaining=40, elapsed=0.3)
