"""Typed views of XPath results, which lxml types as any XPath value."""

from __future__ import annotations

import logging

from lxml import etree
from lxml import html as lxml_html

log = logging.getLogger(__name__)


def elements(xpath: etree.XPath, root: etree._Element) -> list[lxml_html.HtmlElement]:
    """The elements ``xpath`` finds under ``root``, in document order."""
    found = xpath(root)
    if not isinstance(found, list):
        return []
    return [item for item in found if isinstance(item, lxml_html.HtmlElement)]


def strings(xpath: etree.XPath, root: etree._Element) -> list[str]:
    """The strings (attribute values, text nodes) ``xpath`` finds under ``root``."""
    found = xpath(root)
    if not isinstance(found, list):
        return []
    return [str(item) for item in found if isinstance(item, str)]
