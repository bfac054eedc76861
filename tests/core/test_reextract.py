"""Re-extraction rebuilds an article from its source and keeps what the reader added."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.core import ArticleNotFound, Library
from desktop_app.core.progress import CancelToken
from desktop_app.core.reextract import plan_reextraction
from tests.archive_import.builders_warc import html as warc_html
from tests.archive_import.builders_warc import page as warc_page
from tests.archive_import.builders_warc import write_warc
from tests.pages import write_page


def _spoil(library: Library, article_id: int) -> None:
    """Stand in for an older, worse extractor: overwrite the stored text."""
    db = sqlite3.connect(library.folder / "library.sqlite3")
    db.execute(
        "UPDATE articles SET text = 'stale', html = '<p>stale</p>', title = 'Old' WHERE id = ?",
        (article_id,),
    )
    db.commit()
    db.close()


def test_reextract_restores_the_article_and_keeps_reader_data(
    library: Library, pages: Path
) -> None:
    library.import_paths([pages])
    [hit] = library.search("sourdough").hits
    library.set_bookmarked(hit.id, True)
    library.set_tags(hit.id, ["bread"])
    library.set_note(hit.id, "try rye")
    _spoil(library, hit.id)
    [outcome] = library.reextract([hit.id])
    assert outcome.updated
    article = library.article(hit.id)
    assert article.title == "Sourdough starters"
    assert "Wild yeast feeds the sourdough" in article.text
    assert article.bookmarked
    assert article.tags == ("bread",)
    assert article.note == "try rye"
    assert library.search("wild yeast").hits[0].id == hit.id


def test_reextract_uses_the_kept_copy_when_the_file_is_gone(
    library: Library, tmp_path: Path
) -> None:
    page = write_page(tmp_path / "in", "gone.html", "Vanishing page", "Dunes move with wind.")
    [article_id] = library.import_paths([page]).imported_ids
    page.unlink()
    _spoil(library, article_id)
    assert library.reextract([article_id])[0].updated
    assert library.article(article_id).title == "Vanishing page"
    assert library.article(article_id).sources[0].path == str(page)


def test_reextract_all_and_unknown_ids(library: Library, pages: Path) -> None:
    library.import_paths([pages])
    outcomes = library.reextract()
    assert [o.updated for o in outcomes] == [True, True, True]
    with pytest.raises(ArticleNotFound):
        library.reextract([404])


def test_a_changed_file_falls_back_to_the_kept_copy(library: Library, tmp_path: Path) -> None:
    page = write_page(tmp_path / "in", "edited.html", "Tide pools", "Anemones close at low tide.")
    [article_id] = library.import_paths([page]).imported_ids
    write_page(tmp_path / "in", "edited.html", "Something else", "Unrelated words now.")
    assert library.reextract([article_id])[0].updated
    assert library.article(article_id).title == "Tide pools"


def test_original_page_is_available_to_show_beside_the_article(
    library: Library, tmp_path: Path
) -> None:
    page = write_page(tmp_path / "in", "orig.html", "Salt marshes", "Cordgrass traps silt.")
    [article_id] = library.import_paths([page]).imported_ids
    original = library.original_html(article_id)
    assert original is not None
    assert "<nav>" in original
    assert "About us" in original  # the page furniture the article leaves out
    page.unlink()
    assert library.original_html(article_id) == original
    scrape = tmp_path / "in" / "notes.txt"
    scrape.write_text("Notes\n\nPlain words only, nothing to show as a page.", "utf-8")
    [text_id] = library.import_paths([scrape]).imported_ids
    assert library.original_html(text_id) is None


def test_cancelled_reextraction_keeps_and_indexes_what_it_finished(
    library: Library, pages: Path
) -> None:
    ids = library.import_paths([pages]).imported_ids
    for article_id in ids:
        _spoil(library, article_id)
    library.rebuild_index()  # The index holds the stale texts too.
    token = CancelToken()
    outcomes = library.reextract(ids, progress=lambda _progress: token.cancel(), cancel=token)
    assert [o.article_id for o in outcomes] == ids[:1]
    first = library.article(ids[0])
    assert first.title != "Old"
    # Re-extracted articles are indexed in batches; the unfinished batch is not forgotten.
    assert [h.id for h in library.search(first.title).hits][:1] == [ids[0]]
    assert [library.article(i).title for i in ids[1:]] == ["Old", "Old"]


def test_a_file_of_several_pages_is_one_job_for_all_its_articles(
    library: Library, tmp_path: Path
) -> None:
    crawl = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            warc_page("https://reef.example/coral", warc_html("Coral spawning", "Polyps.")),
            warc_page("https://reef.example/kelp", warc_html("Kelp forests", "Holdfasts.")),
        ],
    )
    page = write_page(tmp_path / "in", "lone.html", "Lone page", "Gulls nest on cliffs.")
    ids = library.import_paths([crawl, page]).imported_ids
    plan = plan_reextraction([library.article(i) for i in ids])
    assert [Path(job.path).name for job in plan.jobs] == ["crawl.warc.gz", "lone.html"]
    assert [[a.id for a in plan.articles[job.order]] for job in plan.jobs] == [ids[:2], ids[2:]]
    for article_id in ids:
        _spoil(library, article_id)
    assert [o.updated for o in library.reextract(ids)] == [True, True, True]
    assert [library.article(i).title for i in ids] == [
        "Coral spawning",
        "Kelp forests",
        "Lone page",
    ]


def test_many_files_are_extracted_again_in_worker_processes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "many"
    for number in range(10):
        write_page(folder, f"page{number:02}.html", f"Page number {number}", f"Topic {number}.")
    with Library(tmp_path / "lib", workers=2) as library:
        ids = library.import_paths([folder]).imported_ids
        (folder / "page03.html").unlink()  # Read again from the library's own copy.
        for article_id in ids:
            _spoil(library, article_id)
        seen: list[int] = []
        caplog.set_level(logging.INFO, logger="desktop_app.core.extraction")
        outcomes = library.reextract(list(reversed(ids)), progress=lambda p: seen.append(p.done))
        assert [o.article_id for o in outcomes] == list(reversed(ids))
        assert all(o.updated for o in outcomes)
        assert seen == list(range(1, 11))
        assert any(m.startswith("extracting in 2 worker processes (") for m in caplog.messages)
        assert [library.article(i).title for i in ids] == [f"Page number {n}" for n in range(10)]
        assert library.search("topic 3").hits[0].id == ids[3]


def _remove(kept: Path) -> None:
    kept.unlink()


def _tear(kept: Path) -> None:
    kept.write_bytes(kept.read_bytes()[:20])  # A gzip header, then nothing.


@pytest.mark.parametrize(
    ("spoil_copy", "reason"),
    [(_remove, "can be found"), (_tear, "library's copy of it is damaged")],
)
def test_a_file_gone_with_its_kept_copy_lost_or_damaged_is_reported(
    library: Library, tmp_path: Path, spoil_copy: Callable[[Path], None], reason: str
) -> None:
    page = write_page(tmp_path / "in", "lost.html", "Lost page", "Nothing keeps it now.")
    [article_id] = library.import_paths([page]).imported_ids
    page.unlink()
    for kept in (library.folder / "originals").rglob("*.gz"):
        spoil_copy(kept)
    [outcome] = library.reextract([article_id])
    assert not outcome.updated
    assert reason in outcome.reason
    assert library.article(article_id).title == "Lost page"
    assert library.original_html(article_id) is None


def test_articles_of_an_older_extractor_are_counted_until_extracted_again(
    library: Library, pages: Path
) -> None:
    ids = library.import_paths([pages]).imported_ids
    assert library.count_outdated() == 0
    db = sqlite3.connect(library.folder / "library.sqlite3")
    db.execute("UPDATE articles SET extractor = 'trafilatura 1.0' WHERE id = ?", (ids[1],))
    db.commit()
    db.close()
    assert library.count_outdated() == 1
    library.reextract([ids[1]])
    assert library.count_outdated() == 0
