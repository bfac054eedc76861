"""A page's headline: its title without the site's name, checked against og:title and ``<h1>``."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from archive_import.meta_text import loose_key, names_site

log = logging.getLogger(__name__)

# Separators between a headline and the site's name. A hyphen or dash needs spaces around
# it ("COVID-19" is one word); a bar does not, it never belongs to a headline.
# (En and em dashes, and the full-width bar of Chinese and Japanese titles, are escaped.)
_SEPARATOR = re.compile(r"(\s+(?:[-\u2013\u2014·»~]|--|::)\s+|\s*[|\uff5c]\s*)")


def site_keys(names: Iterable[str | None]) -> frozenset[str]:
    """Comparison keys for the names a site goes by; "A | B" style names give both parts."""
    keys = set()
    for name in names:
        for part in _SEPARATOR.split(name or "")[::2]:
            key = loose_key(part)
            if len(key) >= 2:
                keys.add(key)
    return frozenset(keys)


def clean_title(title: str, *, sites: frozenset[str], headlines: Sequence[str]) -> str | None:
    """``title`` without the site's name before or after it; None if it is only that name.

    ``sites`` come from ``site_keys``. ``headlines`` are the page's other statements of its
    title (JSON-LD headline, og:title, ``<h1>``): when one equals the title with parts cut
    off at either end, that cut is the headline, whatever the site is called.
    """
    parts = _SEPARATOR.split(title)
    found = _confirmed_cut(parts, sites, headlines) or _without_site(parts, sites)
    if found is None and loose_key(title) in {loose_key(headline) for headline in headlines}:
        # The site's name as the headline too: a home page, or a site that names itself
        # after every article (application-name set to the title).
        return title.strip() or None
    return found


def _confirmed_cut(parts: list[str], sites: frozenset[str], headlines: Sequence[str]) -> str | None:
    wanted = {loose_key(headline) for headline in headlines} - {""}
    count = (len(parts) + 1) // 2
    for dropped in range(1, count):
        for cut in ("".join(parts[2 * dropped :]), "".join(parts[: 2 * (count - dropped) - 1])):
            # An <h1> holding the site's logo text must not confirm the site's name.
            if loose_key(cut) in wanted and loose_key(cut) not in sites:
                return cut.strip()
    return None


def _without_site(parts: list[str], sites: frozenset[str]) -> str | None:
    texts = parts[::2]
    start, end = 0, len(texts)
    while end - start > 1 and names_site(texts[end - 1], sites):
        end -= 1
    # Leading parts must be the site's name exactly: "Apple Watch | Review | Apple" keeps
    # "Apple Watch".
    while end - start > 1 and loose_key(texts[start]) in sites | {""}:
        start += 1
    if end - start == 1 and loose_key(texts[start]) in sites:
        return None
    # Text i sits at parts[2 * i], with the separators between: keep those within.
    return "".join(parts[2 * start : 2 * end - 1]).strip() or None
