"""MAFF and HTZ readers: index.rdf metadata, several pages, resources, frames, damage."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from archive_import.decoding import decode_text
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import InputError, NotAnArticle
from archive_import.html_page import article_from_saved
from archive_import.maff import looks_like_htz, looks_like_maff, read_htz, read_maff
from archive_import.saved_page import SavedPage
from tests.archive_import.builders_maff import (
    index_rdf,
    scrapbook_html,
    write_zip,
    zip_bytes,
)
from tests.archive_import.builders_webarchive import article_html, tiny_png
from tests.pages import SHARED_FIXTURES

ID = "20240512093015123"
ID2 = "20240512094500456"
ARCHIVED = "Sun, 12 May 2024 09:30:15 GMT"


def extract(page: SavedPage, path: Path) -> ExtractedArticle:
    return article_from_saved(page, Source(str(path), "maff", "0" * 64))


def story(title: str = "Lighthouse restored", **options) -> str:
    return article_html(title, f"{title} keepers", f"{title} lamps", "Coastal weather", **options)


def test_single_page_takes_url_title_time_and_charset_from_index_rdf(tmp_path):
    rdf = index_rdf("https://coast.example.org/lighthouse", "Lighthouse (RDF title)", ARCHIVED)
    path = write_zip(tmp_path, "page.maff", {f"{ID}/index.html": story(), f"{ID}/index.rdf": rdf})

    (page,) = read_maff(path.read_bytes(), path)
    assert page.url == "https://coast.example.org/lighthouse"
    assert page.title == "Lighthouse (RDF title)"
    assert page.captured == "2024-05-12T09:30:15+00:00"
    assert page.charset == "UTF-8"
    assert page.locator == f"{ID}/index.html"
    assert page.base == f"maff://{ID}/index.html"
    article = extract(page, path)
    assert article.title == "Lighthouse restored"
    assert "Lighthouse restored lamps" in article.text
    assert article.source.captured == "2024-05-12T09:30:15+00:00"


def test_images_in_the_page_folder_become_assets(tmp_path):
    page = story(images=["index_files/lamp.png", "./keeper.png", "missing.png"])
    path = write_zip(
        tmp_path,
        "page.maff",
        {
            f"{ID}/index.html": page,
            f"{ID}/index.rdf": index_rdf("https://coast.example.org/lighthouse"),
            f"{ID}/index_files/lamp.png": tiny_png(255, 255, 0),
            f"{ID}/keeper.png": tiny_png(0, 128, 0),
        },
    )

    article = extract(read_maff(path.read_bytes(), path)[0], path)
    assert len(article.assets) == 2
    for asset in article.assets:
        assert asset.reference in article.html
    assert "missing.png" not in article.html


def test_several_pages_each_with_its_own_folder_and_resources(tmp_path):
    """maff-good-3-multiple: one file, several pages, one of them only a picture."""
    members = {
        f"{ID}/index.html": story("Harbour wall", images=["photo.png"]),
        f"{ID}/index.rdf": index_rdf("https://coast.example.org/wall", archived=ARCHIVED),
        f"{ID}/photo.png": tiny_png(1, 2, 3),
        "20240512094000000/index.png": tiny_png(),
        f"{ID2}/index.html": story("Pier lamps", images=["../" + ID + "/photo.png"]),
        f"{ID2}/index.rdf": index_rdf("https://coast.example.org/pier"),
    }
    path = write_zip(tmp_path, "several.maff", members)

    first, second = read_maff(path.read_bytes(), path)
    assert (first.locator, second.locator) == (f"{ID}/index.html", f"{ID2}/index.html")
    assert (first.url, second.url) == (
        "https://coast.example.org/wall",
        "https://coast.example.org/pier",
    )
    assert extract(first, path).title == "Harbour wall"
    assert len(extract(first, path).assets) == 1
    second_article = extract(second, path)
    assert second_article.title == "Pier lamps"
    # A page sees only its own folder: it cannot borrow another page's files.
    assert second_article.assets == ()


def test_malformed_rdf_falls_back_to_the_webscrapbook_attributes(tmp_path):
    """maff-bad-3-dir-rdf-malformed: index.rdf is not XML at all."""
    page = scrapbook_html(story(), "https://coast.example.org/scrap", "20230102030405678")
    path = write_zip(tmp_path, "bad.maff", {f"{ID}/index.html": page, f"{ID}/index.rdf": "WTF"})

    (saved,) = read_maff(path.read_bytes(), path)
    assert saved.url == "https://coast.example.org/scrap"
    assert saved.captured == "2023-01-02T03:04:05+00:00"
    assert (saved.title, saved.charset) == (None, None)
    assert extract(saved, path).title == "Lighthouse restored"


def test_rdf_cut_short_keeps_the_fields_before_the_cut(tmp_path):
    rdf = index_rdf("https://coast.example.org/cut", "Cut title", ARCHIVED)
    cut = rdf[: rdf.index(b"<MAF:archivetime")]
    path = write_zip(tmp_path, "cut.maff", {f"{ID}/index.html": story(), f"{ID}/index.rdf": cut})

    (saved,) = read_maff(path.read_bytes(), path)
    assert (saved.url, saved.title) == ("https://coast.example.org/cut", "Cut title")
    # No archivetime left: WebScrapBook's folder id still says when the page was saved.
    assert saved.captured == "2024-05-12T09:30:15+00:00"


def test_rdf_charset_decodes_a_page_without_meta(tmp_path):
    page = article_html("Маяк восстановлен", "Смотрители маяка вернулись", charset=None)
    members = {
        f"{ID}/index.html": page.encode("windows-1251"),
        f"{ID}/index.rdf": index_rdf(charset="windows-1251"),
    }
    path = write_zip(tmp_path, "ru.maff", members)

    (saved,) = read_maff(path.read_bytes(), path)
    assert saved.charset == "windows-1251"
    assert "Смотрители маяка вернулись" in extract(saved, path).text


def test_index_file_named_in_rdf_or_htm_is_found(tmp_path):
    members = {
        f"{ID}/page.xhtml": story("Named index"),
        f"{ID}/index.rdf": index_rdf(index="page.xhtml"),
        f"{ID2}/index.htm": story("Htm index"),
    }
    path = write_zip(tmp_path, "names.maff", members)

    pages = read_maff(path.read_bytes(), path)
    assert [p.locator for p in pages] == [f"{ID}/page.xhtml", f"{ID2}/index.htm"]
    assert [extract(p, path).title for p in pages] == ["Named index", "Htm index"]


def test_iframe_documents_of_the_folder_are_inlined(tmp_path):
    page = story().replace("</article>", '<iframe src="frames/note.html"></iframe></article>')
    note = '<html><body><p>Note from the keeper <img src="pic.png"></p></body></html>'
    members = {
        f"{ID}/index.html": page,
        f"{ID}/frames/note.html": note,
        f"{ID}/frames/pic.png": tiny_png(9, 9, 9),
    }
    path = write_zip(tmp_path, "frames.maff", members)

    (saved,) = read_maff(path.read_bytes(), path)
    text = decode_text(saved.data, saved.charset)
    assert "Note from the keeper" in text
    # The frame's relative image reference was rebased onto the frame's own folder.
    assert f"maff://{ID}/frames/pic.png" in text
    assert saved.lookup(f"maff://{ID}/frames/pic.png") is not None


def test_only_non_html_pages_is_not_an_article(tmp_path):
    path = write_zip(tmp_path, "picture.maff", {f"{ID}/index.png": tiny_png()})

    with pytest.raises(NotAnArticle, match=r"no web page, only .*index\.png"):
        read_maff(path.read_bytes(), path)


def test_zip_without_index_is_an_input_error(tmp_path):
    members = {
        "album/one.png": tiny_png(),
        # maff-bad-*: an index.rdf whose index.html is missing; index.rdf is no page.
        f"{ID}/index.rdf": index_rdf("https://coast.example.org/gone"),
        f"{ID}/index.files/style.css": "p {}",
    }
    path = write_zip(tmp_path, "photos.maff", members)

    with pytest.raises(InputError, match=r"holds no index\.html") as error:
        read_maff(path.read_bytes(), path)
    assert str(path) in str(error.value)
    assert not isinstance(error.value, NotAnArticle)


def test_not_a_zip_is_an_input_error(tmp_path):
    path = tmp_path / "page.maff"
    path.write_bytes(b"<html>not a zip</html>")

    with pytest.raises(InputError, match="not a readable MAFF archive") as error:
        read_maff(path.read_bytes(), path)
    assert str(path) in str(error.value)


def test_zip_cut_short_still_yields_the_pages_before_the_cut(tmp_path):
    members = {
        f"{ID}/index.html": story("Before the cut", images=["a.png"]),
        f"{ID}/a.png": tiny_png(),
        f"{ID2}/index.html": story("After the cut") * 20,
    }
    data = zip_bytes(members)
    path = tmp_path / "cut.maff"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(path)

    pages = read_maff(path.read_bytes(), path)
    article = extract(pages[0], path)
    assert article.title == "Before the cut"
    assert len(article.assets) == 1


def test_members_over_50_mb_are_skipped(tmp_path):
    """A zip bomb: 60 MB of zeros compress to about 60 KB."""
    members = {
        f"{ID}/index.html": story(images=["bomb.png", "ok.png"]),
        f"{ID}/bomb.png": b"\x89PNG\r\n\x1a\n" + bytes(60 * 1024 * 1024),
        f"{ID}/ok.png": tiny_png(),
    }
    path = write_zip(tmp_path, "bomb.maff", members)
    assert path.stat().st_size < 1024 * 1024

    (saved,) = read_maff(path.read_bytes(), path)
    assert saved.lookup(f"maff://{ID}/bomb.png") is None
    assert saved.lookup(f"maff://{ID}/ok.png") is not None


def test_htz_reads_the_root_index_and_webscrapbook_attributes(tmp_path):
    page = scrapbook_html(
        story("Tide tables", images=["tide.png"]),
        "https://coast.example.org/tides?day=1&amp;port=2",
        "20200421101254231",
    )
    path = write_zip(tmp_path, "tides.htz", {"index.html": page, "tide.png": tiny_png(0, 0, 200)})

    (saved,) = read_htz(path.read_bytes(), path)
    assert saved.url == "https://coast.example.org/tides?day=1&port=2"
    assert saved.captured == "2020-04-21T10:12:54+00:00"
    assert (saved.locator, saved.base, saved.title) == ("", "htz:///index.html", None)
    article = extract(saved, path)
    assert article.title == "Tide tables"
    assert len(article.assets) == 1
    assert article.assets[0].reference in article.html


def test_htz_without_index_is_an_input_error(tmp_path):
    path = write_zip(tmp_path, "empty.htz", {"tide.png": tiny_png()})

    with pytest.raises(InputError, match=r"HTZ archive holds no index\.html") as error:
        read_htz(path.read_bytes(), path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize(
    ("head", "name", "maff", "htz"),
    [
        (zip_bytes({f"{ID}/index.html": "x"}), "page.maff", True, False),
        (zip_bytes({f"{ID}/index.rdf": "x"}), "download.zip", True, False),
        (zip_bytes({"index.html": "x"}), "page.HTZ", False, True),
        (zip_bytes({"index.html": "x"}), "site.zip", False, False),
        (b"<html>page</html>", "page.maff", False, False),
        (b"bplist00", "page.htz", False, False),
    ],
)
def test_sniffers(head, name, maff, htz):
    assert looks_like_maff(head[:4096], name) is maff
    assert looks_like_htz(head[:4096], name) is htz


def real_file(name: str) -> Path:
    folder = SHARED_FIXTURES / "maff-webscrapbook"
    if not folder.is_dir():
        pytest.skip("shared MAFF/HTZ fixtures are absent")
    return folder / name


def read_real(path: Path) -> list[SavedPage]:
    head = path.read_bytes()[:4096]
    assert looks_like_maff(head, path.name) or looks_like_htz(head, path.name)
    reader = read_htz if path.suffix == ".htz" else read_maff
    return reader(path.read_bytes(), path)


# Checked by hand: (locator, url, captured, phrase in the text or None for "no article").
REAL_FILES = {
    "maff-good-1-html.maff": [
        ("20171225172746364/index.html", "http://example.com/", "2017-12-25T17:27:46+00:00", "中文")
    ],
    "maff-good-3-multiple.maff": [
        (
            "20171225172746364/index.html",
            "http://example.com/",
            "2017-12-25T17:27:46+00:00",
            "中文",
        ),
        # "Page 2" is two words: too little to be an article.
        ("20171225172746808/index.html", "http://example.com/", "2017-12-25T17:27:46+00:00", None),
    ],
    # index.rdf is "WTF" and index.html is the bare text "main page"; the id gives the time.
    "maff-bad-3-dir-rdf-malformed.maff": [
        ("20170627151254191/index.html", None, "2017-06-27T15:12:54+00:00", None)
    ],
    "webscrapbook-lorem.maff": [
        (
            "20200917155205232/index.html",
            "http://example.com/t0001-1",
            "2020-09-17T15:52:05+00:00",
            "Praesent sagittis vitae enim",
        )
    ],
    "webscrapbook-lorem.htz": [
        ("", "http://example.com/t0001-1", "2020-04-21T10:12:54+00:00", "Phasellus eros quam")
    ],
}


@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_files(name):
    path = real_file(name)
    pages = read_real(path)
    expected = REAL_FILES[name]
    assert [(p.locator, p.url, p.captured) for p in pages] == [e[:3] for e in expected]
    for page, (*_, phrase) in zip(pages, expected, strict=True):
        if phrase is None:
            with pytest.raises(NotAnArticle) as error:
                extract(page, path)
            assert error.value.reason
            continue
        article = extract(page, path)
        assert article.title
        assert phrase in article.text


def test_real_maff_with_an_iframe_carries_the_frame_text():
    path = real_file("webscrapbook-lorem.maff")
    (page,) = read_real(path)
    assert b"Frame page content." in page.data
    assert page.title == "Lorem Ipsum"
    assert extract(page, path).title == "Lorem Ipsum"


def test_every_real_file_is_covered():
    folder = real_file("any").parent
    assert {p.name for p in folder.iterdir()} == set(REAL_FILES)
