"""Files the library keeps by content hash: the original saved files, and the images of articles."""

from __future__ import annotations

import gzip
import logging
import re
import shutil
from pathlib import Path

from archive_import import Asset

log = logging.getLogger(__name__)

_ASSET_REFERENCE = re.compile(r"^asset:([0-9a-f]{64})\.([a-z0-9]{1,8})$")


# Level 1 compresses saved pages nearly as well as 6 at a fraction of the time, which is
# spent in the one process that writes the library. A file already compressed (gzip, zip,
# WACZ, MAFF) is stored as it is inside the gzip wrapper: compressing it again gains nothing.
_LEVEL = 1
_COMPRESSED = (b"\x1f\x8b", b"PK\x03\x04")


class Originals:
    """The original saved files, gzip-compressed, so any article can be re-read from its source."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, sha256: str) -> Path:
        """Where the original with this digest is (or would be) kept."""
        return self.folder / sha256[:2] / f"{sha256}.gz"

    def keep(self, sha256: str, source: Path) -> None:
        """Store a compressed copy of ``source`` unless already stored; the write is atomic."""
        target = self.path_for(sha256)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        with source.open("rb") as reader:
            level = 0 if reader.read(4).startswith(_COMPRESSED) else _LEVEL
            reader.seek(0)
            with gzip.GzipFile(partial, "wb", level, mtime=0) as writer:
                shutil.copyfileobj(reader, writer, 1 << 20)
        partial.replace(target)

    def read(self, sha256: str) -> bytes:
        """The original bytes; raises ``FileNotFoundError`` when they were never kept."""
        return gzip.decompress(self.path_for(sha256).read_bytes())

    def copy_to(self, sha256: str, target: Path) -> None:
        """Write the original to ``target``, a piece at a time (a crawl may be bigger than
        the memory at hand); raises ``FileNotFoundError`` when it was never kept."""
        with gzip.open(self.path_for(sha256), "rb") as reader, target.open("wb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 20)


class AssetFiles:
    """The images articles show, one file each, named by content hash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep(self, asset: Asset) -> None:
        """Write the image unless already kept; the write is atomic."""
        target = self._path(asset.sha256, asset.reference.rsplit(".", 1)[1])
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(asset.data)
        partial.replace(target)

    def path_for(self, reference: str) -> Path | None:
        """The file behind an ``asset:`` reference, or None if it is malformed or missing."""
        match = _ASSET_REFERENCE.match(reference.strip().lower())
        if match is None:
            return None
        path = self._path(match.group(1), match.group(2))
        return path if path.is_file() else None

    def _path(self, sha256: str, extension: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.{extension}"
