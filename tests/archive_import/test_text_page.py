"""A plain-text scrape: first non-empty line is the title, blank lines separate paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_import import NotAnArticle, extract_file


def test_title_is_first_non_empty_line(tmp_path: Path) -> None:
    path = tmp_path / "scrape.txt"
    path.write_text("\n\n  Tide pools  \nFirst line\nof a paragraph.\n\nSecond one.\n", "utf-8")
    [article] = extract_file(path)
    assert article.title == "Tide pools"
    assert article.text == "First line of a paragraph.\n\nSecond one."
    assert article.html == "<p>First line of a paragraph.</p><p>Second one.</p>"
    assert article.source.format == "text"


def test_lines_without_blank_lines_are_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("Title\r\nOne.\r\nTwo & <three>.\r\n", "utf-8")
    [article] = extract_file(path)
    assert article.text == "One.\n\nTwo & <three>."
    assert "<p>Two &amp; &lt;three&gt;.</p>" in article.html


def test_windows_1251_scrape_is_readable(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    body = "Алексей Леонов первым вышел в открытый космос в 1965 году. " * 6
    path.write_bytes(f"Выход в космос\n\n{body}".encode("cp1251"))
    [article] = extract_file(path)
    assert article.title == "Выход в космос"
    assert "Леонов" in article.text


def test_empty_file_is_not_an_article(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", "utf-8")
    with pytest.raises(NotAnArticle, match=r"empty\.txt: the file is empty"):
        extract_file(path)


def test_a_scrape_starting_with_its_first_paragraph_keeps_it(tmp_path: Path) -> None:
    opening = (
        "Earlier this month, the harbour authority announced that the old breakwater would be "
        "rebuilt with stone from the same quarry, a decision welcomed by the fishermen."
    )
    path = tmp_path / "body-only.txt"
    path.write_text(f"{opening}\n\nThe work starts in spring.\n", "utf-8")
    [article] = extract_file(path)
    assert article.text == f"{opening}\n\nThe work starts in spring."
    assert (
        article.title
        == "Earlier this month, the harbour authority announced that the old breakwater…"
    )
    assert len(article.title) <= 81


def test_a_long_first_line_without_spaces_is_cut_too(tmp_path: Path) -> None:
    path = tmp_path / "one-word.txt"
    path.write_text("x" * 200 + "\n\nBody.\n", "utf-8")
    [article] = extract_file(path)
    assert article.title == "x" * 80 + "…"
    assert article.text.startswith("x" * 200)
