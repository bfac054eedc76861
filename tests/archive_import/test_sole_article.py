"""A page whose article body is marked (schema.org's articleBody, or one <article> element)
and holds most of its prose is read from that element."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from archive_import.document import Source
from archive_import.extractors import sole_article
from archive_import.html_page import read_html
from tests.pages import FILLER

STORY = " ".join(f"{FILLER}The tide gauge read {n} metres at noon." for n in range(8))
LEAD = "Readers outside the story's own element: a standfirst the site's template sets apart."


def _page(body: str) -> str:
    head = "<head><title>Tides</title></head>"
    return f"<!DOCTYPE html><html lang='en'>{head}<body>{body}</body></html>"


def _story(paragraphs: int = 4) -> str:
    return "".join(f"<p>{STORY} Part {n}.</p>" for n in range(paragraphs))


def test_the_one_article_element_holding_the_prose_is_found() -> None:
    tree = lxml_html.fromstring(_page(f"<div><p>{LEAD}</p></div><article>{_story()}</article>"))
    found = sole_article(tree)
    assert found is not None
    assert found.tag == "article"


def test_a_page_of_several_articles_has_no_sole_article() -> None:
    teasers = "".join(f"<article><p>{STORY}</p></article>" for _ in range(3))
    assert sole_article(lxml_html.fromstring(_page(teasers))) is None


def test_an_article_element_holding_little_of_the_prose_is_passed_over() -> None:
    # A teaser card marked up as an article, beside the story set in plain divisions.
    body = f"<div>{_story()}</div><article><p>{STORY}</p></article>"
    assert sole_article(lxml_html.fromstring(_page(body))) is None


def test_the_element_declared_as_the_article_body_comes_before_the_article_element() -> None:
    body = f"<article><p>{LEAD}</p><div itemprop='articleBody'>{_story()}</div></article>"
    found = sole_article(lxml_html.fromstring(_page(body)))
    assert found is not None
    assert found.get("itemprop") == "articleBody"


@pytest.mark.parametrize(
    "story",
    [
        # Read whole, the page's content wrapper (which holds the lead too) would be taken.
        f"<article><h1>Tides</h1>{_story()}</article>",
        # No <article> element: the page says where its article's body is with microdata.
        f"<h1>Tides</h1><div class='text' itemprop='articleBody'>{_story()}</div>",
    ],
    ids=["article element", "declared article body"],
)
def test_prose_outside_the_article_body_is_left_out(story: str) -> None:
    body = f"<div class='entry-content'><p>{LEAD}</p>{story}</div>"
    article = read_html(_page(body).encode(), Source(path="tides.html", format="html", sha256=""))
    assert article.text.startswith(FILLER.strip())
    assert LEAD not in article.text
    assert "Part 3." in article.text
