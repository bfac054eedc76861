"""MHTML/MHT files become pages: the right part, its charset, frames, images and damage."""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest

from archive_import.document import ExtractedArticle, Source
from archive_import.errors import InputError, NotAnArticle
from archive_import.html_page import article_from_saved
from archive_import.mhtml import looks_like_mhtml, read_mhtml
from archive_import.saved_page import SavedPage
from tests.archive_import.builders_mhtml import (
    article_html,
    break_header_continuation,
    chrome_mhtml,
    css_part,
    drop_boundary_lines,
    drop_boundary_parameter,
    html_part,
    ie_mht,
    image_part,
    png,
    strip_part_headers,
)
from tests.pages import SHARED_FIXTURES

URL = "https://news.example/2020/glaciers"
CAPTURED = "2020-03-03T11:49:41+00:00"


def read(tmp_path: Path, data: bytes, name: str = "page.mhtml") -> list[SavedPage]:
    path = tmp_path / name
    path.write_bytes(data)
    return read_mhtml(data, path)


def extract(page: SavedPage, path: Path) -> ExtractedArticle:
    return article_from_saved(page, Source(path=str(path), format="mhtml", sha256="0" * 64))


def one_article(tmp_path: Path, data: bytes) -> tuple[SavedPage, ExtractedArticle]:
    [page] = read(tmp_path, data)
    return page, extract(page, tmp_path / "page.mhtml")


def glacier_page(inside: str = "") -> str:
    return article_html(
        "Glaciers in retreat", "Glaciers shrink.", "Meltwater rises.", inside=inside
    )


@pytest.mark.parametrize("crlf", [True, False], ids=["crlf", "lf"])
def test_chrome_capture_gives_url_date_and_text(tmp_path: Path, crlf: bool) -> None:
    data = chrome_mhtml([html_part(glacier_page(), location=URL)], snapshot=URL, crlf=crlf)
    page, article = one_article(tmp_path, data)
    assert (page.url, page.base, page.captured, page.locator) == (URL, URL, CAPTURED, "")
    assert page.charset == "utf-8"
    assert article.title == "Glaciers in retreat"
    assert "Meltwater rises." in article.text
    assert "=3D" not in article.html


def test_encoded_word_subject_is_only_a_fallback_title(tmp_path: Path) -> None:
    data = chrome_mhtml(
        [html_part(glacier_page(), location=URL)], subject="Über Eis \N{EN DASH} Teil 2"
    )
    page, article = one_article(tmp_path, data)
    assert page.title == "Über Eis \N{EN DASH} Teil 2"
    assert article.title == "Glaciers in retreat"


def test_images_by_location_become_assets(tmp_path: Path) -> None:
    images = '<img src="img/chart.png" alt="chart"><img src="img/missing.png" alt="gone">'
    data = chrome_mhtml(
        [
            html_part(glacier_page(images), location=URL),
            image_part(png(1), location="https://news.example/2020/img/chart.png"),
        ],
        snapshot=URL,
    )
    _, article = one_article(tmp_path, data)
    [asset] = article.assets
    assert asset.media_type == "image/png"
    assert asset.data == png(1)
    assert asset.reference in article.html
    assert "missing.png" not in article.html


def test_cid_images_become_assets(tmp_path: Path) -> None:
    data = chrome_mhtml(
        [
            html_part(glacier_page('<img src="cid:chart@mhtml.blink">'), location=URL),
            image_part(png(2), cid="chart@mhtml.blink"),
        ]
    )
    _, article = one_article(tmp_path, data)
    [asset] = article.assets
    assert asset.data == png(2)
    assert asset.reference in article.html


def test_html_part_after_the_images_is_still_the_page(tmp_path: Path) -> None:
    data = chrome_mhtml(
        [
            image_part(png(3), location="https://news.example/logo.png"),
            css_part("body { color: black }", location="https://news.example/site.css"),
            html_part(glacier_page(), location=URL),
        ]
    )
    page, article = one_article(tmp_path, data)
    assert page.url == URL
    assert article.title == "Glaciers in retreat"


def other_page() -> str:
    return article_html("Advertisement", "Buy our watches today.")


def test_snapshot_content_location_chooses_the_page(tmp_path: Path) -> None:
    data = chrome_mhtml(
        [
            html_part(other_page(), location="https://ads.example/frame.html"),
            html_part(glacier_page(), location=URL),
        ],
        snapshot=URL,
    )
    _, article = one_article(tmp_path, data)
    assert article.title == "Glaciers in retreat"


