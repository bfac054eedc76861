"""Take each site's learned template out of its pages, again whenever the site gains pages."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from archive_import.cleanup import html_to_text
from desktop_app.core.site_template import apply_template, learn_template
from desktop_app.core.store import Store

log = logging.getLogger(__name__)


def refresh_sites(store: Store, article_ids: Iterable[int]) -> list[int]:
    """Re-learn the templates of the sites these articles belong to and clean every page of
    those sites from its original extraction; returns the ids whose text changed.

    Call inside ``store.transaction()``.
    """
    changed: list[int] = []
    for key in sorted(store.site_keys(article_ids)):
        pages = store.site_pages(key)
        template = learn_template([raw for _, raw, _ in pages])
        for article_id, raw, current in pages:
            cleaned = apply_template(raw, template)
            if cleaned != current:
                store.set_cleaned(article_id, raw, cleaned, html_to_text(cleaned))
                changed.append(article_id)
        log.debug("site %s: %d pages, %d cleaned again", key, len(pages), len(changed))
    return changed
