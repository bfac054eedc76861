"""Mark a page's template parts (share bars, promos, pop-ups, teasers) before extraction.

Sites in every language name their markup in English words ("share", "promo", "byline"), so
class and id names are a language-independent cue; so is the shape of a teaser for another
page (a link wrapping a headline, "Label: <a>headline</a>"). Marked elements are removed by the
extractor after it has read the page's metadata, which may live in those very parts.
"""

from __future__ import annotations

import logging
import re

from lxml import etree
from lxml import html as lxml_html

from archive_import.markup_names import PageNames, name_pattern, names_match
from archive_import.xpath_results import elements, strings

log = logging.getLogger(__name__)

DROP_MARK = "data-archive-drop"
# On the descendant axis, not "//" (see xpath_results); from the page's root element.
DROP_XPATH = f"descendant-or-self::*[@{DROP_MARK}]"
_MARKED = etree.XPath(DROP_XPATH)
_UNMARKED = etree.XPath(f"descendant-or-self::p[not(ancestor-or-self::*[@{DROP_MARK}])]")
# Marks must leave at least this share of the page's paragraph text unmarked.
_MIN_UNMARKED_SHARE = 0.1

# Words of a class or id that name page furniture, never an article's own text.
_CHROME_NAMES = name_pattern([
    "advert", "advertisement", "advertising", "ads", "sponsored", "outbrain", "taboola",
    "promo", "promos", "promotion", "promoted",
    "related", "recommended", "recommendations", "recirculation", "recirc",
    "read more", "read also", "see also", "more stories", "most read", "most popular",
    "newsletter", "newsletters", "subscribe", "subscription", "sign up", "paywall",
    "share", "sharing", "sharebar", "social", "addthis", "sharethis",
    "byline", "author box", "author bio", "about author", "bio",
    "comments", "disqus",
    "cookie", "cookies", "consent", "gdpr",
    "breadcrumb", "breadcrumbs",
    "rollover", "tooltip", "popover", "popup", "hovercard", "modal",
    "sr only", "visually hidden", "screen reader", "print only",
    "skip link", "skip links", "skip to content", "skip to main", "jump link", "jump to",
    "read time", "reading time",
])  # fmt: skip
# Link relations a page gives the links to its own categories and tags.
_TAG_RELS = frozenset({"tag", "category"})
# A pop-up card hangs on a word of the text: "Rep. <span class=rollover><a>Jo Brand</a><span
# class=rollover-block>…photo, links…</span></span> (D-N.Y.)". The card goes; the word it hangs
# on, a short link, stays in its sentence, as does a wrapper opening with that word.
_CARD_NAMES = name_pattern(["rollover", "tooltip", "popover", "hovercard"])
_CARD_WORD_WORDS = 6
_CARD_CONTENT = frozenset({"img", "picture", "svg", "div", "p", "ul", "ol", "table", "figure"})
_WORD_CHAR = re.compile(r"[^\W_]")
# A marked element holding more than this share of the page's paragraph text is a
# wrapper whose name merely mentions furniture ("content-with-sidebar"), not furniture.
_MAX_TEXT_SHARE = 0.3
_NEVER_MARKED = frozenset({"html", "body", "main"})
# A link wrapping a heading is a card for another page; the article's own headings are
# never inside a link (a link inside a heading is a permalink, and is kept).
_CARDS = etree.XPath(
    "descendant-or-self::a"
    "[descendant::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]]"
)
_LINKING_LINES = etree.XPath(
    "descendant-or-self::p[.//a] | descendant-or-self::div[.//a][not(.//p or .//div)]"
)
# An e-mail field asks for a subscription; the box around it holds a pitch of a few lines.
_EMAIL_INPUTS = etree.XPath("descendant-or-self::input[@type='email']")
_SIGNUP_WORDS = 80
_VISIBLE_TEXT = etree.XPath("descendant::text()[not(ancestor::script or ancestor::style)]")
# "Read also: <a>Other headline</a>": a label of a few words ending in a colon or an arrow,
# then a link making up most of a line of at most this many words.
_TEASER_CHARS = 250
_TEASER_WORDS = 30
_TEASER_LINK_SHARE = 0.6
_LABEL_WORDS = 4
# A colon, a greater-than sign, a hyphen; guillemet, single guillemet, arrow, en and em dash.
_LABEL_ENDS = (":", ">", "-", "\u00bb", "\u203a", "\u2192", "\u2013", "\u2014")


