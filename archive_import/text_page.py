"""Read a plain-text scrape: the first non-empty line is its title."""

from __future__ import annotations

import html
import re

from archive_import.decoding import decode_text
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import NotAnArticle

EXTRACTOR = "plain text (first line as title)"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def read_text(data: bytes, source: Source) -> ExtractedArticle:
    """The article in a ``.txt`` scrape; raises ``NotAnArticle`` for an empty file."""
    content = decode_text(data).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not content:
        raise NotAnArticle(source.path, "the file is empty")
    title, _, body = content.partition("\n")
    paragraphs = _paragraphs(body) or [title.strip()]
    return ExtractedArticle(
        title=title.strip(),
        text="\n\n".join(paragraphs),
        html="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        source=source,
        extractor=EXTRACTOR,
    )


def _paragraphs(body: str) -> list[str]:
    """Blank lines separate paragraphs; a scrape without any has one paragraph per line."""
    body = body.strip()
    if not body:
        return []
    blocks = _PARAGRAPH_BREAK.split(body) if _PARAGRAPH_BREAK.search(body) else body.split("\n")
    return [" ".join(line.strip() for line in b.split("\n") if line.strip()) for b in blocks]
