"""An HTML page becomes an article with metadata; a page with no article is said to be one."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_import import InputError, NotAnArticle, extract_file
from tests.pages import long_paragraphs, write_page


def test_metadata_and_text(tmp_path: Path) -> None:
    page = write_page(
        tmp_path, "p.html", "Glaciers in retreat", "Glaciers shrink.", "Meltwater rises.",
        author="Ana Ruiz", published="2022-05-03T10:00:00Z", site="Ice Weekly",
        url="https://ice.example/glaciers", lang="en-GB",
    )  # fmt: skip
    [article] = extract_file(page)
    assert article.title == "Glaciers in retreat"
    assert article.authors == ("Ana Ruiz",)
    assert article.published == "2022-05-03T10:00:00+00:00"
    assert article.site_name == "Ice Weekly"
    assert article.url == "https://ice.example/glaciers"
    assert article.language == "en"
    assert article.text.startswith("Glaciers shrink.")
    assert "Copyright 2024" not in article.text
    assert "About us" not in article.text
    assert article.extractor.startswith("trafilatura")


def test_chrome_saved_from_comment_gives_the_url(tmp_path: Path) -> None:
    page = write_page(tmp_path, "saved.html", "Saved page", "A saved page body.")
    url = "https://news.example/2020/saved-page"
    page.write_text(f"<!-- saved from url=({len(url):04d}){url} -->\n" + page.read_text("utf-8"))
    [article] = extract_file(page)
    assert article.url == url


def test_page_without_article_text_is_not_an_article(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    with pytest.raises(NotAnArticle, match=r"empty\.html: no article text"):
        extract_file(page)


def test_unreadable_file_names_itself(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"gone\.html: no such file"):
        extract_file(tmp_path / "gone.html")


def test_original_page_of_a_container_is_found_by_locator(tmp_path: Path) -> None:
    from archive_import import original_page
    from tests.archive_import.builders_mhtml import chrome_mhtml, html_part
    from tests.pages import article_page, long_paragraphs

    url = "https://tides.example/t"
    page = article_page("Tide tables", long_paragraphs("Tides turn twice a day."))
    path = tmp_path / "tides.mhtml"
    path.write_bytes(chrome_mhtml([html_part(page, location=url)], snapshot=url))
    shown = original_page(path, "")
    assert shown is not None
    assert "Tides turn twice a day." in shown
    assert original_page(path, "no-such-part") is None


def test_a_relative_path_is_read_like_an_absolute_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path, "relative.html", "Read from here", "Tide pools and their crabs.")
    monkeypatch.chdir(tmp_path)
    [article] = extract_file(Path("relative.html"))
    assert article.title == "Read from here"


def test_images_come_from_the_pages_own_folder_only(tmp_path: Path) -> None:
    from tests.archive_import.test_article_structure import png

    (tmp_path / "outside.png").write_bytes(png())
    folder = tmp_path / "saved"
    (folder / "page_files").mkdir(parents=True)
    (folder / "page_files" / "inside.png").write_bytes(png() + b"inside")
    figures = "".join(
        f'<figure><img src="{src}" alt="{name}"><figcaption>The {name} lamp.</figcaption></figure>'
        for name, src in [
            ("inside", "page_files/inside.png"),
            ("outside", "../outside.png"),
            ("missing", "page_files/missing.png"),
            ("remote", "https://cdn.example/remote.png"),
        ]
    )
    prose = "".join(f"<p>{paragraph}</p>" for paragraph in long_paragraphs("Lamps", "Wicks"))
    page = folder / "page.html"
    page.write_text(
        f"<html><head><title>Lamps</title></head><body><article><h1>Lamps</h1>{prose}"
        f"{figures}{prose}</article></body></html>",
        "utf-8",
    )
    [article] = extract_file(page)
    [asset] = article.assets
    assert asset.data.endswith(b"inside")
    assert article.html.count("<img") == 1
