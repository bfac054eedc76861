"""Read the pages of a WACZ: a zip of WARC files with a list of the pages that were archived."""

from __future__ import annotations

import json
import logging
import struct
import zipfile
import zlib
from dataclasses import replace
from functools import partial
from pathlib import Path

from archive_import.errors import InputError
from archive_import.file_bytes import ByteStream, FileBytes, open_in_place
from archive_import.warc import (
    ArchivePages,
    Opener,
    WarcContents,
    saved_pages,
    scan_warc,
    url_key,
)

log = logging.getLogger(__name__)

_ZIP_MAGIC = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4s2xH10xIIHH")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# Members only a WACZ has at its root (spec 1.1: datapackage, archive/, pages/, indexes/).
_WACZ_NAMES = ("datapackage.json", "datapackage-digest.json", "pages/pages.jsonl")
_WACZ_FOLDERS = ("archive/", "indexes/")
# A member that fails to unpack raises one of these on read.
_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)


def looks_like_wacz(head: bytes, name: str) -> bool:
    """Whether a file starting with ``head`` is a WACZ; the ``.wacz`` name decides for other zips.

    Only the members whose local headers fall within ``head`` can be seen; a WACZ whose
    first members are large and that is not named ``.wacz`` needs the zip's listing.
    """
    if not head.startswith(_ZIP_MAGIC):
        return False
    if any(_is_wacz_member(member) for member in _member_names(head)):
        return True
    return name.lower().endswith(".wacz")


def read_wacz(data: FileBytes, path: Path) -> ArchivePages:
    """One ``SavedPage`` per archived page, titled from ``pages/pages.jsonl``, in archive order."""
    try:
        archive = zipfile.ZipFile(open_in_place(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(path, f"the WACZ file is not a valid zip archive: {exc}") from exc
    with archive:
        warcs = [info for info in archive.infolist() if _is_warc(info.filename)]
        if not warcs:
            raise InputError(path, "the WACZ file holds no WARC files in its archive/ folder")
        contents = _read_warcs(archive, warcs, data, path)
        listed = _listed_pages(archive)
    pages = saved_pages(contents, path)
    return _chosen(pages, listed, contents)


def _read_warcs(
    archive: zipfile.ZipFile, warcs: list[zipfile.ZipInfo], data: FileBytes, path: Path
) -> WarcContents:
    """Every WARC of the WACZ as one collection, so revisits find originals in other WARCs.

    A WARC stored in the zip uncompressed (as WACZ files store theirs: they are gzipped
    already) is read in place from the WACZ's bytes, so its pages can be read again one at a
    time; a compressed member is read once, through the zip module, and its pages kept.
    """
    contents, failures = WarcContents(), []
    for info in warcs:
        start = _stored_start(data, info)
        opener: Opener = (
            partial(archive.open, info)
            if start is None
            else partial(ByteStream, data, start, info.file_size)
        )
        seeks_cheaply = start is not None
        try:
            contents.merge(scan_warc(opener, path, info.filename, seeks_cheaply=seeks_cheaply))
        except InputError as exc:
            failures.append(exc.reason)
        except _MEMBER_ERRORS as exc:
            failures.append(f"{info.filename} cannot be unpacked: {exc}")
    for reason in failures:
        log.warning("%s: skipped: %s", path, reason)
    if len(failures) == len(warcs):
        raise InputError(path, failures[0])
    return contents


def _listed_pages(archive: zipfile.ZipFile) -> dict[str, str]:
    """URL -> title ("" when none) of the pages the crawl lists in ``pages/*.jsonl``."""
    listed: dict[str, str] = {}
    for info in archive.infolist():
        if not (info.filename.startswith("pages/") and info.filename.endswith(".jsonl")):
            continue
        try:
            lines = archive.read(info).decode("utf-8", "replace").splitlines()
        except _MEMBER_ERRORS as exc:
            log.warning("page list %s unreadable: %s", info.filename, exc)
            continue
        for entry in filter(None, map(_json_object, lines)):
            url, title = entry.get("url"), entry.get("title")
            if isinstance(url, str) and url:
                listed.setdefault(url, title.strip() if isinstance(title, str) else "")
    return listed


def _chosen(pages: ArchivePages, listed: dict[str, str], contents: WarcContents) -> ArchivePages:
    """The listed pages with their titles; every page when the list matches none.

    A crawl also captures the HTML of frames and embeds; the page list says which
    documents were the pages visited. A listed URL may have redirected to the page.
    """
    titles = {url_key(contents.final_url(url)): title for url, title in listed.items()}
    chosen = [
        replace(capture, title=titles[url_key(capture.url)] or None)
        for capture in pages.captures
        if capture.url and url_key(capture.url) in titles
    ]
    return pages.only(chosen) if chosen else pages


def _stored_start(data: FileBytes, info: zipfile.ZipInfo) -> int | None:
    """Where a member stored uncompressed and unencrypted begins in the zip's bytes; None
    for any other member (or a local header that does not read as one)."""
    if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
        return None
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        return None
    magic, _flags, _compressed, _size, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if magic != _ZIP_MAGIC:
        return None
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    return start if start + info.file_size <= len(data) else None


def _json_object(line: str) -> dict[str, object] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _member_names(head: bytes) -> list[str]:
    """Names of the zip members whose local headers lie wholly within ``head``."""
    names, offset = [], 0
    while offset + _LOCAL_HEADER.size <= len(head):
        magic, flags, size, _, name_length, extra_length = _LOCAL_HEADER.unpack_from(head, offset)
        start = offset + _LOCAL_HEADER.size
        if magic != _ZIP_MAGIC or start + name_length > len(head):
            break
        names.append(head[start : start + name_length].decode("utf-8", "replace"))
        if flags & 0x08 or size == 0xFFFFFFFF:
            break  # the size follows the data (or is in a zip64 field): no way to skip ahead
        offset = start + name_length + extra_length + size
    return names


def _is_wacz_member(name: str) -> bool:
    return name in _WACZ_NAMES or name.startswith(_WACZ_FOLDERS)


def _is_warc(name: str) -> bool:
    return name.startswith("archive/") and name.lower().endswith(_WARC_SUFFIXES)
