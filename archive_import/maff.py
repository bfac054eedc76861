"""Read MAFF and HTZ files: zips holding saved pages, each an index.html beside its resources."""

from __future__ import annotations

import html
import io
import logging
import lzma
import mimetypes
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from lxml import etree

from archive_import.decoding import decode_text
from archive_import.errors import InputError, NotAnArticle
from archive_import.frames import FrameLookup, inline_frames
from archive_import.saved_page import SavedPage, resource_table

log = logging.getLogger(__name__)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
# Zip-bomb guards: a saved page's files are small; anything past these is skipped.
_MAX_MEMBER_BYTES = 50 * 1024 * 1024
_MAX_TOTAL_BYTES = 512 * 1024 * 1024
# What zipfile raises on a damaged directory (a garbled version number is NotImplementedError).
_ZIP_ERRORS = (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, struct.error)
# What a damaged, encrypted or exotically compressed member raises when read.
_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
)
_INDEX_NAMES = ("index.html", "index.htm", "index.xhtml", "index.shtml")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_MAF = "{http://maf.mozdev.org/metadata/rdf#}"
_RDF_RESOURCE = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}resource"
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
# WebScrapBook's item ids and data-scrapbook-create: yyyymmddHHMMSSmmm, in UTC.
_SCRAPBOOK_ID = re.compile(r"^(\d{14})(\d{3})?$")


@dataclass(frozen=True)
class _Folder:
    """One saved page of a zip: its folder ("" for the root) and what its index.rdf says."""

    prefix: str
    index: str
    metadata: Mapping[str, str]


def looks_like_maff(head: bytes, name: str) -> bool:
    """Whether a file starting with ``head`` is a MAFF archive (a zip; the name decides)."""
    return head.startswith(_ZIP_MAGIC) and (name.lower().endswith(".maff") or b"/index.rdf" in head)


def looks_like_htz(head: bytes, name: str) -> bool:
    """Whether a file starting with ``head`` is a WebScrapBook HTZ (a zip; the name decides)."""
    return head.startswith(_ZIP_MAGIC) and name.lower().endswith(".htz")


def read_maff(data: bytes, path: Path) -> list[SavedPage]:
    """One page per ``<id>/`` folder of a MAFF archive, with the folder's files as resources."""
    members = _read_members(data, path, "MAFF archive")
    folders = _folders(members) or _root(members)
    return _pages(folders, members, path, "MAFF archive", "maff")


def read_htz(data: bytes, path: Path) -> list[SavedPage]:
    """The page of an HTZ archive: ``index.html`` at the root, its resources beside it."""
    members = _read_members(data, path, "HTZ archive")
    # A MAFF renamed to .htz still reads: its folders are the pages.
    folders = _root(members) or _folders(members)
    pages = _pages(folders, members, path, "HTZ archive", "htz")
    if len(pages) == 1:
        return [replace(pages[0], locator="")]
    return pages


