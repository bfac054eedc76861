"""One WARC crawl file made of the shared benchmark pages, for timing the import of a big crawl."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

_DATE = "2026-01-15T09:00:00Z"


def write_crawl(pages: Path, target: Path, copies: int = 1) -> int:
    """Write every page of ``pages`` (``*.html.gz``) ``copies`` times as response records of
    one gzipped WARC at ``target``, each under its own URL; returns how many records it holds.

    Copies of a page are the same article captured at other URLs: each is extracted, and the
    library keeps one article with several sources.
    """
    sources = sorted(pages.glob("*.html.gz")) * copies
    with target.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(target.name, {"software": "bench"}))
        for number, source in enumerate(sources):
            body = gzip.decompress(source.read_bytes())
            headers = [("Content-Type", "text/html; charset=utf-8")]
            record = writer.create_warc_record(
                f"https://crawl.example/page/{number}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                warc_headers_dict={"WARC-Date": _DATE},
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
            )
            writer.write_record(record)
    return len(sources)
