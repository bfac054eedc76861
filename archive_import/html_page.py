"""Read an article and its metadata out of one HTML page."""

from __future__ import annotations

import logging
from pathlib import Path

import trafilatura
from trafilatura.htmlprocessing import build_html_output
from trafilatura.settings import Document

from archive_import.cleanup import (
    clean_fragment,
    drop_leading_title,
    html_to_text,
    link_density,
)
from archive_import.decoding import decode_text
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import NotAnArticle
from archive_import.metadata import declared_language, iso_date, saved_from_url, split_authors

log = logging.getLogger(__name__)

# Below these, what the extractor found is a menu or a stub, not an article.
_MIN_WORDS = 3
_MAX_LINK_DENSITY = 0.8

EXTRACTOR = f"trafilatura {trafilatura.__version__} (formatting, links, images, tables)"


def read_html(data: bytes, source: Source, charset: str | None = None) -> ExtractedArticle:
    """The article in an HTML page; raises ``NotAnArticle`` when it holds no readable text."""
    page = decode_text(data, declared=charset)
    return article_from_page(page, source)


def article_from_page(page: str, source: Source, url: str | None = None) -> ExtractedArticle:
    """The article in decoded page markup; ``url`` is where it was captured, if known."""
    url = url or saved_from_url(page)
    doc = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_links=True,
        include_images=True,
        include_tables=True,
    )
    if not isinstance(doc, Document) or doc.body is None:
        raise NotAnArticle(source.path, "no article text found in the page")
    fragment = clean_fragment(build_html_output(doc), base_url=doc.url or url)
    text = html_to_text(fragment)
    if len(text.split()) < _MIN_WORDS or link_density(fragment) > _MAX_LINK_DENSITY:
        raise NotAnArticle(source.path, "no article text found in the page")
    title = " ".join((doc.title or "").split()) or _fallback_title(text, source.path)
    fragment = drop_leading_title(fragment, title)
    text = html_to_text(fragment) or text
    return ExtractedArticle(
        title=title,
        text=text,
        html=fragment,
        source=source,
        authors=split_authors(doc.author),
        published=iso_date(doc.date),
        site_name=doc.sitename or None,
        url=doc.url or url,
        language=declared_language(page),
        description=doc.description or None,
        extractor=EXTRACTOR,
    )


def _fallback_title(text: str, path: str) -> str:
    first_line = text.split("\n", 1)[0].strip()
    if 0 < len(first_line) <= 120:
        return first_line
    return Path(path).stem
