"""Read Safari .webarchive files: a property list holding a page, its images and its frames."""

from __future__ import annotations

import logging
import plistlib
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from archive_import.decoding import decode_text
from archive_import.errors import InputError, NotAnArticle
from archive_import.frames import inline_frames
from archive_import.saved_page import ResourceLookup, SavedPage, resource_table

log = logging.getLogger(__name__)

_NOT_READABLE = "the file is not a readable Safari web archive"
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_XML_PLIST = re.compile(rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!DOCTYPE\s+plist|<plist)", re.I)
# Frames nest rarely past two levels; the limit stops a crafted archive from recursing for ever.
_MAX_FRAME_DEPTH = 8
# plistlib reports damage through whichever low-level error the broken bytes happen to trigger.
_PLIST_ERRORS = (
    plistlib.InvalidFileException,
    ExpatError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    struct.error,
    RecursionError,
)

Plist = dict[str, Any]


def looks_like_webarchive(head: bytes, name: str) -> bool:
    """Whether a file starting with ``head`` is a Safari web archive (binary or XML plist)."""
    named = name.lower().endswith(".webarchive")
    if head.startswith(b"bplist00"):
        # Apple writes the root dictionary's keys first, so they sit within the first bytes.
        return named or b"WebMainResource" in head
    return _XML_PLIST.match(head) is not None and (named or b"WebMainResource" in head)


def read_webarchive(data: bytes, path: Path) -> list[SavedPage]:
    """The page a web archive holds, with its images and frame documents looked up offline."""
    archive = _load(data, path)
    main = archive.get("WebMainResource")
    if not isinstance(main, dict) or not isinstance(main.get("WebResourceData"), bytes):
        raise InputError(path, f"{_NOT_READABLE}: it has no main page (WebMainResource)")
    if not _is_html(main):
        kind = _text(main, "WebResourceMIMEType") or "of an unknown type"
        raise NotAnArticle(path, f"the web archive's main resource is {kind}, not a web page")
    url = _text(main, "WebResourceURL")
    images: dict[str, tuple[bytes, str]] = {}
    frames: dict[str, tuple[bytes, str]] = {}
    for part in _archives(archive, depth=0, seen=set()):
        _collect(part, images, frames)
    if url:
        # The page itself is no frame of its own; an iframe pointing back at it stays empty.
        frames.pop(url, None)
    page, charset = _with_frames(main, url, resource_table(frames))
    log.debug("web archive %s: %d resources, %d frames", path, len(images), len(frames))
    return [SavedPage(data=page, charset=charset, url=url, base=url, lookup=resource_table(images))]


def _load(data: bytes, path: Path) -> Plist:
    try:
        archive = plistlib.loads(data)
    except _PLIST_ERRORS as error:
        raise InputError(path, f"{_NOT_READABLE}: {_damage(error)}") from error
    if not isinstance(archive, dict):
        raise InputError(path, f"{_NOT_READABLE}: its property list holds no dictionary")
    return archive


def _damage(error: BaseException) -> str:
    detail = str(error).strip()
    if isinstance(error, plistlib.InvalidFileException) or not detail:
        return "the property list is damaged or cut short"
    return f"the property list is damaged ({detail})"


def _archives(archive: Plist, depth: int, seen: set[int]) -> Iterator[Plist]:
    """The archive and every frame archive inside it, each once."""
    # plistlib hands back one object for every reference to it, so a crafted file could
    # list the same frame many times over; identity keeps the walk linear.
    if id(archive) in seen or depth > _MAX_FRAME_DEPTH:
        return
    seen.add(id(archive))
    yield archive
    for frame in _list(archive, "WebSubframeArchives"):
        yield from _archives(frame, depth + 1, seen)


def _collect(
    archive: Plist, images: dict[str, tuple[bytes, str]], frames: dict[str, tuple[bytes, str]]
) -> None:
    for resource in _list(archive, "WebSubresources"):
        url, data = _text(resource, "WebResourceURL"), resource.get("WebResourceData")
        if url and isinstance(data, bytes):
            images.setdefault(url, (data, _text(resource, "WebResourceMIMEType") or ""))
    main = archive.get("WebMainResource")
    if isinstance(main, dict) and _is_html(main):
        url, data = _text(main, "WebResourceURL"), main.get("WebResourceData")
        if url and isinstance(data, bytes):
            frames.setdefault(url, (data, _text(main, "WebResourceTextEncodingName") or ""))


def _with_frames(main: Plist, url: str | None, frames: ResourceLookup) -> tuple[bytes, str | None]:
    """The main page's bytes and charset, with its frames' documents put in place."""
    data: bytes = main["WebResourceData"]
    charset = _text(main, "WebResourceTextEncodingName")
    page = decode_text(data, charset)

    def find(frame_url: str) -> str | None:
        found = frames(frame_url)
        return decode_text(found[0], found[1] or None) if found else None

    inlined = inline_frames(page, url, find)
    if inlined == page:
        return data, charset
    # Frame documents may each have their own encoding; once decoded, UTF-8 holds them all.
    return inlined.encode("utf-8"), "utf-8"


def _is_html(resource: Plist) -> bool:
    kind = (_text(resource, "WebResourceMIMEType") or "").split(";", 1)[0].strip().lower()
    if kind:
        return kind in _HTML_TYPES
    head = bytes(resource.get("WebResourceData") or b"")[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _text(resource: Plist, key: str) -> str | None:
    value = resource.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _list(archive: Plist, key: str) -> list[Plist]:
    value = archive.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
