"""One saved file in, its articles out: read, fingerprint, pick the reader for its format."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archive_import import formats
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import InputError
from archive_import.html_page import read_html
from archive_import.text_page import read_text

log = logging.getLogger(__name__)

Reader = Callable[[bytes, Source], list[ExtractedArticle]]

_READERS: dict[str, Reader] = {
    formats.HTML: lambda data, source: [read_html(data, source)],
    formats.TEXT: lambda data, source: [read_text(data, source)],
}


@dataclass(frozen=True)
class LoadedFile:
    """A file's bytes and their fingerprint, read once."""

    path: Path
    data: bytes
    sha256: str


def load(path: Path) -> LoadedFile:
    """Read a whole file; raises ``InputError`` naming the file when it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror})") from None
    return LoadedFile(path, data, hashlib.sha256(data).hexdigest())


def extract_loaded(loaded: LoadedFile, fmt: str) -> list[ExtractedArticle]:
    """The articles in a loaded file of format ``fmt``; raises ``InputError`` for bad input."""
    reader = _READERS.get(fmt)
    if reader is None:
        raise InputError(loaded.path, f"no reader for the {fmt} format")
    source = Source(path=str(loaded.path), format=fmt, sha256=loaded.sha256)
    return reader(loaded.data, source)


def extract_file(path: Path, fmt: str | None = None) -> list[ExtractedArticle]:
    """Read ``path`` and return its articles; the format is sniffed when not given."""
    loaded = load(path)
    fmt = fmt or formats.sniff_format(path, loaded.data[:4096])
    if fmt is None:
        raise InputError(path, "not a saved web page Archive Browser reads")
    return extract_loaded(loaded, fmt)