def test_start_parameter_chooses_the_page(tmp_path: Path) -> None:
    data = chrome_mhtml(
        [
            html_part(other_page(), location="https://ads.example/frame.html", cid="ad@x"),
            html_part(glacier_page(), location=URL, cid="main@x"),
        ],
        start="main@x",
    )
    page, article = one_article(tmp_path, data)
    assert page.url == URL
    assert article.title == "Glaciers in retreat"


def test_ie_mht_windows_1252_quoted_printable(tmp_path: Path) -> None:
    accents = "Café crème costs 5 € \N{EN DASH} naïve prices."
    page_html = article_html("Prix du café", accents, "Second paragraph about beans.")
    data = ie_mht([html_part(page_html, location=URL, charset="windows-1252")])
    assert b"X-MimeOLE" in data
    assert b"----=_NextPart_" in data
    assert accents.encode("windows-1252") in quopri.decodestring(data)
    page, article = one_article(tmp_path, data)
    assert page.charset == "windows-1252"
    assert accents in article.text
    assert page.captured == "2013-05-15T09:12:05+02:00"


def test_base64_html_part(tmp_path: Path) -> None:
    data = chrome_mhtml([html_part(glacier_page(), location=URL, encoding="base64")])
    _, article = one_article(tmp_path, data)
    assert "Meltwater rises." in article.text


def test_meta_charset_applies_when_the_part_declares_none(tmp_path: Path) -> None:
    russian = "Ледники отступают каждый год."
    page_html = article_html("Ледники", russian, "Вода прибывает.", charset="windows-1251")
    part = html_part(page_html.encode("windows-1251"), location=URL, charset=None)
    page, article = one_article(tmp_path, chrome_mhtml([part]))
    assert page.charset is None
    assert russian in article.text


def test_frames_are_put_in_place_by_cid_and_by_location(tmp_path: Path) -> None:
    frames = (
        '<iframe src="cid:frame-1@mhtml.blink"></iframe>'
        '<iframe src="widgets/quote.html"></iframe>'
        '<iframe src="cid:frame-ad@mhtml.blink"></iframe>'
    )
    by_cid = article_html("Frame", "The first frame tells of calving ice fronts.")
    by_location = article_html("Quote", "The second frame quotes a glaciologist at length.")
    data = chrome_mhtml(
        [
            html_part(glacier_page(frames), location=URL),
            html_part(by_cid, cid="frame-1@mhtml.blink", location="https://x.example/f"),
            html_part(by_location, location="https://news.example/2020/widgets/quote.html"),
            # A script-written frame (an ad) carries its parent's location: not a document.
            html_part(other_page(), cid="frame-ad@mhtml.blink", location=URL),
        ],
        snapshot=URL,
    )
    page, article = one_article(tmp_path, data)
    assert page.charset == "utf-8"
    assert "calving ice fronts" in article.text
    assert "quotes a glaciologist" in article.text
    assert "watches" not in article.text


def test_header_continuation_without_indent_is_rejoined(tmp_path: Path) -> None:
    data = chrome_mhtml([html_part(glacier_page(), location=URL)], snapshot=URL, crlf=False)
    page, article = one_article(tmp_path, break_header_continuation(data))
    assert (page.url, page.captured) == (URL, CAPTURED)
    assert "Meltwater rises." in article.text


def test_missing_boundary_parameter_is_found_by_scanning(tmp_path: Path) -> None:
    parts = [
        html_part(glacier_page('<img src="cid:c@x">'), location=URL),
        image_part(png(4), cid="c@x"),
    ]
    data = drop_boundary_parameter(chrome_mhtml(parts))
    assert b"boundary=" not in data
    page, article = one_article(tmp_path, data)
    assert page.url == URL
    assert [asset.data for asset in article.assets] == [png(4)]


def test_body_without_boundary_lines_is_read_as_one_part(tmp_path: Path) -> None:
    data = drop_boundary_lines(chrome_mhtml([html_part(glacier_page(), location=URL)]))
    page, article = one_article(tmp_path, data)
    assert page.url == URL
    assert "Meltwater rises." in article.text


def test_truncated_file_keeps_the_page_it_has(tmp_path: Path) -> None:
    big_image = image_part(png(5) * 50, location="https://news.example/big.png")
    data = chrome_mhtml([html_part(glacier_page(), location=URL), big_image])
    cut = data[: data.index(b"Content-Location: https://news.example/big.png") + 200]
    _, article = one_article(tmp_path, cut)
    assert "Meltwater rises." in article.text


