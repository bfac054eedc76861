"""A page's declared metadata read in one pass: meta tags, link relations, title, heading, lang."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from lxml import html as lxml_html

from archive_import.meta_text import tidy

log = logging.getLogger(__name__)

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Every attribute a <meta> may be keyed by; some carry two (name="description" property="og:…").
_META_KEYS = ("property", "name", "itemprop", "http-equiv")
_PAGE_FURNITURE = frozenset({"header", "nav", "footer", "aside"})


@dataclass(frozen=True)
class PageTags:
    """What the page's markup declares, keyed by lower-case meta name or link relation."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    title: str = ""
    """The ``<title>``, tidied."""
    h1: str = ""
    """The first ``<h1>`` inside the article when there is one, else the page's first
    outside its header, navigation, sidebars and footer (where an ``<h1>`` is a logo)."""
    lang: str = ""
    """``<html lang>`` (or ``xml:lang``) as written."""

    def first(self, *keys: str) -> str | None:
        """The first non-empty value among ``keys``, in the order given."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None

    def values(self, key: str) -> list[str]:
        """Every non-empty value of one key, in page order (``article:tag`` comes many times)."""
        return [value for value in self.meta.get(key, ()) if value]


def read_tags(tree: lxml_html.HtmlElement) -> PageTags:
    """The declarations of the page ``tree`` belongs to."""
    root = tree.getroottree().getroot()
    tags = PageTags(
        title=_title(root),
        h1=_heading(root),
        lang=(root.get("lang") or root.get(_XML_LANG) or "").strip(),
    )
    for meta in root.iter("meta"):
        # One call for all attributes: news pages carry hundreds of meta tags.
        attributes = dict(meta.items())
        content = tidy(attributes.get("content") or attributes.get("value"))
        for attribute in _META_KEYS:
            key = attributes.get(attribute, "").strip().lower()
            if key:
                tags.meta.setdefault(key, []).append(content)
    for link in root.iter("link"):
        href = (link.get("href") or "").strip()
        for rel in (link.get("rel") or "").lower().split():
            tags.links.setdefault(rel, []).append(href)
    return tags


def _title(root: lxml_html.HtmlElement) -> str:
    for title in root.iter("title"):
        parent = title.getparent()
        # An <svg> icon's <title> is a tooltip, not the page's title.
        if parent is not None and parent.tag not in ("svg", "symbol", "g"):
            return tidy(title.text_content())
    return ""


def _heading(root: lxml_html.HtmlElement) -> str:
    first = ""
    for heading in root.iter("h1"):
        around = {ancestor.tag for ancestor in heading.iterancestors()}
        text = tidy(heading.text_content())
        if text and around & {"article", "main"}:
            return text
        if not around & _PAGE_FURNITURE:
            first = first or text
    return first
