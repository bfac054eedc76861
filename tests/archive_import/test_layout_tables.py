"""Tables that lay out a page are unwrapped; tables of data stay tables."""

from __future__ import annotations

import html
from pathlib import Path

from lxml import etree

from archive_import import extract_file
from archive_import.layout_tables import is_layout_table, unwrap_layout_tables
from tests.archive_import.builders_article import PROSE, TITLES, article_page, flat, write

_PARAGRAPHS = "".join(f"<p>{html.escape(p)}</p>" for p in PROSE["en"])


def _column_page() -> str:
    """An older page: a menu cell beside a cell holding the title and the article."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{TITLES['en']}</title></head><body>"
        '<table width="100%"><tr><td width="20%"><a href="/">Home</a><br><a href="/port">Port</a>'
        f"</td><td><h1>{TITLES['en']}</h1>{_PARAGRAPHS}{_PARAGRAPHS}</td></tr></table>"
        "</body></html>"
    )


def test_an_article_laid_out_in_a_table_is_read_as_paragraphs(tmp_path: Path) -> None:
    [article] = extract_file(write(tmp_path, _column_page()))
    assert "<table" not in article.html
    assert "<td" not in article.html
    assert f"<p>{html.escape(PROSE['en'][1])}</p>" in article.html
    # Seen as blocks, the title heading above the prose is known for the title it is.
    assert TITLES["en"] not in article.text
    assert flat(PROSE["en"][2]) in flat(article.text)


def test_a_boxed_quote_of_one_cell_becomes_a_paragraph(tmp_path: Path) -> None:
    box = "<table><tr><td>The sea never stands still, and neither do we.</td></tr></table>"
    [article] = extract_file(write(tmp_path, article_page("en", between=box)))
    assert "<table" not in article.html
    assert "<p>The sea never stands still, and neither do we.</p>" in article.html


def test_a_table_of_values_stays_a_table(tmp_path: Path) -> None:
    values = (
        "<table><tr><th>Month</th><th>Height</th></tr><tr><td>January</td><td>4.2 m</td></tr>"
        "<tr><td>February</td><td>3.1 m</td></tr></table>"
    )
    [article] = extract_file(write(tmp_path, article_page("en", between=values)))
    assert "<table>" in article.html
    assert "<td>January</td>" in article.html
    assert "<td>4.2 m</td>" in article.html


def _table(*cells: str, caption: str = "") -> etree._Element:
    """A table of trafilatura's XML with one row of ``cells`` (XML fragments)."""
    row = "".join(f"<cell>{cell}</cell>" for cell in cells)
    caption_xml = f"<caption>{caption}</caption>" if caption else ""
    return etree.fromstring(f"<table>{caption_xml}<row>{row}</row></table>")


_PROSE_P = f"<p>{html.escape(PROSE['en'][0])}</p>"


def test_what_makes_a_table_layout() -> None:
    assert is_layout_table(_table("A lone value"))
    assert is_layout_table(_table("", _PROSE_P + _PROSE_P))
    assert is_layout_table(_table("Menu", f"<head>{TITLES['en']}</head>{_PROSE_P}"))
    # Values, one paragraph of prose per cell, or a caption: a table the page means to show.
    assert not is_layout_table(_table("Month", "Height"))
    assert not is_layout_table(_table(_PROSE_P, _PROSE_P))
    assert not is_layout_table(_table("A lone value", caption="Wave heights"))


def test_unwrapping_keeps_reading_order_and_gathers_loose_text() -> None:
    body = etree.fromstring(
        "<body><p>Before</p><table><row><cell>Loose <hi>bold</hi> text<p>Inside</p>"
        "after</cell></row></table><p>After</p></body>"
    )
    unwrap_layout_tables(body)
    assert etree.tostring(body, encoding="unicode") == (
        "<body><p>Before</p><p>Loose <hi>bold</hi> text</p><p>Inside</p><p>after</p>"
        "<p>After</p></body>"
    )


def test_a_layout_table_inside_a_layout_table_is_unwrapped_too() -> None:
    body = etree.fromstring(
        f"<body><table><row><cell><table><row><cell>{_PROSE_P}{_PROSE_P}</cell></row></table>"
        "</cell></row></table></body>"
    )
    unwrap_layout_tables(body)
    assert [child.tag for child in body] == ["p", "p"]


def test_a_box_of_links_stays_a_table() -> None:
    bar = _table('<ref target="/pdf">PDF</ref> | <ref target="/rss">RSS</ref>')
    assert not is_layout_table(bar)
