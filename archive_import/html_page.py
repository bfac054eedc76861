"""Read an article and its metadata out of one HTML page."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import trafilatura
from trafilatura.htmlprocessing import build_html_output
from trafilatura.settings import Document
from trafilatura.utils import load_html

from archive_import.cleanup import (
    clean_fragment,
    drop_leading_title,
    html_to_text,
    link_density,
)
from archive_import.decoding import decode_text
from archive_import.document import ExtractedArticle, Source
from archive_import.errors import NotAnArticle
from archive_import.images import folder_lookup, localize_images
from archive_import.metadata import (
    declared_language,
    iso_date,
    saved_from_url,
    singlefile_mark,
    split_authors,
)
from archive_import.saved_page import SavedPage

log = logging.getLogger(__name__)

# Below these, what the extractor found is a menu or a stub, not an article.
_MIN_WORDS = 3
_MAX_LINK_DENSITY = 0.8

# htmldate's extensive search guesses dates from any text on the page (a footer's
# "© 2023" becomes 2023-01-01) and costs each process ~2.5 s of dateparser warm-up.
# A missing date is better than a wrong one in a citation.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}

EXTRACTOR = f"trafilatura {trafilatura.__version__} (formatting, links, images, tables)"


def read_html(data: bytes, source: Source) -> ExtractedArticle:
    """The article in an HTML file, with the images of its ``_files/`` folder."""
    path = Path(source.path)
    page = SavedPage(data=data, base=path.as_uri(), lookup=folder_lookup(path))
    return article_from_saved(page, source)


def article_from_saved(saved: SavedPage, source: Source) -> ExtractedArticle:
    """The article in one saved HTML document; raises ``NotAnArticle`` when it holds none.

    ``source`` names the file; the page's locator and capture date are added to it.
    """
    page = decode_text(saved.data, declared=saved.charset)
    singlefile = singlefile_mark(page) or (None, None)
    url = saved.url or saved_from_url(page) or singlefile[0]
    captured = saved.captured or singlefile[1]
    tree = load_html(page)
    if tree is None:
        raise NotAnArticle(source.path, "the page holds no readable HTML")
    assets = localize_images(tree, saved.base or url, saved.lookup)
    # No url is passed: trafilatura would make the asset: references absolute web URLs.
    doc = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        date_extraction_params=_DATE_SEARCH,
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
    title = " ".join((doc.title or "").split())
    fragment = drop_leading_title(fragment, title)
    text = html_to_text(fragment) or text
    return ExtractedArticle(
        title=title or saved.title or _fallback_title(text, source.path),
        text=text,
        html=fragment,
        source=replace(source, locator=saved.locator, captured=captured),
        assets=tuple(a for a in assets if a.reference in fragment),
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
