"""Unwrap the spans that sit inside a sentence, so that no class name cuts words out of it.

trafilatura's precision mode discards any ``<span>`` (or ``<div>``, ``<p>``) whose class is
"link", or names a bottom bar or a teaser, or whose style draws a border, wherever it sits: in
"has reported that <span class="link"><a>the NFL will fine Rudolph</a></span> for his role",
the sentence lost its middle. A span inside a paragraph's running text is part of a sentence,
whatever its name: it gives way to its contents before the extractor reads the page. A span our
own rules mark as furniture (a pop-up card), or one holding an image, several links or blocks,
is left as it is, for the furniture rules to judge.
"""

from __future__ import annotations

from lxml import html as lxml_html

from archive_import.page_chrome import DROP_MARK

# Blocks of running text: a span inside one is a piece of a sentence.
_TEXT_BLOCKS = ("p", "li", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
# Words of the paragraph outside the span for it to be part of a sentence, not the whole line.
_SENTENCE_WORDS = 4
# Inline elements that a piece of a sentence may hold.
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "br", "cite", "code", "em", "i", "mark", "q", "s", "small",
     "span", "strong", "sub", "sup", "time", "u", "wbr"}
)  # fmt: skip


def unwrap_sentence_spans(root: lxml_html.HtmlElement) -> int:
    """Unwrap each span in running text under ``root``; returns how many went."""
    doomed: list[lxml_html.HtmlElement] = []
    block_words: dict[lxml_html.HtmlElement, int] = {}  # Each block's words, counted once.
    for span in root.iter("span"):
        block = _text_block(span)
        if block is None or not _is_piece_of_a_sentence(span):
            continue
        if block not in block_words:
            block_words[block] = len(block.text_content().split())
        if block_words[block] - len(span.text_content().split()) >= _SENTENCE_WORDS:
            doomed.append(span)
    for span in doomed:
        span.drop_tag()
    return len(doomed)


def _text_block(span: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The block of running text the span sits in, if any."""
    block = span.getparent()
    while block is not None and block.tag == "span":
        block = block.getparent()
    return block if block is not None and block.tag in _TEXT_BLOCKS else None


def _is_piece_of_a_sentence(span: lxml_html.HtmlElement) -> bool:
    """A named span holding words, at most one link and nothing else."""
    if not span.attrib or DROP_MARK in span.attrib:
        return False  # A bare span is read as text already; a marked one is furniture.
    if any(not isinstance(d.tag, str) or d.tag not in _INLINE for d in span.iterdescendants()):
        return False
    return sum(1 for _ in span.iter("a")) <= 1