def mark_chrome(root: lxml_html.HtmlElement, names: PageNames | None = None) -> int:
    """Mark the furniture elements under ``root`` with ``DROP_MARK``; return how many."""
    names = names or PageNames(root)
    page_text = _paragraph_text(root)
    marked: set[lxml_html.HtmlElement] = set()
    lines = elements(_LINKING_LINES, root)
    for reason, candidates in (
        ("chrome", names.matching(_CHROME_NAMES)),
        ("card", elements(_CARDS, root)),
        ("teaser", [e for e in lines if _is_read_also(e)]),
        ("tags", [e for e in lines if _is_tag_line(e)]),
        ("signup", [b for b in map(_signup_box, elements(_EMAIL_INPUTS, root)) if b is not None]),
    ):
        for element in candidates:
            if element.tag in _NEVER_MARKED or any(a in marked for a in element.iterancestors()):
                continue
            if reason == "chrome" and (_is_wrapper(element, page_text) or _holds_a_word(element)):
                continue
            element.set(DROP_MARK, reason)
            marked.add(element)
    return len(marked)


def unmarked_text(root: lxml_html.HtmlElement) -> int:
    """Characters of paragraph text outside the marked elements."""
    return sum(len(" ".join(p.text_content().split())) for p in elements(_UNMARKED, root))


def keep_some_paragraphs(root: lxml_html.HtmlElement) -> bool:
    """Take every mark back if together they hold (nearly) all of the page's paragraphs.

    The marks are for furniture around an article; on a page where they would leave no
    paragraph of it, they have misread the page, and trafilatura is left to judge alone.
    Returns whether the marks were taken back.
    """
    total = sum(len(" ".join(p.text_content().split())) for p in root.iter("p"))
    if not total or unmarked_text(root) >= _MIN_UNMARKED_SHARE * total:
        return False
    for element in elements(_MARKED, root):
        del element.attrib[DROP_MARK]
    log.debug("marks taken back: they covered the whole page")
    return True


def _is_read_also(element: lxml_html.HtmlElement) -> bool:
    """A line pointing to another article: a short label, then a link ("Related: …")."""
    text = " ".join(element.text_content().split())
    if not text or len(text) > _TEASER_CHARS or len(text.split()) > _TEASER_WORDS:
        return False
    links = [" ".join(a.text_content().split()) for a in element.iter("a")]
    if not links or not links[0] or sum(map(len, links)) < _TEASER_LINK_SHARE * len(text):
        return False
    label = text.split(links[0], 1)[0].strip()
    return 0 < len(label.split()) <= _LABEL_WORDS and label.endswith(_LABEL_ENDS)


def _is_tag_line(element: lxml_html.HtmlElement) -> bool:
    """A line filing the page under its categories or tags: a short label, then only links
    the page marks as tags (``rel="tag"``, ``rel="category tag"``) and separators ("Filed
    under: <a rel="category tag">Politics</a> |"). A tag linked inside a sentence stays."""
    links = list(element.iter("a"))
    if not links or not all(_TAG_RELS & set((a.get("rel") or "").lower().split()) for a in links):
        return False
    text = " ".join(element.text_content().split())
    first = " ".join(links[0].text_content().split())
    label, _, rest = text.partition(first) if first else ("", "", "")
    label = label.strip()
    if not (0 < len(label.split()) <= _LABEL_WORDS and label.endswith(_LABEL_ENDS)):
        return False
    for link in links[1:]:
        rest = rest.replace(" ".join(link.text_content().split()), " ", 1)
    return _WORD_CHAR.search(rest) is None


def _holds_a_word(element: lxml_html.HtmlElement) -> bool:
    """A pop-up card's word: a short link named for the card, or an element in running text
    that opens with such a link (the card itself, further in, is judged on its own)."""
    if not names_match(element, _CARD_NAMES):
        return False
    if _is_card_word(element):
        return True
    first = element[0] if len(element) else None
    opens_with_word = not (element.text or "").strip() and first is not None
    return opens_with_word and _is_card_word(first) and _in_running_text(element)


def _is_card_word(element: lxml_html.HtmlElement) -> bool:
    if element.tag != "a" or any(e.tag in _CARD_CONTENT for e in element.iterdescendants()):
        return False
    words = element.text_content().split()
    return 0 < len(words) <= _CARD_WORD_WORDS


def _in_running_text(element: lxml_html.HtmlElement) -> bool:
    """Whether words of its paragraph come right before or after it."""
    previous, parent = element.getprevious(), element.getparent()
    before = previous.tail if previous is not None else parent.text if parent is not None else ""
    return any(_WORD_CHAR.search(text or "") for text in (before, element.tail))


def _signup_box(field: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The box around an e-mail field (a newsletter sign-up): its largest short ancestor."""
    box = None
    for ancestor in field.iterancestors():
        if ancestor.tag in _NEVER_MARKED or ancestor.tag == "article":
            break
        if ancestor.find(".//h1") is not None or _visible_words(ancestor) > _SIGNUP_WORDS:
            break
        box = ancestor
    return box


def _visible_words(element: lxml_html.HtmlElement) -> int:
    return sum(len(t.split()) for t in strings(_VISIBLE_TEXT, element))


def _is_wrapper(element: lxml_html.HtmlElement, page_text: int) -> bool:
    if element.find(".//h1") is not None:
        return True
    return _paragraph_text(element) > _MAX_TEXT_SHARE * page_text


def _paragraph_text(element: lxml_html.HtmlElement) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))
