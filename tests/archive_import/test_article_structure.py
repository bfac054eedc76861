"""The stored article keeps its structure: headings, lists, quotes, tables, code, figures."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from archive_import import ExtractedArticle, extract_file
from tests.archive_import.builders_article import PROSE, article_page, flat, write


def png() -> bytes:
    """A one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


RICH = (
    "<h2>How the wall was tested</h2>"
    "<ul><li>Sonar soundings taken at dawn</li><li>Drone photographs of the banks</li></ul>"
    "<blockquote><p>The sea never stands still, and neither do we.</p></blockquote>"
    '<figure><img src="wall.png" alt="The wall at high tide">'
    "<figcaption>The wall at high tide. Photo: Harbour Authority</figcaption></figure>"
    "<table><caption>Wave heights in 2023</caption><tr><th>Month</th><th>Height</th></tr>"
    "<tr><td>January</td><td>4.2 m</td></tr><tr><td>February</td><td>3.1 m</td></tr></table>"
    "<p>Engineers ran <code>wave_model --storm</code> on every section before building, as the "
    'report on the <a href="https://harbour.example/report">sea wall tests</a> explains.</p>'
    "<pre>for section in wall:\n    test(section)</pre>"
    '<script>steal()</script><p onclick="steal()">Nothing <a href="javascript:steal()">runs</a>'
    " here, whatever the page tried, and the reader only ever shows the words of it.</p>"
)


@pytest.fixture
def article(tmp_path: Path) -> ExtractedArticle:
    (tmp_path / "wall.png").write_bytes(png())
    [found] = extract_file(write(tmp_path, article_page("en", between=RICH)))
    return found


def test_headings_paragraphs_lists_and_quotes_are_kept(article: ExtractedArticle) -> None:
    for kept in ("<h2>How the wall was tested</h2>", "<li>Sonar soundings taken at dawn</li>",
                 "<blockquote><p>The sea never stands still, and neither do we.</p></blockquote>",
                 f"<p>{PROSE['en'][0]}</p>"):  # fmt: skip
        assert kept in article.html


def test_figure_keeps_its_image_and_caption(article: ExtractedArticle) -> None:
    [asset] = article.assets
    assert (
        f'<figure><img src="{asset.reference}" alt="The wall at high tide">'
        "<figcaption>The wall at high tide. Photo: Harbour Authority</figcaption></figure>"
    ) in article.html
    # The caption belongs to the image, not to the running text.
    assert "Photo: Harbour Authority" not in article.text


def test_table_caption_stays_a_caption(article: ExtractedArticle) -> None:
    assert "<table><caption>Wave heights in 2023</caption><tr><th>Month</th>" in article.html
    assert "Wave heights in 2023" in article.text


def test_code_blocks_and_inline_code_are_kept(article: ExtractedArticle) -> None:
    assert "<code>wave_model --storm</code> on every section" in article.html
    assert "<pre><code>for section in wall:\n    test(section)</code></pre>" in article.html


def test_links_are_kept(article: ExtractedArticle) -> None:
    assert '<a href="https://harbour.example/report">sea wall tests</a>' in article.html


def test_nothing_executable_is_kept(article: ExtractedArticle) -> None:
    for banned in ("<script", "steal()", "onclick", "javascript:"):
        assert banned not in article.html
    assert "Nothing runs here" in flat(article.text)
