"""What the boilerplate rules measure: an extracted article's blocks, and the page around them."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from archive_import.xpath_results import elements, strings

log = logging.getLogger(__name__)

# A paragraph of prose: enough words, ending like a sentence, little of it linked.
_PROSE_WORDS = 15
_PROSE_MAX_LINKS = 0.3
# Sentence ends in Latin and CJK scripts; the closing quotes and brackets that may follow.
SENTENCE_END = tuple(".!?…\u3002\uff01\uff1f")
_CLOSING = "\"\u201d\u00bb'\u2019)]"
_LABEL_WORDS = 4
_TRAILING_OFF = ("...", "…")
# Bold or italic over this share of a block's text: the whole block is set that way.
_WHOLLY = 0.9
# Prose blocks further apart than this many blocks with text belong to different runs.
_MAX_PROSE_GAP = 6
_WORD = re.compile(r"\w+")
_NOT_LETTERS = re.compile(r"[\W_]+")
# On the descendant axis, or through the attributes, rather than "//" (see xpath_results).
_TITLES = etree.XPath(
    "descendant-or-self::meta[@property='og:title']/@content | descendant-or-self::title/text()"
)
_AUTHOR_META = etree.XPath(
    "descendant-or-self::meta[@name='author' or @property='article:author']/@content"
)
_AUTHORS = etree.XPath("//@rel[. = 'author']/.. | //@itemprop[. = 'author']/..")
_ADDRESSES = etree.XPath(
    "descendant-or-self::link[@rel='canonical']/@href"
    " | descendant-or-self::meta[@property='og:url']/@content"
)
# What XPath's normalize-space() collapses: XML white space only, not no-break spaces.
_XML_SPACES = re.compile(r"[ \t\r\n]+")
# An author's name has two to this many words; longer author markup holds a whole byline.
_NAME_WORDS = 4


@dataclass(frozen=True)
class PageContext:
    """What the whole page says about its own furniture."""

    titles: tuple[frozenset[str], ...] = ()
    """Word sets of the page's titles (document title, ``og:title``, ``<title>``)."""
    authors: frozenset[str] = frozenset()
    """Normalised names the page gives as its authors."""
    links_reading: Callable[[str], int] = lambda text: 0
    """How many links on the page read ``text`` (white space collapsed)."""
    addresses: frozenset[str] = frozenset()
    """The page's own addresses (canonical, ``og:url``) as host and path (see ``address_key``)."""
    dates: frozenset[str] = frozenset()
    """When the page says it was published and modified (ISO 8601), from its metadata."""

    @classmethod
    def of(
        cls, root: lxml_html.HtmlElement, *titles: str | None, dates: Iterable[str | None] = ()
    ) -> PageContext:
        """The context of the page parsed as ``root``; ``titles`` are titles found for it,
        ``dates`` the times its metadata gives."""
        candidates = [*titles, *strings(_TITLES, root)]
        words = tuple(frozenset(words_of(t)) for t in candidates if t and words_of(t))
        addresses = frozenset(filter(None, map(address_key, strings(_ADDRESSES, root))))
        known = frozenset(filter(None, dates))
        return cls(words, _author_names(root), _LinkTexts(root), addresses, known)


def address_key(url: str) -> str:
    """A web address as it reads in text, with no scheme, ``www.`` or closing slash: a key
    that finds it however a line spells it (``https://www.harbour.example/a/``); empty for
    anything that is not a page's address with a path (a site's home would match too much)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" if parts.scheme in {"http", "https"} and host and path else ""


class _LinkTexts:
    """How many links on a page read a text, white space collapsed as XPath's normalize-space.

    The links are read on the first question only: most pages are never asked, and a page that
    is asked once may be asked again, so one pass beats a search of the page per question.
    """

    def __init__(self, root: lxml_html.HtmlElement) -> None:
        self._root = root
        self._counts: Counter[str] | None = None

    def __call__(self, text: str) -> int:
        if self._counts is None:
            self._counts = Counter(
                _XML_SPACES.sub(" ", text_of(link)).strip(" ") for link in self._root.iter("a")
            )
        return self._counts[text]


def _author_names(root: lxml_html.HtmlElement) -> frozenset[str]:
    """Names in the page's author markup; a cue for bylines and author boxes, not metadata."""
    names = strings(_AUTHOR_META, root) + [e.text_content() for e in elements(_AUTHORS, root)]
    found = {normal(n) for n in names if n and "/" not in n}
    return frozenset(n for n in found if 1 < len(n.split()) <= _NAME_WORDS)


