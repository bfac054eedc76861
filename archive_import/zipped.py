"""A plain ``.zip`` of saved pages: every member that is a saved page is read in its format."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from archive_import.errors import InputError
from archive_import.saved_page import ResourceLookup

log = logging.getLogger(__name__)

# A member larger than this is passed over: no saved page is that big, a zip bomb is.
MAX_MEMBER_BYTES = 200_000_000
BASE_SCHEME = "zip"

MemberReader = Callable[[str, bytes], None]


def members(data: bytes, path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each file in the zip, in archive order, hidden and system files left out."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(path, f"not a readable zip file ({exc})") from None
    with archive:
        for info in archive.infolist():
            if _wanted(info):
                try:
                    yield info.filename, archive.read(info)
                except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                    log.warning("%s: member %s unreadable: %s", path, info.filename, exc)


def _wanted(info: zipfile.ZipInfo) -> bool:
    parts = PurePosixPath(info.filename).parts
    hidden = any(p.startswith(".") or p == "__MACOSX" for p in parts)
    return not info.is_dir() and not hidden and info.file_size <= MAX_MEMBER_BYTES


def member_base(name: str) -> str:
    """The pseudo-URL a member's relative references resolve against."""
    return f"{BASE_SCHEME}:///{quote(name)}"


def member_lookup(files: dict[str, bytes]) -> ResourceLookup:
    """Finds the zip's other members by the pseudo-URL ``member_base`` gives them."""

    def lookup(url: str) -> tuple[bytes, str] | None:
        parts = urlsplit(url)
        if parts.scheme != BASE_SCHEME:
            return None
        data = files.get(unquote(parts.path).lstrip("/"))
        return (data, "") if data is not None else None

    return lookup
