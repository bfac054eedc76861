"""Give loose running text its own paragraphs before the extractor reads the page.

Many pages set their article as bare text in a ``<div>``: sentences with links and bold words
among them, paragraphs parted by ``<br><br>``, headings and lists in between. trafilatura reads
such a container child by child; it then cuts a sentence at each bold word or link and trims
the spaces around them ("shoppers can | save $100 | on the retail…" comes out as "can",
"save $100on the retail"), and it nests the headings and lists inside one paragraph. Giving
each run of loose text (up to a block element or a blank line made of line breaks) its own
``<p>`` first, as a browser shows it, keeps the sentences whole and the structure true.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

# Elements that hold blocks and, on some pages, bare text between them.
_CONTAINERS = frozenset({"div", "section", "article", "main", "blockquote", "center", "body", "dd"})
# Elements that flow inside a line of text. Anything else (a paragraph, a heading, a list, a
# table, an unknown element) ends the run of loose text before it.
_INLINE = frozenset(
    {
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del",
        "dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "output",
        "picture", "q", "s", "samp", "small", "source", "span", "strike", "strong", "sub",
        "sup", "time", "tt", "u", "var", "wbr",
    }
)  # fmt: skip
# Blocks that are one paragraph each: what sits inside them is never a container.
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "td", "th"})
# A run of loose text of fewer words than this is a label or a widget's line, not prose.
_PROSE_WORDS = 8
# ...and so is one of several links that make up this share of its words.
_MOST_LINKED = 0.5
# Line breaks in a row that part two paragraphs rather than two lines of one.
_PARAGRAPH_BREAK = 2


def wrap_loose_text(root: lxml_html.HtmlElement) -> int:
    """Wrap each run of loose text in ``root``'s containers in a ``<p>``; returns how many
    paragraphs were made. Only containers that mix such text with blocks or line breaks
    change: a ``<div>`` of one sentence is a paragraph to the extractor already. An inline
    element holding blocks (a ``<span>`` around a whole article, as some sites have it) is a
    container too, unless it sits in a paragraph or a heading."""
    made = 0
    for element in [e for e in root.iter(*_CONTAINERS, *_INLINE) if _has_loose_text(e)]:
        if element.tag not in _CONTAINERS:
            element.tag = "div"  # As a browser lays it out: a block among blocks.
        made += _wrap_runs(element)
    return made


def _has_loose_text(element: lxml_html.HtmlElement) -> bool:
    if len(element) == 0:
        return False
    if not ((element.text and element.text.strip()) or any(_tail(c).strip() for c in element)):
        return False
    if element.tag in _CONTAINERS:
        return any(c.tag == "br" or not _is_inline(c) for c in element)
    return any(not _is_inline(c) for c in element) and not any(
        a.tag in _TEXT_BLOCKS for a in element.iterancestors()
    )


def _wrap_runs(container: lxml_html.HtmlElement) -> int:
    """Rebuild ``container``'s children: blocks as they are, each run of loose prose in a
    ``<p>`` (the line breaks that ended it dropped), any other run as it was."""
    children = list(container)
    text = container.text or ""
    container.text = None
    for child in children:
        container.remove(child)  # lxml moves the tail along with its element.
    made = 0
    run: list[etree._Element] = []
    lead = text
    breaks: list[etree._Element] = []  # Line breaks in a row, not yet known to part runs.

    def close_run(parting: list[etree._Element] | None = None) -> None:
        """End the run; ``parting`` are the line breaks that ended it, dropped when the run
        becomes a paragraph, put back when it stays as it was."""
        nonlocal made, run, lead
        if _is_prose(lead, run):
            paragraph = etree.SubElement(container, "p")
            paragraph.text = lead
            paragraph.extend(_trimmed(run, leading=not lead.strip()))
            made += 1
        else:
            _append_loose(container, lead, [*run, *(parting or [])])
        run, lead = [], ""

    def settle_breaks() -> None:
        """The breaks in a row end here: a blank line parts two runs, a single break stays."""
        nonlocal breaks
        if len(breaks) >= _PARAGRAPH_BREAK:
            close_run(breaks)
        else:
            run.extend(breaks)
        breaks = []

    for child in children:
        tail = _tail(child)
        if child.tag == "br":
            breaks.append(child)
            if tail.strip():  # Text goes on after the break(s).
                child.tail = None
                settle_breaks()
                if run and run[-1] is child:
                    child.tail = tail
                else:
                    lead += tail
            continue
        child.tail = None
        settle_breaks()
        if _is_inline(child):
            child.tail = tail or None
            run.append(child)
            continue
        close_run()
        container.append(child)
        lead = tail
    run.extend(breaks)  # Breaks closing the container: trimmed off a paragraph, else kept.
    close_run()
    return made


def _is_prose(lead: str, run: list[etree._Element]) -> bool:
    """Whether a run of loose text reads as a paragraph: a sentence or more, not mostly a row
    of links. A short label or a line of links ("Recently featured: A - B - C") stays as it
    was, for the extractor to judge as it always has; one long link is a paragraph (a promo
    set as a link), for our rules to judge."""
    text = lead + "".join(_text_and_tail(node) for node in run)
    words = len(text.split())
    if words < _PROSE_WORDS:
        return False
    links = [a for node in run if isinstance(node.tag, str) for a in node.iter("a")]
    linked = sum(len(_inner_text(a).split()) for a in links)
    return len(links) < 2 or linked < _MOST_LINKED * words


def _text_and_tail(node: etree._Element) -> str:
    return f"{_inner_text(node)} {_tail(node)}"


def _inner_text(node: etree._Element) -> str:
    """The words inside an element (none in a comment)."""
    if not isinstance(node.tag, str):
        return ""
    return str(etree.tostring(node, method="text", encoding="unicode", with_tail=False))


def _trimmed(run: list[etree._Element], *, leading: bool) -> list[etree._Element]:
    """The run without bare line breaks at its end, and at its start when ``leading`` (no
    text comes before them): the paragraph's own edges part it."""
    start, end = 0, len(run)
    while leading and start < end and _is_bare_break(run[start]):
        start += 1
    while end > start and _is_bare_break(run[end - 1]):
        end -= 1
    return run[start:end]


def _is_bare_break(element: etree._Element) -> bool:
    return element.tag == "br" and not _tail(element).strip()


def _append_loose(container: lxml_html.HtmlElement, lead: str, run: list[etree._Element]) -> None:
    """Put back a run that is no prose (white space, an image, a label, a row of links) as
    it was."""
    if lead:
        if len(container):
            container[-1].tail = _tail(container[-1]) + lead
        else:
            container.text = (container.text or "") + lead
    container.extend(run)


def _is_inline(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):  # A comment or processing instruction.
        return True
    if element.tag not in _INLINE:
        return False
    return all(not isinstance(d.tag, str) or d.tag in _INLINE for d in element.iterdescendants())


def _tail(element: etree._Element) -> str:
    return element.tail or ""
