"""SingleFile pages: URL and save date from SingleFile's comment, images from data: URIs."""

from __future__ import annotations

import base64
from pathlib import Path

from archive_import import extract_file
from archive_import.formats import sniff_format
from tests.pages import article_page, long_paragraphs

PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)
MARK = """<!--
 Page saved with SingleFile 
 url: https://birds.example/2026/swifts 
 saved date: Tue Nov 24 2026 10:00:05 GMT+0100 (Central European Standard Time)
-->"""  # noqa: W291 — SingleFile writes the trailing spaces.


def _singlefile(tmp_path: Path, mark: str) -> Path:
    data_uri = "data:image/png;base64," + base64.b64encode(PIXEL_PNG).decode()
    page = article_page("Swifts over the roofs", long_paragraphs("Swifts sleep on the wing."))
    page = page.replace('<html lang="en">', f'<html lang="en">{mark}')
    page = page.replace("</h1>", f'</h1><img src="{data_uri}" alt="A swift">')
    path = tmp_path / "swifts.html"
    path.write_text(page, "utf-8")
    return path


def test_singlefile_page_gives_url_date_and_inline_images(tmp_path: Path) -> None:
    path = _singlefile(tmp_path, MARK)
    assert sniff_format(path, path.read_bytes()[:4096]) == "singlefile"
    [article] = extract_file(path)
    assert article.url == "https://birds.example/2026/swifts"
    assert article.source.captured == "2026-11-24T10:00:05+01:00"
    assert article.source.format == "singlefile"
    [asset] = article.assets
    assert asset.data == PIXEL_PNG
    assert f'<img src="{asset.reference}" alt="A swift">' in article.html
    assert "data:image" not in article.html


def test_legacy_singlefile_mark_is_recognised(tmp_path: Path) -> None:
    legacy = MARK.replace("Page saved with SingleFile", "Archive processed by SingleFile")
    [article] = extract_file(_singlefile(tmp_path, legacy))
    assert article.url == "https://birds.example/2026/swifts"
    assert article.source.captured is not None
