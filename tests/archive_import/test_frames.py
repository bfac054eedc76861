"""A frame's document takes the frame's place, its references still pointing where they did."""

from __future__ import annotations

from archive_import.frames import inline_frames

OUTER = "https://atlas.example.org/"
CONTENT = "https://atlas.example.org/docs/content.html"


def test_a_frames_links_and_images_keep_pointing_where_they_pointed() -> None:
    page = '<html><body><iframe src="docs/content.html"></iframe><p>Outer</p></body></html>'
    inner = (
        '<html><body><p><a href="part2.html">Next</a> <img src="fig.png" alt="Figure">'
        ' <a href="/index.html">Home</a> <a href="https://elsewhere.example/x">Away</a>'
        "</p></body></html>"
    )
    inlined = inline_frames(page, OUTER, {CONTENT: inner}.get)
    for expected in (
        'href="https://atlas.example.org/docs/part2.html"',
        'src="https://atlas.example.org/docs/fig.png"',
        'href="https://atlas.example.org/index.html"',
        'href="https://elsewhere.example/x"',
        "<p>Outer</p>",
    ):
        assert expected in inlined, expected
    assert "<iframe" not in inlined


def test_a_page_without_frames_comes_back_as_it_was() -> None:
    page = '<html><body><p><a href="a.html">A</a></p></body></html>'
    assert inline_frames(page, OUTER, {}.get) is page
