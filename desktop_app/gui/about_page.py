"""The calm "About this page" section under an article: the files it came from, other captures."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import PurePath

from desktop_app.core import Article, SourceRecord
from desktop_app.gui import styles
from desktop_app.gui.formatting import format_date, join_parts
from desktop_app.gui.safe_browser import article_link

log = logging.getLogger(__name__)

ABOUT_HEADING = "About this page"
OLDER_CAPTURE = "Older capture of this page"
NEWER_CAPTURE = "Newer capture of this page"
OTHER_CAPTURE = "Another capture of this page"
"""When the capture dates contradict the order in which the captures were imported."""

ArticleLoader = Callable[[int], Article | None]
"""Another article of the library by id, or ``None`` if it is gone."""

FORMAT_NAMES = {
    "html": "HTML",
    "singlefile": "SingleFile",
    "text": "Plain text",
    "mhtml": "MHTML",
    "warc": "WARC",
    "wacz": "WACZ",
    "webarchive": "Safari web archive",
    "maff": "MAFF",
    "htz": "HTZ",
    "zip": "Zip",
    "gzip": "Gzip",
}
_RECORD_FORMATS = frozenset({"warc", "wacz"})
"""Formats whose locator names a record of a crawl rather than a file inside an archive."""


def format_name(source: SourceRecord) -> str:
    """``WARC``, ``Safari web archive``…; an ARC file is read as WARC but called ARC."""
    name = source.path.lower()
    if source.format == "warc" and name.endswith((".arc", ".arc.gz")):
        return "ARC"
    return FORMAT_NAMES.get(source.format, source.format.upper())


def capture_date(article: Article) -> str:
    """When the page was first captured, or ``imported …`` when no source says."""
    captured = first_captured(article)
    if captured:
        return format_date(captured)
    imported = sorted(s.imported_at for s in article.sources if s.imported_at)
    when = format_date(imported[0] if imported else article.added_at)
    return f"imported {when}" if when else ""


def first_captured(article: Article) -> str | None:
    """The earliest capture time any source of ``article`` gives (ISO 8601), if any."""
    return min((s.captured for s in article.sources if s.captured), default=None)


def about_html(article: Article, load_article: ArticleLoader) -> str:
    """The section's HTML: links to other captures of the page, then every source."""
    # Qt draws a rule in its block's background colour, black unless told.
    rule = f'<hr style="background-color: {styles.TABLE_RULE};">'
    parts = [rule, f'<p class="about-heading">{ABOUT_HEADING}</p>']
    parts.extend(_version_links(article, load_article))
    parts.extend(_source_entry(source) for source in article.sources)
    # Room below the last line, so the end of the page does not sit on the window's edge.
    parts.append('<p class="about-end">&nbsp;</p>')
    return "".join(parts)


def _version_links(article: Article, load_article: ArticleLoader) -> list[str]:
    related = [(True, article.previous_id)] if article.previous_id is not None else []
    related += [(False, newer) for newer in article.newer_ids]
    links = []
    for older, other_id in related:
        other = load_article(other_id)
        if other is None:
            log.warning("article %s names %s as another capture; it is gone", article.id, other_id)
            continue
        label = html.escape(version_label(article, other, older=older))
        href = article_link(other.id)
        links.append(f'<p class="about-version"><a href="{href}">{label}</a></p>')
    return links


def version_label(article: Article, other: Article, *, older: bool) -> str:
    """``Older capture of this page (3 Mar 2023)``, for the link from ``article`` to ``other``.

    The core orders captures by import; when both capture dates are known and say otherwise,
    the link claims neither older nor newer.
    """
    words = OLDER_CAPTURE if older else NEWER_CAPTURE
    if _dates_contradict(first_captured(article), first_captured(other), older=older):
        words = OTHER_CAPTURE
    date = capture_date(other)
    return f"{words} ({date})" if date else words


def _dates_contradict(mine: str | None, theirs: str | None, *, older: bool) -> bool:
    # By day only: two captures of one day in different time zones must not look reversed.
    if not mine or not theirs:
        return False
    return theirs[:10] > mine[:10] if older else theirs[:10] < mine[:10]


def source_summary(source: SourceRecord) -> str:
    """``WARC · captured 6 Mar 2017 · example.warc.gz``."""
    captured = f"captured {format_date(source.captured)}" if source.captured else ""
    return join_parts([format_name(source), captured, PurePath(source.path).name])


def _source_entry(source: SourceRecord) -> str:
    path = html.escape(source.path, quote=True)
    imported = format_date(source.imported_at)
    details = [join_parts([path, f"imported {imported}" if imported else ""])]
    if source.locator:
        where = "record" if source.format in _RECORD_FORMATS else "inside the archive:"
        details.append(f"{where} {html.escape(source.locator)}")
    lines = [f'<span title="{path}">{html.escape(source_summary(source))}</span>']
    lines += [f'<span class="about-detail">{detail}</span>' for detail in details]
    return f'<p class="about-source">{"<br>".join(lines)}</p>'
