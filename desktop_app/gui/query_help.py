"""The query language, explained where it is typed: a popup beside the search field."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

# (what to type, what it finds; examples apart by three spaces); the README's table agrees.
QUERY_SYNTAX: tuple[tuple[str, str], ...] = (
    ("lighthouse keepers", "articles with both words, in any form (keeper, keepers, keeping)"),
    ('"lighthouse keepers"', "the words together, in this order"),
    ("seals OR dolphins", "either word"),
    ("seals -harbour   seals NOT harbour", "the first word, never the second"),
    ("(seals OR dolphins) Brittany", "parentheses group"),
    ("title:glacier", "in the title"),
    ("author:dumas", "by an author"),
    ("site:lemonde   site:lemonde.fr", "from a site, by its name or its domain"),
    ("url:wiki", "in the address"),
    ("lang:fr", "written in a language (its two-letter code)"),
    ("tag:coast   note:rye", "in your tags or your notes"),
    ("published:2021-08", "published in a month (or a year, or on a day)"),
    ("published:2020..2021   published:..2019", "published from one date to another, or up to one"),
    ("light*", "words that begin so"),
    ("lighthuose~", "words spelt nearly so"),
)
NOTES = (
    "Accents and case never matter: <i>sovietique</i> finds <i>soviétique</i>. "
    "Each article is searched in its own language, so <i>Haus</i> finds <i>Häuser</i>.",
    "A query that cannot be read as written (an unclosed quote, a stray bracket) is searched "
    "as plain words, and the list says so.",
    "Sort the results by relevance, date or title with the list beside the search field; "
    "narrow them by site, language, year, tag or bookmark in the sidebar.",
)


def help_html() -> str:
    """The query language as a two-column table, then the notes."""
    rows = "".join(
        f"<tr><td>{_examples(typed)}</td><td>{html.escape(found)}</td></tr>"
        for typed, found in QUERY_SYNTAX
    )
    notes = "".join(f"<p>{note}</p>" for note in NOTES)
    return (
        "<h3>Searching</h3>"
        '<table cellspacing="0" cellpadding="4">'
        f"<tr><th align='left'>Type</th><th align='left'>To find</th></tr>{rows}</table>"
        f"{notes}"
    )


def _examples(typed: str) -> str:
    """Examples separated by three spaces in the table, each in its own code span."""
    return " &nbsp; ".join(f"<code>{html.escape(e)}</code>" for e in typed.split("   "))


class QueryHelp(QDialog):
    """A small non-modal window with the query language; reading it never blocks searching."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queryHelp")
        self.setWindowTitle("How to search")
        self.setModal(False)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 610)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
