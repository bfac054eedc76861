"""A line giving the page's own publication or update time goes; the time stays metadata."""

from __future__ import annotations

from pathlib import Path

from archive_import import extract_file
from tests.archive_import.builders_article import article_page, write

_MODIFIED = '<meta property="article:modified_time" content="2024-03-01T14:05:00+01:00">'


def test_the_page_s_own_update_line_goes_and_its_date_is_kept(tmp_path: Path) -> None:
    stamped = article_page(
        "de", head=_MODIFIED, after="<p>Aktualisiert am 01.03.2024, 14:05 Uhr</p>"
    )
    [article] = extract_file(write(tmp_path, stamped))
    assert "Aktualisiert" not in article.text
    assert article.modified is not None
    assert article.modified.startswith("2024-03-01")


def test_a_dated_line_of_another_day_or_without_metadata_stays(tmp_path: Path) -> None:
    other_day = article_page("en", head=_MODIFIED, after="<p>Deadline: 14 March 2024</p>")
    [article] = extract_file(write(tmp_path, other_day, "other.html"))
    assert "Deadline: 14 March 2024" in article.text
    no_metadata = article_page("de", after="<p>Aktualisiert am 01.03.2024, 14:05 Uhr</p>")
    [article] = extract_file(write(tmp_path, no_metadata, "plain.html"))
    assert "Aktualisiert am 01.03.2024" in article.text
