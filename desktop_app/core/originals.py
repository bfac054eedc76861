"""The original saved files, kept once each by content hash so an article can be re-read."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

log = logging.getLogger(__name__)


class Originals:
    """A content-addressed folder of gzip-compressed original files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, sha256: str) -> Path:
        """Where the original with this digest is (or would be) kept."""
        return self.folder / sha256[:2] / f"{sha256}.gz"

    def keep(self, sha256: str, data: bytes) -> None:
        """Store the bytes unless already stored; the write is atomic."""
        target = self.path_for(sha256)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
        partial.replace(target)

    def read(self, sha256: str) -> bytes:
        """The original bytes; raises ``FileNotFoundError`` when they were never kept."""
        return gzip.decompress(self.path_for(sha256).read_bytes())
