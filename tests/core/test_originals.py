"""The original files are kept byte for byte, whether or not they were compressed already."""

from __future__ import annotations

import gzip
import hashlib
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.originals import Originals


def _zip_bytes(folder: Path) -> bytes:
    path = folder / "pages.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.html", "<p>Zipped page</p>" * 50)
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["html", "gzip", "zip"])
def test_an_original_reads_back_exactly(tmp_path: Path, kind: str) -> None:
    html = ("<html><body>" + "<p>A paragraph about tides.</p>" * 200 + "</body></html>").encode()
    data = {"html": html, "gzip": gzip.compress(html), "zip": _zip_bytes(tmp_path)}[kind]
    source = tmp_path / f"saved.{kind}"
    source.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    originals = Originals(tmp_path / "originals")
    originals.keep(digest, source)
    assert originals.read(digest) == data
    kept = originals.path_for(digest).stat().st_size
    if kind == "html":
        assert kept < len(data) / 5  # Text compresses.
    else:
        assert kept < len(data) + 100  # Stored, not compressed again.
