"""A site's template, learned from its pages: the blocks and edge lines that repeat across them.

Pure functions on article fragments (the importer's clean HTML, or plain text with blank lines
between paragraphs): no storage, no Qt. A *block* is a leaf block element (paragraph, heading,
list item, table row, caption…); a *line* is a sentence, or a ``<br>``-separated line, of a block.
Blocks and lines are compared by a normalised key: case-folded, whitespace collapsed, every run of
digits masked, so "© 2023" and "© 2024" are the same line.
"""

from __future__ import annotations

import html
import logging
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html
from tld import get_fld

from archive_import.cleanup import html_to_text
from archive_import.html_tree import FRAGMENT_PARSER

log = logging.getLogger(__name__)

MIN_SHARE = 0.2
"""A key is template when at least this share of a site's distinct pages holds it (tuned on the
dev sites of ``benchmarks/site_corpus.py``)."""
MAX_REMOVED = 0.6
"""A page losing more than this share of its text to the template is kept whole."""
DUPLICATE_SIMILARITY = 0.6
"""Pages whose word 4-gram sets are at least this similar (Jaccard) count as one page."""

_BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "tr",
    "caption", "figcaption", "div", "section", "article", "aside", "header", "footer",
})  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption"})
_LINK_MARK = "\u2192"  # stands for a link's text in a block's link-masked key
_LABEL_MARK = ": \u2026"  # ends a label key: "read also: …"
_SHORT_BLOCK_WORDS = 30  # label and link-masked keys are for short blocks only
_LABEL_WORDS = 5
_TITLE_WORDS = 16  # what follows a label is a title or a name, not prose
_MAX_PER_PAGE = 2  # a label heading many blocks of one page is structure (Q:, A:), not template
_MIN_LINE_WORDS = 3
_BINS, _ROWS = 24, 4  # one-permutation MinHash: 24 bins, banded 4 by 4 for candidate pairs
_SIGNATURE_SLACK = 0.25  # a signature's estimate of the Jaccard index is this rough

_HTML_BLOCK = re.compile(r"<(?:p|div|h[1-6]|li|ul|ol|table|tr|br|blockquote|pre|dl)\b", re.I)
_DOCUMENT = re.compile(r"\s*(?:<!doctype|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_DIGITS = re.compile(r"\d+")
_EDGE_PUNCTUATION = " .,;:!?\u2026\u00b7\u2022|-\u2013\u2014\"'\u00ab\u00bb\u201c\u201d\u201e*"
_LABEL = re.compile(r"(.{1,60}?)(?:\s*[:|\u2014\u2013\u00bb\u203a\u00b7\u2022]|\s+-)\s+\S")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u00bb\u201d\u2019)\]]*(?=\s)|\n")
_WORD = re.compile(r"\w+")
_HOSTNAME = re.compile(r"[^\s/:]+\.[^\s/:]+")


@dataclass(frozen=True)
class SiteTemplate:
    """What repeats across a site's pages, as normalised keys."""

    blocks: frozenset[str] = frozenset()
    """Keys of whole blocks that are template (exact text, "label: …" or link-masked)."""
    lines: frozenset[str] = frozenset()
    """Keys of lines removed where they open or close a block (a sign-off sentence)."""
    pages: int = 0
    """How many distinct pages it was learned from (near-identical captures count once)."""

    @property
    def empty(self) -> bool:
        """Whether the template removes nothing."""
        return not self.blocks and not self.lines


def site_key(url: str | None, site_name: str | None) -> str | None:
    """The site a page belongs to, for grouping pages that share a template.

    The registrable domain of the URL's host, lower case and without "www." (``news.bbc.co.uk``
    gives ``bbc.co.uk``); else the site name, case-folded (a name that is a host name is read as
    one); ``None`` when there is neither.
    """
    host = _host(url) if url else None
    if host:
        return host
    name = " ".join((site_name or "").split()).casefold()
    if not name:
        return None
    return (_host(f"http://{name}") if _HOSTNAME.fullmatch(name) else None) or name


