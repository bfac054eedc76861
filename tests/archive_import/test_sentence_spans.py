"""A span inside a sentence keeps its words, whatever it is named."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from archive_import import extract_file
from archive_import.sentence_spans import unwrap_sentence_spans
from tests.archive_import.builders_article import PROSE, TITLES, flat, write


def _unwrapped(markup: str) -> tuple[int, str]:
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    gone = unwrap_sentence_spans(root)
    return gone, "".join(etree.tostring(child, encoding="unicode") for child in root)


def test_a_named_span_in_running_text_gives_way_to_its_words() -> None:
    gone, markup = _unwrapped(
        '<p>The agency has reported that <span class="link"><a href="/fine">the port will '
        'fine the owners</a></span> for the <span style="border: 1px">damage</span> done.</p>'
    )
    assert gone == 2
    assert markup == (
        '<p>The agency has reported that <a href="/fine">the port will fine the owners</a> '
        "for the damage done.</p>"
    )


def test_spans_that_are_more_than_words_of_a_sentence_stay() -> None:
    for markup in (
        # A pop-up card: an image and several links.
        '<p>Harbour master <span class="card"><img src="a.png"> <a href="/a">Profile</a> '
        '<a href="/b">Posts</a></span> said the wall held.</p>',
        # A line that is nothing but the span, and a span outside any paragraph.
        '<p><span class="link"><a href="/a">Read the whole report on the sea wall</a></span></p>',
        '<div>Before <span class="link">the wall</span> there was only the old quay.</div>',
        # A span holding a block.
        '<p>The wall <span class="box"><div>a boxed note</div></span> held well.</p>',
        # A bare span, which names nothing.
        "<p>The wall <span>held</span> all winter long against the storms.</p>",
    ):
        assert _unwrapped(markup)[0] == 0, markup


def test_the_sentence_survives_the_extractor(tmp_path: Path) -> None:
    sentence = (
        "The harbour master has reported that <span class='link'><a href='https://port.example/"
        "news/fines/'>the port will fine the ship's owners</a></span> for the damage to the quay."
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in PROSE["en"])
    page = (
        f"<!DOCTYPE html><html lang='en'><head><title>{TITLES['en']}</title></head><body>"
        f"<article><h1>{TITLES['en']}</h1>{paragraphs}<p>{sentence}</p>{paragraphs}</article>"
        "</body></html>"
    )
    [article] = extract_file(write(tmp_path, page))
    assert (
        "has reported that the port will fine the ship's owners for the damage to the quay."
        in flat(article.text)
    )
