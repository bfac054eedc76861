"""Zip files of saved pages, and gzip-compressed pages, are read as what they hold."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from archive_import import InputError, NotAnArticle, discover, extract_file
from tests.archive_import.builders_mhtml import chrome_mhtml, html_part
from tests.pages import article_page, long_paragraphs

PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def _page(title: str, topic: str, extra: str = "") -> bytes:
    return article_page(title, long_paragraphs(topic), extra_body=extra).encode()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_zip_of_pages_gives_one_article_per_page(tmp_path: Path) -> None:
    figure = '<img src="one_files/pic.png" alt="pic">'
    page_one = _page("Harbour lights", "Harbour lights at dusk.").replace(
        b"</h1>", f"</h1>{figure}".encode()
    )
    archive = _zip(tmp_path / "pages.zip", {
        "saved/one.html": page_one,
        "saved/one_files/pic.png": PIXEL_PNG,
        "saved/one_files/frame.html": _page("Frame", "An inner frame."),
        "notes.txt": b"Dune grasses\n\nMarram grass holds the dunes together against the wind.",
        "__MACOSX/._one.html": b"\x00\x05\x16\x07",
        "image.jpg": b"\xff\xd8\xff\xe0",
    })  # fmt: skip
    articles = extract_file(archive)
    assert [a.title for a in articles] == ["Harbour lights", "Dune grasses"]
    assert [a.source.locator for a in articles] == ["saved/one.html", "notes.txt"]
    assert all(a.source.path == str(archive) for a in articles)
    assert [a.source.format for a in articles] == ["html", "text"]
    [asset] = articles[0].assets
    assert asset.data == PIXEL_PNG
    assert asset.reference in articles[0].html


def test_zip_holding_another_format(tmp_path: Path) -> None:
    url = "https://tides.example/t"
    page = html_part(_page("Tide tables", "Tide tables predict the sea."), location=url)
    mhtml = chrome_mhtml([page], snapshot=url)
    archive = _zip(tmp_path / "bundle.zip", {"captures/tides.mhtml": mhtml})
    [article] = extract_file(archive)
    assert article.title == "Tide tables"
    assert article.url == "https://tides.example/t"
    assert article.source.format == "mhtml"
    assert article.source.locator == "captures/tides.mhtml"


def test_zip_without_pages_is_not_an_article(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "photos.zip", {"a.jpg": b"\xff\xd8\xff\xe0", "b.png": PIXEL_PNG})
    with pytest.raises(NotAnArticle, match=r"photos\.zip: the zip file holds no saved page"):
        extract_file(archive)


def test_damaged_zip_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(InputError, match=r"broken\.zip: not a readable zip file"):
        extract_file(broken)


def test_gzipped_page_is_read_as_the_page(tmp_path: Path) -> None:
    path = tmp_path / "article.html.gz"
    path.write_bytes(gzip.compress(_page("Compressed saves", "Gzip keeps pages small.")))
    [item] = discover([path])
    [article] = extract_file(path)
    assert article.title == "Compressed saves"
    assert article.source.format == "html"
    assert item.path == path


def test_gzip_of_something_else_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "data.bin.gz"
    path.write_bytes(gzip.compress(b"\x00\x01\x02" * 100))
    with pytest.raises(InputError, match=r"data\.bin\.gz: the gzip file does not hold"):
        extract_file(path)
