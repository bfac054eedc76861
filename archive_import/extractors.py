"""Find a page's article: trafilatura in precision mode, framed by our own boilerplate rules.

Before trafilatura: loose running text is given paragraphs (``loose_text``), spans inside a
sentence give way to their words (``sentence_spans``), captions are noted and template parts
marked by name (``captions``, ``page_chrome``). trafilatura reads the element the page
declares as its article's body, or its sole ``<article>`` element, first, when it holds most of
the prose, then the whole page if need be. After it: captions are restored, tables that only
lay the page out give way to their contents (``layout_tables``), and the extracted blocks are
filtered by structure and density (``boilerplate``).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document, Extractor

from archive_import.article_blocks import PageContext, text_of
from archive_import.body_html import body_to_html, keep_preformatted
from archive_import.boilerplate import BOILERPLATE_VERSION, remove_boilerplate
from archive_import.captions import restore_captions, take_captions
from archive_import.confidence import is_paywalled
from archive_import.layout_tables import unwrap_layout_tables
from archive_import.loose_text import wrap_loose_text
from archive_import.markup_names import PageNames
from archive_import.page_chrome import (
    DROP_XPATH,
    keep_some_paragraphs,
    mark_chrome,
    unmarked_text,
)
from archive_import.sentence_spans import unwrap_sentence_spans
from archive_import.trafilatura_selectors import install as install_compiled_selectors
from archive_import.xpath_results import elements

log = logging.getLogger(__name__)

# trafilatura's template selectors, run as Python (same elements, a third of the time).
install_compiled_selectors()

EXTRACTOR = (
    f"trafilatura {trafilatura.__version__} (precision and fast, on the declared article body "
    f"or sole article element first; balanced if that finds too little; formatting, links, "
    f"images, tables) + archive-browser boilerplate v{BOILERPLATE_VERSION}"
)

# What trafilatura is asked to keep in every attempt.
TRAFILATURA_OUTPUT: dict[str, Any] = {
    "include_comments": False,
    "include_formatting": True,
    "include_links": True,
    "include_images": True,
    "include_tables": True,
}
# The same, as trafilatura's options object, built once. Plain text out ("txt"): our own HTML is
# made from its XML body, and its Markdown-like text, which costs a walk of the body, is not
# needed: the length of an attempt is measured on its plain text.
_OUTPUT: dict[str, Any] = {
    "output_format": "txt",
    "comments": False,
    "formatting": True,
    "links": True,
    "images": True,
    "tables": True,
}
# Subtrees trafilatura's own cleaning deletes whole (its ``MANUALLY_CLEANED``), pruned with our
# marks, before its template searches walk the page, instead of after them. The precision
# attempt reads nothing else of the page, so its result is the same; JSON-LD stays (it tells a
# forum thread). The wider attempts compare with readability and jusText and fall back on the
# uncleaned page, so they get our marks only.
_CLEANED_XPATH = (
    "//nav | //footer | //aside | //svg | //style | //noscript | //iframe"
    " | //script[not(@type='application/ld+json')]"
)


@dataclass(frozen=True)
class _Attempt:
    options: Extractor
    prune: list[str] | None


# Precision mode drops doubtful blocks; "fast" skips trafilatura's readability/jusText
# comparison, which mostly adds back the boilerplate precision mode removed. Should that find
# too little, trafilatura's whole balanced cascade is tried, then the page without our marks.
_ATTEMPTS = (
    _Attempt(Extractor(**_OUTPUT, precision=True, fast=True), [DROP_XPATH, _CLEANED_XPATH]),
    _Attempt(Extractor(**_OUTPUT), [DROP_XPATH]),
    _Attempt(Extractor(**_OUTPUT), None),
)
# Less than this is hardly an article (trafilatura's own minimum, min_extracted_size).
_TOO_LITTLE_TEXT = 250
# A result this long is an article, not a teaser or a caption picked by mistake.
_ENOUGH_TEXT = 1500
# ...and so is one holding this share of the paragraph text outside the marked furniture.
_COVERED = 0.5
# A text shorter than this may be a paywall's teaser (some 300 words).
_TEASER_CHARS = 2500
# A later attempt replaces an earlier one only when it finds this many times more text.
_WIDER_WINS = 2.0
# A page whose declared article body, or only <article> element, holds this share of its
# paragraph text (outside the marked furniture) is read from that element alone first (see
# ``_focused_attempt``). schema.org's ``itemprop="articleBody"`` is the page's own word for
# where its article's text is, so it comes before the <article> element, which often holds
# the headline, the byline and related links around the text as well.
_SOLE_ARTICLE_SHARE = 0.6
_ARTICLE_BODY = etree.XPath("descendant-or-self::*[@itemprop='articleBody']")


@dataclass(frozen=True)
class Extraction:
    """The article trafilatura found, after our rules."""

    html: str
    """The article as HTML, not yet cleaned."""
    paywalled: bool
    """Whether the page says it locks content away (its text may be a teaser)."""


def extract_article(
    tree: lxml_html.HtmlElement, title: str | None = None, dates: Sequence[str | None] = ()
) -> Extraction | None:
    """The article in a parsed page, or None when the extractor finds no text.

    ``title`` is the page's title when it is known already (a heading repeating it goes);
    ``dates``, when it says it was published and modified (a line stating them goes).
    The tree is changed in place, never losing a word: loose text is wrapped in paragraphs,
    spans inside sentences are unwrapped and furniture is marked by attributes.
    """
    keep_preformatted(tree)
    wrap_loose_text(tree)
    names = PageNames(tree)
    captions = take_captions(tree, names)
    mark_chrome(tree, names)
    keep_some_paragraphs(tree)
    # After the marks: a span our rules mark (a pop-up card) stays, to go with its mark.
    unwrap_sentence_spans(tree)
    # The page's prose outside the marks, measured once: trafilatura reads copies of the tree.
    prose = unmarked_text(tree)
    body = _focused_attempt(tree, prose)
    if body is None:
        body = _best_attempt(tree, prose)
    if body is None:
        return None
    restore_captions(body, captions)
    unwrap_layout_tables(body)
    remove_boilerplate(body, PageContext.of(tree, title, dates=dates))
    # The paywall cue only ever lowers the confidence in a short text (see confidence).
    paywalled = len(text_of(body)) < _TEASER_CHARS and is_paywalled(tree, names)
    return Extraction(html=body_to_html(body), paywalled=paywalled)


def sole_article(
    tree: lxml_html.HtmlElement, prose: int | None = None
) -> lxml_html.HtmlElement | None:
    """The element the page declares as its article's body (schema.org's ``articleBody``),
    or else its one ``<article>`` element, when it holds most of the page's prose (``prose``
    characters, when the caller has measured them); None on a page of several (a front page,
    a feed) or one whose prose is elsewhere."""
    prose = unmarked_text(tree) if prose is None else prose
    for candidates in (elements(_ARTICLE_BODY, tree), tree.findall(".//article")):
        share = unmarked_text(candidates[0]) / prose if len(candidates) == 1 and prose else 0
        if share >= _SOLE_ARTICLE_SHARE:
            return candidates[0]
    return None


def _focused_attempt(tree: lxml_html.HtmlElement, prose: int) -> etree._Element | None:
    """The precision attempt on the page's article body (``sole_article``), with the page's
    head; None when there is no such element, or when it finds too little of the page's prose.

    trafilatura's own searches then walk the article, not the whole page (on the benchmark
    pages with such an element, about a quarter of their elements); it would mostly settle
    on that element anyway (on 61 of 63 of them the text came out the same).
    """
    article = sole_article(tree, prose)
    if article is None:
        return None
    page = lxml_html.Element("html")
    head = tree.find("head")
    if head is not None:
        page.append(copy.deepcopy(head))
    etree.SubElement(page, "body").append(copy.deepcopy(article))
    doc = _run(page, _ATTEMPTS[0])
    if doc is None or _may_have_missed(_length(doc), prose):
        return None
    return doc.body


def _best_attempt(tree: lxml_html.HtmlElement, prose: int) -> etree._Element | None:
    """The body of the best attempt.

    Precision first. Precision mode can lose an article whose wrapper looks like furniture and
    settle on a teaser: then its result is short and leaves most of the page's paragraphs out,
    and wider settings are tried, winning if they find much more.
    """
    best: Document | None = None
    for attempt in _ATTEMPTS:
        doc = _run(tree, attempt)
        if doc is not None and _wins(doc, best):
            best = doc
        if best is not None and not _may_have_missed(_length(best), prose):
            break
    return None if best is None else best.body


def _run(tree: lxml_html.HtmlElement, attempt: _Attempt) -> Document | None:
    """trafilatura's result of one attempt on ``tree``, when it found a body."""
    doc = trafilatura.bare_extraction(tree, options=attempt.options, prune_xpath=attempt.prune)
    return doc if isinstance(doc, Document) and doc.body is not None else None


def _may_have_missed(found: int, prose: int) -> bool:
    """Whether a result of ``found`` characters may have missed the article of a page of
    ``prose`` characters of paragraph text."""
    if found >= _ENOUGH_TEXT:
        return False
    if found < _TOO_LITTLE_TEXT:
        return True
    return found < _COVERED * prose


def _wins(doc: Document, best: Document | None) -> bool:
    return best is None or _length(doc) > _WIDER_WINS * _length(best)


def _length(doc: Document) -> int:
    """Characters of an attempt's plain text."""
    return len(doc.raw_text or "")
