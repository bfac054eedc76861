"""Metadata the page's body shows rather than declares: ``<time>`` stamps, bylines, figures."""

from __future__ import annotations

import logging

from lxml import etree
from lxml import html as lxml_html

from archive_import.meta_text import tidy

log = logging.getLogger(__name__)

# Where the article sits; a <time> or a figure outside it may belong to a teaser or a clock.
_ARTICLE_TAGS = frozenset({"article", "main"})
_SIDE_FURNITURE = frozenset({"aside", "nav", "footer"})
_PUBLISHED_CLASSES = ("publish", "posted", "created")
_MODIFIED_CLASSES = ("updat", "modif", "revised")
# Scanning attributes is twice as fast as testing every element; the class test is loose
# here and made exact in Python.
_BYLINES = etree.XPath(
    "//@class[contains(., 'byline') or contains(., 'author')]/.."
    " | //@itemprop[. = 'author']/.. | //@rel[contains(., 'author')]/.."
)
_AUTHOR_NAME = etree.XPath(".//*[@itemprop='name']")
_PAGE_FURNITURE = frozenset({"header", "nav", "footer", "aside"})
_IMAGE_SOURCES = ("src", "data-src", "data-original", "data-lazy-src", "srcset", "data-srcset")
_MAX_BYLINE_CHARS = 160
_MAX_BYLINES = 6


def time_stamps(root: lxml_html.HtmlElement) -> tuple[list[str], list[str]]:
    """Raw values of ``<time>`` elements: (publication candidates, modification candidates).

    Best first: marked ones (``pubdate``, ``itemprop``, a class) inside the article, then
    unmarked ones inside it, then marked ones elsewhere but not in a sidebar, menu or footer.
    A ``<time>`` anywhere else is a teaser's or a clock's.
    """
    published: list[tuple[int, str]] = []
    modified: list[tuple[int, str]] = []
    for element in root.iter("time"):
        value = (element.get("datetime") or "").strip() or tidy(element.text_content())
        label = f"{element.get('itemprop') or ''} {element.get('class') or ''}".lower()
        around = {ancestor.tag for ancestor in element.iterancestors()}
        in_article, in_furniture = bool(around & _ARTICLE_TAGS), bool(around & _SIDE_FURNITURE)
        if "datemodified" in label or any(word in label for word in _MODIFIED_CLASSES):
            if in_article or not in_furniture:
                modified.append((0 if in_article else 1, value))
        elif (
            element.get("pubdate") is not None
            or "datepublished" in label
            or any(word in label for word in _PUBLISHED_CLASSES)
        ):
            if in_article or not in_furniture:
                published.append((0 if in_article else 2, value))
        elif in_article:
            published.append((1, value))
    # sorted() keeps page order within a rank.
    return [v for _, v in sorted(published, key=_rank)], [v for _, v in sorted(modified, key=_rank)]


def _rank(candidate: tuple[int, str]) -> int:
    return candidate[0]


def figure_image(root: lxml_html.HtmlElement) -> str | None:
    """The source of the first image in a figure of the article, else in one of the page's
    that is not in its header, navigation, sidebar or footer."""
    fallback = None
    for figure in root.iter("figure"):
        source = next(filter(None, map(_image_source, figure.iter("img"))), None)
        if not source:
            continue
        around = {ancestor.tag for ancestor in figure.iterancestors()}
        if around & {"article", "main"} or _is_article_body(figure):
            return source
        if not around & _PAGE_FURNITURE:
            fallback = fallback or source
    return fallback


def _is_article_body(element: lxml_html.HtmlElement) -> bool:
    return any(a.get("itemprop") == "articleBody" for a in element.iterancestors())


def _image_source(image: lxml_html.HtmlElement) -> str | None:
    for name in _IMAGE_SOURCES:
        value = (image.get(name) or "").strip()
        if "srcset" in name and value:
            value = value.split(",")[0].split()[0]
        if value and not value.startswith(("data:", "asset:")):
            return value
    return None


def byline_texts(root: lxml_html.HtmlElement) -> list[str]:
    """Texts of the page's visible bylines (``rel=author``, ``itemprop=author``, ``.byline``),
    innermost first: a byline box holding a name line and a title line gives both lines."""
    found = [element for element in _elements(_BYLINES(root)) if _is_byline(element)]
    outer = {ancestor for element in found for ancestor in element.iterancestors()}
    texts = []
    for element in found:
        if element in outer:
            continue
        source = next(iter(_elements(_AUTHOR_NAME(element))), element)
        # Joined with spaces: "<b>Jane Doe</b><br>Reporter" is a name and a title.
        text = tidy(source.get("content") or " ".join(source.itertext()))
        if text and len(text) <= _MAX_BYLINE_CHARS:
            texts.append(text)
        if len(texts) >= _MAX_BYLINES:
            break
    return texts


def _elements(result: object) -> list[lxml_html.HtmlElement]:
    """The elements in an XPath result (which lxml types as any XPath value)."""
    found = result if isinstance(result, list) else []
    return [item for item in found if isinstance(item, lxml_html.HtmlElement)]


def _is_byline(element: lxml_html.HtmlElement) -> bool:
    """Exactly an author mark: ``author`` as a whole class name, not ``author-bio``."""
    classes = (element.get("class") or "").split()
    return (
        element.get("itemprop") == "author"
        or "author" in (element.get("rel") or "").split()
        or "author" in classes
        or any("byline" in name for name in classes)
    )
