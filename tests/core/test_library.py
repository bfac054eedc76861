"""The library facade on a real SQLite file and a real Whoosh index."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.core import (
    ArticleNotFound,
    CancelToken,
    Library,
    LibraryError,
    OutcomeKind,
    Progress,
)
from desktop_app.core.originals import Originals
from tests.pages import write_page


def test_import_stores_articles_with_sources(library: Library, pages: Path) -> None:
    report = library.import_paths([pages])
    assert [o.kind for o in report.outcomes] == [OutcomeKind.IMPORTED] * 3
    assert library.count() == 3
    article = library.article(report.imported_ids[0])
    assert article.title == "Lighthouse lenses"
    assert article.authors == ("Eleanor Marsh",)
    assert article.site_name == "Coast Review"
    [source] = article.sources
    assert source.path == str(pages / "lighthouse.html")
    assert source.format == "html"
    assert len(source.sha256) == 64
    assert not article.bookmarked


def test_originals_are_kept_byte_for_byte(library: Library, pages: Path) -> None:
    report = library.import_paths([pages / "sourdough.html"])
    [source] = library.article(report.imported_ids[0]).sources
    kept = Originals(library.folder / "originals").read(source.sha256)
    assert kept == (pages / "sourdough.html").read_bytes()


def test_reimporting_the_same_file_adds_nothing(library: Library, pages: Path) -> None:
    first = library.import_paths([pages])
    second = library.import_paths([pages])
    assert [o.kind for o in second.outcomes] == [OutcomeKind.DUPLICATE] * 3
    assert [o.article_ids for o in second.outcomes] == [o.article_ids for o in first.outcomes]
    assert library.count() == 3
    assert library.search("lighthouse").total == 1


def test_a_copy_in_the_same_batch_is_a_duplicate(
    library: Library, pages: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.html"
    shutil.copy(pages / "sourdough.html", copy)
    report = library.import_paths([pages / "sourdough.html", copy])
    assert [o.kind for o in report.outcomes] == [OutcomeKind.IMPORTED, OutcomeKind.DUPLICATE]
    assert "sourdough.html" in report.outcomes[1].reason
    assert library.count() == 1


def test_bad_inputs_fail_by_name_and_the_rest_is_imported(
    library: Library, pages: Path, tmp_path: Path
) -> None:
    library.import_paths([pages / "lighthouse.html"])
    garbage = tmp_path / "garbage.html"
    garbage.write_bytes(b"\x00\xff\x00\xfe" * 64)
    missing = tmp_path / "missing.html"
    report = library.import_paths([missing, garbage, pages])
    failed = {Path(o.path).name: o.reason for o in report.failed}
    assert set(failed) == {"missing.html"}
    assert "no such file" in failed["missing.html"]
    garbage_outcome = next(o for o in report.outcomes if o.path == str(garbage))
    assert garbage_outcome.kind in {OutcomeKind.SKIPPED, OutcomeKind.FAILED}
    assert garbage_outcome.reason
    assert library.count() == 3
    assert library.article(1).title == "Lighthouse lenses"


def test_search_ranks_highlights_and_folds_accents(library: Library, pages: Path) -> None:
    library.import_paths([pages])
    results = library.search("lighthouse")
    assert results.total == 1
    [hit] = results.hits
    assert hit.title == "Lighthouse lenses"
    assert "<mark>lighthouse</mark>" in hit.snippet.lower()
    assert hit.score > 0
    assert library.search("capture").total == 1  # stems and folds "capturé"
    assert library.search("bretagne marnage").total == 1
    assert library.search("lighthouse sourdough").total == 0  # words are ANDed


def test_title_matches_rank_above_body_matches(library: Library, tmp_path: Path) -> None:
    write_page(tmp_path, "a.html", "Notes on harbours", "A glacier appears once in this text.")
    write_page(tmp_path, "b.html", "Glacier field guide", "Ice and snow are the subject here.")
    library.import_paths([tmp_path / "a.html", tmp_path / "b.html"])
    assert library.search("glacier").hits[0].title == "Glacier field guide"


def test_malformed_query_still_searches(library: Library, pages: Path) -> None:
    library.import_paths([pages])
    assert library.search('sourdough AND OR ( "').total == 1
    assert library.search("title:(").total >= 0


def test_bookmarks_persist_and_filter_search(library: Library, pages: Path) -> None:
    library.import_paths([pages])
    [sourdough] = library.search("sourdough").hits
    library.set_bookmarked(sourdough.id, True)
    assert library.article(sourdough.id).bookmarked
    assert library.count_bookmarked() == 1
    assert [h.id for h in library.browse(bookmarked_only=True).hits] == [sourdough.id]
    assert library.search("sourdough", bookmarked_only=True).total == 1
    assert library.search("lighthouse", bookmarked_only=True).total == 0
    library.close()
    with Library(library.folder) as reopened:
        assert reopened.article(sourdough.id).bookmarked
        assert reopened.search("sourdough", bookmarked_only=True).total == 1
        reopened.set_bookmarked(sourdough.id, False)
        assert reopened.search("sourdough", bookmarked_only=True).total == 0


def test_unknown_article_is_reported(library: Library) -> None:
    with pytest.raises(ArticleNotFound, match="no article with id 42"):
        library.article(42)
    with pytest.raises(ArticleNotFound):
        library.set_bookmarked(42, True)


def test_browse_lists_newest_first(library: Library, pages: Path) -> None:
    library.import_paths([pages])
    results = library.browse()
    assert results.total == 3
    assert [h.id for h in results.hits] == [3, 2, 1]
    assert all(h.snippet for h in results.hits)


def test_progress_is_reported_and_cancel_keeps_finished_files(
    library: Library, pages: Path
) -> None:
    seen: list[Progress] = []
    token = CancelToken()

    def on_progress(progress: Progress) -> None:
        seen.append(progress)
        if progress.done == 2:
            token.cancel()

    report = library.import_paths([pages], progress=on_progress, cancel=token)
    assert report.cancelled
    assert [p.done for p in seen] == [0, 1, 2]
    assert all(p.total == 3 for p in seen)
    assert seen[1].current.endswith("lighthouse.html")
    assert len(report.imported_ids) == 2
    assert library.count() == 2
    assert report.outcomes[2].kind is OutcomeKind.SKIPPED
    assert "cancelled" in report.outcomes[2].reason
    # Files are read in name order: lighthouse.html, marees.html, then (cancelled) sourdough.html.
    assert library.search("lighthouse").total == 1
    assert library.search("bretagne").total == 1
    assert library.search("sourdough").total == 0


def test_index_is_rebuilt_when_missing_or_behind(library: Library, pages: Path) -> None:
    library.import_paths([pages])
    folder = library.folder
    library.close()
    shutil.rmtree(folder / "index")
    with Library(folder) as reopened:
        assert reopened.search("sourdough").total == 1
    db = sqlite3.connect(folder / "library.sqlite3")
    db.execute("DELETE FROM articles WHERE title = 'Sourdough starters'")
    db.commit()
    db.close()
    with Library(folder) as reopened:
        assert reopened.count() == 2
        assert reopened.search("sourdough").total == 0


def test_rebuild_index_keeps_search_working(library: Library, pages: Path) -> None:
    library.import_paths([pages])
    library.rebuild_index()
    assert library.search("lighthouse").total == 1
    assert not (library.folder / "index.new").exists()


def test_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "future"
    folder.mkdir()
    db = sqlite3.connect(folder / "library.sqlite3")
    db.execute("PRAGMA user_version = 999")
    db.close()
    with pytest.raises(LibraryError, match="newer Archive Browser"):
        Library(folder)


def test_unwritable_library_folder_is_a_library_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LibraryError, match="cannot create the library folder"):
        Library(blocker / "library")


def test_same_article_from_another_file_is_one_article(library: Library, tmp_path: Path) -> None:
    url = "https://news.example/2024/harbour-seals"
    first = write_page(
        tmp_path / "a", "seals.html", "Harbour seals return", "Seals are back.", url=url
    )
    second = write_page(
        tmp_path / "b", "seals-copy.htm", "Harbour seals return", "Seals are back.", url=url,
        extra_body="<aside><p>Another sidebar in the second save.</p></aside>",
    )  # fmt: skip
    report = library.import_paths([first, second])
    assert [o.kind for o in report.outcomes] == [OutcomeKind.IMPORTED, OutcomeKind.DUPLICATE]
    assert "another source" in report.outcomes[1].reason
    assert library.count() == 1
    [article_id] = report.outcomes[0].article_ids
    assert [s.path for s in library.article(article_id).sources] == [str(first), str(second)]


def test_same_text_without_url_is_one_article(library: Library, tmp_path: Path) -> None:
    first = write_page(tmp_path / "a", "notes.html", "Field notes", "Kelp forests sway.")
    second = write_page(tmp_path / "b", "notes.html", "Field notes", "Kelp forests sway.")
    second.write_text(second.read_text("utf-8").replace("About us", "Contact"), "utf-8")
    library.import_paths([first, second])
    assert library.count() == 1
    assert len(library.article(1).sources) == 2


def test_a_changed_capture_of_a_url_is_a_new_version(library: Library, tmp_path: Path) -> None:
    url = "https://news.example/live/storm"
    old = write_page(
        tmp_path / "old", "storm.html", "Storm update", "Winds reach the coast.", url=url
    )
    new = write_page(
        tmp_path / "new", "storm.html", "Storm update", "The storm has passed inland.",
        "Crews are clearing roads.", "Power returns to most homes.", url=url,
    )  # fmt: skip
    library.import_paths([old])
    report = library.import_paths([new])
    assert report.outcomes[0].kind is OutcomeKind.IMPORTED
    assert "new version" in report.outcomes[0].reason
    [newer_id] = report.imported_ids
    assert library.article(newer_id).previous_id == 1
    assert library.article(1).newer_ids == (newer_id,)


PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def test_images_of_a_saved_page_are_kept_and_remote_ones_dropped(
    library: Library, tmp_path: Path
) -> None:
    figure = (
        '<figure><img src="page_files/photo.png" alt="Seal"><figcaption>A seal</figcaption>'
        '</figure><img src="https://tracker.example/pixel.gif" alt="tracker">'
    )
    page = write_page(tmp_path, "page.html", "Seal colony", "Seals rest on rocks.", "More seals.")
    page.write_text(page.read_text("utf-8").replace("</h1>", "</h1>" + figure), "utf-8")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "photo.png").write_bytes(PIXEL_PNG)
    [article_id] = library.import_paths([tmp_path]).imported_ids
    article = library.article(article_id)
    [asset] = article.assets
    assert asset.media_type == "image/png"
    assert f'src="{asset.reference}"' in article.html
    assert "tracker.example" not in article.html
    kept = library.asset_file(asset.reference)
    assert kept is not None
    assert kept.read_bytes() == PIXEL_PNG
    assert library.asset_file("asset:../../etc/passwd") is None


def test_many_files_are_extracted_in_worker_processes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for number in range(10):
        write_page(folder, f"page{number:02}.html", f"Page number {number}", f"Topic {number}.")
    with Library(tmp_path / "lib", workers=2) as library:
        report = library.import_paths([folder])
        assert [o.kind for o in report.outcomes] == [OutcomeKind.IMPORTED] * 10
        titles = [library.article(i).title for i in report.imported_ids]
        assert titles == [f"Page number {n}" for n in range(10)]


def test_a_version_1_library_is_upgraded(tmp_path: Path) -> None:
    folder = tmp_path / "old-library"
    folder.mkdir()
    db = sqlite3.connect(folder / "library.sqlite3")
    db.executescript(
        """
        CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
            authors TEXT NOT NULL DEFAULT '[]', published TEXT, site_name TEXT, url TEXT,
            language TEXT, description TEXT, text TEXT NOT NULL, html TEXT NOT NULL,
            extractor TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL, bookmarked_at TEXT);
        CREATE TABLE sources (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL,
            path TEXT NOT NULL, format TEXT NOT NULL, sha256 TEXT NOT NULL,
            locator TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL, UNIQUE (sha256, locator));
        CREATE TABLE tags (article_id INTEGER NOT NULL, tag TEXT NOT NULL,
            PRIMARY KEY (article_id, tag));
        INSERT INTO articles (title, url, text, html, added_at)
            VALUES ('Old piece', 'https://old.example/a/', 'Old words here.', '<p>Old</p>', 'x');
        INSERT INTO sources (article_id, path, format, sha256, imported_at)
            VALUES (1, '/tmp/old.html', 'html', 'ab', 'x');
        PRAGMA user_version = 1;
        """
    )
    db.close()
    with Library(folder) as library:
        article = library.article(1)
        assert article.title == "Old piece"
        assert article.sources[0].captured is None
        assert library.search("old").total == 1
    db = sqlite3.connect(folder / "library.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    assert db.execute("SELECT url_key FROM articles").fetchone()[0] == "https://old.example/a"
    db.close()


def test_tags_and_notes_are_kept_and_searchable(library: Library, pages: Path) -> None:
    library.import_paths([pages])
    [hit] = library.search("sourdough").hits
    assert library.set_tags(hit.id, [" Baking ", "microbes", "baking", ""]) == (
        "baking",
        "microbes",
    )
    library.set_note(hit.id, "Compare with the rye starter from the bakery course")
    article = library.article(hit.id)
    assert article.tags == ("baking", "microbes")
    assert article.note.startswith("Compare with the rye")
    assert [h.id for h in library.search("microbes").hits] == [hit.id]
    assert [h.id for h in library.search("bakery").hits] == [hit.id]
    assert library.tags() == [("baking", 1), ("microbes", 1)]
    library.set_note(hit.id, "")
    library.set_tags(hit.id, [])
    assert library.search("bakery").total == 0
    assert library.article(hit.id).tags == ()
    with pytest.raises(ArticleNotFound):
        library.set_note(999, "x")


def test_saved_searches_are_kept(library: Library) -> None:
    library.save_search("Coast", "lighthouse OR tide")
    library.save_search("Bread", "sourdough")
    library.save_search("Coast", "lighthouse")
    assert library.saved_searches() == [("Bread", "sourdough"), ("Coast", "lighthouse")]
    assert library.delete_saved_search("Bread")
    assert not library.delete_saved_search("Bread")
    assert library.saved_searches() == [("Coast", "lighthouse")]


def test_the_newer_versions_of_an_article_are_found_by_index_in_old_libraries_too(
    tmp_path: Path,
) -> None:
    # Loading an article looks up its newer captures; without an index on previous_id every
    # load read the whole table, which grew with the library.
    folder = tmp_path / "lib"
    with Library(folder):
        pass
    db = sqlite3.connect(folder / "library.sqlite3")
    db.execute("DROP INDEX articles_by_previous_id")  # A library from before the index.
    db.commit()
    db.close()
    with Library(folder):
        pass
    db = sqlite3.connect(folder / "library.sqlite3")
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE previous_id = ? ORDER BY id", (1,)
    ).fetchall()
    db.close()
    assert "articles_by_previous_id" in " ".join(str(row) for row in plan)
