"""Match the words of a class or id ("article-share", "relatedPosts") against a vocabulary."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from lxml import etree
from lxml import html as lxml_html

from archive_import.xpath_results import elements

log = logging.getLogger(__name__)

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NAMED = etree.XPath("descendant-or-self::*[@class or @id]")  # Not "//": see xpath_results.
# "no-ads", "has-related", "with-share": a class that says what the element lacks or holds.
_NOT_ITSELF = frozenset({"no", "non", "not", "has", "with", "without"})
_WORD_BEFORE = re.compile(r"([a-z0-9]+)[-_]?$")


def name_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any of ``names`` as whole words of a lower-case class/id string.

    A name of several words ("read more") also matches them joined ("readmore") or joined by
    ``-`` or ``_`` ("read-more", "read_more").
    """
    alternatives = sorted((r"[-_ ]?".join(map(re.escape, n.split())) for n in names), key=len)
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(reversed(alternatives))})(?![a-z0-9])")


class PageNames:
    """A page's elements that have a class or an id, with their names read once for all rules."""

    def __init__(self, root: lxml_html.HtmlElement) -> None:
        self._named = [(element, _names_of(element)) for element in elements(_NAMED, root)]

    def matching(self, pattern: re.Pattern[str]) -> list[lxml_html.HtmlElement]:
        """The elements, in document order, whose class or id holds a word ``pattern`` finds."""
        # Most names hold none of the words: one search in C rules them out before the
        # closer (and slower) look at the word before each match.
        search = pattern.search
        return [e for e, names in self._named if search(names) and _says(names, pattern)]


def names_match(element: lxml_html.HtmlElement, pattern: re.Pattern[str]) -> bool:
    """Whether ``element``'s class or id holds a word that ``pattern`` finds."""
    return _says(_names_of(element), pattern)


def _says(names: str, pattern: re.Pattern[str]) -> bool:
    """A word found, and not denied or merely owned by the word before it ("no-ads")."""
    for found in pattern.finditer(names):
        before = _WORD_BEFORE.search(names, 0, found.start())
        if before is None or before.group(1) not in _NOT_ITSELF:
            return True
    return False


def _names_of(element: lxml_html.HtmlElement) -> str:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if names.lower() != names:
        # camelCase words are words too: "relatedPosts" is "related posts".
        names = _CAMEL.sub(" ", names).lower()
    return names
