"""The warm-up page that a fork server extracts once, so that its workers start ready."""

from __future__ import annotations

from archive_import import extractors
from archive_import.warm_up import warm_up


def test_the_warm_up_page_is_extracted_like_any_page() -> None:
    article = warm_up()
    assert article.title == "Warm-up"
    assert article.text == "A short page, read once so that every attempt of the extractor has run."
    assert "Footer" not in article.text
    assert "Another page" not in article.text
    assert len(article.assets) == 1  # Its image, kept from a data: URI.


def test_the_warm_up_page_takes_every_attempt() -> None:
    # Too little text for precision mode alone: the wider attempts (jusText among them) run.
    assert len(warm_up().text) < extractors._TOO_LITTLE_TEXT
