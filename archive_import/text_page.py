"""Read a plain-text scrape: the first non-empty line is its title, unless it is a paragraph.

Many scrapes hold the article body alone, starting with its first paragraph. That line is
then kept as the text's first paragraph, and the title is made of its opening words.
"""

from __future__ import annotations

import html
import re

from archive_import.decoding import decode_text
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import NotAnArticle

EXTRACTOR = "plain text (first line as title, unless it is a paragraph)"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
# Headlines run to some 70 characters and hardly ever past 150; a longer first line is prose.
_LONGEST_TITLE = 150
# A title made of a paragraph's opening words ends at a word's end no later than this.
_MADE_TITLE = 80


def read_text(data: bytes, source: Source) -> ExtractedArticle:
    """The article in a ``.txt`` scrape; raises ``NotAnArticle`` for an empty file."""
    content = decode_text(data).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not content:
        raise NotAnArticle(source.path, "the file is empty")
    first, _, rest = content.partition("\n")
    first = first.strip()
    if len(first) > _LONGEST_TITLE:
        title, body = _opening_words(first), content
    else:
        title, body = first, rest
    paragraphs = _paragraphs(body) or [first]
    return ExtractedArticle(
        title=title,
        text="\n\n".join(paragraphs),
        html="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        source=source,
        extractor=EXTRACTOR,
    )


def _opening_words(paragraph: str) -> str:
    """The first words of ``paragraph``, cut at a word's end, with an ellipsis."""
    cut = paragraph[: _MADE_TITLE + 1].rsplit(None, 1)[0] if " " in paragraph else paragraph
    return cut[:_MADE_TITLE].rstrip(" ,;:-\u2013\u2014") + "\u2026"


def _paragraphs(body: str) -> list[str]:
    """Blank lines separate paragraphs; a scrape without any has one paragraph per line."""
    body = body.strip()
    if not body:
        return []
    blocks = _PARAGRAPH_BREAK.split(body) if _PARAGRAPH_BREAK.search(body) else body.split("\n")
    return [" ".join(line.strip() for line in b.split("\n") if line.strip()) for b in blocks]