def _read_members(data: bytes, path: Path, kind: str) -> dict[str, bytes]:
    """Every file of the zip by name; a zip cut short yields the files before the cut."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _extract(archive, data, path)
    except _ZIP_ERRORS as error:
        members = _salvage(data)
        if not members:
            reason = f"the file is not a readable {kind}: it is no zip, or a damaged one ({error})"
            raise InputError(path, reason) from error
        log.warning("%s: damaged zip (%s); read %d files one by one", path, error, len(members))
        return members


def _extract(archive: zipfile.ZipFile, data: bytes, path: Path) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    budget = _MAX_TOTAL_BYTES
    for info in archive.infolist():
        if info.is_dir() or info.file_size > min(_MAX_MEMBER_BYTES, budget):
            continue
        try:
            with archive.open(info) as member:
                # Read one byte past the limit: the header's size may lie.
                body: bytes | None = member.read(_MAX_MEMBER_BYTES + 1)
        except _MEMBER_ERRORS as error:
            # A wrong checksum or a garbled stream may still inflate to most of the page.
            body = _local_member(data, info.header_offset)[1]
            log.warning("%s: %s is damaged (%s); kept: %s", path, info.filename, error, bool(body))
        if body is not None and len(body) <= min(_MAX_MEMBER_BYTES, budget):
            members.setdefault(_clean_name(info.filename), body)
            budget -= len(body)
    return members


def _salvage(data: bytes) -> dict[str, bytes]:
    """The files of a zip whose directory at the end is missing, found by their local headers."""
    members: dict[str, bytes] = {}
    budget = _MAX_TOTAL_BYTES
    position = data.find(_LOCAL_SIGNATURE)
    while position >= 0 and budget > 0:
        name, body, end = _local_member(data, position)
        if body is not None and name and not name.endswith("/"):
            members.setdefault(name, body)
            budget -= len(body)
        position = data.find(_LOCAL_SIGNATURE, max(end, position + 4))
    return members


def _local_member(data: bytes, position: int) -> tuple[str, bytes | None, int]:
    """Name, bytes and end offset of the member whose local header starts at ``position``."""
    if data[position : position + 4] != _LOCAL_SIGNATURE or position + 30 > len(data):
        return "", None, position
    fields = _LOCAL_HEADER.unpack_from(data, position)
    flags, method, size, name_length, extra_length = (fields[i] for i in (2, 3, 7, 9, 10))
    name_start = position + _LOCAL_HEADER.size
    raw_name = data[name_start : name_start + name_length]
    name = _clean_name(raw_name.decode("utf-8" if flags & 0x800 else "cp437", "replace"))
    start = name_start + name_length + extra_length
    body, length = _unpack(memoryview(data)[start:], flags, method, size)
    return name, body, start + length


def _unpack(view: memoryview, flags: int, method: int, size: int) -> tuple[bytes | None, int]:
    """One member's bytes and the length of its compressed data (0 when unknown)."""
    if flags & 0x1:
        return None, 0  # encrypted
    if method == zipfile.ZIP_STORED and not flags & 0x8 and size <= _MAX_MEMBER_BYTES:
        return bytes(view[:size]), size
    if method != zipfile.ZIP_DEFLATED:
        return None, 0
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        body = inflater.decompress(view, _MAX_MEMBER_BYTES + 1)
    except zlib.error:
        return None, 0
    if len(body) > _MAX_MEMBER_BYTES:
        return None, 0
    # A member cut off by the end of the file keeps what was inflated: a page's first half.
    return body, len(view) - len(inflater.unused_data) - len(inflater.unconsumed_tail)


def _clean_name(name: str) -> str:
    # Some Windows zip tools write backslashes; references in pages always use slashes.
    return name.replace("\\", "/").lstrip("/")


def _root(members: Mapping[str, bytes]) -> list[_Folder]:
    index = next((name for name in _INDEX_NAMES if name in members), None)
    return [_Folder("", index, {})] if index else []


def _folders(members: Mapping[str, bytes]) -> list[_Folder]:
    """The top-level folders that hold an index file, in the order the zip lists them."""
    prefixes = dict.fromkeys(name.split("/", 1)[0] + "/" for name in members if "/" in name)
    folders = []
    for prefix in prefixes:
        metadata = _read_rdf(members.get(prefix + "index.rdf"))
        index = _index_of(prefix, members, metadata.get("indexfilename", ""))
        if index:
            folders.append(_Folder(prefix, index, metadata))
    return folders


def _index_of(prefix: str, members: Mapping[str, bytes], named: str) -> str | None:
    """The folder's index file: the one index.rdf names, an index.html, or any other index.*."""
    for name in (named, *_INDEX_NAMES):
        if name and prefix + name in members:
            return prefix + name
    # MAF saves a picture or a PDF as index.png, index.pdf…: a page, but not a web page.
    others = (n for n in members if n.startswith(prefix + "index.") and "/" not in n[len(prefix) :])
    return next((n for n in others if n != prefix + "index.rdf"), None)


