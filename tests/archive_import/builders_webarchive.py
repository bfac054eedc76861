"""Build real Safari .webarchive files (binary or XML property lists) for the tests."""

from __future__ import annotations

import html
import plistlib
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.pages import long_paragraphs

Plist = dict[str, Any]


def tiny_png(red: int = 255, green: int = 0, blue: int = 0) -> bytes:
    """A valid 1x1 PNG of one colour (different colours give different asset hashes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes([0, red, green, blue]))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def article_html(
    title: str,
    *topics: str,
    images: Sequence[str] = (),
    charset: str | None = "utf-8",
    head: str = "",
) -> str:
    """An article page: nav, an ``<article>`` with an ``<h1>``, long paragraphs and figures."""
    paragraphs = [f"<p>{html.escape(text)}</p>" for text in long_paragraphs(*topics)]
    figures = [
        f'<figure><img src="{src}" alt="figure {n}"></figure>' for n, src in enumerate(images)
    ]
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(p + (figures[n] if n < len(figures) else "") for n, p in enumerate(paragraphs))
    return (
        f"<!DOCTYPE html><html lang='en'><head>{meta}<title>{html.escape(title)}</title>{head}"
        '</head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Copyright 2024 Example Publishing.</footer></body></html>"
    )


def resource(
    url: str,
    data: bytes,
    mime: str = "text/html",
    encoding: str | None = "UTF-8",
    frame_name: str | None = "",
) -> Plist:
    """One WebResource dictionary; ``encoding``/``frame_name`` None leave the key out."""
    entry: Plist = {"WebResourceURL": url, "WebResourceData": data, "WebResourceMIMEType": mime}
    if encoding is not None:
        entry["WebResourceTextEncodingName"] = encoding
    if frame_name is not None:
        entry["WebResourceFrameName"] = frame_name
    return entry


def image(url: str, data: bytes | None = None, mime: str = "image/png") -> Plist:
    """A subresource as Safari stores images: no encoding name, no frame name."""
    return resource(url, data or tiny_png(), mime, encoding=None, frame_name=None)


def web_archive(
    main: Plist, subresources: Sequence[Plist] = (), frames: Sequence[Plist] = ()
) -> Plist:
    """A web archive dictionary (also the shape of each entry of WebSubframeArchives)."""
    archive: Plist = {"WebMainResource": main}
    if subresources:
        archive["WebSubresources"] = list(subresources)
    if frames:
        archive["WebSubframeArchives"] = list(frames)
    return archive


def write_webarchive(
    folder: Path, name: str, archive: Plist, fmt: plistlib.PlistFormat = plistlib.FMT_BINARY
) -> Path:
    """Write ``archive`` as a property list file and return its path."""
    path = folder / name
    path.write_bytes(plistlib.dumps(archive, fmt=fmt))
    return path
