"""What a container format hands to extraction: one HTML document and the files beside it."""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import unquote, urldefrag, urljoin, uses_relative

from archive_import.document import Asset
from archive_import.url_join import join

log = logging.getLogger(__name__)

# Looks up the bytes and media type of a resource by its absolute URL (or cid:/local key).
ResourceLookup = Callable[[str], "tuple[bytes, str] | None"]
_V = TypeVar("_V")


def _no_resources(_url: str) -> tuple[bytes, str] | None:
    return None


@dataclass(frozen=True)
class SavedPage:
    """One HTML document found in a saved file, before its article is extracted.

    Container readers (MHTML, WARC, webarchive, MAFF…) produce these; ``extract`` turns each
    into an article. ``base`` is what relative references in the page resolve against:
    the page's URL, or a pseudo-URL for a local file or a zip member.
    """

    data: bytes
    """The document's bytes, undecoded."""
    charset: str | None = None
    """The charset the container declares for the document (HTTP header, MIME part, plist)."""
    url: str | None = None
    """Where the page was captured from, when the container says."""
    captured: str | None = None
    """When it was captured or saved, ISO 8601."""
    locator: str = ""
    """Where in the file the page sits: a WARC record id, a MIME part, a zip member."""
    base: str | None = None
    """What relative references resolve against; defaults to ``url``."""
    title: str | None = None
    """A title the container records (a MAFF index.rdf, a WACZ pages.jsonl)."""
    lookup: ResourceLookup = field(default=_no_resources, compare=False, repr=False)
    """Finds the bytes of an image the file carries, by absolute URL."""


def resource_table(entries: Mapping[str, _V]) -> Callable[[str], _V | None]:
    """A lookup over URL -> value (bytes and media type, or how to read them) that ignores
    fragments and percent-encoding."""
    table = {_key(url): value for url, value in entries.items()}

    def lookup(url: str) -> _V | None:
        return table.get(_key(url))

    return lookup


def _key(url: str) -> str:
    return unquote(urldefrag(url.strip())[0])


def resolve(reference: str, base: str | None) -> str:
    """The absolute form of a reference found in a page.

    Works for pseudo-schemes too (``zip:``, ``maff:``): urljoin resolves relative
    references only for schemes it knows, so the base is joined as if it were http.
    """
    reference = reference.strip()
    if not base or reference.startswith(("data:", "cid:")):
        return reference
    scheme, _, rest = base.partition(":")
    if scheme.lower() in uses_relative or not rest.startswith("//"):
        return join(base, reference)
    joined = urljoin("http:" + rest, reference)
    return scheme + joined[4:] if joined.startswith("http:") else joined


def asset_from(data: bytes, media_type: str | None, name: str = "") -> Asset | None:
    """An ``Asset`` for image bytes, or None when they are not an image."""
    kind = (media_type or "").split(";", 1)[0].strip().lower()
    if not kind.startswith("image/"):
        kind = mimetypes.guess_type(name)[0] or sniff_image_type(data) or ""
    if not kind.startswith("image/") or not data:
        return None
    return Asset(hashlib.sha256(data).hexdigest(), kind, data)


def sniff_image_type(data: bytes) -> str | None:
    """The media type of common image formats, from their first bytes."""
    signatures = (
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"BM", "image/bmp"),
    )
    for signature, kind in signatures:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if b"<svg" in data[:512]:
        return "image/svg+xml"
    return None
