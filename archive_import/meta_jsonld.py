"""What a page's JSON-LD says about it, read leniently: a broken block gives what parses."""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

from archive_import.meta_text import tidy

log = logging.getLogger(__name__)

_DECODER = json.JSONDecoder(strict=False)
_NOISE = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|/\*.*?\*/", re.S)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_BAD_ESCAPE = re.compile(r"\\(?=['\s])")
_START = re.compile(r"[{\[]")
# Each failed attempt may read to the end of the block; this bounds the work on big broken
# blocks, and the objects worth having come first.
_MAX_FAILURES = 32
# Deeply nested values exhaust the decoder's recursion rather than raise a ValueError.
_UNREADABLE = (ValueError, RecursionError)
_MAX_DEPTH = 4
# Nodes that describe something on the page, not the page: never its title or date.
_NOT_THE_PAGE = frozenset({
    "WebSite", "Person", "BreadcrumbList", "ListItem", "ImageObject", "SiteNavigationElement",
    "SearchAction", "EntryPoint", "WPHeader", "WPFooter", "WPSideBar", "Place", "PostalAddress",
    "ContactPoint", "Brand", "Rating", "AggregateRating", "Offer", "ItemList", "VideoGallery",
})  # fmt: skip
# Types (besides *Article and *Posting) whose node is the page's main content.
_ARTICLE_LIKE = frozenset({"Report", "Review", "Recipe", "HowTo", "CreativeWork", "Thesis"})
# Where nodes about the page nest inside others; other nested nodes (a review's item, a
# list of related articles) are about something else.
_CHILDREN = ("@graph", "mainEntity", "mainEntityOfPage")


@dataclass(frozen=True)
class JsonLdFacts:
    """Raw values from the JSON-LD nodes that describe the page, most specific node first.

    Values are tidied text but not yet judged: dates are as written, names not split.
    """

    headlines: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()


def read_json_ld(tree: lxml_html.HtmlElement) -> JsonLdFacts:
    """Everything the ``application/ld+json`` blocks of the page say about the page."""
    nodes = list(_typed_nodes(_documents(tree)))
    if not nodes:
        return JsonLdFacts()
    ids = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    ranked = _ranked(nodes)
    sites = [node for node in nodes if "WebSite" in _types(node)]
    return JsonLdFacts(
        headlines=_texts(ranked, ("headline", "name"), ids),
        authors=_names(_first_value(ranked, ("author", "creator")), ids),
        published=_texts(ranked, ("datePublished", "dateCreated", "uploadDate"), ids),
        modified=_texts(ranked, ("dateModified",), ids),
        site_names=_texts(sites, ("name", "alternateName"), ids),
        publishers=_names(_first_value([*ranked, *sites], ("publisher",)), ids),
        descriptions=_texts(ranked, ("description",), ids),
        images=_texts(ranked, ("image", "thumbnailUrl", "primaryImageOfPage"), ids),
        keywords=_keywords(_first_value(ranked, ("keywords",))),
        languages=_texts([*ranked, *sites], ("inLanguage",), ids),
        urls=_texts(ranked[:1], ("mainEntityOfPage", "url"), ids),
    )


def _documents(tree: lxml_html.HtmlElement) -> Iterator[Any]:
    for script in tree.getroottree().getroot().iter("script"):
        if "ld+json" in (script.get("type") or "").lower() and script.text:
            yield from parse_lenient(script.text)


def parse_lenient(text: str) -> list[Any]:
    """The JSON values in ``text``: comments dropped, trailing commas forgiven, several
    concatenated objects each read, and what cannot be read skipped."""
    try:
        return [_DECODER.decode(text.strip())]
    except _UNREADABLE:
        pass
    # Repairs could touch string contents, so they are made only once the text failed.
    repaired = _BAD_ESCAPE.sub("", _TRAILING_COMMA.sub(r"\1", _NOISE.sub("", text))).strip()
    try:
        return [_DECODER.decode(repaired)]
    except _UNREADABLE:
        return _decode_all(repaired)


def _decode_all(text: str) -> list[Any]:
    found: list[Any] = []
    failures = 0
    start = _START.search(text)
    while start and failures < _MAX_FAILURES:
        try:
            value, end = _DECODER.raw_decode(text, start.start())
        except _UNREADABLE:
            # This object is broken: look for the next one from just inside it.
            failures += 1
            start = _START.search(text, start.start() + 1)
            continue
        found.append(value)
        start = _START.search(text, end)
    return found


def _typed_nodes(values: Any) -> Iterator[dict[str, Any]]:
    """Every node with an ``@type``, top level first, looking into graphs and main entities."""
    queue = deque(values if isinstance(values, (list, Iterator)) else [values])
    while queue:
        value = queue.popleft()
        if isinstance(value, list):
            queue.extend(value)
        elif isinstance(value, dict):
            if "@type" in value:
                yield value
            queue.extend(
                value[key] for key in _CHILDREN if isinstance(value.get(key), (dict, list))
            )


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {name.rsplit("/", 1)[-1] for name in names if isinstance(name, str)}


def _ranked(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nodes that may describe the page: articles, then web pages, then anything else."""
    return sorted((n for n in nodes if _describes_page(n)), key=_rank)


def _describes_page(node: dict[str, Any]) -> bool:
    types = _types(node)
    return not (types & _NOT_THE_PAGE or any(t.endswith("Organization") for t in types))


def _rank(node: dict[str, Any]) -> int:
    types = _types(node)
    if types & _ARTICLE_LIKE or any(t.endswith(("Article", "Posting")) for t in types):
        return 0
    return 1 if any(t.endswith("Page") for t in types) else 2


def _first_value(nodes: list[dict[str, Any]], keys: tuple[str, ...]) -> Any:
    for node in nodes:
        for key in keys:
            if node.get(key):
                return node[key]
    return None


def _texts(
    nodes: list[dict[str, Any]], keys: tuple[str, ...], ids: dict[str, Any]
) -> tuple[str, ...]:
    """Each node's values under ``keys`` as text: URLs for images and pages, names for things."""
    found = (_text(node.get(key), ids) for node in nodes for key in keys)
    return tuple(dict.fromkeys(text for text in found if text))


def _text(value: Any, ids: dict[str, Any], depth: int = 0) -> str:
    """The first text in ``value``; the depth bound stops at lists of lists and id cycles."""
    if depth > _MAX_DEPTH:
        return ""
    if isinstance(value, list):
        return next((t for t in (_text(v, ids, depth + 1) for v in value) if t), "")
    if not isinstance(value, dict):
        return tidy(value)
    # A bare reference ({"@id": …}, maybe with its @type) stands for the node it names.
    target = _resolve(value, ids) if len(value) <= 2 else value
    for key in ("url", "contentUrl", "@id", "name", "alternateName", "@value"):
        # An unresolved "…#primaryimage" id names a node, not a resource.
        if key in target and not (key == "@id" and "#" in str(target[key])):
            return _text(target[key], ids, depth + 1)
    return ""


def _names(value: Any, ids: dict[str, Any]) -> tuple[str, ...]:
    """Names of authors or publishers given as text, Person/Organization nodes, or a list."""
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        node = _resolve(item, ids)
        if isinstance(node, dict) and not node.get("name") and node.get("familyName"):
            names.append(tidy(f"{node.get('givenName') or ''} {node['familyName']}"))
        else:
            names.append(tidy(node.get("name") if isinstance(node, dict) else node))
    return tuple(name for name in names if name)


def _resolve(value: Any, ids: dict[str, Any]) -> Any:
    reference = value.get("@id") if isinstance(value, dict) else None
    return ids.get(reference, value) if isinstance(reference, str) else value


def _keywords(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else value.split(",") if isinstance(value, str) else []
    return tuple(text for text in (tidy(item) for item in items) if text)
