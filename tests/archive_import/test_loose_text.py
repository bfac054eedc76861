"""Loose running text in a container becomes paragraphs before the extractor reads the page."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from archive_import import extract_file
from archive_import.loose_text import wrap_loose_text
from tests.archive_import.builders_article import PROSE, TITLES, flat, write

_ONE, _TWO, _THREE = PROSE["en"][:3]


def _wrapped(markup: str) -> tuple[int, str]:
    """How many paragraphs ``wrap_loose_text`` made in ``markup``, and the markup after it."""
    root = lxml_html.fragment_fromstring(markup, create_parent="main")
    made = wrap_loose_text(root)
    inner = "".join(etree.tostring(child, encoding="unicode") for child in root)
    return made, inner


def test_runs_between_blocks_and_blank_lines_become_paragraphs() -> None:
    made, markup = _wrapped(
        f"<div>{_ONE} Traders can <strong><a href='/d'>save a fee</a></strong> on the stalls."
        f"<br><br>{_TWO}<br>A second line of it.<h2>What the engineers say</h2>{_THREE}"
        "<ul><li>Height: 4.2 m</li></ul></div>"
    )
    assert made == 3
    assert markup == (
        f'<div><p>{_ONE} Traders can <strong><a href="/d">save a fee</a></strong> on the '
        f"stalls.</p><p>{_TWO}<br/>A second line of it.</p><h2>What the engineers say</h2>"
        f"<p>{_THREE}</p><ul><li>Height: 4.2 m</li></ul></div>"
    )


def test_an_inline_element_holding_blocks_is_a_container() -> None:
    made, markup = _wrapped(f"<span>{_ONE}<div>{_TWO}</div></span>")
    assert made == 1
    assert markup == f"<div><p>{_ONE}</p><div>{_TWO}</div></div>"
    # Inside a paragraph it is left as it is: a paragraph is never split.
    made, markup = _wrapped(f"<p><span>{_ONE}<div>{_TWO}</div></span></p>")
    assert made == 0


def test_what_is_no_loose_prose_is_left_alone() -> None:
    untouched = (
        f'<div>{_ONE} It runs on with a <a href="/x">link</a> and <b>bold</b> words.</div>',
        "<div>Siehe auch:<br><br><p>A paragraph of its own, set apart from the label.</p></div>",
        '<div>Recently featured: <a href="/a">Harbour walls</a> - <a href="/b">Sea ice</a> - '
        '<a href="/c">Fish markets</a> - <a href="/d">Tides</a><p>More below.</p></div>',
        '<div><a href="/a">Home</a><br><a href="/b">Port</a><br><a href="/c">Market</a></div>',
    )
    for markup in untouched:
        assert _wrapped(markup) == (0, markup.replace("<br>", "<br/>")), markup
    # One long link is a promo set as a link, a paragraph for the rules to judge.
    made, markup = _wrapped(
        f"<div>{_ONE}<br><br><a href='/pro'>Get the harbour news in your letterbox every "
        "month for as little as five pounds a year.</a></div>"
    )
    assert made == 2
    assert markup.endswith("a year.</a></p></div>")


def test_comments_and_spaces_around_the_runs_are_kept_in_place() -> None:
    made, markup = _wrapped(f"<div>\n  <!-- lead -->{_ONE}\n<hr>\n  {_TWO}<br><br>\n</div>")
    assert made == 2
    assert markup == f"<div><p>\n  <!-- lead -->{_ONE}\n</p><hr/><p>\n  {_TWO}</p></div>"


def test_a_page_set_as_loose_text_keeps_its_sentences_whole(tmp_path: Path) -> None:
    # Read child by child, this text lost the bold link and ran "between" into "a yearly".
    page = (
        f"<!DOCTYPE html><html lang='en'><head><title>{TITLES['en']}</title></head><body>"
        "<div class='nav'><a href='/'>Home</a></div><div class='article'><span>"
        f"{_ONE} Meanwhile, at the market, traders can <strong><a href='/deal'>save a fee</a>"
        "</strong> on the stalls and choose between <a href='/x'>a yearly pass</a> when paid "
        f"in full or a weekly ticket.<br><br>\n{_TWO} What everyone <strong>will</strong> "
        f"notice, though, is the quiet.<br><br>\n<h2>What the engineers say</h2><br><br>\n"
        f"{_THREE}<br>\n<ul><li>Height: 4.2 m</li></ul>\n{_TWO} {_THREE}<br><br>\n"
        "</span></div></body></html>"
    )
    [article] = extract_file(write(tmp_path, page))
    text = flat(article.text)
    assert "traders can save a fee on the stalls and choose between a yearly pass when paid" in text
    assert "What everyone will notice, though, is the quiet." in text
    assert f"<p>{_ONE} Meanwhile" in article.html
    assert f"<p>{_TWO} What everyone" in article.html.replace("<p>\n", "<p>")


def test_a_break_after_the_opening_words_of_a_run_stays() -> None:
    made, markup = _wrapped(f"<div>Dateline:<br>\n<b>{_ONE}</b><hr></div>")
    assert made == 1
    assert markup == f"<div><p>Dateline:<br/>\n<b>{_ONE}</b></p><hr/></div>"
