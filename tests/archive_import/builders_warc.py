"""WARC, ARC and WACZ files the tests write themselves, with warcio's own writer."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.pages import article_page, long_paragraphs

DATE = "2024-03-01T10:00:00Z"
# A real 1x1 PNG, so the image is recognised by its bytes as well as its type.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@dataclass(frozen=True)
class Record:
    """One record to write: WARC type, target URI, HTTP status line and headers, body."""

    kind: str
    url: str
    body: bytes = b""
    status: str | None = "200 OK"
    """None writes no HTTP block (resource and metadata records)."""
    headers: tuple[tuple[str, str], ...] = ()
    warc_headers: tuple[tuple[str, str], ...] = ()
    date: str = DATE


def html(title: str, *topics: str) -> bytes:
    """An article page with long paragraphs, in UTF-8."""
    return article_page(title, long_paragraphs(*topics)).encode("utf-8")


def page(
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    headers: tuple[tuple[str, str], ...] = (),
    date: str = DATE,
) -> Record:
    """An HTML ``response`` record with status 200."""
    return Record(
        "response", url, body, headers=(("Content-Type", content_type), *headers), date=date
    )


def image(url: str, data: bytes = PNG, media_type: str = "image/png") -> Record:
    return Record("response", url, data, headers=(("Content-Type", media_type),))


def stylesheet(url: str) -> Record:
    return Record(
        "response", url, b"body { color: black }", headers=(("Content-Type", "text/css"),)
    )


def redirect(url: str, location: str) -> Record:
    body = b"<html><body><a href='%s'>Moved</a></body></html>" % location.encode()
    headers = (("Content-Type", "text/html"), ("Location", location))
    return Record("response", url, body, "301 Moved Permanently", headers)


def error_page(url: str, title: str = "Not found") -> Record:
    return Record(
        "response",
        url,
        html(title, "Nothing here."),
        "404 Not Found",
        (("Content-Type", "text/html"),),
    )


def request(url: str) -> Record:
    return Record("request", url, status="GET / HTTP/1.1", headers=(("Host", "example.org"),))


def resource(url: str, body: bytes, media_type: str) -> Record:
    return Record("resource", url, body, None, warc_headers=(("Content-Type", media_type),))


def digest(body: bytes) -> str:
    """The payload digest warcio writes: sha1, base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()  # noqa: S324


def revisit(
    url: str,
    original: Record,
    *,
    refers_to: bool = True,
    media_type: str = "text/html",
    date: str = DATE,
) -> Record:
    """A revisit of ``original``; without ``refers_to`` only the payload digest links them."""
    links = (("WARC-Refers-To-Target-URI", original.url), ("WARC-Refers-To-Date", original.date))
    return Record(
        "revisit",
        url,
        status="200 OK",
        headers=(("Content-Type", media_type),),
        warc_headers=(
            *(links if refers_to else ()),
            ("WARC-Payload-Digest", digest(original.body)),
        ),
        date=date,
    )


def chunked(body: bytes, size: int = 100) -> bytes:
    """``body`` in HTTP/1.1 chunked transfer coding."""
    parts = [
        b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size])
        for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def warc_bytes(records: Iterable[Record], *, compress: bool = True, version: str = "1.0") -> bytes:
    """A WARC file holding ``records`` after a warcinfo record; one gzip member per record."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress, warc_version=version)
    writer.write_record(
        writer.create_warcinfo_record("test.warc", {"software": "archive-browser tests"})
    )
    for record in records:
        writer.write_record(_warcio_record(writer, record))
    return out.getvalue()


def write_warc(path: Path, records: Iterable[Record], **options: object) -> Path:
    path.write_bytes(warc_bytes(records, **options))  # type: ignore[arg-type]
    return path


def record_ids(data: bytes) -> list[str]:
    """The WARC-Record-IDs of a file, in order, without their angle brackets."""
    return [
        r.rec_headers.get_header("WARC-Record-ID").strip("<>")
        for r in ArchiveIterator(io.BytesIO(data))
    ]


def _warcio_record(writer: WARCWriter, record: Record) -> object:
    warc_headers = dict(record.warc_headers)
    warc_headers.setdefault("WARC-Date", record.date)
    http = None
    if record.status is not None:
        protocol = "" if record.kind == "request" else "HTTP/1.1"
        http = StatusAndHeaders(record.status, list(record.headers), protocol=protocol)
    if record.kind == "revisit":
        links = dict(record.warc_headers)
        return writer.create_revisit_record(
            record.url,
            links.pop("WARC-Payload-Digest"),
            links.get("WARC-Refers-To-Target-URI", ""),
            links.get("WARC-Refers-To-Date", ""),
            http_headers=http,
            warc_headers_dict={"WARC-Date": record.date},
        )
    return writer.create_warc_record(
        record.url,
        record.kind,
        payload=io.BytesIO(record.body),
        length=len(record.body),
        warc_content_type=warc_headers.pop("Content-Type", ""),
        warc_headers_dict=warc_headers,
        http_headers=http,
    )


def arc_bytes(captures: Sequence[tuple[str, str, bytes]]) -> bytes:
    """A gzipped ARC v1 file: ``(url, yyyymmddhhmmss, HTTP response bytes)`` per capture."""
    version = (
        b"1 0 Archive Browser tests\nURL IP-address Archive-date Content-type Archive-length\n"
    )
    members = [_arc_member(b"filedesc://test.arc 0.0.0.0 20140216050221 text/plain", version)]
    for url, date, response in captures:
        members.append(_arc_member(f"{url} 93.184.216.34 {date} text/html".encode(), response))
    return b"".join(members)


def _arc_member(header: bytes, body: bytes) -> bytes:
    return gzip.compress(header + b" %d\n" % len(body) + body + b"\n")


def http_response(body: bytes, content_type: str = "text/html") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def write_wacz(
    path: Path,
    warcs: dict[str, bytes],
    pages: Sequence[dict[str, str]] = (),
    *,
    first: str = "datapackage.json",
) -> Path:
    """A WACZ: ``archive/<name>`` per WARC, ``pages/pages.jsonl``, ``datapackage.json``.

    ``first`` picks which member opens the zip, as producers order them differently.
    """
    lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})]
    lines += [json.dumps(entry) for entry in pages]
    members = {f"archive/{name}": data for name, data in warcs.items()}
    members["pages/pages.jsonl"] = "\n".join(lines).encode()
    package = {
        "profile": "data-package",
        "wacz_version": "1.1.1",
        "resources": [{"path": n} for n in members],
    }
    members["datapackage.json"] = json.dumps(package).encode()
    order = sorted(members, key=lambda name: name != first)
    with zipfile.ZipFile(path, "w") as archive:
        for name in order:
            # WACZ stores its WARCs uncompressed, so they can be read by offset.
            archive.writestr(name, members[name], zipfile.ZIP_STORED)
    return path
