"""Read the HTML pages, and the images they show, out of a WARC or ARC web archive."""

from __future__ import annotations

import base64
import binascii
import gzip
import html
import importlib
import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, overload
from urllib.parse import unquote, urldefrag, urlsplit, urlunsplit

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.bufferedreaders import (  # type: ignore[import-untyped]
    ChunkedDataException,
    ChunkedDataReader,
)
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

from archive_import.decoding import decode_text
from archive_import.errors import InputError, NotAnArticle
from archive_import.file_bytes import FileBytes, open_in_place
from archive_import.frames import inline_frames
from archive_import.saved_page import ResourceLookup, SavedPage, resolve, resource_table
from archive_import.saved_page import sniff_image_type as _sniff_image

log = logging.getLogger(__name__)


class Stream(Protocol):
    """What warcio reads an archive from: a file, a zip member, a gzip stream."""

    def read(self, size: int = -1, /) -> bytes: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...

    def tell(self) -> int: ...

    def close(self) -> None: ...


# Opens the archive's bytes from the start; called again when a first reading fails, and
# to read a record again where its stream seeks cheaply.
Opener = Callable[[], Stream]
# A record's payload, read when it is needed.
Fetch = Callable[[], bytes]

_GZIP_MAGIC = b"\x1f\x8b"
_WARC_STARTS = (b"WARC/", b"filedesc://")
# An ARC v1 record line, for ARC files that lack the filedesc:// header: URL IP date type length.
_ARC_RECORD_LINE = re.compile(rb"[a-z][a-z0-9+.-]*://\S+ \S+ \d{14} \S+ \d+\r?\n", re.I)
_GZIPPED_NAMES = (".warc.gz", ".arc.gz", ".warc.gzip")
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Types crawlers write when the server sent none; the payload decides what it is.
_UNTYPED = {"", "application/octet-stream", "unk", "no-type", "application/x-unknown"}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.I)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)
_FRAME_SRC = re.compile(rb"""<i?frame\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)
_ENCODING_ALIASES = {"identity": "", "none": "", "x-gzip": "gzip"}
_MAX_IMAGE_BYTES = 20_000_000
_MAX_REDIRECTS = 5
# What a damaged archive, or a damaged gzip stream around it, raises while being read.
_READ_ERRORS = (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError)


def _optional_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


# Not a dependency: pages served with Content-Encoding br are read only when it is installed.
# (warcio's own brotli support breaks on current Brotli releases, so it is not used.)
_BROTLI = _optional_module("brotli")


@dataclass(frozen=True)
class Capture:
    """An HTML page of an archive: what its record's headers say, and how to read its body.

    The body is read again from the archive when the page is extracted, so that a crawl of
    thousands of pages holds one page's bytes at a time, not all of them decoded.
    """

    fetch: Fetch
    charset: str | None
    url: str
    captured: str | None
    locator: str
    title: str | None = None
    """A title the container records (a WACZ's page list)."""


@dataclass
class WarcContents:
    """What one or more WARC files hold that articles need: pages, images and their links."""

    pages: list[Capture] = field(default_factory=list)
    images: dict[str, tuple[Fetch, str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    kinds: Counter[str] = field(default_factory=Counter)
    # Ways a revisit can name its original (URI and date, URI, payload digest).
    page_keys: set[str] = field(default_factory=set)
    image_keys: dict[str, tuple[Fetch, str]] = field(default_factory=dict)
    revisits: list[tuple[str, str, list[str]]] = field(default_factory=list)

    @property
    def records(self) -> int:
        """How many records were read."""
        return sum(self.kinds.values())

    def merge(self, other: WarcContents) -> None:
        """Add what another WARC of the same collection holds (a WACZ carries several)."""
        self.pages.extend(other.pages)
        for url, image in other.images.items():
            self.images.setdefault(url, image)
        for source, target in other.redirects.items():
            self.redirects.setdefault(source, target)
        self.kinds.update(other.kinds)
        self.page_keys |= other.page_keys
        for key, image in other.image_keys.items():
            self.image_keys.setdefault(key, image)
        self.revisits.extend(other.revisits)

    def final_url(self, url: str) -> str:
        """Where ``url`` led when the archive recorded redirects from it."""
        return _followed(self.redirects, url)

    def lookup(self) -> ResourceLookup:
        """Finds an image of the archive by URL, following recorded redirects."""
        table = resource_table(self.images)
        redirects = self.redirects

        # Not a method of self: the lookup needs only the images and the redirects.
        def find(url: str) -> tuple[bytes, str] | None:
            found = table(url) or table(_followed(redirects, url))
            if found is None:
                return None
            fetch, media_type = found
            data = fetch()
            return (data, media_type) if data else None

        return find


def _followed(redirects: dict[str, str], url: str) -> str:
    for _ in range(_MAX_REDIRECTS):
        target = redirects.get(url_key(url))
        if target is None:
            break
        url = target
    return url


def looks_like_warc(head: bytes, name: str) -> bool:
    """Whether a file starting with ``head`` is a WARC or ARC archive, plain or gzipped."""
    if head.startswith(_GZIP_MAGIC):
        inner = _gunzip_start(head)
        if not inner:
            # Gzip we cannot open from its first bytes: only the name tells what is inside.
            return name.lower().endswith(_GZIPPED_NAMES)
        head = inner
    return _is_archive_start(head)


def read_warc(data: FileBytes, path: Path) -> ArchivePages:
    """One ``SavedPage`` per HTML page captured in a WARC/ARC file, in the file's order."""
    contents = scan_warc(partial(open_in_place, data), path)
    return saved_pages(contents, path)


def scan_warc(
    open_stream: Opener, path: Path, member: str = "", *, seeks_cheaply: bool = True
) -> WarcContents:
    """Read every record of one archive; recovers from badly gzipped and truncated files.

    ``member`` names the archive inside a container (a WACZ) and prefixes the locators.
    Where ``open_stream``'s streams seek cheaply, the pages and images are read again from
    their records when needed; otherwise (a compressed zip member, an archive gzipped
    whole, which seek by reading from the start) their bodies are kept as they are read.
    """
    what = member or "the file"
    start = _start(open_stream)
    _check_start(start, path, what)
    attempts: list[Opener] = [open_stream]
    if start.startswith(_GZIP_MAGIC):
        # A file gzipped whole, or in members that split records, reads as one stream.
        attempts.append(lambda: gzip.GzipFile(fileobj=open_stream(), mode="rb"))
    is_arc = _gunzip_start(start).startswith(b"filedesc://")
    best, first_error = WarcContents(), None
    for attempt in attempts:
        contents = WarcContents()
        reopen = open_stream if attempt is open_stream and seeks_cheaply else None
        try:
            _read_records(attempt(), contents, member, is_arc=is_arc, reopen=reopen)
        except _READ_ERRORS as exc:
            log.info("%s %s: reading stopped: %s", path, member, _brief(exc))
            first_error = first_error or exc
            best = contents if contents.records > best.records else best
            continue
        return contents
    if not best.records:
        raise InputError(path, f"{what} is not a valid WARC file: {_plain(first_error)}")
    log.warning("%s %s: damaged; kept %d records", path, member, best.records)
    return best


def _check_start(start: bytes, path: Path, what: str) -> None:
    """Refuse what is no archive at all: warcio takes any line of five words for an ARC record."""
    if _is_archive_start(_gunzip_start(start)):
        return
    if not start:
        reason = "it is empty"
    elif start.startswith(_GZIP_MAGIC) and not _gunzip_start(start):
        reason = "its gzip compression is damaged"
    else:
        reason = "it does not begin with a WARC or ARC record header"
    raise InputError(path, f"{what} is not a valid WARC file: {reason}")


def _is_archive_start(head: bytes) -> bool:
    head = head.lstrip(b"\r\n")
    return head.startswith(_WARC_STARTS) or _ARC_RECORD_LINE.match(head) is not None


class ArchivePages(Sequence[SavedPage]):
    """An archive's pages, each read from the archive as it is taken: extracting a crawl
    page by page holds one page's bytes at a time (and the images it shows)."""

    def __init__(
        self, captures: list[Capture], documents: dict[str, Capture], lookup: ResourceLookup
    ) -> None:
        self.captures = captures
        self._documents = documents
        self._lookup = lookup

    def __len__(self) -> int:
        return len(self.captures)

    @overload
    def __getitem__(self, index: int) -> SavedPage: ...

    @overload
    def __getitem__(self, index: slice) -> ArchivePages: ...

    def __getitem__(self, index: int | slice) -> SavedPage | ArchivePages:
        if isinstance(index, slice):
            return self.only(self.captures[index])
        return _saved(self.captures[index], self._documents, self._lookup)

    def only(self, captures: list[Capture]) -> ArchivePages:
        """These pages of the same archive (a part of them, or the ones a list names)."""
        return ArchivePages(captures, self._documents, self._lookup)


def saved_pages(contents: WarcContents, path: Path) -> ArchivePages:
    """The pages of an archive, each able to find the archive's images and frames."""
    if not contents.records:
        raise InputError(path, "the file is not a valid WARC file: it holds no records")
    _resolve_revisits(contents)
    if not contents.pages:
        raise NotAnArticle(path, f"the archive holds no HTML pages ({_summary(contents.kinds)})")
    lookup = contents.lookup()
    documents: dict[str, Capture] = {}
    for capture in contents.pages:
        documents.setdefault(url_key(capture.url), capture)
    return ArchivePages(contents.pages, documents, lookup)


def url_key(url: str) -> str:
    """A URL in the form used to match captures: no fragment or percent-encoding, a path."""
    url = unquote(urldefrag(url.strip())[0])
    try:
        scheme, host, path, query, _ = urlsplit(url)
    except ValueError:
        return url
    if not host:
        return url
    return urlunsplit((scheme.lower(), host.lower(), path or "/", query, ""))


def _read_records(
    stream: Stream, contents: WarcContents, member: str, *, is_arc: bool, reopen: Opener | None
) -> None:
    """Read every record of ``stream`` into ``contents``; ``reopen`` (when the stream seeks
    cheaply) opens it again, to read a page or image when it is needed."""
    records = ArchiveIterator(stream, arc2warc=True)
    try:
        while (record := _next_record(records)) is not None:
            # ARC records have no id (warcio invents a new one on every reading): use the offset.
            locator = f"offset:{records.offset}" if is_arc else _record_id(record)
            locator = f"{member}#{locator}" if member else locator
            where = None if reopen is None else (reopen, records.offset)
            contents.kinds[_take(record, contents, locator, where)] += 1
    finally:
        if records.err_count:
            log.warning("%d records had a wrong Content-Length", records.err_count)


def _fetcher(data: bytes, where: tuple[Opener, int] | None) -> Fetch:
    """How to have a record's payload again: read from its place, or kept as read."""
    if where is None:
        return lambda: data
    reopen, offset = where
    return partial(_payload_at, reopen, offset)


def _payload_at(reopen: Opener, offset: int) -> bytes:
    """The payload of the record starting at ``offset`` (nothing when it cannot be read)."""
    stream = reopen()
    records = None
    try:
        stream.seek(offset)
        records = ArchiveIterator(stream, arc2warc=True)
        record = _next_record(records)
        payload = _payload(record) if record is not None else b""
    except _READ_ERRORS as exc:
        log.warning("a record read before could not be read again at %d: %s", offset, exc)
        payload = b""
    finally:
        # Its buffers go now, not when the collector finds the iterator's reference cycle.
        if records is not None:
            records.close()
        stream.close()
    return payload if isinstance(payload, bytes) else b""


def _next_record(records: Any) -> Any:
    try:
        return next(records)
    except StopIteration:
        return None
    except (AttributeError, TypeError, IndexError, KeyError) as exc:
        # warcio's parser trips over some malformed headers (no WARC-Target-URI) this way.
        raise ArchiveLoadFailed(f"malformed record header ({exc})") from exc


def _take(
    record: Any, contents: WarcContents, locator: str, where: tuple[Opener, int] | None
) -> str:
    """Note what ``record`` holds for articles; returns what kind of record it was."""
    kind = _kind(record)
    if kind == "revisit":
        _note_revisit(record, contents)
    elif kind == "redirect":
        _note_redirect(record, contents)
    elif kind in ("HTML page", "image", "untyped"):
        kind = _keep_payload(record, kind, contents, locator, where)
    return kind


def _keep_payload(
    record: Any, kind: str, contents: WarcContents, locator: str, where: tuple[Opener, int] | None
) -> str:
    # Read now to tell an untyped payload's kind and to pass over empty ones; kept only
    # where the record cannot be read again cheaply.
    data = _payload(record)
    if isinstance(data, _Unreadable):
        return f"{'page' if kind == 'HTML page' else 'file'} compressed with {data.encoding}"
    kind = _sniffed_kind(data) if kind == "untyped" else kind
    if kind == "HTML page" and data.strip():
        _keep_page(record, _fetcher(data, where), contents, locator)
    elif kind == "image" and data and len(data) <= _MAX_IMAGE_BYTES:
        media_type = _media_type(record) or _sniff_image(data) or ""
        _keep_image(record, (_fetcher(data, where), media_type), contents)
    elif kind == "HTML page":
        kind = "empty page"
    return kind


def _kind(record: Any) -> str:
    rec_type = str(record.rec_type)
    if rec_type not in ("response", "resource"):
        return rec_type if rec_type in ("revisit", "request") else f"{rec_type} record"
    status = _status(record)
    if status.startswith("3"):
        return "redirect"
    if status.startswith(("4", "5")):
        return "error page"
    if status != "200":
        return "incomplete response"
    return _kind_of_type(_media_type(record))


def _kind_of_type(media_type: str) -> str:
    if media_type in _HTML_TYPES:
        return "HTML page"
    if media_type.startswith("image/"):
        return "image"
    return "untyped" if media_type in _UNTYPED else "non-HTML file"


def _sniffed_kind(data: bytes) -> str:
    if _sniff_image(data):
        return "image"
    return "HTML page" if _HTML_START.match(data[:1024]) else "non-HTML file"


def _keep_page(record: Any, fetch: Fetch, contents: WarcContents, locator: str) -> None:
    url = _target(record)
    headers = record.http_headers or record.rec_headers
    match = _CHARSET.search(headers.get_header("Content-Type") or "")
    captured = record.rec_headers.get_header("WARC-Date")
    contents.pages.append(Capture(fetch, match.group(1) if match else None, url, captured, locator))
    contents.page_keys.update(_original_keys(record, url))


def _keep_image(record: Any, image: tuple[Fetch, str], contents: WarcContents) -> None:
    url = _target(record)
    contents.images.setdefault(url, image)
    for key in _original_keys(record, url):
        contents.image_keys.setdefault(key, image)


def _note_revisit(record: Any, contents: WarcContents) -> None:
    """Remember a revisit; it is resolved once every record has been seen."""
    headers = record.rec_headers
    refers_to = _clean_uri(headers.get_header("WARC-Refers-To-Target-URI") or "")
    date = headers.get_header("WARC-Refers-To-Date") or ""
    keys = [f"uri:{url_key(refers_to)}@{date}"] if refers_to and date else []
    digest = _digest_key(headers.get_header("WARC-Payload-Digest"))
    keys += [digest] if digest else []
    keys += [f"uri:{url_key(refers_to)}"] if refers_to else []
    contents.revisits.append((_target(record), _media_type(record), keys))


def _note_redirect(record: Any, contents: WarcContents) -> None:
    location = record.http_headers.get_header("Location") if record.http_headers else None
    url = _target(record)
    if location and url:
        contents.redirects.setdefault(url_key(url), resolve(location, url))


def _resolve_revisits(contents: WarcContents) -> None:
    """Give image revisits their original's bytes; a page revisit never adds a page.

    A revisit of a page already taken would be the same article twice, and one whose
    original is not in the file has nothing to read.
    """
    for url, media_type, keys in contents.revisits:
        image = next((contents.image_keys[k] for k in keys if k in contents.image_keys), None)
        if image is not None:
            contents.images.setdefault(url, image)
        elif media_type in _HTML_TYPES:
            duplicate = any(k in contents.page_keys for k in keys)
            log.debug("revisit of %s skipped: %s", url, "duplicate" if duplicate else "no original")


def _original_keys(record: Any, url: str) -> list[str]:
    """The names a later revisit may use for this record."""
    date = record.rec_headers.get_header("WARC-Date") or ""
    digest = _digest_key(record.rec_headers.get_header("WARC-Payload-Digest"))
    keys = [f"uri:{url_key(url)}@{date}", f"uri:{url_key(url)}"]
    return [*keys, digest] if digest else keys


def _digest_key(value: str | None) -> str | None:
    """A payload digest in one spelling: producers write sha1/sha-1, base32/hex/base64."""
    if not value or ":" not in value:
        return None
    algorithm, _, text = value.strip().partition(":")
    algorithm = algorithm.lower().replace("-", "")
    decoders: tuple[Callable[[str], bytes], ...] = (
        bytes.fromhex,
        lambda t: base64.b32decode(t.upper()),
        lambda t: base64.b64decode(t, validate=True),
        base64.urlsafe_b64decode,
    )
    for decode in decoders:
        try:
            return f"{algorithm}:{decode(text.strip()).hex()}"
        except (ValueError, binascii.Error):
            continue
    return f"{algorithm}:{text.strip()}"


@dataclass(frozen=True)
class _Unreadable:
    """A payload compressed in a way we cannot undo (``br`` without the brotli module, zstd)."""

    encoding: str


def _payload(record: Any) -> bytes | _Unreadable:
    """The HTTP body with chunking and compression removed; as stored when that fails."""
    body: bytes = record.raw_stream.read()
    headers = record.http_headers
    if headers is None:
        return body
    if "chunked" in (headers.get_header("Transfer-Encoding") or "").lower():
        body = _dechunked(body)
    encoding = (headers.get_header("Content-Encoding") or "").strip().lower()
    encoding = _ENCODING_ALIASES.get(encoding, encoding)
    # Browser-based crawlers store the body decoded but keep the header.
    if not encoding or _sniffed_kind(body.lstrip()[:1024]) != "non-HTML file":
        return body
    decoded = _decompressed(body, encoding)
    if decoded is None and encoding not in ("gzip", "deflate"):
        return _Unreadable(encoding)
    # A body that fails to gunzip was most likely stored already decoded.
    return body if decoded is None else decoded


def _dechunked(body: bytes) -> bytes:
    # warcio's reader stops de-chunking, keeping the bytes, where the chunk sizes stop making sense.
    try:
        return bytes(ChunkedDataReader(io.BytesIO(body)).read())
    except (ChunkedDataException, ValueError) as exc:
        log.debug("chunked payload kept as stored: %s", exc)
        return body


def _decompressed(body: bytes, encoding: str) -> bytes | None:
    """``body`` uncompressed; a truncated stream gives what it holds; None when unreadable."""
    if encoding in ("gzip", "deflate"):
        # 47: a gzip or zlib header, told apart by zlib; -15: a bare deflate stream.
        for wbits in (47, -15) if encoding == "deflate" else (47,):
            try:
                return zlib.decompressobj(wbits=wbits).decompress(body)
            except zlib.error:
                continue
    if encoding == "br" and _BROTLI is not None:
        try:
            return bytes(_BROTLI.decompress(body))
        except _BROTLI.error:
            return None
    return None


def _status(record: Any) -> str:
    if record.http_headers is None:
        return "200"  # resource records and non-HTTP captures carry the document itself
    return str(record.http_headers.get_statuscode() or "").strip()


def _media_type(record: Any) -> str:
    headers = record.http_headers or record.rec_headers
    value = headers.get_header("Content-Type") or ""
    return str(value).split(";", 1)[0].strip().lower()


def _target(record: Any) -> str:
    return _clean_uri(record.rec_headers.get_header("WARC-Target-URI") or "")


def _clean_uri(uri: str) -> str:
    # wget 1.x writes the URI inside <...>; warcio fixes that only for the target URI.
    uri = uri.strip()
    return uri[1:-1].strip() if uri.startswith("<") and uri.endswith(">") else uri


def _record_id(record: Any) -> str:
    return _clean_uri(record.rec_headers.get_header("WARC-Record-ID") or "")


def _saved(capture: Capture, documents: dict[str, Capture], lookup: ResourceLookup) -> SavedPage:
    data, charset = _with_frames(capture, capture.fetch(), documents)
    return SavedPage(
        data=data,
        charset=charset,
        url=capture.url or None,
        captured=capture.captured,
        locator=capture.locator,
        base=capture.url or None,
        title=capture.title,
        lookup=lookup,
    )


def _with_frames(
    capture: Capture, data: bytes, documents: dict[str, Capture]
) -> tuple[bytes, str | None]:
    """The page (``data``) with the documents of its frames put in place, when the archive
    has them."""
    base = capture.url or None

    def find(url: str) -> str | None:
        document = documents.get(url_key(url))
        if document is None or document is capture:
            return None
        return decode_text(document.fetch(), document.charset)

    sources = (html.unescape(s.decode("latin-1")) for s in _FRAME_SRC.findall(data))
    keys = {url_key(resolve(source, base)) for source in sources}
    if not any(documents.get(key, capture) is not capture for key in keys):
        return data, capture.charset
    page = decode_text(data, capture.charset)
    inlined = inline_frames(page, base, find)
    if inlined is page:
        return data, capture.charset
    return inlined.encode("utf-8"), "utf-8"


def _start(open_stream: Opener) -> bytes:
    stream = open_stream()
    try:
        return stream.read(512)
    finally:
        stream.close()


def _gunzip_start(head: bytes) -> bytes:
    """The first bytes inside a gzip stream (or ``head`` itself when it is not gzip)."""
    if not head.startswith(_GZIP_MAGIC):
        return head
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 1024)
    except zlib.error:
        return b""


def _brief(exc: BaseException | None) -> str:
    """An error in one line: warcio's messages span a paragraph with advice for developers."""
    text = " ".join(str(exc or "no records found").split()).removeprefix("ERROR: ")
    return text if len(text) <= 160 else text[:157] + "..."


def _plain(exc: BaseException | None) -> str:
    """Why a file could not be read, in words for the user."""
    if isinstance(exc, (zlib.error, EOFError, gzip.BadGzipFile)):
        return "its gzip compression is damaged"
    if str(exc).startswith(("Unknown archive format", "Invalid WARC record", "Invalid ARC record")):
        return "it does not begin with a WARC or ARC record header"
    return _brief(exc)


def _summary(kinds: Counter[str]) -> str:
    total = sum(kinds.values())
    parts = ", ".join(f"{n} {_plural(kind) if n != 1 else kind}" for kind, n in kinds.most_common())
    return f"{total} record{'s' if total != 1 else ''}: {parts}" if parts else "0 records"


def _plural(kind: str) -> str:
    noun, sep, rest = kind.partition(" compressed with ")
    return f"{noun}s{sep}{rest}"
