"""Point a page's images at the copies its saved file carries; never at the network."""

from __future__ import annotations

import base64
import binascii
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from archive_import.document import Asset
from archive_import.saved_page import ResourceLookup, asset_from, resolve

log = logging.getLogger(__name__)

_SOURCE_ATTRIBUTES = ("src", "data-src", "data-original", "data-lazy-src", "srcset", "data-srcset")
_MAX_ASSET_BYTES = 20_000_000


def localize_images(
    root: lxml_html.HtmlElement, base: str | None, lookup: ResourceLookup
) -> list[Asset]:
    """Rewrite every ``<img>`` to an ``asset:`` reference, or strip its source if not carried.

    Returns the assets the rewritten page refers to, each once.
    """
    found: dict[str, Asset] = {}
    for image in root.iter("img"):
        asset = _first_available(image, base, lookup)
        for name in _SOURCE_ATTRIBUTES:
            image.attrib.pop(name, None)
        if asset is not None:
            image.set("src", asset.reference)
            found.setdefault(asset.sha256, asset)
    return list(found.values())


def _first_available(
    image: lxml_html.HtmlElement, base: str | None, lookup: ResourceLookup
) -> Asset | None:
    for name in _SOURCE_ATTRIBUTES:
        value = (image.get(name) or "").strip()
        reference = value.split(",")[0].split()[0] if "srcset" in name and value else value
        if reference:
            asset = _load(reference, base, lookup)
            if asset is not None:
                return asset
    return None


def _load(reference: str, base: str | None, lookup: ResourceLookup) -> Asset | None:
    if reference.startswith("data:"):
        return _from_data_uri(reference)
    url = resolve(reference, base)
    carried = lookup(url)
    if carried is None:
        return None
    data, media_type = carried
    if len(data) > _MAX_ASSET_BYTES:
        return None
    return asset_from(data, media_type, urlsplit(url).path)


def _from_data_uri(uri: str) -> Asset | None:
    header, _, payload = uri.partition(",")
    media_type = header[5:].split(";", 1)[0] or "application/octet-stream"
    try:
        data = (
            base64.b64decode(payload, validate=False)
            if header.endswith(";base64")
            else unquote(payload).encode("latin-1", "replace")
        )
    except (binascii.Error, ValueError):
        return None
    return asset_from(data, media_type)


def folder_lookup(page_path: Path) -> ResourceLookup:
    """Finds files beside a saved page (its ``_files/`` folder) by their ``file:`` URL."""
    folder = page_path.parent.resolve()

    def lookup(url: str) -> tuple[bytes, str] | None:
        # Most images of a page are remote, or missing from its folder: both are ruled out
        # before the path is resolved, which costs a system call for each of its parts.
        if url[:5].lower() != "file:":
            return None
        parts = urlsplit(url)
        named = Path(unquote(parts.path))
        if parts.scheme != "file" or not named.is_file():
            return None
        candidate = named.resolve()
        # Only files under the page's own folder: a page must not pull in unrelated files.
        # (``named`` is a file, following links, so what it resolves to is one too.)
        if not candidate.is_relative_to(folder):
            return None
        try:
            if candidate.stat().st_size > _MAX_ASSET_BYTES:
                return None
            return candidate.read_bytes(), ""
        except OSError:
            return None

    return lookup
