"""Take each site's learned template out of its pages, again whenever the site gains pages."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from archive_import.cleanup import html_to_text
from desktop_app.core.site_template import SiteTemplate, apply_template, learn_template
from desktop_app.core.store import Store
from desktop_app.core.turns import turn

log = logging.getLogger(__name__)


# A site's template is learned from its newest pages and those just added or extracted again
# (at most this many of them, evenly spread), and taken out of all of those. A template is
# plain to see in a few hundred pages, and relearning it from every page of a site of
# thousands made each import that touched the site slower as the site grew. Older pages
# keep the cleaning they got while they were among the newest.
LEARNING_WINDOW = 400

# Pages are cleaned this many per transaction.
_CLEAN_PAGES = 128

_Page = tuple[int, str, str]


def clean_sites(store: Store, lock: threading.RLock, article_ids: Iterable[int]) -> list[int]:
    """Learn again the templates of the sites these articles belong to, clean the sites' pages
    with them, and return the ids of the pages whose text changed (to be indexed again).

    Done once at the end of an import or a re-extraction, a part at a time with ``lock``
    handed over between parts: a big site's pages take seconds, and the window reads the
    library meanwhile.
    """
    with turn(lock):
        learned = learn_sites(store, article_ids)
    changed: list[int] = []
    for template, pages in learned:
        for first in range(0, len(pages), _CLEAN_PAGES):
            with turn(lock), store.transaction():
                changed += clean_pages(store, template, pages[first : first + _CLEAN_PAGES])
    return changed


def learn_sites(
    store: Store, article_ids: Iterable[int], window: int | None = None
) -> list[tuple[SiteTemplate, list[_Page]]]:
    """Each site of these articles: its template, learned again, and the pages to clean
    with it (its newest and these articles). Reads only."""
    window = LEARNING_WINDOW if window is None else window
    wanted = list(article_ids)
    learned = []
    for key in sorted(store.site_keys(wanted)):
        pages = store.site_pages(key, newest=window, including=wanted)
        learned.append((learn_template([raw for _, raw, _ in _spread(pages, window)]), pages))
        log.debug("site %s: template learned from %d pages", key, min(len(pages), window))
    return learned


def clean_pages(store: Store, template: SiteTemplate, pages: list[_Page]) -> list[int]:
    """Take ``template`` out of these pages' original extraction; the ids whose text changed.

    Call inside ``store.transaction()``.
    """
    changed = []
    for article_id, raw, current in pages:
        cleaned = apply_template(raw, template)
        if cleaned != current:
            store.set_cleaned(article_id, raw, cleaned, html_to_text(cleaned))
            changed.append(article_id)
    return changed


def _spread(pages: list[_Page], count: int) -> list[_Page]:
    """At most ``count`` of ``pages``, evenly spaced: a big import of a site whose sections
    have templates of their own is learned from all its sections, not from the last one."""
    if len(pages) <= count:
        return pages
    last = len(pages) - 1
    return [pages[round(n * last / (count - 1))] for n in range(count)]
