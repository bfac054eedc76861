"""Confidence is high for a real article, low for a stub, a paywall teaser or a page of links."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from archive_import import extract_file
from archive_import.confidence import article_confidence, is_paywalled
from tests.archive_import.builders_article import PROSE, article_page, write

PARAGRAPH = " ".join(PROSE["en"])
TEASER = "<p>The harbour authority opened the new sea wall on Monday, three years after…</p>"


def page_of(body: str, head: str = "") -> str:
    return (
        f'<html lang="en"><head><title>A sea wall</title>{head}</head><body><article>'
        f"<h1>A sea wall</h1>{body}</article></body></html>"
    )


def test_a_real_article_is_trusted(tmp_path: Path) -> None:
    first, second, third = PROSE["en"]
    pairs = [(first, second), (second, third), (third, first), (second, first), (first, third)]
    paragraphs = "".join(f"<p>{one} {two}</p>" for one, two in pairs)
    [article] = extract_file(write(tmp_path, page_of(paragraphs)))
    assert article.confidence >= 0.95


def test_the_languages_pages_are_trusted(tmp_path: Path) -> None:
    for lang in ("fr", "de", "ru"):
        [article] = extract_file(write(tmp_path, article_page(lang), f"{lang}.html"))
        assert 0.5 <= article.confidence <= 1.0, lang


def test_a_stub_is_not(tmp_path: Path) -> None:
    [article] = extract_file(write(tmp_path, page_of("<p>The sea wall opened on Monday.</p>")))
    assert article.confidence < 0.3


def test_a_paywall_teaser_is_not(tmp_path: Path) -> None:
    wall = (
        '<div class="paywall"><p>Subscribe to continue reading.</p>'
        '<input type="password" name="password"></div>'
    )
    [article] = extract_file(write(tmp_path, page_of(TEASER + wall)))
    assert article.confidence < 0.1
    assert article_confidence(PARAGRAPH * 2, 0.0, paywalled=False) > 0.5


def test_paywall_cues_do_not_lower_a_whole_article() -> None:
    whole = " ".join([PARAGRAPH] * 6)
    assert article_confidence(whole, 0.0, paywalled=True) == 1.0


def test_schema_org_declares_a_paywall() -> None:
    declared = '<script type="application/ld+json">{"@type": "NewsArticle", "hasPart": ' \
        '{"isAccessibleForFree": "False"}}</script>'  # fmt: skip
    assert is_paywalled(lxml_html.fromstring(page_of("<p>x</p>", head=declared)))
    assert not is_paywalled(lxml_html.fromstring(page_of("<p>x</p>")))


def test_a_page_mostly_of_links_is_not(tmp_path: Path) -> None:
    stories = "".join(
        f'<p><a href="/{n}">Harbour story number {n} of this long week</a>, by the desk.</p>'
        for n in range(30)
    )
    [article] = extract_file(write(tmp_path, page_of(f"<p>This week in the port.</p>{stories}")))
    assert article.confidence < 0.3
    assert article_confidence(" ".join([PARAGRAPH] * 4), 0.1, paywalled=False) == 1.0
