"""One saved file in, its articles out: read, pick the reader for its format, extract each page."""

from __future__ import annotations

import hashlib
import logging
import os
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from archive_import import formats, zipped
from archive_import.decoding import decode_text
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import InputError, NotAnArticle
from archive_import.extractors import EXTRACTOR as HTML_EXTRACTOR
from archive_import.file_bytes import FileBytes, as_bytes, map_file
from archive_import.html_page import article_from_saved, read_html
from archive_import.maff import read_htz, read_maff
from archive_import.mhtml import read_mhtml
from archive_import.saved_page import SavedPage
from archive_import.text_page import EXTRACTOR as TEXT_EXTRACTOR
from archive_import.text_page import read_text
from archive_import.wacz import read_wacz
from archive_import.warc import ArchivePages, read_warc
from archive_import.webarchive import read_webarchive

log = logging.getLogger(__name__)

PageReader = Callable[[bytes, Path], Sequence[SavedPage]]

# Crawls this big are mapped from the disk rather than read (see ``file_bytes``); smaller
# files cost little either way, and a mapping costs a file handle while it lives.
_MAP_FROM_BYTES = 8 << 20
_MAPPED_READERS: dict[str, Callable[[FileBytes, Path], Sequence[SavedPage]]] = {
    formats.WARC: read_warc,
    formats.WACZ: read_wacz,
}
_PAGE_READERS: dict[str, PageReader] = {
    formats.MHTML: read_mhtml,
    formats.WARC: read_warc,
    formats.WACZ: read_wacz,
    formats.WEBARCHIVE: read_webarchive,
    formats.MAFF: read_maff,
    formats.HTZ: read_htz,
}
_MAX_ZIP_DEPTH = 2
_MAX_GUNZIPPED_BYTES = 500_000_000

CURRENT_EXTRACTORS = frozenset({HTML_EXTRACTOR, TEXT_EXTRACTOR})
"""What this version records as an article's extractor: any other is an older one's."""

SPLITTABLE_FORMATS = frozenset({formats.WARC, formats.WACZ})
"""Formats whose files can hold thousands of pages: they can be extracted a part at a time."""


@dataclass(frozen=True)
class Part:
    """Part ``index`` (from 0) of ``count`` runs of a file's pages, in the order they come.

    Each part reads the whole file (reading is cheap beside extracting), then extracts its
    own run of pages only; the parts' articles, put end to end in part order, are the
    file's.
    """

    index: int
    count: int

    def of(self, pages: Sequence[SavedPage]) -> Sequence[SavedPage]:
        """This part's run of ``pages``."""
        return pages[
            len(pages) * self.index // self.count : len(pages) * (self.index + 1) // self.count
        ]


@dataclass(frozen=True)
class LoadedFile:
    """A file's bytes and their fingerprint, read once (a big crawl mapped, not read)."""

    path: Path
    data: FileBytes
    sha256: str


def load(path: Path) -> LoadedFile:
    """Read a whole file, or map it when it is a big crawl; raises ``InputError`` naming the
    file when it cannot be read."""
    try:
        with path.open("rb") as file:
            head = file.read(formats.SNIFF_BYTES)
            data: FileBytes
            if _read_whole(path, file, head):
                file.seek(0)
                data = file.read()
            else:
                data = map_file(file)
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror})") from None
    return LoadedFile(path, data, hashlib.sha256(data).hexdigest())


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a piece at a time; raises ``OSError``."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_whole(path: Path, file: BinaryIO, head: bytes) -> bool:
    """Whether the file is read into memory rather than mapped: all but big crawls."""
    if os.fstat(file.fileno()).st_size < _MAP_FROM_BYTES:
        return True
    return formats.sniff_format(path, head) not in _MAPPED_READERS


def extract_file(
    path: Path,
    fmt: str | None = None,
    part: Part | None = None,
    locators: Collection[str] | None = None,
) -> list[ExtractedArticle]:
    """Read ``path`` and return its articles; the format is sniffed when not given.

    With ``locators``, only the pages at those locators of a file of several pages are
    extracted (an article read again); with ``part``, only that part's run of them, when the
    file is of a ``SPLITTABLE_FORMATS`` format. Other files are always read whole.
    """
    return extract_loaded(load(path), fmt, part, locators)


def extract_loaded(
    loaded: LoadedFile,
    fmt: str | None = None,
    part: Part | None = None,
    locators: Collection[str] | None = None,
) -> list[ExtractedArticle]:
    """The articles in a file already read (see ``extract_file``); raises ``InputError`` for
    bad input."""
    fmt = fmt or formats.sniff_format(loaded.path, loaded.data[: formats.SNIFF_BYTES])
    if fmt is None:
        raise InputError(loaded.path, "not a saved web page Archive Browser reads")
    source = Source(path=str(loaded.path), format=fmt, sha256=loaded.sha256)
    part = part if fmt in SPLITTABLE_FORMATS else None
    if fmt not in _PAGE_READERS or (part is None and locators is None):
        return _file_articles(loaded.data, source)
    # Only the pages asked for are extracted (an archive's are read only then).
    pages = _pages(fmt, loaded.data, loaded.path)
    if locators is not None:
        pages = _only_at(pages, locators)
        if not pages:
            raise NotAnArticle(loaded.path, "the file no longer holds the pages asked for")
    return _from_pages(part.of(pages) if part is not None else pages, source)


def _only_at(pages: Sequence[SavedPage], locators: Collection[str]) -> Sequence[SavedPage]:
    """The pages at ``locators``; an archive's are picked before any page is read."""
    if isinstance(pages, ArchivePages):
        return pages.only([c for c in pages.captures if c.locator in locators])
    return [page for page in pages if page.locator in locators]


