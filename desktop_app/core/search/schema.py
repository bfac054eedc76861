"""The index's fields, each explained, and the pure function from an article to its document."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from whoosh import columns, fields

from desktop_app.core.records import Article
from desktop_app.core.search.analysis import FAMILIES, PLAIN, family_for, fold
from desktop_app.core.search.body_text import with_captions
from desktop_app.core.search.pairs import pair_field
from desktop_app.core.search.writing import WordsField

# Bumped whenever the schema or the analysis changes: an index written by another version
# is rebuilt from the database when the library opens.
SCHEMA_VERSION = 9
TITLE_BOOST = 2.0


def _exact() -> Any:
    """Whole values given as a list, each one term as it is (callers fold them first)."""
    return fields.KEYWORD(scorable=False)


def title_field(family: str) -> str:
    """The title field of a family."""
    return f"title_{family}"


def text_field(family: str) -> str:
    """The body field of a family."""
    return f"text_{family}"


_FIELDS: dict[str, Any] = {
    # The article's database id: stored (hits map back to the store), unique (updates
    # replace), and a column (the id of every document is read at once to compare with
    # the database). One term per id: no range queries run on it.
    "id": fields.NUMERIC(
        int, bits=64, stored=True, unique=True, signed=False, shift_step=0, sortable=True
    ),
    # The title, in its language's family; weighs TITLE_BOOST times a body word in BM25F.
    **{title_field(f): WordsField(f, field_boost=TITLE_BOOST) for f in FAMILIES},
    # The body, in its language's family; not stored: snippets are cut from the database.
    **{text_field(f): WordsField(f) for f in FAMILIES},
    # Pairs of the family's common words side by side in the body: a phrase of two of them
    # is one posting list (see pairs.py); present in no stored document, only in postings.
    **{pair_field(f): _exact() for f in FAMILIES},
    # Author names, folded words (`author:`).
    "authors": WordsField(PLAIN),
    # The site's name and its domain's words (`site:` with words).
    "site_words": WordsField(PLAIN),
    # The URL's host and each parent domain, whole (`site:lemonde.fr`).
    "domain": _exact(),
    # The URL's words, in order (`url:`).
    "url": WordsField(PLAIN),
    # The ISO 639-1 code the page declared (`lang:`, the language facet).
    "lang": _exact(),
    # The site's name (or its domain when it has none), whole: the site facet and filter.
    "site": _exact(),
    # Publication date as yyyymmdd (00 for an unknown month or day): `published:` ranges,
    # the year facet, and sorting by date through its column.
    "published": fields.NUMERIC(int, bits=32, signed=False, shift_step=8, sortable=True, default=0),
    # The Bookmarks view and facet; updated whenever a bookmark changes.
    "bookmarked": fields.BOOLEAN(),
    # The reader's tags as words, searched like the rest of the text.
    "tags": WordsField(PLAIN),
    # The same tags, each one exact term, for `tag:`, the tag facet and its filter.
    "tag": _exact(),
    # The reader's note, searched like the text (`note:`).
    "note": WordsField(PLAIN),
    # The folded title, only as a column: sorting by title.
    "title_key": fields.COLUMN(columns.VarBytesColumn()),
    # The site facet's and the language facet's values, as columns: read whole, in one
    # pass, when a segment is first searched.
    "site_label": fields.COLUMN(columns.RefBytesColumn()),
    "lang_label": fields.COLUMN(columns.RefBytesColumn()),
}
SCHEMA = fields.Schema(**_FIELDS)

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def date_number(published: str | None) -> int | None:
    """An ISO date (or its year, or year and month) as yyyymmdd; unknown parts are 00."""
    match = _DATE.match(published or "")
    if match is None:
        return None
    year, month, day = (int(part or 0) for part in match.groups())
    return year * 10_000 + min(month, 12) * 100 + min(day, 31)


def host_of(url: str | None) -> str:
    """The URL's host, lower case, without ``www.``; empty when there is none."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def domains(url: str | None) -> list[str]:
    """The host and every parent domain of two labels or more: ``a.b.c`` → ``a.b.c``, ``b.c``."""
    labels = host_of(url).split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] if len(labels) > 1 else []


def site_label(article: Article) -> str | None:
    """What the site facet shows for an article: its site's name, else its domain."""
    return (article.site_name or "").strip() or host_of(article.url) or None


def document_for(article: Article) -> dict[str, Any]:
    """The index document for an article: a pure function of the database record."""
    family = family_for(article.language)
    doc: dict[str, Any] = {
        "id": article.id,
        title_field(family): article.title,
        text_field(family): with_captions(article.text, article.html),
        "authors": " ".join(article.authors),
        "site_words": f"{article.site_name or ''} {host_of(article.url)}",
        "domain": domains(article.url),
        "url": article.url or "",
        "bookmarked": article.bookmarked,
        "tags": " ".join(article.tags),
        "tag": list(article.tags),
        "note": article.note,
        "title_key": fold(" ".join(article.title.split())).encode("utf-8"),
    }
    if article.language:
        language = article.language.strip().lower().replace("_", "-").split("-")[0]
        doc["lang"], doc["lang_label"] = [language], language.encode("utf-8")
    site = site_label(article)
    if site:
        doc["site"], doc["site_label"] = [site], site.encode("utf-8")
    date = date_number(article.published)
    if date is not None:
        doc["published"] = date
    return doc
