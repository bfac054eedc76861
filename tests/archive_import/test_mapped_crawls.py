"""A big crawl is mapped from the disk, not read into memory, and reads as the same pages."""

from __future__ import annotations

import hashlib
import mmap
from pathlib import Path

from archive_import import Part, extract_file, load
from archive_import.pipeline import LoadedFile, extract_loaded, original_page
from tests.archive_import.builders_warc import (
    Record,
    html,
    page,
    resource,
    warc_bytes,
    write_wacz,
)

# Past the size from which crawls are mapped; random, so that gzip cannot shrink it.
_BIG = 9 << 20
_SITE = "https://field.example.net/"


def _incompressible(size: int) -> bytes:
    """``size`` bytes gzip cannot shrink, the same every run: a chain of digests."""
    block, blocks = b"survey", []
    for _ in range(size // 32 + 1):
        block = hashlib.sha256(block).digest()
        blocks.append(block)
    return b"".join(blocks)[:size]


def _records() -> list[Record]:
    padding = _incompressible(_BIG)
    return [
        page(f"{_SITE}harbour", html("Harbour", "sea wall", "ferries")),
        resource(f"{_SITE}survey.bin", padding, "application/octet-stream"),
        page(f"{_SITE}market", html("Market", "fish", "stalls")),
        page(f"{_SITE}lighthouse", html("Lighthouse", "lamps", "keepers")),
    ]


def _big_warc(folder: Path) -> Path:
    path = folder / "crawl.warc.gz"
    path.write_bytes(warc_bytes(_records()))
    return path


def _read_in_memory(path: Path) -> list[tuple[str, str, str]]:
    data = path.read_bytes()
    loaded = LoadedFile(path, data, hashlib.sha256(data).hexdigest())
    return [(a.source.locator, a.title, a.text) for a in extract_loaded(loaded)]


def test_a_big_crawl_is_mapped_and_gives_the_pages_it_gives_read_in_memory(
    tmp_path: Path,
) -> None:
    path = _big_warc(tmp_path)
    loaded = load(path)
    assert isinstance(loaded.data, mmap.mmap)
    assert loaded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    articles = extract_file(path)
    assert [(a.source.locator, a.title, a.text) for a in articles] == _read_in_memory(path)
    assert [a.title for a in articles] == ["Harbour", "Market", "Lighthouse"]


def test_parts_and_single_pages_of_a_mapped_crawl(tmp_path: Path) -> None:
    path = _big_warc(tmp_path)
    whole = {a.source.locator for a in extract_file(path)}
    first = {a.source.locator for a in extract_file(path, part=Part(0, 2))}
    second = {a.source.locator for a in extract_file(path, part=Part(1, 2))}
    assert first
    assert second
    assert first | second == whole
    assert not first & second
    market = next(a for a in extract_file(path) if a.title == "Market")
    [again] = extract_file(path, locators={market.source.locator})
    assert again.text == market.text
    original = original_page(path, market.source.locator)
    assert original is not None
    assert "<title>Market" in original


def test_a_big_wacz_is_mapped_and_its_stored_warc_read_in_place(tmp_path: Path) -> None:
    warc = warc_bytes(_records(), compress=False)
    path = write_wacz(tmp_path / "crawl.wacz", {"data.warc": warc})
    assert isinstance(load(path).data, mmap.mmap)
    articles = extract_file(path)
    assert [(a.source.locator, a.title, a.text) for a in articles] == _read_in_memory(path)
    assert len(articles) == 3


def test_a_big_page_that_is_no_crawl_is_read_into_memory(tmp_path: Path) -> None:
    path = tmp_path / "long.html"
    paragraph = "<p>" + "The sea wall held through the winter storms. " * 40 + "</p>"
    path.write_text(
        "<html><head><title>Long</title></head><body>"
        + paragraph * (_BIG // len(paragraph) + 1)
        + "</body></html>",
        encoding="utf-8",
    )
    assert isinstance(load(path).data, bytes)