def load_public_suffixes() -> None:
    """Read the public-suffix list ``site_key`` needs now, rather than on its first call.

    Reading it costs some 0.03 s of CPU, once per process; an import does it while its worker
    processes start, when this process has nothing else to do, instead of in its first
    write, when every core is busy.
    """
    get_fld("example.org", fail_silently=True)


def _host(url: str) -> str | None:
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
        host = host.encode("ascii").decode("idna") if "xn--" in host else host
    except (ValueError, UnicodeError):
        return None
    if not host:
        return None
    registrable = get_fld(host, fix_protocol=True, fail_silently=True)
    return registrable if isinstance(registrable, str) else host.removeprefix("www.")


def learn_template(
    pages: Sequence[str], *, min_pages: int = 3, min_share: float = MIN_SHARE
) -> SiteTemplate:
    """Learn the template of one site from the uncleaned fragments of its pages.

    ``pages`` are the importer's HTML fragments, or plain texts with paragraphs between blank
    lines.

    A block or line is template when it appears in at least ``min_pages`` distinct pages and in
    at least ``min_share`` of them. A block that appears in at least ``min_pages`` pages is
    template too when it sits where boilerplate sits there: opening the page, under a template
    heading, or behind a label the site puts on its boilerplate (a section's kicker, the bio
    under "About the author"). Pages whose texts are near-identical (two captures of one
    article) count as one page, so an article never erases its own other capture.
    """
    if min_pages < 2:
        raise ValueError("a template needs at least two pages to repeat across")
    present = [page for page in pages if page.strip()]
    if len(present) < min_pages:  # Nothing can repeat often enough: skip the costly keys.
        return SiteTemplate(pages=len(present))
    keyed = [_page_keys(_as_html(page)) for page in present]
    groups = [[keyed[m] for m in members] for members in _near_duplicate_groups(keyed)]
    needed = max(min_pages, math.ceil(min_share * len(groups)))
    blocks = _frequent([_union(p.blocks for p in group) for group in groups], needed)
    labels = _frequent([_union(p.labels for p in group) for group in groups], needed)
    template = SiteTemplate(
        blocks=frozenset(_grow_from_anchors(groups, blocks, labels, min_pages)),
        lines=frozenset(_frequent([_union(p.lines for p in group) for group in groups], needed)),
        pages=len(groups),
    )
    log.debug("template of %d blocks, %d lines", len(template.blocks), len(template.lines))
    return template


def apply_template(
    fragment: str, template: SiteTemplate, *, max_removed: float = MAX_REMOVED
) -> str:
    """The fragment without the template's blocks and edge lines.

    HTML in, HTML out; plain text (paragraphs between blank lines) in, plain text out. A page
    that would lose more than ``max_removed`` of its text is returned unchanged: the template
    has probably mistaken the article for boilerplate.
    """
    if template.empty or not fragment.strip():
        return fragment
    if not _HTML_BLOCK.search(fragment):
        markup = _paragraphs_html(fragment)
        cleaned = apply_template(markup, template, max_removed=max_removed)
        return html_to_text(cleaned) if cleaned != markup else fragment
    root = _parse(fragment)
    before = _visible_characters(root)
    changed = [_clean_block(block, template) for block in _leaf_blocks(root)]
    if not any(changed) or _visible_characters(root) < before * (1 - max_removed):
        return fragment
    return _serialise(root)


def clean_site(
    pages: Sequence[str], *, min_pages: int = 3, min_share: float = MIN_SHARE
) -> list[str]:
    """Every page of one site cleaned with the template learned from all of them."""
    template = learn_template(pages, min_pages=min_pages, min_share=min_share)
    return [apply_template(page, template) for page in pages]


# --- a block's text, with the text nodes it is made of ------------------------------------


