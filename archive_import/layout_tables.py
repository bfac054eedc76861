"""Tables used for layout, unwrapped: the article inside them kept as the blocks it is.

Older pages set their whole column in a table, and many pages box a pull quote or a caption in
a table of one cell. trafilatura keeps such a table as it is, so the article would reach the
boilerplate rules as one block (its title heading and its closing notes could not be told from
its prose) and the reader as one huge cell. A table of data holds values in its cells; a table
with a single cell, or with a cell holding paragraphs of prose or a heading over prose, is the
page's layout, and its cells' contents take its place, in reading order.
"""

from __future__ import annotations

from lxml import etree

from archive_import.article_blocks import Block, text_of

# Elements of trafilatura's XML that stand as blocks of their own; anything else in a cell
# (text, bold, links, line breaks, inline code) is part of a line.
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "graphic", "figure"})
# Paragraphs of prose in one cell that make its table a column of text, not a grid of values.
_PROSE_IN_A_CELL = 2
# A table of one cell this much made of links is a bar or list of links, not a box of text.
_LINK_BOX = 0.5


def unwrap_layout_tables(body: etree._Element) -> None:
    """Replace each layout table directly in ``body`` by its cells' contents, in place.

    A table the unwrapping brings up to ``body`` (a layout table inside another) is judged in
    its turn: outer tables come first in document order.
    """
    for table in list(body.iter("table")):
        if table.getparent() is body and is_layout_table(table):
            _unwrap(body, table)


def is_layout_table(table: etree._Element) -> bool:
    """Whether ``table`` lays out a page rather than holding data (see the module's note)."""
    if table.find("caption") is not None:
        return False  # a captioned table is a table the page means to show
    filled = [cell for cell in _cells(table) if _holds_anything(cell)]
    if len(filled) <= 1:
        # A box of links (a tool bar) stays a table: the rules know a table of links.
        return Block.of(table).link_share < _LINK_BOX
    return any(map(_holds_prose, filled))


def _cells(table: etree._Element) -> list[etree._Element]:
    return [cell for row in table.findall("row") for cell in row.findall("cell")]


def _holds_anything(cell: etree._Element) -> bool:
    return bool(text_of(cell).strip()) or cell.find(".//graphic") is not None


def _holds_prose(cell: etree._Element) -> bool:
    """Two paragraphs of prose, or a heading over one: an article's text, not a value."""
    prose = sum(1 for child in cell if child.tag in {"p", "quote"} and Block.of(child).is_prose)
    has_heading = cell.find("head") is not None
    return prose >= _PROSE_IN_A_CELL or (has_heading and prose >= 1)


def _unwrap(body: etree._Element, table: etree._Element) -> None:
    blocks = [block for cell in _cells(table) for block in _blocks_of(cell)]
    position = body.index(table)
    tail = table.tail
    body.remove(table)
    for offset, block in enumerate(blocks):
        body.insert(position + offset, block)
    if blocks and tail and tail.strip():
        blocks[-1].tail = tail


def _blocks_of(cell: etree._Element) -> list[etree._Element]:
    """The cell's contents as blocks: its block children as they are, each run of loose text
    and inline elements between them gathered into a paragraph."""
    blocks: list[etree._Element] = []
    line: etree._Element | None = None
    if cell.text and cell.text.strip():
        line = etree.Element("p")
        line.text = cell.text.lstrip()
        blocks.append(line)
    for child in list(cell):
        if child.tag in _BLOCK_TAGS or _is_code_block(child):
            tail, child.tail = child.tail, None
            blocks.append(child)
            line = None
            if tail and tail.strip():
                line = etree.Element("p")
                line.text = tail.lstrip()
                blocks.append(line)
            continue
        if line is None:
            line = etree.Element("p")
            blocks.append(line)
        line.append(child)  # its tail, the text after it, moves with it
    return [block for block in blocks if block.tag != "p" or _holds_anything(block)]


def _is_code_block(element: etree._Element) -> bool:
    """A ``code`` element of several lines is a code block; a shorter one sits in a line."""
    return element.tag == "code" and "\n" in text_of(element).strip()
