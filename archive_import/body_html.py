"""Trafilatura's XML body as HTML, with code kept as code.

Trafilatura reads a ``<pre>`` without ``<code>`` as a quotation, and turns every ``code`` into
``pre``: inline code would break its paragraph in two and a code block would become
``<pre><pre>``. So preformatted text is given its ``<code>`` before extraction, and code is
renamed to tags the conversion leaves alone, then given its HTML name: ``<pre><code>`` for a
block, ``<code>`` inline.
"""

from __future__ import annotations

import logging

from lxml import etree
from lxml import html as lxml_html
from trafilatura.htmlprocessing import convert_to_html

log = logging.getLogger(__name__)

# Tags trafilatura's conversion does not know, so it keeps them as they are.
_BLOCK = "archive-code-block"
_INLINE = "archive-code"
# Code inside these is part of a line of text.
_TEXT_PARENTS = frozenset({"p", "hi", "ref", "head", "item", "cell", _BLOCK})


def keep_preformatted(root: lxml_html.HtmlElement) -> None:
    """Wrap the content of each ``<pre>`` without ``<code>`` in one, so it stays a code block."""
    for pre in list(root.iter("pre")):
        if pre.find(".//code") is not None:
            continue
        code = etree.SubElement(pre, "code")
        code.text, pre.text = pre.text, None
        for child in list(pre)[:-1]:
            code.append(child)


def body_to_html(body: etree._Element) -> str:
    """The HTML of trafilatura's XML ``body`` (a ``<html><body>`` document)."""
    for code in list(body.iter("code")):
        _rename_code(code)
    root = convert_to_html(body)
    for element in root.iter(_BLOCK, _INLINE):
        element.tag = "pre" if element.tag == _BLOCK else "code"
    return etree.tostring(root, encoding="unicode")


def _rename_code(code: etree._Element) -> None:
    parent = code.getparent()
    if parent is not None and parent.tag in _TEXT_PARENTS:
        code.tag = _INLINE
        return
    code.tag = _BLOCK
    if len(code) == 1 and code[0].tag == "code" and not (code.text or "").strip():
        return  # <code><code>: the inner one becomes the block's <code>
    inner = etree.SubElement(code, _INLINE)
    inner.text, code.text = code.text, None
    for child in list(code)[:-1]:
        inner.append(child)