@dataclass
class _Block:
    """A leaf block element and its text, each character traced back to a text node."""

    element: lxml_html.HtmlElement
    slots: list[tuple[lxml_html.HtmlElement, str, bool]] = field(default_factory=list)
    """(node, "text" | "tail" | "br", inside a link), in reading order."""

    @cached_property
    def text(self) -> str:
        """Read once: a block whose text is cut is read again as a new ``_Block``."""
        return "".join(_slot_text(node, kind) for node, kind, _ in self.slots)

    def masked_text(self) -> str:
        """The text with each link's text replaced by one mark."""
        parts: list[str] = []
        for node, kind, linked in self.slots:
            text = _slot_text(node, kind)
            if not linked:
                parts.append(text)
            elif text.strip() and parts[-1:] != [f" {_LINK_MARK} "]:
                parts.append(f" {_LINK_MARK} ")
        return "".join(parts)

    def cut(self, start: int, end: int) -> None:
        """Delete characters ``start:end`` of the text, dropping emptied inline elements."""
        position, breaks = 0, []
        for node, kind, _ in self.slots:
            text = _slot_text(node, kind)
            low, high = max(start - position, 0), min(end - position, len(text))
            if low < high and kind == "br":
                breaks.append(node)
            elif low < high:
                setattr(node, kind, text[:low] + text[high:])
            position += len(text)
        for line_break in breaks:  # after the text cuts: dropping moves the tail elsewhere
            line_break.drop_tree()
        for inline in reversed(list(self.element.iterdescendants())):
            if (
                isinstance(inline.tag, str)
                and inline.tag not in {"br", "img"}
                and _is_empty(inline)
            ):
                inline.drop_tree()


def _slot_text(node: lxml_html.HtmlElement, kind: str) -> str:
    return "\n" if kind == "br" else getattr(node, kind) or ""


def _slots(
    element: lxml_html.HtmlElement, linked: bool = False
) -> Iterator[tuple[lxml_html.HtmlElement, str, bool]]:
    if element.tag == "br":
        yield element, "br", linked
    linked = linked or element.tag == "a"
    yield element, "text", linked
    for child in element:
        if isinstance(child.tag, str):
            yield from _slots(child, linked)
        yield child, "tail", linked


def _leaf_blocks(root: lxml_html.HtmlElement) -> list[_Block]:
    return [
        _Block(element, list(_slots(element)))
        for element in root.iterdescendants()
        if element.tag in _BLOCK_TAGS
        and not any(d.tag in _BLOCK_TAGS for d in element.iterdescendants())
    ]


# --- keys ------------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    folded = _DIGITS.sub("#", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split()).strip(_EDGE_PUNCTUATION)


def _block_keys(block: _Block) -> list[str]:
    """The exact key, and for a short block its "label: …" and link-masked keys."""
    exact = _normalise(block.text)
    if not exact:
        return []
    if len(exact.split()) > _SHORT_BLOCK_WORDS:
        return [exact]
    keys = [exact, _label_key(block.text, exact)]
    masked = _normalise(block.masked_text())
    if _LINK_MARK in masked and len(_WORD.findall(masked)) >= 2:
        keys.append(masked)
    return [key for key in keys if key]


def _label_key(text: str, exact: str) -> str:
    """The key of a label followed by a title: "Read also: <title>", "<name> · <date>".

    Only a title: a label before prose ("Update: the council voted…") is the article's own.
    """
    label = _label(exact)
    if not label or text.rstrip().endswith((".", "!")):
        return ""
    return label if len(exact.split()) - len(label.split()) < _TITLE_WORDS else ""


def _label(exact: str) -> str:
    """The label that opens a short block, as a key: "about the author: …"; else ""."""
    match = _LABEL.match(exact)
    if not match or len(exact.split()) > _SHORT_BLOCK_WORDS or not _WORD.search(match.group(1)):
        return ""
    label = match.group(1).strip(_EDGE_PUNCTUATION)
    return label + _LABEL_MARK if len(label.split()) <= _LABEL_WORDS else ""


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of a block's lines: sentences, and lines broken by ``<br>``."""
    spans, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        spans.append((start, end.end()))
        start = end.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [span for span in spans if text[span[0] : span[1]].strip()]


def _line_key(text: str, span: tuple[int, int]) -> str:
    key = _normalise(text[span[0] : span[1]])
    return key if len(key.split()) >= _MIN_LINE_WORDS else ""


# --- learning ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BlockKeys:
    keys: frozenset[str]
    head: bool
    """Whether the block is a heading or a short label, introducing what follows it."""
    label: str
    """The label opening the block, whatever follows it."""


