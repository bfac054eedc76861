"""Put the documents of a page's frames in place of the frames, so their text is read too."""

from __future__ import annotations

import logging
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html

from archive_import.html_tree import FRAGMENT_PARSER
from archive_import.page_chrome import DROP_MARK
from archive_import.saved_page import resolve

log = logging.getLogger(__name__)

# Finds the decoded HTML of a frame's document by absolute URL, when the file carries it.
FrameLookup = Callable[[str], "str | None"]

_MAX_DEPTH = 3
_REFERENCES = ("href", "src")


def inline_frames(page: str, base: str | None, find: FrameLookup) -> str:
    """``page`` with each ``<frame>``/``<iframe>`` whose document ``find`` knows replaced by it.

    A ``<frameset>`` page becomes a ``<body>`` holding its frames' bodies in order. Pages
    without frames are returned unchanged (not re-serialised).
    """
    lowered = page.lower()
    if "<frame" not in lowered and "<iframe" not in lowered:
        return page
    try:
        root = lxml_html.document_fromstring(page, parser=FRAGMENT_PARSER)
    except (etree.ParserError, ValueError):
        return page
    if not _inline(root, base, find, depth=0):
        return page
    return str(lxml_html.tostring(root, encoding="unicode"))


def _inline(root: lxml_html.HtmlElement, base: str | None, find: FrameLookup, depth: int) -> bool:
    changed = False
    for frame in list(root.iter("frame", "iframe")):
        body = _frame_body(frame, base, find, depth)
        if body is None:
            continue
        holder = lxml_html.Element("div")
        holder.text = body.text
        holder.extend(list(body))
        holder.tail = frame.tail
        if _is_fixed(frame):
            holder.set(DROP_MARK, "fixed frame")
        frame.getparent().replace(frame, holder)
        changed = True
    for frameset in list(root.iter("frameset")):
        frameset.tag = "body" if frameset.getparent() is root else "div"
        changed = True
    return changed


def _is_fixed(frame: lxml_html.HtmlElement) -> bool:
    """A frameset's frame that cannot scroll: a banner or a menu of fixed size beside the page,
    never the text a reader scrolls through. Its text is kept in the page but marked as
    furniture, so the extractor leaves it out unless nothing else has any text."""
    return frame.tag == "frame" and (frame.get("scrolling") or "").strip().lower() == "no"


def _frame_body(
    frame: lxml_html.HtmlElement, base: str | None, find: FrameLookup, depth: int
) -> lxml_html.HtmlElement | None:
    src = (frame.get("src") or "").strip()
    if not src or depth >= _MAX_DEPTH or frame.getparent() is None:
        return None
    url = resolve(src, base)
    document = find(url)
    if not document:
        return None
    try:
        inner = lxml_html.document_fromstring(document, parser=FRAGMENT_PARSER)
    except (etree.ParserError, ValueError):
        log.debug("frame %s could not be parsed", url)
        return None
    # The frame's body moves into a page with another URL: its own references must not move.
    # Only links and sources: every other attribute lxml would rewrite (styles, cite,
    # background…) is dropped from the article anyway, and reading them cost a third of the
    # time on a frame of thousands of links.
    for element in inner.iter(etree.Element):
        for name in _REFERENCES:
            reference = element.get(name)
            if reference is not None:
                element.set(name, resolve(reference, url))
    _inline(inner, url, find, depth + 1)
    body = inner.find("body")
    return body if body is not None else inner
