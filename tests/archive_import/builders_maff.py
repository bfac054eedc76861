"""Build real MAFF and HTZ files (zips written with zipfile) for the tests."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import quoteattr

_RDF = """<?xml version="1.0"?>
<RDF:RDF xmlns:MAF="http://maf.mozdev.org/metadata/rdf#"
         xmlns:NC="http://home.netscape.com/NC-rdf#"
         xmlns:RDF="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <RDF:Description RDF:about="urn:root">
{fields}
  </RDF:Description>
</RDF:RDF>
"""


def index_rdf(
    url: str | None = None,
    title: str | None = None,
    archived: str | None = None,
    charset: str | None = "UTF-8",
    index: str | None = "index.html",
) -> bytes:
    """An index.rdf as the MAF add-on and WebScrapBook write it (values in RDF:resource)."""
    values = {
        "originalurl": url,
        "title": title,
        "archivetime": archived,
        "indexfilename": index,
        "charset": charset,
    }
    fields = "\n".join(
        f"    <MAF:{key} RDF:resource={quoteattr(value)}/>"
        for key, value in values.items()
        if value is not None
    )
    return _RDF.format(fields=fields).encode("utf-8")


def scrapbook_html(page: str, source: str | None = None, created: str | None = None) -> str:
    """``page`` with WebScrapBook's ``data-scrapbook-source``/``-create`` on its ``<html>``."""
    attributes = ""
    if source:
        attributes += f' data-scrapbook-source="{source}"'
    if created:
        attributes += f' data-scrapbook-create="{created}"'
    return page.replace("<html", f"<html{attributes}", 1)


def zip_bytes(members: Mapping[str, bytes | str], folders: bool = True) -> bytes:
    """A zip of ``members`` (name -> content) in order, with directory entries like WebScrapBook."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        written: set[str] = set()
        for name, content in members.items():
            folder = name.rpartition("/")[0]
            if folders and folder and folder + "/" not in written:
                archive.writestr(folder + "/", b"")
                written.add(folder + "/")
            data = content.encode("utf-8") if isinstance(content, str) else content
            archive.writestr(name, data)
    return buffer.getvalue()


def write_zip(folder: Path, name: str, members: Mapping[str, bytes | str]) -> Path:
    """Write a zip of ``members`` named ``name`` (``.maff``/``.htz``) and return its path."""
    path = folder / name
    path.write_bytes(zip_bytes(members))
    return path