def test_part_without_headers_is_read_as_html(tmp_path: Path) -> None:
    parts = [image_part(png(6), location="https://x.example/a.png"), html_part(glacier_page())]
    data = strip_part_headers(chrome_mhtml(parts))
    _, article = one_article(tmp_path, data)
    assert article.title == "Glaciers in retreat"
    assert "Meltwater rises." in article.text


def test_file_without_html_part_is_an_input_error(tmp_path: Path) -> None:
    data = chrome_mhtml([image_part(png(7), location="https://x.example/a.png")])
    with pytest.raises(InputError, match=r"page\.mhtml: the MHTML file has no HTML part"):
        read(tmp_path, data)


def test_damaged_file_without_html_says_so(tmp_path: Path) -> None:
    data = drop_boundary_parameter(chrome_mhtml([image_part(png(8), location="https://x/a")]))
    with pytest.raises(InputError, match=r"page\.mhtml: the MHTML file is damaged and no HTML"):
        read(tmp_path, data)


def test_empty_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"page\.mhtml: the file is empty"):
        read(tmp_path, b"\r\n")


def test_sniffing() -> None:
    chrome = chrome_mhtml([html_part(glacier_page(), location=URL)], snapshot=URL)
    ie = ie_mht([html_part(glacier_page(), location=URL)])
    mime_page = b"MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<html></html>"
    assert looks_like_mhtml(chrome[:4096], "whatever.bin")
    assert looks_like_mhtml(ie[:4096], "page.mht")
    assert looks_like_mhtml(b"\xef\xbb\xbf" + chrome[:4096], "page.mhtml")
    assert looks_like_mhtml(mime_page, "page.mht")
    assert not looks_like_mhtml(mime_page, "letter.eml")
    assert not looks_like_mhtml(glacier_page().encode(), "page.mhtml")
    assert not looks_like_mhtml(b"Note: see multipart/related in RFC 2387.", "notes.txt")


MHTML_FIXTURES = SHARED_FIXTURES / "mhtml"
Outcome = list[tuple[SavedPage, "ExtractedArticle | str"]]


def test_real_files() -> None:
    if not MHTML_FIXTURES.is_dir():
        pytest.skip("shared fixtures are not available")
    results = {path.name: _outcome(path) for path in sorted(MHTML_FIXTURES.iterdir())}
    for name, outcome in results.items():
        for _, article in outcome:
            assert isinstance(article, str) or (article.title and article.text), name
    _check_tutorialspoint(results["tutorialspoint-iframes.chrome.mhtml"])
    _check_portfolio(results["portfolio.chrome.mhtml"])
    for name in (n for n in results if n.startswith("broken-")):
        # The msindwan fixtures hold only the start of a head: a page, but no article.
        [(page, article)] = results[name]
        assert page.data.startswith(b'<!DOCTYPE html><html lang="en"'), name
        assert article in {"the page holds no readable HTML", "no article text found in the page"}
    [(page, _)] = results["broken-missing_boundary.mhtml"]
    assert (page.url, page.captured) == (
        "http://msindwan.bitbucket.org/",
        "2016-09-05T22:30:04+00:00",
    )


def _outcome(path: Path) -> Outcome:
    data = path.read_bytes()
    assert looks_like_mhtml(data[:4096], path.name), path.name
    return [(page, _article_or_reason(page, path)) for page in read_mhtml(data, path)]


def _article_or_reason(page: SavedPage, path: Path) -> ExtractedArticle | str:
    try:
        return extract(page, path)
    except NotAnArticle as error:
        return error.reason


def _check_tutorialspoint(outcome: Outcome) -> None:
    [(page, article)] = outcome
    assert page.url == "https://www.tutorialspoint.com/html/html_iframes.htm"
    assert page.captured == CAPTURED
    assert page.title == "HTML - Iframes - Tutorialspoint"
    assert isinstance(article, ExtractedArticle)
    assert article.title == "HTML - Iframes"
    assert "The <iframe> tag defines a rectangular region" in article.text
    # From the example's own frame part (a cid: frame); the ad frames stay out.
    assert "Document content goes here...\n\nDocument content also go here..." in article.text
    assert article.assets == ()


def _check_portfolio(outcome: Outcome) -> None:
    # Its broken X-Snapshot-Title header hides every other header from email.
    [(page, article)] = outcome
    assert (page.url, page.base) == ("http://msindwan.bitbucket.org/",) * 2
    assert page.captured == "2016-09-05T22:30:04+00:00"
    assert isinstance(article, ExtractedArticle)
    assert article.title == "Max Sindwani"
    assert "software engineering student" in article.text
