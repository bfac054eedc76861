"""Figure and table captions: noted before extraction, put back as real captions after it.

Left to the extractor, a figure caption becomes a paragraph of the article (often twice, for a
slideshow) and a table caption becomes the table's first row. Here figure captions are taken out
of the page and given back to their image as ``<figcaption>``; table captions are restored as
``<caption>``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from archive_import.article_blocks import text_of
from archive_import.markup_names import PageNames, name_pattern
from archive_import.page_chrome import DROP_MARK
from archive_import.xpath_results import elements

log = logging.getLogger(__name__)

_CAPTION_NAMES = name_pattern(["caption", "captions", "credit", "credits", "figcaption"])
_STYLED_LINES = etree.XPath("descendant-or-self::p[count(*) = 1][em or i or small]")
# A caption is a line or two; a longer element named "caption" is a wrapper around content.
_MAX_CAPTION_CHARS = 600
# An italic line under an image longer than this is more likely the article's standfirst.
_MAX_STYLED_CAPTION_CHARS = 250
# Type styles a page sets a caption in when it does not name it.
_CAPTION_STYLES = frozenset({"em", "i", "small"})
# How far up from a caption its image may sit (caption -> wrapper -> figure).
_IMAGE_SEARCH_DEPTH = 3


@dataclass
class Captions:
    """Captions found in a page: figure captions by image source, table caption texts."""

    by_image: dict[str, str] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)


def take_captions(root: lxml_html.HtmlElement, names: PageNames | None = None) -> Captions:
    """Note the page's captions and mark figure captions for removal before extraction."""
    found = Captions(tables={_normal(c.text_content()) for c in root.iter("caption")})
    named = (names or PageNames(root)).matching(_CAPTION_NAMES)
    styled = [e for e in elements(_STYLED_LINES, root) if _styled_line_under_image(e)]
    for element in [*root.iter("figcaption"), *named, *styled]:
        if _is_figure_caption(element):
            _take_figure_caption(element, found)
    return found


def _is_figure_caption(element: lxml_html.HtmlElement) -> bool:
    if element.tag in {"figure", "img", "body", "html"}:
        return False
    text = element.text_content()
    return len(text) <= _MAX_CAPTION_CHARS and len(element.findall(".//p")) < 2


def _styled_line_under_image(element: lxml_html.HtmlElement) -> bool:
    """An unnamed caption: a short paragraph set wholly in italics or small print below an image."""
    if len(element) != 1 or element[0].tag not in _CAPTION_STYLES:
        return False
    if (element.text or "").strip() or (element[0].tail or "").strip():
        return False
    if len(element.text_content()) > _MAX_STYLED_CAPTION_CHARS:
        return False
    previous = element.getprevious()
    return previous is not None and _holds_only_image(previous)


def _holds_only_image(element: lxml_html.HtmlElement) -> bool:
    if element.tag == "img":
        return True
    if element.tag not in {"figure", "picture", "p", "div", "a", "span"}:
        return False
    return element.find(".//img") is not None and not element.text_content().strip()


def _take_figure_caption(element: lxml_html.HtmlElement, found: Captions) -> None:
    if any(a.get(DROP_MARK) == "caption" for a in element.iterancestors()):
        return
    element.set(DROP_MARK, "caption")
    text = _normal(element.text_content())
    source = _image_source(element)
    if text and source:
        found.by_image[source] = _joined(found.by_image.get(source, ""), text)


def _joined(known: str, text: str) -> str:
    """Two captions of one image (a caption and a credit) as one; a caption seen twice once."""
    if text in known:
        return known
    if known in text:
        return text
    return f"{known} {text}"


def _image_source(caption: lxml_html.HtmlElement) -> str | None:
    scope: lxml_html.HtmlElement | None = caption
    for _ in range(_IMAGE_SEARCH_DEPTH):
        scope = scope.getparent() if scope is not None else None
        if scope is None:
            return None
        sources = {str(i.get("src")) for i in scope.iter("img") if i.get("src")}
        if len(sources) == 1:
            return sources.pop()
        if len(sources) > 1:
            return None
    return None


def restore_captions(body: etree._Element, found: Captions) -> None:
    """Give extracted images (``graphic``) their figure captions, tables their caption."""
    for graphic in list(body.iter("graphic")):
        caption = found.by_image.get(graphic.get("src") or "")
        if caption:
            _wrap_in_figure(graphic, caption)
    for table in body.iter("table"):
        _restore_table_caption(table, found.tables)


def _wrap_in_figure(graphic: etree._Element, caption: str) -> None:
    parent = graphic.getparent()
    if parent is None:
        return
    figure = etree.Element("figure")
    figure.tail, graphic.tail = graphic.tail, None
    parent.replace(graphic, figure)
    figure.append(graphic)
    etree.SubElement(figure, "figcaption").text = caption


def _restore_table_caption(table: etree._Element, captions: set[str]) -> None:
    rows = table.findall("row")
    if not rows:
        return
    cells = [c for c in rows[0] if _normal(text_of(c))]
    if len(cells) != 1:
        return
    text = _normal(text_of(cells[0]))
    if text in captions:
        caption = etree.Element("caption")
        caption.text = text
        table.replace(rows[0], caption)


def _normal(text: str) -> str:
    return " ".join(text.split())