def _pages(
    folders: list[_Folder], members: Mapping[str, bytes], path: Path, kind: str, scheme: str
) -> list[SavedPage]:
    if not folders:
        raise InputError(path, f"the {kind} holds no index.html, so it has no page to read")
    pages = [_page(f, members, scheme) for f in folders if _is_html_name(f.index)]
    for skipped in (f.index for f in folders if not _is_html_name(f.index)):
        log.info("%s: %s is not a web page; skipped", path, skipped)
    if not pages:
        found = ", ".join(f.index for f in folders)
        raise NotAnArticle(path, f"the {kind} holds no web page, only {found}")
    log.debug("%s %s: %d pages", kind, path, len(pages))
    return pages


def _page(folder: _Folder, members: Mapping[str, bytes], scheme: str) -> SavedPage:
    """One folder's page; its references resolve against ``<scheme>://<folder>/index.html``."""
    # The folder is the pseudo-URL's host, so "../" and "/" stay inside the page's own files.
    root = f"{scheme}://{quote(folder.prefix.rstrip('/'))}/"
    data = members[folder.index]
    meta = folder.metadata
    charset = meta.get("charset") or None
    text = decode_text(data, charset)
    attributes = _html_attributes(text)
    base = root + quote(folder.index[len(folder.prefix) :])
    inlined = inline_frames(text, base, _frame_finder(members, folder.prefix, root))
    if inlined != text:
        # Frame documents may each have their own encoding; once decoded, UTF-8 holds them all.
        data, charset = inlined.encode("utf-8"), "utf-8"
    return SavedPage(
        data=data,
        charset=charset,
        url=meta.get("originalurl") or attributes.get("data-scrapbook-source") or None,
        captured=_captured(meta, attributes, folder.prefix),
        locator=folder.index,
        base=base,
        title=meta.get("title") or None,
        lookup=resource_table(_resources(members, folder.prefix, root)),
    )


def _resources(
    members: Mapping[str, bytes], prefix: str, root: str
) -> dict[str, tuple[bytes, str]]:
    """The files of one page's folder, keyed by the pseudo-URL its references resolve to."""
    return {
        root + name[len(prefix) :]: (data, mimetypes.guess_type(name)[0] or "")
        for name, data in members.items()
        if name.startswith(prefix) and not name.endswith("/")
    }


def _frame_finder(members: Mapping[str, bytes], prefix: str, root: str) -> FrameLookup:
    def find(url: str) -> str | None:
        if not url.startswith(root):
            return None
        name = prefix + unquote(url[len(root) :].partition("#")[0])
        data = members.get(name)
        if data is None or not _is_html_name(name):
            return None
        return decode_text(data)

    return find


def _read_rdf(data: bytes | None) -> dict[str, str]:
    """MAF:originalurl, title, archivetime, charset… from an index.rdf, as far as it reads."""
    if not data:
        return {}
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        log.debug("index.rdf is not readable XML; the page keeps no MAF metadata")
        return {}
    found: dict[str, str] = {}
    for element in root.iter(f"{_MAF}*"):
        value = element.get(_RDF_RESOURCE) or element.text or ""
        name = etree.QName(element).localname.lower()
        if value.strip():
            found.setdefault(name, value.strip())
    return found


def _html_attributes(page: str) -> dict[str, str]:
    match = _HTML_TAG.search(page[:20_000])
    if not match:
        return {}
    pairs = re.findall(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", match.group(0))
    return {key.lower(): html.unescape(a or b or c) for key, a, b, c in pairs}


def _captured(meta: Mapping[str, str], attributes: Mapping[str, str], prefix: str) -> str | None:
    """The save time: the RDF's archivetime, else WebScrapBook's timestamp, else its item id."""
    stamp = _rfc2822(meta.get("archivetime", ""))
    stamp = stamp or _scrapbook_time(attributes.get("data-scrapbook-create", ""))
    stamp = stamp or _scrapbook_time(prefix.rstrip("/"))
    return stamp.isoformat(timespec="seconds") if stamp else None


def _rfc2822(value: str) -> datetime | None:
    try:
        stamp = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    if stamp is not None and stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp


def _scrapbook_time(value: str) -> datetime | None:
    match = _SCRAPBOOK_ID.match(value.strip())
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _is_html_name(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in _HTML_SUFFIXES
