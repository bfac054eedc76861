"""Read MHTML and MHT files (Chrome's "Saved by Blink", IE, Word) into saved pages."""

from __future__ import annotations

import email
import email.policy
import logging
import quopri
import re
from dataclasses import dataclass
from datetime import timezone
from email.errors import MissingHeaderBodySeparatorDefect
from email.message import Message
from email.utils import collapse_rfc2231_value, parsedate_to_datetime
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from archive_import.decoding import decode_text
from archive_import.errors import InputError
from archive_import.frames import FrameLookup, inline_frames
from archive_import.saved_page import (
    ResourceLookup,
    SavedPage,
    resolve,
    resource_table,
    sniff_image_type,
)

log = logging.getLogger(__name__)

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_FIELD = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*[ \t]*:")
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
# Chrome's boundaries end in "----", so a boundary is everything after the first two dashes.
_BOUNDARY_LINE = re.compile(rb"^--(\S{6,200})[ \t]*\r?$", re.M)
_FRAME_TAG = re.compile(rb"<i?frame\b", re.I)
_QP_ESCAPE = re.compile(rb"=(?:[0-9A-F]{2}|\r?\n)")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--)", re.I)
_MHTML_SIGNS = (
    b"multipart/related",
    b"snapshot-content-location:",
    b"<saved by blink>",
    b"x-mimeole:",
)
_MHTML_SUFFIXES = {".mht", ".mhtml"}
_MAX_HEADER_BYTES = 65_536
# A URL scheme that names where a page came from, unlike the file-internal cid:/mid: ones.
_INTERNAL_SCHEMES = {"cid", "mid"}


@dataclass(frozen=True)
class _Part:
    """One leaf of the MIME tree, with its body already decoded from base64 or QP."""

    media_type: str
    data: bytes
    charset: str | None = None
    location: str = ""
    content_id: str = ""

    @property
    def is_html(self) -> bool:
        return self.media_type in _HTML_TYPES and bool(self.data.strip())


def looks_like_mhtml(head: bytes, name: str) -> bool:
    """Whether a file starting with ``head`` is MHTML/MHT; the name decides only vague cases."""
    head = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not _FIELD.match(head):
        return False
    lowered = head.lower()
    if b"mime-version:" not in lowered and b"content-type:" not in lowered:
        return False
    if any(sign in lowered for sign in _MHTML_SIGNS):
        return True
    return Path(name).suffix.lower() in _MHTML_SUFFIXES


def read_mhtml(data: bytes, path: Path) -> list[SavedPage]:
    """The page an MHTML file holds, with its frames in place and its images in ``lookup``.

    Damaged files are read as far as they go; raises ``InputError`` when no HTML is left.
    """
    if not data.strip():
        raise InputError(path, "the file is empty")
    msg = email.message_from_bytes(_rejoin_headers(data), policy=email.policy.default)
    parts = _parts(msg, data)
    main = _main_part(msg, parts)
    if main is None:
        damaged = bool(msg.defects)
        raise InputError(
            path,
            "the MHTML file is damaged and no HTML part could be recovered from it"
            if damaged
            else "the MHTML file has no HTML part",
        )
    return [_saved_page(msg, main, parts)]


def _saved_page(msg: Message, main: _Part, parts: list[_Part]) -> SavedPage:
    url = _page_url(_header(msg, "Snapshot-Content-Location")) or _page_url(main.location)
    base = url or main.location or None
    page, charset = _with_frames(main, parts, base)
    return SavedPage(
        data=page,
        charset=charset,
        url=url,
        captured=_captured(_header(msg, "Date")),
        base=base,
        title=_header(msg, "Subject") or None,
        lookup=_images(parts, base),
    )


def _rejoin_headers(data: bytes) -> bytes:
    """Indent header lines that continue a header but lack the whitespace that says so.

    Blink wrote encoded-words over several unindented lines; ``email`` then stops reading
    headers there and takes the whole file for a plain-text body.
    """
    end = _BLANK_LINE.search(data, 0, _MAX_HEADER_BYTES)
    if end is None:
        return data
    lines = data[: end.start()].split(b"\n")
    fixed = [
        line if index == 0 or line[:1] in (b" ", b"\t") or _FIELD.match(line) else b" " + line
        for index, line in enumerate(lines)
    ]
    if fixed == lines:
        return data
    log.info("re-joined %d header lines that lost their indentation", _count_changed(fixed, lines))
    return b"\n".join(fixed) + data[end.start() :]


def _count_changed(fixed: list[bytes], lines: list[bytes]) -> int:
    return sum(new != old for new, old in zip(fixed, lines, strict=True))


def _parts(msg: Message, data: bytes) -> list[_Part]:
    header_broken = any(isinstance(d, MissingHeaderBodySeparatorDefect) for d in msg.defects)
    declared_multipart = msg.get_content_maintype() == "multipart"
    if msg.is_multipart() or not (header_broken or declared_multipart):
        parts = [_part_of(leaf) for leaf in msg.walk() if not leaf.is_multipart()]
        if parts:
            return parts
    log.info("MHTML structure is damaged (%s); scanning for its parts", msg.defects)
    return _scan_parts(data, msg.get_boundary())


