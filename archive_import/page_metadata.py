"""A saved page's metadata, each field from the most trusted source that states it.

Trust runs JSON-LD, then OpenGraph (``og:*``, ``article:*``), then classic meta tags, then
what the page shows (``<time>``, bylines, figures), then the URL, then the article's text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from lxml import html as lxml_html

from archive_import.language import choose_language, normalize_language
from archive_import.meta_authors import clean_authors
from archive_import.meta_dates import date_in_text, date_in_url, parse_date
from archive_import.meta_dom import byline_texts, figure_image, time_stamps
from archive_import.meta_jsonld import JsonLdFacts, read_json_ld
from archive_import.meta_tags import PageTags, read_tags
from archive_import.meta_text import host_names, host_of, loose_key, web_url
from archive_import.meta_title import clean_title, site_keys

log = logging.getLogger(__name__)

_HEADLINE_KEYS = (
    "og:title", "twitter:title", "headline", "parsely-title", "sailthru.title", "dc.title",
    "citation_title",
)  # fmt: skip
_SITE_KEYS = (
    "og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher",
    "citation_publisher",
)  # fmt: skip
_OG_PUBLISHED = ("article:published_time", "og:published_time", "article:published")
_META_PUBLISHED = (
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "date_published", "pub_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dcterms.created", "dc.date.created", "citation_publication_date", "citation_online_date",
    "citation_date", "parsely-pub-date", "sailthru.date", "article.published",
    "original-publish-date", "datecreated",
)  # fmt: skip
_OG_MODIFIED = ("article:modified_time", "og:updated_time", "article:modified", "og:modified_time")
_META_MODIFIED = (
    "datemodified", "dcterms.modified", "dc.date.modified", "last-modified", "article.updated",
    "updated-date", "lastmod", "revised",
)  # fmt: skip
_META_AUTHORS = (
    "author", "dc.creator", "dcterms.creator", "citation_author", "parsely-author",
    "sailthru.author", "byl",
)  # fmt: skip
# Keys that come once per author, so a comma inside one is "Doe, Jane", not two people.
_ONE_NAME_KEYS = frozenset({"dc.creator", "dcterms.creator", "citation_author"})
_DESCRIPTION_KEYS = (
    "og:description", "description", "twitter:description", "dc.description",
    "dcterms.description", "sailthru.description", "citation_abstract",
)  # fmt: skip
_IMAGE_KEYS = (
    "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src",
    "image", "thumbnail", "thumbnailurl", "sailthru.image.full",
)  # fmt: skip
_KEYWORD_KEYS = (
    "keywords", "news_keywords", "parsely-tags", "sailthru.tags", "dc.subject", "citation_keywords",
)  # fmt: skip
_LANGUAGE_KEYS = ("og:locale", "content-language", "language", "dc.language", "dcterms.language")
_KEYWORD_SEPARATOR = re.compile(r"\s*[,;]\s*")


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about itself, cleaned; every field may be missing."""

    title: str | None = None
    """The headline, without the site's name before or after it."""
    authors: tuple[str, ...] = ()
    """People (or agencies) who wrote it: no "By", job titles, site names or addresses."""
    published: str | None = None
    """ISO 8601 date, or date-time with offset when the page gives one."""
    modified: str | None = None
    """ISO 8601 like ``published``; dropped when it would come before ``published``."""
    site_name: str | None = None
    url: str | None = None
    """Canonical http(s) URL: ``rel=canonical``, og:url, JSON-LD, else where it was saved from."""
    language: str | None = None
    """ISO 639-1 code: declared, unless the text's script says otherwise; else detected."""
    description: str | None = None
    lead_image: str | None = None
    """Absolute http(s) URL; a relative reference counts only when the page's address is
    known to resolve it against."""
    keywords: tuple[str, ...] = ()


def page_metadata(
    tree: lxml_html.HtmlElement, *, page_url: str | None = None, text: str = ""
) -> PageMetadata:
    """The metadata of the page ``tree`` was parsed from.

    ``page_url`` is where the page was captured from, when its container says; it is the
    fallback for ``url`` and may hold a date. ``text`` is the extracted article, used to
    detect the language and, as a last resort, to find a publication date. The tree is not
    changed. Never raises on odd pages: what cannot be read is left out.
    """
    return with_article_text(declared_metadata(tree, page_url=page_url), text)


def with_article_text(metadata: PageMetadata, text: str) -> PageMetadata:
    """``metadata`` checked and completed with the article's text: language, date.

    Lets a caller read the page's declarations before it rewrites the tree (image sources
    become ``asset:`` references) and add the text once extraction is done.
    """
    if not text:
        return metadata
    return _consistent(
        replace(
            metadata,
            language=choose_language(metadata.language, text),
            published=metadata.published or date_in_text(text),
        )
    )


def declared_metadata(tree: lxml_html.HtmlElement, *, page_url: str | None = None) -> PageMetadata:
    """The metadata the page itself declares, without looking at the article's text."""
    root = tree.getroottree().getroot()
    tags, facts = read_tags(root), read_json_ld(root)
    url = _url(tags, facts, page_url)
    site_name = _site_name(tags, facts)
    # application-name and the like are sometimes set to the page's title: only the
    # names that are surely the site's are cut from titles and authors.
    names = [site_name, *facts.site_names, *facts.publishers, tags.first("og:site_name")]
    sites = site_keys([*names, tags.first("twitter:site"), *host_names([url, page_url])])
    published_times, modified_times = time_stamps(root)
    return _consistent(
        PageMetadata(
            title=_title(tags, facts, sites),
            authors=_authors(tags, facts, root, sites),
            published=_first_date(_published(tags, facts, published_times, [url, page_url])),
            modified=_first_date(_modified(tags, facts, modified_times)),
            site_name=site_name,
            url=url,
            language=_declared_language(tags, facts),
            description=_first([*facts.descriptions, tags.first(*_DESCRIPTION_KEYS)]),
            lead_image=_lead_image(tags, facts, root, url or page_url),
            keywords=_keywords(tags, facts),
        )
    )


