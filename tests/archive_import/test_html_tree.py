"""Parsing saved pages: every element an HtmlElement, broken pages repaired, non-pages refused."""

from __future__ import annotations

from lxml import html as lxml_html

from archive_import.html_tree import FRAGMENT_PARSER, parse_page

PAGE = """<!DOCTYPE html>
<html><head><title>Tides</title></head>
<body><!-- a note --><form action="/s"><input name="q"><label>Find</label></form>
<p>The tide <b>turns</b> twice a day.</p></body></html>"""


def test_every_element_is_a_plain_html_element_and_comments_are_gone() -> None:
    tree = parse_page(PAGE)
    assert tree is not None
    assert {type(e) for e in tree.iter()} == {lxml_html.HtmlElement}
    assert tree.findtext(".//title") == "Tides"
    assert tree.find(".//p").text_content() == "The tide turns twice a day."


def test_fragments_keep_their_comments_for_the_cleaner_to_drop() -> None:
    root = lxml_html.fragment_fromstring(
        "<p>a<!-- b --></p>", create_parent="div", parser=FRAGMENT_PARSER
    )
    assert [type(e) for e in root.iter()] == [
        lxml_html.HtmlElement,
        lxml_html.HtmlElement,
        lxml_html.HtmlComment,
    ]


def test_a_slashed_doctype_and_control_characters_do_not_lose_the_page() -> None:
    tree = parse_page('<!DOCTYPE html PUBLIC "x"/>\n<html><body><p>Sea\x0b wall</p></body></html>')
    assert tree is not None
    assert tree.find(".//p").text_content() == "Sea wall"


def test_a_self_closed_html_tag_keeps_the_body() -> None:
    tree = parse_page('<html lang="en"/>\n<body><p>Harbour lights</p></body>')
    assert tree is not None
    assert tree.find(".//p").text_content() == "Harbour lights"


def test_a_string_declaring_its_encoding_is_read_from_its_bytes() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Maße</title></head><body><p>Größe</p></body></html>"
    )
    tree = parse_page(page)
    assert tree is not None
    assert tree.find(".//p").text_content() == "Größe"


def test_text_that_is_not_a_page_is_refused() -> None:
    assert parse_page("<p>just one line</p>") is None
    assert parse_page("") is None