def original_page(path: Path, locator: str = "") -> str | None:
    """The decoded HTML of the saved page at ``locator`` in a file, as it was saved.

    For reading the original beside the extracted article; None when the file holds no
    HTML page there (a text scrape, or a locator the file no longer has).
    """
    return original_page_in(load(path), locator)


def original_page_in(loaded: LoadedFile, locator: str = "") -> str | None:
    """``original_page`` of a file already read (and fingerprinted, to compare)."""
    path = loaded.path
    fmt = formats.sniff_format(path, loaded.data[: formats.SNIFF_BYTES])
    if fmt in {formats.HTML, formats.SINGLEFILE} and not locator:
        return decode_text(as_bytes(loaded.data))
    if fmt not in _PAGE_READERS:
        return None
    found = _only_at(_pages(fmt, loaded.data, path), {locator})
    if not found:
        return None
    page = found[0]
    return decode_text(page.data, declared=page.charset)


def _pages(fmt: str, data: FileBytes, path: Path) -> Sequence[SavedPage]:
    """The pages of a file of several, by the reader of its format ``fmt``."""
    mapped_reader = _MAPPED_READERS.get(fmt)
    if mapped_reader is not None:
        return mapped_reader(data, path)
    return _PAGE_READERS[fmt](as_bytes(data), path)


def _file_articles(data: FileBytes, source: Source) -> list[ExtractedArticle]:
    """The articles of a whole file (``_articles``), its pages read where they lie when it
    is a crawl."""
    if source.format in _MAPPED_READERS:
        return _from_pages(_pages(source.format, data, Path(source.path)), source)
    return _articles(as_bytes(data), source, depth=0)


def _articles(data: bytes, source: Source, depth: int) -> list[ExtractedArticle]:
    if source.format in {formats.HTML, formats.SINGLEFILE}:
        return [read_html(data, source)]
    if source.format == formats.TEXT:
        return [read_text(data, source)]
    if source.format == formats.ZIP:
        return _zip_articles(data, source, depth)
    if source.format == formats.GZIP:
        return _gzip_articles(data, source, depth)
    reader = _PAGE_READERS.get(source.format)
    if reader is None:
        raise InputError(source.path, f"no reader for the {source.format} format")
    return _from_pages(reader(data, Path(source.path)), source)


def _from_pages(
    pages: Sequence[SavedPage], source: Source, prefix: str = ""
) -> list[ExtractedArticle]:
    """Extract every page; pages without an article are passed over, not fatal."""
    articles, empty = [], []
    for page in pages:
        locator = f"{prefix}#{page.locator}" if prefix and page.locator else prefix or page.locator
        try:
            articles.append(article_from_saved(replace(page, locator=locator), source))
        except NotAnArticle as exc:
            empty.append(exc.reason)
    if len(empty) == 1 and not articles:
        raise NotAnArticle(source.path, empty[0])
    if not articles:
        raise NotAnArticle(source.path, f"none of its {len(pages)} pages holds article text")
    return articles


def _zip_articles(data: bytes, source: Source, depth: int) -> list[ExtractedArticle]:
    files = dict(zipped.members(data, Path(source.path)))
    articles: list[ExtractedArticle] = []
    for name, member in files.items():
        fmt = formats.sniff_format(Path(name), member[: formats.SNIFF_BYTES])
        if fmt is None or _is_resource(name, files):
            continue
        try:
            articles.extend(
                _member_articles(name, member, fmt, files=files, source=source, depth=depth)
            )
        except InputError as exc:
            log.info("%s: member %s not imported: %s", source.path, name, exc.reason)
    if not articles:
        raise NotAnArticle(source.path, "the zip file holds no saved page with an article")
    return articles


def _member_articles(
    name: str, member: bytes, fmt: str, *, files: dict[str, bytes], source: Source, depth: int
) -> list[ExtractedArticle]:
    inner = replace(source, format=fmt, locator=name)
    if fmt in {formats.HTML, formats.SINGLEFILE}:
        base = zipped.member_base(name)
        page = SavedPage(data=member, locator=name, base=base, lookup=zipped.member_lookup(files))
        return [article_from_saved(page, inner)]
    if fmt == formats.ZIP and depth >= _MAX_ZIP_DEPTH:
        return []
    if fmt in _PAGE_READERS:
        return _from_pages(_PAGE_READERS[fmt](member, Path(source.path) / name), inner, prefix=name)
    return _articles(member, inner, depth + 1)


def _gzip_articles(data: bytes, source: Source, depth: int) -> list[ExtractedArticle]:
    """A gzip-compressed saved page (``page.html.gz``): read as the file inside."""
    try:
        inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, _MAX_GUNZIPPED_BYTES)
    except zlib.error as exc:
        raise InputError(source.path, f"not a readable gzip file ({exc})") from None
    name = Path(source.path).name.removesuffix(".gz").removesuffix(".GZ")
    fmt = formats.sniff_format(Path(name), inner[: formats.SNIFF_BYTES])
    if fmt is None or fmt == formats.GZIP or depth >= _MAX_ZIP_DEPTH:
        raise InputError(source.path, "the gzip file does not hold a saved web page")
    return _articles(inner, replace(source, format=fmt), depth + 1)


def _is_resource(name: str, files: dict[str, bytes]) -> bool:
    """Whether a member sits in the ``X_files/`` folder of a saved page ``X.html`` beside it."""
    parts = PurePosixPath(name).parts
    for position, part in enumerate(parts[:-1]):
        if part.endswith("_files"):
            stem = "/".join((*parts[:position], part[: -len("_files")]))
            if any(f"{stem}{ext}" in files for ext in (".html", ".htm", ".xhtml", ".shtml")):
                return True
    return False