def _consistent(metadata: PageMetadata) -> PageMetadata:
    """A modification before the publication is a template's placeholder: drop it."""
    published, modified = metadata.published, metadata.modified
    if published and modified and modified[:10] < published[:10]:
        return replace(metadata, modified=None)
    return metadata


def _first(values: Iterable[str | None]) -> str | None:
    return next((value for value in values if value), None)


def _title(tags: PageTags, facts: JsonLdFacts, sites: frozenset[str]) -> str | None:
    headlines = [*facts.headlines, *(tags.first(key) or "" for key in _HEADLINE_KEYS), tags.h1]
    headlines = [headline for headline in headlines if headline]
    # The <title> is the one statement every page has; the others confirm where to cut it,
    # and stand in when it is missing or only names the site.
    candidates = (
        clean_title(c, sites=sites, headlines=headlines) for c in [tags.title, *headlines]
    )
    return _first(candidates)


def _authors(
    tags: PageTags, facts: JsonLdFacts, root: lxml_html.HtmlElement, sites: frozenset[str]
) -> tuple[str, ...]:
    for values, one_per_value in _author_sources(tags, facts, root):
        authors = clean_authors(values, sites=sites, one_per_value=one_per_value)
        if authors:
            return authors
    return ()


def _author_sources(
    tags: PageTags, facts: JsonLdFacts, root: lxml_html.HtmlElement
) -> Iterator[tuple[Iterable[str], bool]]:
    yield facts.authors, False
    yield tags.values("article:author"), False
    for key in _META_AUTHORS:
        yield tags.values(key), key in _ONE_NAME_KEYS
    # Searching the body is the slow part, so it is done only when nothing was declared.
    # Each byline stands alone: a later one may belong to a teaser for another article.
    for text in byline_texts(root):
        yield [text], False


def _published(
    tags: PageTags, facts: JsonLdFacts, times: list[str], urls: list[str | None]
) -> Iterator[str | None]:
    yield from facts.published
    yield from (tags.first(key) for key in _OG_PUBLISHED)
    yield from (tags.first(key) for key in _META_PUBLISHED)
    yield from times
    yield from (date_in_url(url) for url in urls)


def _modified(tags: PageTags, facts: JsonLdFacts, times: list[str]) -> Iterator[str | None]:
    yield from facts.modified
    yield from (tags.first(key) for key in (*_OG_MODIFIED, *_META_MODIFIED))
    yield from times


def _first_date(values: Iterable[str | None]) -> str | None:
    return _first(parse_date(value) for value in values)


def _site_name(tags: PageTags, facts: JsonLdFacts) -> str | None:
    # A name equal to the page's title is the title put into the wrong tag.
    titles = {loose_key(tags.title), loose_key(tags.first("og:title") or "")}
    declared = [*facts.site_names, *facts.publishers, *(tags.first(k) or "" for k in _SITE_KEYS)]
    for value in declared:
        # og:site_name="https://www.example.com" names the site by its host.
        name = host_of(value).removeprefix("www.") if "://" in value else value
        if name and loose_key(name) and loose_key(name) not in titles:
            return name.removeprefix("@")
    return None


def _url(tags: PageTags, facts: JsonLdFacts, page_url: str | None) -> str | None:
    base = web_url(page_url) or web_url(tags.first("og:url"))
    candidates = [*tags.links.get("canonical", []), tags.first("og:url"), *facts.urls, page_url]
    urls = [url for url in (web_url(c, base) for c in candidates) if url]
    # Some sites point every page's canonical link at their home page.
    deep = [url for url in urls if urlsplit(url).path.strip("/") or urlsplit(url).query]
    return _first([*deep, *urls])


def _declared_language(tags: PageTags, facts: JsonLdFacts) -> str | None:
    declared = [*facts.languages, tags.lang, *(tags.first(key) for key in _LANGUAGE_KEYS)]
    return _first(normalize_language(value) for value in declared)


def _lead_image(
    tags: PageTags, facts: JsonLdFacts, root: lxml_html.HtmlElement, base: str | None
) -> str | None:
    declared = [*facts.images, *(tags.first(key) for key in _IMAGE_KEYS)]
    declared += tags.links.get("image_src", [])
    found = _first(web_url(value, base) for value in declared)
    return found or web_url(figure_image(root), base)


def _keywords(tags: PageTags, facts: JsonLdFacts) -> tuple[str, ...]:
    sources = [list(facts.keywords), tags.values("article:tag")]
    sources += [_KEYWORD_SEPARATOR.split(tags.first(key) or "") for key in _KEYWORD_KEYS]
    return next((found for found in map(_unique, sources) if found), ())


def _unique(words: Iterable[str]) -> tuple[str, ...]:
    """Each word once, first spelling kept: "AI" and "ai" are one keyword."""
    found: dict[str, str] = {}
    for word in words:
        if loose_key(word):
            found.setdefault(loose_key(word), word.strip())
    return tuple(found.values())