@dataclass(frozen=True)
class _PageKeys:
    sequence: tuple[_BlockKeys, ...]
    """The page's blocks in reading order (those without text, an image, left out)."""
    lines: frozenset[str]
    shingles: frozenset[int]

    @property
    def blocks(self) -> frozenset[str]:
        return frozenset().union(*(block.keys for block in self.sequence))

    @property
    def labels(self) -> frozenset[str]:
        """Labels opening at most ``_MAX_PER_PAGE`` blocks here (more is a structure: Q:, A:)."""
        counts = Counter(block.label for block in self.sequence if block.label)
        return frozenset(label for label, count in counts.items() if count <= _MAX_PER_PAGE)


def _page_keys(fragment: str) -> _PageKeys:
    blocks = _leaf_blocks(_parse(fragment)) if fragment.strip() else []
    keys = [_block_keys(block) for block in blocks]
    counts = Counter(key for block_keys in keys for key in block_keys[1:])
    lines = {_line_key(b.text, span) for b in blocks for span in _sentences(b.text)} - {""}
    sequence = [
        _BlockKeys(
            keys=frozenset(k for k in ks if k == ks[0] or counts[k] <= _MAX_PER_PAGE),
            head=_is_head(block),
            label=_label(ks[0]),
        )
        for block, ks in zip(blocks, keys, strict=True)
        if ks
    ]
    return _PageKeys(
        sequence=tuple(sequence),
        lines=frozenset(lines),
        shingles=frozenset(_shingles(_WORD.findall(" ".join(k[0] for k in keys if k)))),
    )


def _is_head(block: _Block) -> bool:
    text = block.text.strip()
    short_label = len(text.split()) <= _LABEL_WORDS and not text.endswith((".", "!", "?", "\u2026"))
    return block.element.tag in _HEADINGS or short_label


def _union(sets: Iterable[frozenset[str]]) -> set[str]:
    return set().union(*sets)


def _frequent(groups: list[set[str]], needed: int) -> set[str]:
    """The keys found in at least ``needed`` groups."""
    counts = Counter(key for keys in groups for key in keys)
    return {key for key, count in counts.items() if count >= needed}


def _grow_from_anchors(
    groups: list[list[_PageKeys]], blocks: set[str], labels: set[str], needed: int
) -> set[str]:
    """Add the blocks that, in ``needed`` groups, sit where the site's boilerplate sits."""
    while True:
        anchored = [_union(_anchored(page, blocks, labels) for page in group) for group in groups]
        grown = _frequent(anchored, needed) - blocks
        if not grown:
            return blocks
        blocks = blocks | grown


def _anchored(page: _PageKeys, blocks: set[str], labels: set[str]) -> frozenset[str]:
    """The keys of the blocks that open the page, follow a template heading or short label (a
    section's name, "About the author"), or open with one of the site's template labels."""
    anchored: set[str] = set()
    follows = True
    for block in page.sequence:
        if follows or block.label in labels:
            anchored |= block.keys
        follows = block.head and bool(block.keys & blocks)
    return frozenset(anchored)


def _shingles(words: list[str]) -> set[int]:
    """32-bit hashes of the word 4-grams, the same in every run (unlike ``hash``)."""
    codes = [zlib.crc32(word.encode()) for word in words]
    if len(codes) < 4:
        return {zlib.crc32(" ".join(words).encode())}
    mix = 0x01000193
    return {
        ((((a * mix) ^ b) * mix ^ c) * mix ^ d) & 0xFFFFFFFF
        for a, b, c, d in zip(codes, codes[1:], codes[2:], codes[3:], strict=False)
    }


