"""Which saved-page format a file is, judged from its first bytes and then its name."""

from __future__ import annotations

import re
from pathlib import Path

HTML = "html"
TEXT = "text"

_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_SUFFIXES = {".txt", ".text"}
_HTML_START = re.compile(rb"^\s*(<!--|<!doctype\s+html|<html|<head|<body|<meta|<title)", re.I)
_SNIFF_BYTES = 4096


def sniff_format(path: Path, head: bytes) -> str | None:
    """The format name for a file whose first bytes are ``head``, or None if we cannot read it."""
    head = _strip_bom(head[:_SNIFF_BYTES])
    if _HTML_START.match(head) and b"<" in head and _looks_like_markup(head):
        return HTML
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return HTML
    if suffix in _TEXT_SUFFIXES and _looks_like_text(head):
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


def _looks_like_text(head: bytes) -> bool:
    # NUL bytes mean binary (or UTF-16 without a BOM, which no scraper writes).
    return b"\x00" not in head
