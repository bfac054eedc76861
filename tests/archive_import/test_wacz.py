"""WACZ files: the WARCs inside read as one collection, pages and titles from pages.jsonl."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from archive_import.document import Source
from archive_import.errors import InputError, NotAnArticle
from archive_import.file_bytes import ByteStream
from archive_import.html_page import article_from_saved
from archive_import.saved_page import SavedPage
from archive_import.wacz import looks_like_wacz, read_wacz
from tests.archive_import.builders_warc import (
    DATE,
    PNG,
    html,
    image,
    page,
    record_ids,
    redirect,
    stylesheet,
    warc_bytes,
    write_wacz,
)
from tests.pages import SHARED_FIXTURES

SITE = "https://field.example.net/"
HERONS = html("Herons at dawn", "Herons wait in the shallows.", "They strike at small fish.")
OWLS = html("Owls at night", "Owls hunt by sound alone.", "Their feathers muffle each wingbeat.")


def read(path: Path) -> list[SavedPage]:
    return read_wacz(path.read_bytes(), path)


def test_pages_of_every_warc_with_titles_and_locators(tmp_path: Path) -> None:
    first = warc_bytes([page(SITE + "herons", HERONS)])
    second = warc_bytes([page(SITE + "owls", OWLS)], compress=False)
    listed = [
        {"url": SITE + "herons", "ts": DATE, "title": "Herons (listed)"},
        {"url": SITE + "owls", "ts": DATE, "title": "Owls (listed)", "text": "Owls hunt by sound"},
    ]
    path = write_wacz(tmp_path / "birds.wacz", {"one.warc.gz": first, "two.warc": second}, listed)
    pages = read(path)
    assert [(p.url, p.title, p.captured) for p in pages] == [
        (SITE + "herons", "Herons (listed)", DATE),
        (SITE + "owls", "Owls (listed)", DATE),
    ]
    assert pages[0].locator == f"archive/one.warc.gz#{record_ids(first)[1]}"
    assert pages[1].locator == f"archive/two.warc#{record_ids(second)[1]}"
    article = article_from_saved(pages[1], Source(str(path), "wacz", "0" * 64))
    assert "Owls hunt by sound alone." in article.text
    assert article.source.locator == pages[1].locator


def test_image_in_another_warc_of_the_wacz_becomes_an_asset(tmp_path: Path) -> None:
    body = HERONS.replace(b"</h1>", b'</h1><figure><img src="/img/heron.png"></figure>', 1)
    warcs = {
        "pages.warc.gz": warc_bytes([page(SITE + "herons", body)]),
        "media.warc.gz": warc_bytes([image(SITE + "img/heron.png")]),
    }
    path = write_wacz(tmp_path / "media.wacz", warcs, [{"url": SITE + "herons"}])
    [saved] = read(path)
    article = article_from_saved(saved, Source(str(path), "wacz", "0" * 64))
    [asset] = article.assets
    assert asset.data == PNG
    assert asset.reference in article.html


def test_only_the_listed_pages_are_taken_following_redirects(tmp_path: Path) -> None:
    records = [
        redirect("http://field.example.net/herons", SITE + "herons"),
        page(SITE + "herons", HERONS),
        # The HTML of an embedded widget is captured too, but it is not a page of the crawl.
        page(SITE + "embed/owls-widget", OWLS),
        page(SITE, OWLS),
    ]
    listed = [
        {"url": "http://field.example.net/herons", "title": "Herons"},
        {"url": "https://FIELD.example.net", "title": "Home"},  # the same URL as SITE
    ]
    path = write_wacz(tmp_path / "crawl.wacz", {"crawl.warc.gz": warc_bytes(records)}, listed)
    pages = read(path)
    assert [(p.url, p.title) for p in pages] == [(SITE + "herons", "Herons"), (SITE, "Home")]


def test_without_a_page_list_every_html_page_is_taken(tmp_path: Path) -> None:
    records = [page(SITE + "herons", HERONS), page(SITE + "owls", OWLS)]
    path = write_wacz(tmp_path / "unlisted.wacz", {"a.warc.gz": warc_bytes(records)})
    pages = read(path)
    assert [(p.url, p.title) for p in pages] == [(SITE + "herons", None), (SITE + "owls", None)]


def test_a_broken_warc_is_skipped_when_others_can_be_read(tmp_path: Path) -> None:
    warcs = {"bad.warc": b"not a warc at all", "good.warc.gz": warc_bytes([page(SITE, HERONS)])}
    path = write_wacz(tmp_path / "mixed.wacz", warcs)
    assert [p.url for p in read(path)] == [SITE]


@pytest.mark.parametrize(
    ("warcs", "reason"),
    [
        ({"bad.warc": b"not a warc at all"}, "archive/bad.warc is not a valid WARC file"),
        ({}, "the WACZ file holds no WARC files in its archive/ folder"),
    ],
    ids=["bad-warc", "no-warc"],
)
def test_unreadable_wacz_raises_input_error(
    tmp_path: Path, warcs: dict[str, bytes], reason: str
) -> None:
    path = write_wacz(tmp_path / "broken.wacz", warcs)
    with pytest.raises(InputError, match=r"broken\.wacz: ") as caught:
        read(path)
    assert caught.value.reason.startswith(reason)


def test_not_a_zip_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "truncated.wacz"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(
        InputError, match=r"truncated\.wacz: the WACZ file is not a valid zip archive"
    ):
        read(path)


def test_wacz_without_html_pages_is_not_an_article(tmp_path: Path) -> None:
    warcs = {"a.warc.gz": warc_bytes([stylesheet(SITE + "site.css"), image(SITE + "logo.png")])}
    path = write_wacz(tmp_path / "assets.wacz", warcs)
    with pytest.raises(
        NotAnArticle, match=r"assets\.wacz: the archive holds no HTML pages \(3 records"
    ):
        read(path)


def _zip_head(tmp_path: Path, members: dict[str, bytes]) -> bytes:
    path = tmp_path / "any.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path.read_bytes()[:4096]


def test_sniffer_sees_wacz_members_in_the_first_bytes(tmp_path: Path) -> None:
    big_warc = warc_bytes([page(SITE + str(n), HERONS) for n in range(20)], compress=False)
    for first in ("datapackage.json", "archive/a.warc", "pages/pages.jsonl"):
        path = write_wacz(tmp_path / "x.wacz", {"a.warc": big_warc}, first=first)
        assert looks_like_wacz(path.read_bytes()[:4096], "capture.zip"), first
    maff = _zip_head(tmp_path, {"123/index.html": HERONS, "123/index.rdf": b"<RDF/>"})
    assert not looks_like_wacz(maff, "saved.zip")
    # Only a zip listing could tell; the name is the hint.
    assert looks_like_wacz(_zip_head(tmp_path, {"other.bin": bytes(8000)}), "crawl.wacz")
    assert not looks_like_wacz(b"WARC/1.0\r\n", "crawl.wacz")


@pytest.mark.parametrize(
    ("name", "url", "locator"),
    [
        (
            "valid_example_1.wacz",
            "http://www.example.com/",
            "archive/example-collection.warc#urn:uuid:38f87378-08e3-11eb-9da5-542696d5febd",
        ),
        (
            "valid_signed_example_1.wacz",
            "https://example.com/",
            "archive/rec-20220118190009690949-crawl-scheduled-a78c5705-3aec-46be-9eec-"
            "66ac994f1f4a-273757mtjt.warc.gz#urn:uuid:db9ceeb0-7890-11ec-b010-3227ef4c6c94",
        ),
    ],
)
def test_real_wacz_files(name: str, url: str, locator: str) -> None:
    path = SHARED_FIXTURES / "warc" / name
    if not path.is_file():
        pytest.skip("shared fixtures are not here")
    head = path.read_bytes()[:4096]
    assert looks_like_wacz(head, name)
    assert looks_like_wacz(head, "renamed.zip")
    # The signed crawl also holds a 404 favicon with the same HTML: not a page.
    [saved] = read(path)
    assert (saved.url, saved.title, saved.locator) == (url, "Example Domain", locator)
    article = article_from_saved(saved, Source(str(path), "wacz", "0" * 64))
    assert article.title == "Example Domain"
    assert "illustrative examples in documents" in article.text


def test_stored_and_compressed_warc_members_are_both_read(tmp_path: Path) -> None:
    stored = warc_bytes([page(SITE + "herons", HERONS), image(SITE + "heron.png")])
    path = write_wacz(tmp_path / "birds.wacz", {"one.warc.gz": stored})
    # The same WARC deflated inside the zip: read through the zip module, not in place.
    deflated = tmp_path / "deflated.wacz"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(deflated, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_DEFLATED)
    for wacz in (path, deflated):
        pages = read(wacz)
        assert [p.data for p in pages] == [HERONS]
        assert pages[0].lookup(SITE + "heron.png") == (PNG, "image/png")


def test_a_stored_member_is_read_in_place_from_the_wacz(tmp_path: Path) -> None:
    warc = warc_bytes([page(SITE + "herons", HERONS), page(SITE + "owls", OWLS)])
    data = write_wacz(tmp_path / "birds.wacz", {"one.warc.gz": warc}).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("archive/one.warc.gz")
        stream = ByteStream(data, data.index(warc), info.file_size)
    assert stream.read(len(warc)) == warc
    assert stream.seek(5) == 5
    assert stream.read(3) == warc[5:8]
    assert stream.tell() == 8
    assert stream.seek(-4, 2) == len(warc) - 4
    assert stream.read() == warc[-4:]
    assert stream.read(10) == b""
