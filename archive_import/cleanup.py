"""Make an article's HTML small and safe, and derive its plain text from it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from archive_import.html_tree import FRAGMENT_PARSER
from archive_import.url_join import join

# Structure a reader needs; everything else is unwrapped (its text kept, its tag dropped).
_KEPT_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "code", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "figure", "figcaption", "img", "a", "em", "strong", "b", "i", "u", "s",
    "sub", "sup", "br", "hr", "abbr", "cite", "q", "mark", "del", "ins", "small",
}  # fmt: skip
# Whole subtrees a reader must never get, executable or not text.
_DROPPED_TAGS = {
    "script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "form", "input", "button", "select", "textarea", "template", "svg", "math",
    "canvas", "video", "audio", "source", "link", "meta", "base", "head", "title",
}  # fmt: skip
_KEPT_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
_SAFE_LINK_SCHEMES = {"", "http", "https", "mailto", "ftp"}
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
    "tr", "caption", "figcaption", "table", "ul", "ol", "dl", "figure", "hr",
}  # fmt: skip
# Figure captions annotate an image and stay in the HTML beside it; the plain text is the
# article's running prose, which they would interrupt (and they repeat in slideshows).
_NOT_RUNNING_TEXT = {"figcaption"}
_MAX_LEADING_BLOCKS = 3
_LABEL_WORDS = 6
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class CleanArticle:
    """An article's HTML made safe and cut to reading structure, parsed once for all it gives:
    its HTML, its plain text, its link density.

    Before, each of those parsed the HTML again from the string the one before made: four
    parses of every article where one does.
    """

    def __init__(self, markup: str, base_url: str | None = None) -> None:
        self.root = _parse_fragment(markup) if markup.strip() else None
        if self.root is not None:
            _clean_tree(self.root, base_url)

    def html(self) -> str:
        """The article as an HTML fragment."""
        return _serialize_children(self.root) if self.root is not None else ""

    def text(self) -> str:
        """Plain text: one paragraph per block, blank lines between."""
        return _text_of(self.root) if self.root is not None else ""

    def link_density(self) -> float:
        """The share of the text that sits inside links (0 for no text)."""
        return _link_density(self.root) if self.root is not None else 0.0

    def drop_leading_title(self, title: str) -> bool:
        """Remove a heading that repeats the title at the top, with any kicker labels above
        it; whether one was removed.

        The reader shows the title itself; short labels above the title heading
        ("Technology", a breadcrumb) belong to the page's template, not to the article.
        """
        return self.root is not None and _drop_leading_title(self.root, title)


def clean_fragment(markup: str, base_url: str | None = None) -> str:
    """Return ``markup`` as a safe HTML fragment of reading structure only."""
    return CleanArticle(markup, base_url).html()


def drop_leading_title(fragment: str, title: str) -> str:
    """``fragment`` without a heading that repeats the title at the top (see ``CleanArticle``)."""
    if not fragment or not title:
        return fragment
    root = _parse_fragment(fragment)
    return _serialize_children(root) if _drop_leading_title(root, title) else fragment


def _drop_leading_title(root: lxml_html.HtmlElement, title: str) -> bool:
    if not title or (root.text or "").strip():
        return False
    leading = list(root)[:_MAX_LEADING_BLOCKS]
    for position, block in enumerate(leading):
        if _words(block.text_content()) == _words(title):
            for doomed in leading[: position + 1]:
                doomed.drop_tree()
            return True
        if not _is_label(block):
            break
    return False


def _is_label(block: lxml_html.HtmlElement) -> bool:
    text = block.text_content().strip()
    return len(text.split()) <= _LABEL_WORDS and not text.endswith((".", "!", "?", ":"))


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _serialize_children(root: lxml_html.HtmlElement) -> str:
    parts = [etree.tostring(child, encoding="unicode", method="html") for child in root]
    return ((root.text or "").strip() + "".join(parts)).strip()


def html_to_text(fragment: str) -> str:
    """Plain text of an article fragment: one paragraph per block, blank lines between."""
    if not fragment.strip():
        return ""
    return _text_of(_parse_fragment(fragment))


def _text_of(root: lxml_html.HtmlElement) -> str:
    chunks: list[str] = []
    _collect_text(root, chunks)
    joined = "".join(chunks)
    lines = (_SPACES.sub(" ", line).strip() for line in joined.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _parse_fragment(markup: str) -> lxml_html.HtmlElement:
    """A ``<div>`` holding the markup; a whole document is reduced to its body."""
    if re.search(r"<(html|body)[\s>]", markup[:2000], re.I):
        body = lxml_html.document_fromstring(markup, parser=FRAGMENT_PARSER).find("body")
        if body is not None:
            body.tag = "div"
            return body
    return lxml_html.fragment_fromstring(markup, create_parent="div", parser=FRAGMENT_PARSER)


def _clean_tree(root: lxml_html.HtmlElement, base_url: str | None) -> None:
    _drop_unsafe(root)
    for element in list(root.iter()):
        if element is not root and isinstance(element.tag, str):
            _clean_element(element, base_url)
    _strip_empty(root)


def _drop_unsafe(root: lxml_html.HtmlElement) -> None:
    # Comments and processing instructions have a non-string tag; they go too.
    doomed = [
        e
        for e in root.iter()
        if e is not root and (not isinstance(e.tag, str) or e.tag.lower() in _DROPPED_TAGS)
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _clean_element(element: lxml_html.HtmlElement, base_url: str | None) -> None:
    tag = element.tag.lower()
    if tag not in _KEPT_TAGS:
        element.drop_tag()
        return
    if tag == "img" and not element.get("src"):
        element.drop_tree()
        return
    attributes = element.attrib
    if not attributes:  # Most elements of an extracted article have none.
        return
    allowed = _KEPT_ATTRIBUTES.get(tag)
    if allowed is None:
        attributes.clear()
        return
    for name in list(attributes):
        if name.lower() not in allowed:
            del attributes[name]
    for name in ("href", "src"):
        if name in attributes:
            _clean_link(element, name, base_url)


def _scheme(value: str) -> str:
    """``urlsplit(value).scheme.lower()``, without splitting the rest for the common cases."""
    if value.startswith(("https://", "http://")):
        return value[: value.index(":")]
    if value.startswith(("#", "/", "?")):
        return ""
    return urlsplit(value).scheme.lower()


def _clean_link(element: lxml_html.HtmlElement, name: str, base_url: str | None) -> None:
    value = element.attrib[name].strip()
    scheme = _scheme(value)
    if element.tag == "img":
        # Only images the library keeps itself: a remote source would be fetched by the reader.
        if scheme != "asset" and element.getparent() is not None:
            element.drop_tree()
        return
    if scheme not in _SAFE_LINK_SCHEMES:
        del element.attrib[name]
    elif base_url and name == "href" and not scheme and not value.startswith("#"):
        element.attrib[name] = join(base_url, value)


def _strip_empty(root: lxml_html.HtmlElement) -> None:
    for element in reversed(list(root.iter())):
        if element is root or element.tag in {"img", "br", "hr", "td", "th"}:
            continue
        text = element.text_content() or ""
        if text.strip() or element.find(".//img") is not None:
            continue
        # An empty link, or an inline element holding only the space between two words
        # ("New Yorker<em> </em>story"): its text stays, or the words would run together.
        if element.tag == "a" or (text and element.tag not in _BLOCKS):
            element.drop_tag()
        else:
            element.drop_tree()


def link_density(fragment: str) -> float:
    """The share of a fragment's text that sits inside links (0 for no text)."""
    if not fragment.strip():
        return 0.0
    return _link_density(_parse_fragment(fragment))


def _link_density(root: lxml_html.HtmlElement) -> float:
    total = len("".join(root.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in root.iter("a"))
    return linked / total if total else 0.0


def _collect_text(element: lxml_html.HtmlElement, chunks: list[str], in_pre: bool = False) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _NOT_RUNNING_TEXT:
        return
    in_pre = in_pre or tag == "pre"
    block = tag in _BLOCKS
    if block:
        chunks.append("\n\n")
    if tag == "br":
        chunks.append("\n")
    if tag in {"td", "th"}:
        chunks.append(" ")
    chunks.append(_source_text(element.text, in_pre))
    for child in element:
        _collect_text(child, chunks, in_pre)
        chunks.append(_source_text(child.tail, in_pre))
    if block:
        chunks.append("\n\n")


def _source_text(text: str | None, in_pre: bool) -> str:
    """Line breaks in markup are spaces, except inside ``<pre>``."""
    if not text:
        return ""
    return text if in_pre else text.replace("\n", " ")
