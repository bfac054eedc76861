"""trafilatura's template selectors, evaluated in Python instead of libxml2's XPath.

trafilatura looks for a page's article and its furniture with lists of XPath objects
(``trafilatura.xpaths``), each called on a tree and returning elements. Those it reads with
regular expressions are a fifth of all extraction time; ``xpath_subset`` finds the same
elements for a third of the cost. ``install`` puts a compiled twin in place of each selector
it can read, in the lists themselves, so every module of trafilatura holding them sees it; a
selector beyond the subset stays an XPath. tests/archive_import/test_trafilatura_selectors.py
checks every twin against its XPath on saved pages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree
from trafilatura import xpaths

from archive_import.xpath_subset import Select, Unsupported, compile_selector

log = logging.getLogger(__name__)

# The lists trafilatura's extraction evaluates on every page (metadata lists are not read:
# our own metadata readers do that work).
SELECTOR_LISTS = (
    "BODY_XPATH",
    "OVERALL_DISCARD_XPATH",
    "TEASER_DISCARD_XPATH",
    "PRECISION_DISCARD_XPATH",
    "DISCARD_IMAGE_ELEMENTS",
    "REMOVE_COMMENTS_XPATH",
    "REMOVE_COMMENTS_AND_LISTS_XPATH",
    "RAW_TREE_PRUNE_XPATH",
)


class CompiledSelector:
    """A callable standing in for one of trafilatura's XPath objects."""

    def __init__(self, xpath: etree.XPath) -> None:
        self.xpath = xpath
        self.path = xpath.path
        self._select: Select = compile_selector(xpath.path)

    def __call__(self, context: etree._Element | etree._ElementTree) -> list[etree._Element]:
        if isinstance(context, etree._ElementTree):
            # From a document rather than an element, ".//*" takes in the root element too;
            # trafilatura never asks that, but the XPath knows how.
            found = self.xpath(context)
            return (
                [item for item in found if isinstance(item, etree._Element)]
                if isinstance(found, list)
                else []
            )
        return self._select(context)

    def __repr__(self) -> str:
        return f"CompiledSelector({self.path.strip()[:60]!r}…)"


def install() -> int:
    """Replace the selectors of ``SELECTOR_LISTS`` that ``xpath_subset`` can read; returns
    how many are compiled (again calling it changes nothing)."""
    compiled = 0
    for name in SELECTOR_LISTS:
        selectors = getattr(xpaths, name, None)
        if not isinstance(selectors, list):
            log.warning("trafilatura has no selector list %s", name)
            continue
        for index, selector in enumerate(selectors):
            if isinstance(selector, CompiledSelector):
                compiled += 1
            elif isinstance(selector, etree.XPath):
                try:
                    selectors[index] = CompiledSelector(selector)
                    compiled += 1
                except Unsupported as error:
                    log.debug("%s[%d] stays an XPath: %s", name, index, error)
    return compiled


@contextmanager
def as_shipped() -> Iterator[None]:
    """trafilatura with its own XPath selectors while the block runs, then ours again: what
    a benchmark compares our extraction with is trafilatura as its users have it."""
    swapped: list[tuple[list[object], int, CompiledSelector]] = []
    for name in SELECTOR_LISTS:
        selectors = getattr(xpaths, name, None)
        if not isinstance(selectors, list):
            continue
        for index, selector in enumerate(selectors):
            if isinstance(selector, CompiledSelector):
                selectors[index] = selector.xpath
                swapped.append((selectors, index, selector))
    try:
        yield
    finally:
        for selectors, index, selector in swapped:
            selectors[index] = selector
