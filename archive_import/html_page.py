"""Read an article and its metadata out of one HTML page."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from archive_import.cleanup import CleanArticle
from archive_import.confidence import article_confidence
from archive_import.decoding import decode_text
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import NotAnArticle
from archive_import.extractors import EXTRACTOR, extract_article
from archive_import.html_tree import parse_page
from archive_import.images import folder_lookup, localize_images
from archive_import.metadata import saved_from_url, singlefile_mark
from archive_import.page_metadata import declared_metadata, with_article_text
from archive_import.saved_page import SavedPage

log = logging.getLogger(__name__)

# Below these, what the extractor found is a menu or a stub, not an article.
_MIN_WORDS = 3
_MAX_LINK_DENSITY = 0.8


def read_html(data: bytes, source: Source) -> ExtractedArticle:
    """The article in an HTML file, with the images of its ``_files/`` folder."""
    path = Path(source.path)
    page = SavedPage(data=data, base=path.absolute().as_uri(), lookup=folder_lookup(path))
    return article_from_saved(page, source)


def article_from_saved(saved: SavedPage, source: Source) -> ExtractedArticle:
    """The article in one saved HTML document; raises ``NotAnArticle`` when it holds none.

    ``source`` names the file; the page's locator and capture date are added to it.
    """
    page = decode_text(saved.data, declared=saved.charset)
    singlefile = singlefile_mark(page) or (None, None)
    url = saved.url or saved_from_url(page) or singlefile[0]
    captured = saved.captured or singlefile[1]
    tree = parse_page(page)
    if tree is None:
        raise NotAnArticle(source.path, "the page holds no readable HTML")
    # Metadata is read before the images are localised: the lead-image fallback needs them.
    declared = declared_metadata(tree, page_url=url)
    assets = localize_images(tree, saved.base or url, saved.lookup)
    # No url is passed: trafilatura would make the asset: references absolute web URLs.
    dates = (declared.published, declared.modified)
    extraction = extract_article(tree, title=declared.title, dates=dates)
    if extraction is None:
        raise NotAnArticle(source.path, "no article text found in the page")
    article = CleanArticle(extraction.html, base_url=declared.url or url)
    text = article.text()
    links = article.link_density()
    if len(text.split()) < _MIN_WORDS or links > _MAX_LINK_DENSITY:
        raise NotAnArticle(source.path, "no article text found in the page")
    meta = with_article_text(declared, text)
    title = meta.title or saved.title or ""
    if article.drop_leading_title(title):
        text = article.text() or text
    fragment = article.html()
    return ExtractedArticle(
        title=title or _fallback_title(text, source.path),
        text=text,
        html=fragment,
        source=replace(source, locator=saved.locator, captured=captured),
        assets=tuple(a for a in assets if a.reference in fragment),
        authors=meta.authors,
        published=meta.published,
        modified=meta.modified,
        site_name=meta.site_name,
        url=meta.url or url,
        language=meta.language,
        description=meta.description,
        lead_image=meta.lead_image,
        keywords=meta.keywords,
        extractor=EXTRACTOR,
        confidence=article_confidence(text, links, extraction.paywalled),
    )


def _fallback_title(text: str, path: str) -> str:
    first_line = text.split("\n", 1)[0].strip()
    if 0 < len(first_line) <= 120:
        return first_line
    return Path(path).stem
