"""Which saved-page format a file is, judged from its first bytes and then its name."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from archive_import.maff import looks_like_htz, looks_like_maff
from archive_import.mhtml import looks_like_mhtml
from archive_import.wacz import looks_like_wacz
from archive_import.warc import looks_like_warc
from archive_import.webarchive import looks_like_webarchive

HTML = "html"
SINGLEFILE = "singlefile"
TEXT = "text"
MHTML = "mhtml"
WARC = "warc"
WACZ = "wacz"
WEBARCHIVE = "webarchive"
MAFF = "maff"
HTZ = "htz"
ZIP = "zip"
GZIP = "gzip"

SNIFF_BYTES = 4096
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_SUFFIXES = {".txt", ".text"}
_HTML_START = re.compile(rb"^\s*(<!--|<!doctype\s+html|<html|<head|<body|<meta|<title)", re.I)
_SINGLEFILE_MARK = re.compile(rb"(Page saved with SingleFile|Archive processed by SingleFile)")
_ZIP_MAGIC = b"PK\x03\x04"
_GZIP_MAGIC = b"\x1f\x8b"

# Most specific first: a WACZ, MAFF and HTZ are all zips; an MHTML file may look like text.
_CONTAINERS: tuple[tuple[str, Callable[[bytes, str], bool]], ...] = (
    (WEBARCHIVE, looks_like_webarchive),
    (WARC, looks_like_warc),
    (WACZ, looks_like_wacz),
    (MAFF, looks_like_maff),
    (HTZ, looks_like_htz),
    (MHTML, looks_like_mhtml),
)


def sniff_format(path: Path, head: bytes) -> str | None:
    """The format name for a file whose first bytes are ``head``, or None if we cannot read it."""
    head = head[:SNIFF_BYTES]
    for name, looks_like in _CONTAINERS:
        if looks_like(head, path.name):
            return name
    if head.startswith(_ZIP_MAGIC):
        return ZIP
    if head.startswith(_GZIP_MAGIC):
        return GZIP
    bare = _strip_bom(head)
    if (
        _HTML_START.match(bare) and _looks_like_markup(bare)
    ) or path.suffix.lower() in _HTML_SUFFIXES:
        return SINGLEFILE if _SINGLEFILE_MARK.search(bare) else HTML
    if path.suffix.lower() in _TEXT_SUFFIXES and b"\x00" not in bare:
        return TEXT
    return None


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return head[len(bom) :]
    return head


def _looks_like_markup(head: bytes) -> bool:
    lowered = head.lower()
    return any(tag in lowered for tag in (b"<html", b"<head", b"<body", b"<p", b"<div", b"<title"))
