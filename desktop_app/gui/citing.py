"""Citations from the window: the article being read to the clipboard, the listed articles to
a file a reference manager imports."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from desktop_app.core import Article
from desktop_app.core.citations import EXTENSIONS, FORMATS, citations
from desktop_app.gui.formatting import plural

log = logging.getLogger(__name__)

NOTHING_LISTED = "No articles are listed to cite."
FORM_NAMES = {"text": "reference", "bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL JSON"}
_FILTERS = {
    "bibtex": "BibTeX (*.bib)",
    "ris": "RIS (*.ris)",
    "csl-json": "CSL JSON (*.json)",
    "text": "Reference list (*.txt)",
}


def copy_citation(article: Article, form: str) -> str:
    """Put ``article``'s citation in ``form`` on the clipboard; returns what to tell the user."""
    QApplication.clipboard().setText(citations([article], form).strip())
    return f"Copied the {FORM_NAMES[form]} of \u201c{article.title}\u201d"


def write_citations(articles: Sequence[Article], path: Path) -> str:
    """Write the citations of ``articles`` to ``path``, in the form its extension names
    (a reference list otherwise); returns what to tell the user. Raises ``OSError``."""
    form = form_of(path)
    path.write_text(citations(articles, form), encoding="utf-8")
    log.info("wrote %d citations (%s) to %s", len(articles), form, path)
    return f"Wrote the {FORM_NAMES[form]} of {plural(len(articles), 'article')} to {path}"


def form_of(path: Path) -> str:
    """The form a file name's extension asks for: ``.bib``, ``.ris``, ``.json``, else text."""
    wanted = path.suffix.lower()
    return next((form for form in FORMATS if EXTENSIONS[form] == wanted), "text")


def choose_citation_file(parent: QWidget, count: int) -> Path | None:
    """Ask where to write the citations of ``count`` articles; None when cancelled."""
    filters = ";;".join(_FILTERS.values())
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, f"Export the Citations of {plural(count, 'Article')}", "citations.bib", filters
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:  # The filter chosen names the form.
        form = next((f for f, text in _FILTERS.items() if text == chosen_filter), "bibtex")
        path = path.with_suffix(EXTENSIONS[form])
    return path
