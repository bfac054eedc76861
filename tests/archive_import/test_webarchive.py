"""Safari .webarchive reader: plist layout, images, frames, encodings, damage, real files."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from archive_import.decoding import decode_text
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import InputError, NotAnArticle
from archive_import.html_page import article_from_saved
from archive_import.saved_page import SavedPage
from archive_import.webarchive import looks_like_webarchive, read_webarchive
from tests.archive_import.builders_webarchive import (
    article_html,
    image,
    resource,
    tiny_png,
    web_archive,
    write_webarchive,
)
from tests.pages import SHARED_FIXTURES

URL = "https://news.example.org/2024/05/harbour.html"


def read(path: Path) -> list[SavedPage]:
    return read_webarchive(path.read_bytes(), path)


def extract(page: SavedPage, path: Path) -> ExtractedArticle:
    return article_from_saved(page, Source(str(path), "webarchive", "0" * 64))


def single_page(tmp_path: Path, main: dict, **parts: list) -> tuple[SavedPage, Path]:
    path = write_webarchive(tmp_path, "page.webarchive", web_archive(main, **parts))
    pages = read(path)
    assert len(pages) == 1
    return pages[0], path


def test_binary_plist_gives_the_main_page_with_its_url(tmp_path):
    page_html = article_html("Harbour reopens", "Harbour ships", "Harbour cranes")
    page, path = single_page(tmp_path, resource(URL, page_html.encode()))

    assert (page.url, page.base, page.charset) == (URL, URL, "UTF-8")
    assert (page.locator, page.captured, page.title) == ("", None, None)
    article = extract(page, path)
    assert article.title == "Harbour reopens"
    assert "Harbour cranes" in article.text
    assert article.url == URL


def test_xml_plist_reads_like_the_binary_one(tmp_path):
    archive = web_archive(resource(URL, article_html("Xml plist story", "Xml topic").encode()))
    path = write_webarchive(tmp_path, "page.webarchive", archive, fmt=plistlib.FMT_XML)

    assert path.read_bytes().startswith(b"<?xml")
    assert extract(read(path)[0], path).title == "Xml plist story"


def test_subresource_images_become_assets(tmp_path):
    page_html = article_html(
        "Harbour in pictures",
        "Harbour morning",
        "Harbour noon",
        "Harbour evening",
        images=["img/crane.png", "https://cdn.example.net/ship.png", "img/not-saved.png"],
    )
    subresources = [
        image("https://news.example.org/2024/05/img/crane.png", tiny_png(255, 0, 0)),
        image("https://cdn.example.net/ship.png", tiny_png(0, 0, 255)),
        resource("https://news.example.org/site.css", b"body{}", "text/css", None, None),
    ]
    page, path = single_page(tmp_path, resource(URL, page_html.encode()), subresources=subresources)

    article = extract(page, path)
    assert len(article.assets) == 2
    assert {asset.media_type for asset in article.assets} == {"image/png"}
    for asset in article.assets:
        assert asset.reference in article.html
    # The image the archive does not carry is dropped rather than fetched from the web.
    assert "not-saved" not in article.html
    assert "https://" not in article.html.split("<img", 1)[-1].split(">", 1)[0]


def test_declared_text_encoding_decodes_the_page(tmp_path):
    page_html = article_html("Новости гавани", "Гавань снова открыта для судов", charset=None)
    main = resource(URL, page_html.encode("windows-1251"), encoding="windows-1251")
    page, path = single_page(tmp_path, main)

    assert page.charset == "windows-1251"
    article = extract(page, path)
    assert article.title == "Новости гавани"
    assert "Гавань снова открыта" in article.text


def test_missing_encoding_name_leaves_charset_to_the_page(tmp_path):
    page_html = article_html("Le café du port", "Le café rouvre", charset="windows-1252")
    main = resource(URL, page_html.encode("cp1252"), encoding=None, frame_name=None)
    page, path = single_page(tmp_path, main)

    assert page.charset is None
    assert "Le café rouvre" in extract(page, path).text


def test_frameset_page_takes_its_text_from_the_subframes(tmp_path):
    """psxdatacenter: the main page is a frameset; the article sits in the frame archives."""
    frameset = (
        "<html><head><title>Harbour frames</title></head>"
        '<frameset rows="20%,80%"><frame src="nav.html"><frame src="story/main.html">'
        "</frameset><noframes>Your browser does not support frames.</noframes></html>"
    )
    story = article_html(
        "Café on the quay", "Quayside café", "Quayside boats", images=["photo.png"], charset=None
    )
    story = story.replace("</article>", '<iframe src="quote.html"></iframe></article>')
    quote = (
        "<html><body><blockquote>Nested quote from the harbour master</blockquote></body></html>"
    )
    story_base = "https://news.example.org/2024/05/story/"
    nested = web_archive(resource(story_base + "quote.html", quote.encode(), frame_name="q"))
    story_frame = web_archive(
        resource(story_base + "main.html", story.encode("cp1252"), encoding="windows-1252"),
        subresources=[image(story_base + "photo.png")],
        frames=[nested],
    )
    nav = web_archive(resource("https://news.example.org/2024/05/nav.html", b"<p>Menu</p>"))
    page, path = single_page(tmp_path, resource(URL, frameset.encode()), frames=[nav, story_frame])

    text = decode_text(page.data, page.charset)
    assert "Nested quote from the harbour master" in text
    article = extract(page, path)
    assert "Quayside café" in article.text
    assert "does not support frames" not in article.text
    assert len(article.assets) == 1
    assert article.assets[0].reference in article.html


def _banner_and_story(tmp_path: Path, banner_attributes: str, story_text: str) -> str:
    """The article text of a frameset page: a banner frame over a story frame."""
    tmp_path.mkdir()
    frameset = (
        "<html><head><title>Harbour frames</title></head><frameset rows='15%,85%'>"
        f"<frame src='banner.html' {banner_attributes}><frame src='story.html'></frameset></html>"
    )
    base = "https://news.example.org/2024/05/"
    banner = (
        "<html><body><p>The Harbour Gazette: news of the port, the tides and the fishing fleet, "
        "every morning since 1921.</p></body></html>"
    )
    story = f"<html><body><h1>Quayside</h1>{story_text}</body></html>"
    frames = [
        web_archive(resource(base + "banner.html", banner.encode(), frame_name="b")),
        web_archive(resource(base + "story.html", story.encode(), frame_name="s")),
    ]
    page, path = single_page(tmp_path, resource(URL, frameset.encode()), frames=frames)
    return extract(page, path).text


def test_a_frame_that_cannot_scroll_is_a_banner_and_stays_out_of_the_article(tmp_path):
    story = (
        "<p>The harbour authority opened the new sea wall on Monday, three years after the "
        "storm that flooded the old town and closed the fish market.</p>"
        "<p>Engineers designed the wall to bend rather than break under the force of the "
        "waves, and tested every section in a model basin first.</p>"
    )
    fixed = _banner_and_story(tmp_path / "fixed", "scrolling='no'", story)
    assert "opened the new sea wall" in fixed
    assert "every morning since 1921" not in fixed
    # The same banner in a frame that scrolls is read as part of the page.
    assert "every morning since 1921" in _banner_and_story(tmp_path / "plain", "", story)
    # When the fixed frame holds the only text, it is kept rather than lose everything.
    alone = _banner_and_story(tmp_path / "alone", "scrolling='NO'", "")
    assert "every morning since 1921" in alone


def test_almost_empty_main_resource_is_not_an_article(tmp_path):
    """adele: the main resource is one <img>, the picture sits in the subresources."""
    picture = "https://upload.example.org/adele.png"
    main = resource(URL + "#/media/adele.png", f'<!DOCTYPE html><img src="{picture}">'.encode())
    page, path = single_page(tmp_path, main, subresources=[image(picture)])

    assert page.lookup(picture) is not None
    with pytest.raises(NotAnArticle, match="no article text"):
        extract(page, path)


def test_main_resource_that_is_no_web_page_is_not_an_article(tmp_path):
    path = write_webarchive(
        tmp_path, "picture.webarchive", web_archive(image("https://example.org/a.png"))
    )
    with pytest.raises(NotAnArticle, match="image/png") as error:
        read(path)
    assert str(path) in str(error.value)


def test_damaged_plist_is_an_input_error_naming_the_file(tmp_path):
    whole = plistlib.dumps(web_archive(resource(URL, article_html("Cut", "Cut").encode())))
    path = tmp_path / "cut.webarchive"
    path.write_bytes(whole[: len(whole) // 2])

    with pytest.raises(InputError, match="is not a readable Safari web archive") as error:
        read(path)
    assert str(path) in str(error.value)
    assert not isinstance(error.value, NotAnArticle)


def test_plist_without_main_resource_is_an_input_error(tmp_path):
    path = tmp_path / "settings.webarchive"
    path.write_bytes(plistlib.dumps({"Theme": "dark"}))

    with pytest.raises(InputError, match="no main page"):
        read(path)


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (plistlib.dumps(web_archive(resource(URL, b"<p>x</p>"))), "saved.bin", True),
        (plistlib.dumps({"Other": 1}), "saved.webarchive", True),
        (plistlib.dumps({"Other": 1}), "Info.plist", False),
        (plistlib.dumps(web_archive(resource(URL, b"x")), fmt=plistlib.FMT_XML), "a", True),
        (plistlib.dumps({"Other": 1}, fmt=plistlib.FMT_XML), "Info.plist", False),
        (b"<!DOCTYPE html><html><body>x</body></html>", "page.webarchive", False),
        (b"PK\x03\x04rest-of-a-zip", "page.webarchive", False),
    ],
)
def test_sniffer(head, name, expected):
    assert looks_like_webarchive(head[:4096], name) is expected


# What was checked by hand on each real file: a phrase of its text, or why it is no article.
REAL_FILES = {
    "Wikipedia.webarchive": ("https://en.wikipedia.org/wiki/Main_Page", "P. G. Wodehouse"),
    "christiantietze.de-post.webarchive": (
        "https://christiantietze.de/posts/2022/11/"
        "nstableview-variable-row-heights-broken-macos-ventura-13-0/",
        "row heights",
    ),
    # Frames inlined: the game list comes from the "jlist" subframe, not the frameset page.
    "psxdatacenter-frames.webarchive": (
        "http://psxdatacenter.com/ntsc-j_list.html",
        "KARA NO SHOGI",
    ),
    "adele-for-vogue-in-2021.webarchive": (
        "https://en.wikipedia.org/wiki/Main_Page#/media/File:Adele_for_Vogue_in_2021.png",
        None,
    ),
    "crouton.webarchive": ("https://crouton.net/", None),
}


@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_webarchives(name):
    folder = SHARED_FIXTURES / "webarchive"
    if not folder.is_dir():
        pytest.skip("shared webarchive fixtures are absent")
    path = folder / name
    url, phrase = REAL_FILES[name]
    assert looks_like_webarchive(path.read_bytes()[:4096], name)
    (page,) = read(path)
    assert page.url == url
    if phrase is None:
        # One picture and no text (adele), or one picture and a one-word title (crouton).
        with pytest.raises(NotAnArticle, match="no article text"):
            extract(page, path)
        return
    article = extract(page, path)
    assert article.title
    assert phrase in article.text
    if name == "Wikipedia.webarchive":
        # The page calls itself this in <title>; its <h1> says "Main Page".
        assert article.title == "Wikipedia, the free encyclopedia"
        assert len(article.assets) > 5
        assert all(asset.reference in article.html for asset in article.assets)


def test_every_real_webarchive_is_covered():
    folder = SHARED_FIXTURES / "webarchive"
    if not folder.is_dir():
        pytest.skip("shared webarchive fixtures are absent")
    assert {p.name for p in folder.glob("*.webarchive")} == set(REAL_FILES)