def _near_duplicate_groups(keyed: list[_PageKeys]) -> list[list[int]]:
    """Pages grouped with the first earlier page they are near-identical to.

    Candidates come from banded one-permutation MinHash signatures, so the cost grows with the
    number of pages, not its square; a candidate whose signature agrees enough is confirmed on
    the exact Jaccard index of the shingle sets.
    """
    signatures = [_signature(page.shingles, index) for index, page in enumerate(keyed)]
    groups: dict[int, list[int]] = {}
    buckets: dict[tuple[int, ...], list[int]] = {}
    for index, signature in enumerate(signatures):
        bands = [(start, *signature[start : start + _ROWS]) for start in range(0, _BINS, _ROWS)]
        candidates = sorted({leader for band in bands for leader in buckets.get(band, ())})
        leader = next((c for c in candidates if _similar(keyed, signatures, c, index)), None)
        if leader is None:
            groups[index] = [index]
            for band in bands:
                buckets.setdefault(band, []).append(index)
        else:
            groups[leader].append(index)
    return list(groups.values())


def _signature(shingles: frozenset[int], index: int) -> list[int]:
    """The smallest hash in each of ``_BINS`` ranges; a page's empty bins match no other's."""
    bins = [-1 - index] * _BINS
    for value in shingles:
        slot = value * _BINS >> 32
        if bins[slot] < 0 or value < bins[slot]:
            bins[slot] = value
    return bins


def _similar(keyed: list[_PageKeys], signatures: list[list[int]], first: int, second: int) -> bool:
    agreeing = sum(a == b for a, b in zip(signatures[first], signatures[second], strict=True))
    if agreeing / _BINS < DUPLICATE_SIMILARITY - _SIGNATURE_SLACK:
        return False
    one, other = keyed[first].shingles, keyed[second].shingles
    return len(one & other) / len(one | other) >= DUPLICATE_SIMILARITY


# --- applying ----------------------------------------------------------------------------------


def _clean_block(block: _Block, template: SiteTemplate) -> bool:
    """Remove the block, or its template lines at either edge; whether anything changed."""
    if template.blocks.intersection(_block_keys(block)) and not _is_header_row(block.element):
        _drop_with_empty_parents(block.element)
        return True
    text, spans = block.text, _sentences(block.text)
    first, last = 0, len(spans)
    while first < last and _line_key(text, spans[first]) in template.lines:
        first += 1
    while last > first and _line_key(text, spans[last - 1]) in template.lines:
        last -= 1
    if first == last and spans:
        _drop_with_empty_parents(block.element)
    elif (first, last) != (0, len(spans)):
        block.cut(spans[last - 1][1], len(text))
        block.cut(0, spans[first][0])
        _clean_block(_Block(block.element, list(_slots(block.element))), template)
    return (first, last) != (0, len(spans))


def _is_header_row(element: lxml_html.HtmlElement) -> bool:
    cells = [cell.tag for cell in element if isinstance(cell.tag, str)]
    return element.tag == "tr" and bool(cells) and set(cells) == {"th"}


def _drop_with_empty_parents(element: lxml_html.HtmlElement) -> None:
    parent = element.getparent()
    element.drop_tree()
    while parent is not None and parent.getparent() is not None and _is_empty(parent):
        grandparent = parent.getparent()
        parent.drop_tree()
        parent = grandparent


def _is_empty(element: lxml_html.HtmlElement) -> bool:
    return not element.text_content().strip() and element.find(".//img") is None


def _visible_characters(root: lxml_html.HtmlElement) -> int:
    return len("".join(root.text_content().split()))


# --- fragments -----------------------------------------------------------------------------------


def _as_html(page: str) -> str:
    return page if _HTML_BLOCK.search(page) else _paragraphs_html(page)


def _paragraphs_html(text: str) -> str:
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text.strip()))
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)


def _parse(fragment: str) -> lxml_html.HtmlElement:
    """A ``<div>`` holding the fragment; a whole document is reduced to its body."""
    document = _DOCUMENT.match(fragment)
    body = (
        lxml_html.document_fromstring(fragment, parser=FRAGMENT_PARSER).find("body")
        if document
        else None
    )
    if body is None:
        return lxml_html.fragment_fromstring(fragment, create_parent="div", parser=FRAGMENT_PARSER)
    body.tag = "div"
    return body


def _serialise(root: lxml_html.HtmlElement) -> str:
    children: Iterable[str] = (
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )
    return ((root.text or "").strip() + "".join(children)).strip()
