"""Parse HTML into lxml trees whose elements are all ``lxml.html.HtmlElement``.

lxml.html's own parsers pick each element's Python class with a Python method, called every
time an element is touched from Python: on a page of 30,000 elements read by several passes,
that is a million calls. Forms and inputs lose their special classes here, which nothing in
the importer uses; every element keeps ``text_content``, ``drop_tree`` and the rest.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity,
)


def _parser(**options: Any) -> lxml_html.HTMLParser:
    parser = lxml_html.HTMLParser(**options)
    parser.set_element_class_lookup(_CLASSES)
    return parser


# Pages are read for their text: comments and processing instructions only get in the way,
# and ids are never looked up through the parser's table.
PAGE_PARSER = _parser(
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)
"""For whole saved pages."""
FRAGMENT_PARSER = _parser()
"""For article fragments and frame documents, as lxml.html's default parser reads them."""
# The same as PAGE_PARSER, for the UTF-8 bytes of a page whose text lxml refused.
_BYTES_PARSER = _parser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    encoding="utf-8",
)

# Characters XML cannot hold; libxml2 stops or garbles the text around them.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A doctype written as if self-closing (``<!DOCTYPE html/>``) makes libxml2 drop the document.
_SLASHED_DOCTYPE = re.compile(r"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)
_SELF_CLOSED_HTML = re.compile(r"(<html[^>]*?)\s*/>", re.IGNORECASE)


def parse_page(page: str) -> lxml_html.HtmlElement | None:
    """The tree of a decoded page, or None when it holds no HTML document at all."""
    page = _repaired(page)
    tree: lxml_html.HtmlElement | None
    try:
        tree = lxml_html.fromstring(page, parser=PAGE_PARSER)
    except ValueError:  # A str that declares its encoding is refused: parse its UTF-8 bytes.
        return _checked(_from_bytes(page), page)
    except etree.ParserError:
        return None
    if len(tree) == 0:
        tree = _from_bytes(page)
    return _checked(tree, page)


def _checked(tree: lxml_html.HtmlElement | None, page: str) -> lxml_html.HtmlElement | None:
    # Text that never says "html" and parses into a single block is not a page.
    if tree is not None and "html" not in page[:50].lower() and len(tree) < 2:
        return None
    return tree


def _from_bytes(page: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.fromstring(page.encode("utf-8", "surrogatepass"), parser=_BYTES_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _repaired(page: str) -> str:
    page = _CONTROL_CHARACTERS.sub("", page)
    head, newline, rest = page.partition("\n")
    if "doctype" in head[:50].lower():
        page = _SLASHED_DOCTYPE.sub("", head, count=1) + newline + rest
    for line in page[:4096].splitlines()[:4]:
        if "<html" in line.lower() and line.endswith("/>"):
            return _SELF_CLOSED_HTML.sub(r"\1>", page, count=1)
    return page
