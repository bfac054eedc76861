"""Turn the paths a user named into the files to read, every one of them accounted for."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from archive_import.formats import sniff_format

log = logging.getLogger(__name__)

_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Found:
    """A file we can read, and its format."""

    path: Path
    format: str


@dataclass(frozen=True)
class Passed:
    """A file or path we do not read; ``failed`` when the user named it and it is unusable."""

    path: Path
    reason: str
    failed: bool


def discover(paths: Sequence[Path | str]) -> Iterator[Found | Passed]:
    """Every file under ``paths`` (folders recursively), in a stable order.

    A path the user named that is missing or unreadable is ``Passed(failed=True)``; a file
    inside a folder that is not a saved page is ``Passed(failed=False)`` (skipped).
    """
    for raw in paths:
        path = Path(raw).expanduser().absolute()
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield _classify(path, named=True)
        else:
            yield Passed(path, "no such file or folder", failed=True)


def _walk(folder: Path) -> Iterator[Found | Passed]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Passed(folder, f"cannot open the folder ({exc.strerror})", failed=True)
        return
    names = {e.name for e in entries}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if not _is_resource_folder(entry.name, names):
                yield from _walk(path)
        elif entry.is_file():
            yield _classify(path, named=False)


def _is_resource_folder(name: str, siblings: set[str]) -> bool:
    """Whether ``name`` is the ``X_files`` folder a browser saved next to ``X.html``."""
    if not name.endswith("_files"):
        return False
    stem = name[: -len("_files")]
    return any(f"{stem}{ext}" in siblings for ext in (".html", ".htm", ".xhtml", ".shtml"))


def _classify(path: Path, named: bool) -> Found | Passed:
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        return Passed(path, f"cannot read the file ({exc.strerror})", failed=True)
    fmt = sniff_format(path, head)
    if fmt is not None:
        return Found(path, fmt)
    kind = path.suffix.lower() or "no extension"
    return Passed(path, f"not a saved web page Archive Browser reads ({kind})", failed=named)