@dataclass(frozen=True)
class Block:
    """One top-level block of trafilatura's XML body (``p``, ``head``, ``list``, ``table``…)."""

    element: etree._Element
    text: str
    """The block's text, white space collapsed."""
    words: int
    link_share: float
    """Share of the block's characters inside links."""
    emphasis_share: float
    """Share of the block's characters in bold or italics."""

    @classmethod
    def of(cls, element: etree._Element) -> Block:
        """Measure ``element``."""
        text = " ".join(text_of(element).split())
        chars = _letters(text)
        return cls(
            element,
            text,
            len(text.split()),
            _share(element, "ref", chars),
            _share(element, "hi", chars),
        )

    @property
    def tag(self) -> str:
        """The block's XML tag."""
        return str(self.element.tag)

    @property
    def ends_sentence(self) -> bool:
        """Whether the text ends as a sentence does (closing quotes and brackets aside)."""
        return self.text.rstrip(_CLOSING).endswith(SENTENCE_END)

    @property
    def is_emphasized(self) -> bool:
        """Set wholly in bold or italics, as notes and promos are and running text is not."""
        return self.emphasis_share >= _WHOLLY

    @property
    def is_prose(self) -> bool:
        """A paragraph (or quoted paragraph) that reads as running text."""
        return (
            self.tag in {"p", "quote"}
            and self.words >= _PROSE_WORDS
            and self.link_share < _PROSE_MAX_LINKS
            and not self.is_emphasized
            and self.ends_sentence
        )

    @property
    def is_dangling(self) -> bool:
        """A heading, or a label ending in a colon or trailing off ("You may also like…",
        "Lire aussi…"): it only makes sense with text after it. A lone word trailing off
        ("All…") is a sentence cut short, not a label."""
        if self.tag == "head":
            return True
        if self.tag != "p" or self.words > _LABEL_WORDS:
            return False
        return self.text.endswith(":") or (self.words > 1 and self.text.endswith(_TRAILING_OFF))


def _share(element: etree._Element, tag: str, chars: int) -> float:
    """Share of ``chars`` inside ``tag`` elements (outermost ones, not counted twice)."""
    if not chars:
        return 0.0
    outermost = [e for e in element.iter(tag) if next(e.iterancestors(tag), None) is None]
    inside = sum(_letters(text_of(e)) for e in outermost)
    return min(1.0, inside / chars)


def _letters(text: str) -> int:
    """Letters and digits in ``text``: the brackets, bars and bullets that separate the links
    of a tool bar ("【Print】 | 【Close】") are not text, and would dilute its link share."""
    return len(_NOT_LETTERS.sub("", text))


def prose_span(blocks: list[Block]) -> tuple[int, int]:
    """Positions of the first and last prose blocks of the article's main run of prose.

    Prose blocks close together form a run; a stray paragraph of prose far below the article
    (a shop widget's "Buy here to support us.") starts a run of its own and is left out.
    The span is (len, -1) when there is no prose at all.
    """
    runs: list[list[int]] = []
    for i, block in enumerate(blocks):
        if not block.is_prose:
            continue
        if runs and _gap(blocks, runs[-1][-1], i) <= _MAX_PROSE_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    if not runs:
        return len(blocks), -1
    main = max(runs, key=lambda run: sum(blocks[i].words for i in run))
    return main[0], main[-1]


def _gap(blocks: list[Block], after: int, before: int) -> int:
    """How many blocks with text lie between two positions."""
    return sum(1 for block in blocks[after + 1 : before] if block.text)


def text_of(element: etree._Element) -> str:
    """All the text inside ``element`` (not its tail)."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def words_of(text: str) -> list[str]:
    """The words of ``text``, case-folded."""
    return _WORD.findall(text.casefold())


def normal(text: str) -> str:
    """``text`` with white space collapsed, case-folded, for comparisons."""
    return " ".join(text.split()).casefold()