def _scan_parts(data: bytes, declared: str | None) -> list[_Part]:
    """Split a body whose boundary ``email`` could not use, and read each piece as a part."""
    end = _BLANK_LINE.search(data)
    body = data[end.end() :] if end else data
    boundary = _find_boundary(body, declared)
    chunks = _split(body, boundary) if boundary else [body]
    return [
        _part_of(email.message_from_bytes(chunk.lstrip(b"\r\n"), policy=email.policy.default))
        for chunk in chunks
        if chunk.strip()
    ]


def _find_boundary(body: bytes, declared: str | None) -> bytes | None:
    if declared:
        wanted = declared.encode("ascii", "replace")
        if re.search(rb"^--" + re.escape(wanted), body, re.M):
            return wanted
    found = _BOUNDARY_LINE.search(body)
    return found.group(1) if found else None


def _split(body: bytes, boundary: bytes) -> list[bytes]:
    delimiter = re.compile(rb"(?:^|\r?\n)--" + re.escape(boundary) + rb"(?:--)?[ \t]*(?=\r?\n|$)")
    return delimiter.split(body)


def _part_of(leaf: Message) -> _Part:
    payload = leaf.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    if "Content-Type" not in leaf:
        return _headerless(data, leaf)
    return _Part(
        media_type=leaf.get_content_type(),
        data=data,
        charset=leaf.get_content_charset(),
        location=_header(leaf, "Content-Location"),
        content_id=_header(leaf, "Content-ID").strip("<> \t"),
    )


def _headerless(data: bytes, leaf: Message) -> _Part:
    """A part that lost its Content-Type: guess HTML or image from the bytes themselves."""
    if "Content-Transfer-Encoding" not in leaf and _QP_ESCAPE.search(data[:4096]):
        data = quopri.decodestring(data)
    kind = "text/html" if _HTML_START.match(data) else sniff_image_type(data) or ""
    log.debug("part without a Content-Type taken for %r", kind)
    return _Part(
        media_type=kind,
        data=data,
        location=_header(leaf, "Content-Location"),
        content_id=_header(leaf, "Content-ID").strip("<> \t"),
    )


def _main_part(msg: Message, parts: list[_Part]) -> _Part | None:
    """The page itself: named by Snapshot-Content-Location, else by ``start``, else the first."""
    html = [part for part in parts if part.is_html]
    snapshot = _header(msg, "Snapshot-Content-Location")
    start = collapse_rfc2231_value(msg.get_param("start", "")).strip("<> \t")
    named = [part for part in html if snapshot and part.location == snapshot]
    started = [part for part in html if start and part.content_id == start]
    return next(iter(named + started + html), None)


def _with_frames(main: _Part, parts: list[_Part], base: str | None) -> tuple[bytes, str | None]:
    """The main document's bytes and charset, re-encoded as UTF-8 when frames were inlined."""
    if not _FRAME_TAG.search(main.data):
        return main.data, main.charset
    find = _frame_finder(main, parts, base)
    page = decode_text(main.data, main.charset)
    inlined = inline_frames(page, base, find)
    if inlined == page:
        return main.data, main.charset
    return inlined.encode("utf-8"), "utf-8"


def _frame_finder(main: _Part, parts: list[_Part], base: str | None) -> FrameLookup:
    html = [part for part in parts if part.is_html]
    first_at: dict[str, _Part] = {}
    for part in html:
        first_at.setdefault(part.location, part)
    table: dict[str, _Part] = {}
    for part in html:
        # Chrome files a script-written frame (about:blank, mostly ads) under its parent's
        # location, after the parent; only the first part at a location is its own document.
        if part is not main and (not part.location or first_at[part.location] is part):
            for key in _keys(part, base):
                table.setdefault(urldefrag(key)[0], part)

    def find(url: str) -> str | None:
        part = table.get(urldefrag(url.strip())[0])
        return decode_text(part.data, part.charset) if part else None

    return find


def _images(parts: list[_Part], base: str | None) -> ResourceLookup:
    entries: dict[str, tuple[bytes, str]] = {}
    for part in parts:
        kind = part.media_type
        if kind == "application/octet-stream":
            kind = sniff_image_type(part.data) or kind
        if kind.startswith("image/") and part.data:
            for key in _keys(part, base):
                entries.setdefault(key, (part.data, kind))
    return resource_table(entries)


def _keys(part: _Part, base: str | None) -> list[str]:
    """The names a page may use for a part: ``cid:`` + its Content-ID, and its location."""
    keys = [f"cid:{part.content_id}"] if part.content_id else []
    if part.location:
        keys += {part.location, resolve(part.location, base)}
    return keys


def _page_url(location: str) -> str | None:
    scheme = urlsplit(location).scheme.lower()
    # One letter is a Windows drive ("C:/..."), not a scheme.
    return location if len(scheme) > 1 and scheme not in _INTERNAL_SCHEMES else None


def _captured(raw: str) -> str | None:
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        # RFC 5322's "-0000" zone: the time is UTC, the sender's own zone unknown.
        when = when.replace(tzinfo=timezone.utc)
    return when.isoformat()


def _header(msg: Message, name: str) -> str:
    """A header's decoded value, or "" when it is absent or too broken to parse."""
    try:
        value = msg.get(name)
        return " ".join(str(value).split()) if value is not None else ""
    # email's header parser has known crashes on malformed input; a bad header is no header.
    except (IndexError, ValueError, TypeError, AttributeError):
        return ""
