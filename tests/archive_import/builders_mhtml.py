"""Small MHTML/MHT files built with the email package, as Chrome, IE and Word write them."""

from __future__ import annotations

import email.policy
import html
import quopri
import struct
import zlib
from collections.abc import Sequence
from email import encoders
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart

from tests.pages import FILLER

CHROME_BOUNDARY = "----MultipartBoundary--Xq3vLk2pZb8YwN4tRsU7aE1oHcJ9dFgT6mK0iQ5yV----"
IE_BOUNDARY = "----=_NextPart_000_0000_01DA1B2C.3D4E5F60"


def article_html(title: str, *topics: str, inside: str = "", charset: str | None = None) -> str:
    """A page whose ``<article>`` holds a heading, long paragraphs and ``inside``."""
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{html.escape(topic)} {FILLER * 2}</p>" for topic in topics)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{html.escape(title)}</title></head><body>"
        '<nav><a href="/">Home</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{paragraphs}{inside}</article>"
        "<footer>Copyright 2024 Example Publishing.</footer></body></html>"
    )


def html_part(
    page: str | bytes,
    *,
    location: str | None = None,
    cid: str | None = None,
    charset: str | None = "utf-8",
    encoding: str = "quoted-printable",
) -> Message:
    """A text/html part, quoted-printable (as Chrome and IE write it) or base64."""
    data = page if isinstance(page, bytes) else page.encode(charset or "utf-8")
    part = MIMEBase("text", "html")
    if charset:
        part.set_param("charset", charset)
    if encoding == "quoted-printable":
        _quote(part, data)
    else:
        part.set_payload(data)
        encoders.encode_base64(part)
    return _named(part, location, cid)


def image_part(data: bytes, *, location: str | None = None, cid: str | None = None) -> Message:
    """A base64 image/png part."""
    part = MIMEBase("image", "png")
    part.set_payload(data)
    encoders.encode_base64(part)
    return _named(part, location, cid)


def css_part(text: str, *, location: str) -> Message:
    """A stylesheet part, which must never be taken for the page."""
    part = MIMEBase("text", "css")
    _quote(part, text.encode("utf-8"))
    return _named(part, location, None)


def _quote(part: Message, data: bytes) -> None:
    # Like Chrome and IE, unlike email.encoders: spaces stay spaces.
    part.set_payload(quopri.encodestring(data).decode("ascii"))
    part["Content-Transfer-Encoding"] = "quoted-printable"


def _named(part: Message, location: str | None, cid: str | None) -> Message:
    del part["MIME-Version"]  # email.mime adds it to every part; saved pages have it once.
    if cid:
        part["Content-ID"] = f"<{cid}>"
    if location:
        part["Content-Location"] = location
    return part


def chrome_mhtml(
    parts: Sequence[Message],
    *,
    snapshot: str | None = None,
    subject: str = "Saved page",
    date: str = "Tue, 3 Mar 2020 11:49:41 -0000",
    start: str | None = None,
    crlf: bool = True,
) -> bytes:
    """An MHTML file as Chrome's "Saved by Blink" writes it (CRLF, or LF like 2016 Chrome)."""
    root = MIMEMultipart("related", boundary=CHROME_BOUNDARY)
    root.set_param("type", "text/html")
    if start:
        root.set_param("start", f"<{start}>")
    root["From"] = "<Saved by Blink>"
    if snapshot:
        root["Snapshot-Content-Location"] = snapshot
    root["Subject"] = Header(subject, "utf-8").encode() if not subject.isascii() else subject
    root["Date"] = date
    return _flatten(root, parts, crlf=crlf)


def ie_mht(parts: Sequence[Message], *, subject: str = "Saved page") -> bytes:
    """An .mht file as Internet Explorer writes it: X-MimeOLE, ``----=_NextPart_`` boundary."""
    root = MIMEMultipart("related", boundary=IE_BOUNDARY)
    root.set_param("type", "text/html")
    root["From"] = "<Saved by Windows Internet Explorer 8>"
    root["Subject"] = subject
    root["Date"] = "Wed, 15 May 2013 09:12:05 +0200"
    root["X-MimeOLE"] = "Produced By Microsoft MimeOLE V6.1.7601.17609"
    root.preamble = "This is a multi-part message in MIME format."
    return _flatten(root, parts, crlf=True)


def _flatten(root: MIMEMultipart, parts: Sequence[Message], *, crlf: bool) -> bytes:
    for name in ("MIME-Version", "Content-Type"):  # after From/Subject/Date, as browsers write
        value = root[name]
        del root[name]
        root[name] = value
    for part in parts:
        root.attach(part)
    # Browsers never fold the long boundary parameter into RFC 2231 pieces.
    policy = email.policy.SMTP if crlf else email.policy.default
    return root.as_bytes(policy=policy.clone(max_line_length=998))


def png(seed: int) -> bytes:
    """A valid 1x1 PNG; each seed gives different pixel bytes, so a different asset."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes([0, seed % 256, (seed * 7) % 256, (seed * 13) % 256]))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def break_header_continuation(data: bytes) -> bytes:
    """Add an encoded-word header continued on an unindented line, like Blink did in 2016."""
    broken = b"X-Snapshot-Title: =?utf-8?Q?This is on multiple\nlines\n"
    return broken + data


def drop_boundary_parameter(data: bytes) -> bytes:
    """Remove the boundary parameter from the top Content-Type, leaving the parts as they are."""
    return data.replace(f'boundary="{CHROME_BOUNDARY}"'.encode(), b"", 1)


def drop_boundary_lines(data: bytes, boundary: str = CHROME_BOUNDARY) -> bytes:
    """Remove every boundary line from the body, leaving one run of headers and content."""
    lines = data.splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(f"--{boundary}".encode()))


def strip_part_headers(data: bytes, content_type: bytes = b"text/html") -> bytes:
    """Remove the header block of the first part of ``content_type`` (a part without headers)."""
    start = data.index(b"Content-Type: " + content_type)
    end = data.index(b"\r\n\r\n", start) + 4
    return data[:start] + data[end:]
