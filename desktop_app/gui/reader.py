"""The reading pane: an article's header and body, its tags and note, the original beside it."""

from __future__ import annotations

import dataclasses
import html
import logging
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import Article, MarkedWords
from desktop_app.core.citations import FORMATS
from desktop_app.gui import styles
from desktop_app.gui.about_page import ArticleLoader, about_html
from desktop_app.gui.annotations import AnnotationBar
from desktop_app.gui.citing import FORM_NAMES, copy_citation
from desktop_app.gui.elided_label import ElidedLabel
from desktop_app.gui.formatting import format_date, join_parts
from desktop_app.gui.original_pane import OriginalLoader, OriginalPane, may_have_original
from desktop_app.gui.safe_browser import AssetLoader, SafeTextBrowser
from desktop_app.gui.signals import emit

log = logging.getLogger(__name__)

NOTHING_MARKED = MarkedWords()

SELECT_PROMPT = "Select an article to read it"
EMPTY_LIBRARY_PROMPT = "Your library is empty — File → Import… or drop saved pages here"
DOUBTFUL_CONFIDENCE = 0.5
"""Below this, extraction may have kept the wrong text: a stub, a teaser, a page of links."""
DOUBTFUL_MESSAGE = "Doubtful extraction — compare with the original"

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.IGNORECASE | re.DOTALL)
_LEADING_H1 = re.compile(r"^\s*<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_TABLE_CAPTION = re.compile(
    r"(<table\b[^>]*>)(\s*)<caption\b[^>]*>(.*?)</caption>", re.IGNORECASE | re.DOTALL
)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_IMG_SRC = re.compile(r"""\ssrc\s*=\s*(["']?)([^"'\s>]*)\1""", re.IGNORECASE)


def article_html(article: Article, keep_image: Callable[[str], bool] = lambda _src: True) -> str:
    """The header (title, byline, address) followed by the article's own HTML body.

    Images for which ``keep_image(src)`` is false are left out rather than shown broken.
    """
    byline = join_parts(
        [", ".join(article.authors), article.site_name, format_date(article.published)]
    )
    parts = [f'<p class="article-title">{html.escape(article.title)}</p>']
    if byline:
        parts.append(f'<p class="article-byline">{html.escape(byline)}</p>')
    if article.url:
        url = html.escape(article.url, quote=True)
        parts.append(f'<p class="article-url"><a href="{url}">{url}</a></p>')
    # Qt drops the margins of empty blocks, so the gap before the body is a tiny spacer.
    parts.append('<p class="header-end">&nbsp;</p>')
    # In its own div, a body opening with a bare <img> does not run into the spacer above.
    body = _captions_above_tables(_without_images(_body_without_title(article), keep_image))
    parts.append(f"<div>{body}</div>")
    return "".join(parts)


def _captions_above_tables(body: str) -> str:
    # Qt lays a <caption> out as a cramped first cell; a paragraph above the table reads better.
    return _TABLE_CAPTION.sub(r'<p class="caption">\3</p>\1', body)


def _without_images(body: str, keep_image: Callable[[str], bool]) -> str:
    def replace(match: re.Match[str]) -> str:
        source = _IMG_SRC.search(match.group(0))
        return match.group(0) if source and keep_image(html.unescape(source.group(2))) else ""

    return _IMG.sub(replace, body)


def _body_without_title(article: Article) -> str:
    # The header already shows the title; a body opening with the same <h1> would repeat it.
    match = _BODY.search(article.html)
    body = match.group(1) if match else article.html
    heading = _LEADING_H1.match(body)
    if heading and html.unescape(_TAG.sub("", heading.group(1))).strip() == article.title.strip():
        body = body[heading.end() :]
    return body


def _about_changed(shown: Article | None, article: Article) -> bool:
    if shown is None:
        return True
    before = (shown.sources, shown.previous_id, shown.newer_ids)
    return before != (article.sources, article.previous_id, article.newer_ids)


class ReaderView(QWidget):
    """Shows one article at a time; the bookmark toggle reports through ``bookmark_toggled``.

    Under the article, "About this page" lists its sources and links to other captures of the
    same page; ``load_article`` gives those captures (their dates label the links).
    """

    bookmark_toggled = Signal(int, bool)
    """The user bookmarked (``True``) or un-bookmarked the article with this id."""
    article_requested = Signal(int)
    """The user followed a link to another article of the library."""
    tags_edited = Signal(int, object)
    """The user committed new tags (a list of strings) for the article with this id."""
    note_edited = Signal(int, str)
    """The user's note on the article with this id is due to be saved."""
    similar_requested = Signal(int)
    """The user asked for the articles most like the one with this id."""
    reextract_requested = Signal(int)
    """The user asked for the article with this id to be extracted again from its saved page."""
    cited = Signal(str)
    """A citation of the article went to the clipboard; what to tell the user."""

    def __init__(
        self,
        parent: QWidget | None = None,
        load_asset: AssetLoader | None = None,
        load_article: ArticleLoader | None = None,
        load_original: OriginalLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self._article: Article | None = None
        self._reextracting = False
        """Whether a re-extraction runs: "Extract again" waits for it to end."""
        self._load_article: ArticleLoader = load_article or (lambda _id: None)
        self.browser = SafeTextBrowser(self, load_asset=load_asset)
        self.browser.article_requested.connect(self.article_requested)
        self.bookmark_action = self._make_bookmark_action()
        self.original_action = self._make_original_action()
        self.similar_action = self._make_similar_action()
        self.reextract_action = self._make_reextract_action()
        self.cite_action, self.cite_menu = self._make_cite_action()
        self.original_pane = OriginalPane(load_original or (lambda _id: None), self)
        self.original_pane.hide()
        # Shortened rather than widening the reader when the window is narrow; the whole
        # sentence and the extractor's details are in its tooltip.
        self.warning_label = ElidedLabel(self, Qt.TextElideMode.ElideRight)
        self.warning_label.set_full_text(DOUBTFUL_MESSAGE)
        self.warning_label.setObjectName("extractionWarning")
        self.warning_label.setStyleSheet(styles.WARNING_CSS)
        self.warning_label.hide()
        self.annotations = AnnotationBar(self)
        self.annotations.tags_edited.connect(self._on_tags_edited)
        self.annotations.note_edited.connect(self._on_note_edited)
        self.empty_label = QLabel(SELECT_PROMPT, self)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(styles.EMPTY_STATE_CSS)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(self._article_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    @property
    def article_id(self) -> int | None:
        """The id of the article shown, if any."""
        return self._article.id if self._article else None

    def show_article(
        self, article: Article, marked: MarkedWords = NOTHING_MARKED, changed: bool = False
    ) -> None:
        """Show ``article`` with the words in ``marked`` marked.

        Showing the article already shown keeps the reading position; if it gained a source
        or another capture meanwhile, or ``changed`` says its text did (it was extracted
        again), it is shown afresh at that position.
        """
        shown = self._article
        same = shown is not None and shown.id == article.id
        if not same:
            self.commit_annotations()
        self._article = article
        self.similar_action.setEnabled(True)
        self.cite_action.setEnabled(True)
        self._set_bookmark_state(article.bookmarked)
        self._show_extraction_state(article)
        if not same:
            self.annotations.show_annotations(article.tags, article.note)
        self._stack.setCurrentIndex(1)
        if not same or changed or _about_changed(shown, article):
            position = self.browser.verticalScrollBar().value() if same else 0
            about = about_html(article, self._load_article)
            self.browser.show_html(article_html(article, self.browser.can_load) + about)
            self.browser.verticalScrollBar().setValue(position)
            log.debug("reading article %s", article.id)
        self.browser.highlight(marked)

    def show_empty(self, library_is_empty: bool = False) -> None:
        """Show the prompt that fits: pick an article, or import some first."""
        self.commit_annotations()
        self._article = None
        self.bookmark_action.setEnabled(False)
        self.original_action.setEnabled(False)
        self.similar_action.setEnabled(False)
        self.cite_action.setEnabled(False)
        self.reextract_action.setEnabled(False)
        self.original_pane.forget()
        self.empty_label.setText(EMPTY_LIBRARY_PROMPT if library_is_empty else SELECT_PROMPT)
        self._stack.setCurrentIndex(0)
        self.browser.show_html("")

    def set_bookmarked(self, bookmarked: bool) -> None:
        """Reflect a bookmark state set elsewhere, without reporting it as a toggle."""
        if self._article is not None:
            self._article = dataclasses.replace(self._article, bookmarked=bookmarked)
            self._set_bookmark_state(bookmarked)

    def set_tags(self, tags: Sequence[str]) -> None:
        """Reflect the tags the library kept, without touching the reading position."""
        if self._article is not None:
            self._article = dataclasses.replace(self._article, tags=tuple(tags))
            self.annotations.show_tags(tags)

    def _article_page(self) -> QWidget:
        page = QWidget(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 6, 12, 2)
        bar.addWidget(self.warning_label, 1)
        bar.addStretch(0)  # Keeps the buttons on the right while the warning is hidden.
        actions = (self.reextract_action, self.similar_action, self.original_action)
        for action in (*actions, self.cite_action, self.bookmark_action):
            button = self._header_button(page, action)
            if action is self.cite_action:
                # A click copies the reference; the arrow offers the other forms.
                button.setMenu(self.cite_menu)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            bar.addWidget(button)
        self.panes = QSplitter(Qt.Orientation.Horizontal, page)
        self.panes.addWidget(self.browser)
        self.panes.addWidget(self.original_pane)
        self.panes.setChildrenCollapsible(False)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.annotations)
        layout.addWidget(self.panes, 1)
        page.setAutoFillBackground(True)
        page.setPalette(self.browser.palette())
        return page

    @staticmethod
    def _header_button(page: QWidget, action: QAction) -> QToolButton:
        button = QToolButton(page)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(True)
        return button

    def _make_original_action(self) -> QAction:
        action = self._toggle_action(
            "Original", "Ctrl+U", "Show the saved page beside the extracted text"
        )
        action.toggled.connect(self._update_original_pane)
        return action

    def _article_action(
        self, label: str, shortcut: str, tip: str, signal: SignalInstance
    ) -> QAction:
        """An action that reports ``signal`` with the id of the article shown, off until an
        article is open."""
        action = self._new_action(label, shortcut, tip)
        action.triggered.connect(lambda _checked=False: self._report(signal))
        return action

    def _report(self, signal: SignalInstance) -> None:
        if self._article is not None:
            emit(signal, self._article.id)

    def _toggle_action(self, label: str, shortcut: str, tip: str) -> QAction:
        """A checkable action of the reader, off until an article is open."""
        action = self._new_action(label, shortcut, tip)
        action.setCheckable(True)
        return action

    def _new_action(self, label: str, shortcut: str, tip: str) -> QAction:
        action = QAction(label, self)
        action.setEnabled(False)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip} ({shortcut})")
        self.addAction(action)
        return action

    def _show_extraction_state(self, article: Article) -> None:
        doubtful = article.confidence < DOUBTFUL_CONFIDENCE
        self.warning_label.setVisible(doubtful)
        self.warning_label.setToolTip(
            f"{DOUBTFUL_MESSAGE}. Extracted by {article.extractor or 'an unknown extractor'}, "
            f"confidence {article.confidence:.0%}"
        )
        self.original_action.setEnabled(may_have_original(article))
        self._update_reextract_action()
        self._update_original_pane()

    def _update_original_pane(self) -> None:
        # Loaded only while shown; switching articles with the pane open loads the new one.
        article = self._article
        wanted = self.original_action.isChecked() and self.original_action.isEnabled()
        if not wanted or article is None:
            self.original_pane.hide()
            return
        self.original_pane.show_original(article.id)
        if self.original_pane.isHidden():
            self.original_pane.show()
            half = max(self.panes.width() // 2, 1)
            self.panes.setSizes([half, half])

    def commit_annotations(self) -> None:
        """Report tags and a note typed but not yet saved (before switching or closing)."""
        if self._article is not None:
            self.annotations.commit_tags()
            self.annotations.commit_note()

    def _on_tags_edited(self, tags: object) -> None:
        if self._article is not None:
            emit(self.tags_edited, self._article.id, tags)

    def _on_note_edited(self, note: str) -> None:
        if self._article is not None:
            self._article = dataclasses.replace(self._article, note=note)
            emit(self.note_edited, self._article.id, note)

    def _make_similar_action(self) -> QAction:
        tip = "List the articles most like this one"
        return self._article_action("More like this", "Ctrl+M", tip, self.similar_requested)

    def set_reextracting(self, running: bool) -> None:
        """Grey out "Extract again" while a re-extraction runs (one at a time)."""
        self._reextracting = running
        self._update_reextract_action()

    def _update_reextract_action(self) -> None:
        readable = self._article is not None and bool(self._article.sources)
        self.reextract_action.setEnabled(readable and not self._reextracting)

    def _make_reextract_action(self) -> QAction:
        tip = "Extract this article again from its saved page, keeping tags and notes"
        return self._article_action("Extract again", "Ctrl+R", tip, self.reextract_requested)

    def _make_cite_action(self) -> tuple[QAction, QMenu]:
        tip = "Copy this article's reference; BibTeX, RIS or CSL JSON from the arrow"
        action = self._new_action("Cite", "Ctrl+Shift+C", tip)
        action.triggered.connect(lambda _checked=False: self._cite("text"))
        menu = QMenu(self)
        for form in FORMATS:
            copy = menu.addAction(f"Copy {FORM_NAMES[form]}")
            copy.triggered.connect(lambda _checked=False, form=form: self._cite(form))
        return action, menu

    def _cite(self, form: str) -> None:
        if self._article is not None:
            emit(self.cited, copy_citation(self._article, form))

    def _make_bookmark_action(self) -> QAction:
        action = self._toggle_action("☆ Bookmark", "Ctrl+D", "Bookmark this article")
        action.triggered.connect(self._on_bookmark_triggered)
        return action

    def _on_bookmark_triggered(self, checked: bool) -> None:
        if self._article is None:
            return
        self.set_bookmarked(checked)
        emit(self.bookmark_toggled, self._article.id, checked)

    def _set_bookmark_state(self, bookmarked: bool) -> None:
        self.bookmark_action.setEnabled(True)
        self.bookmark_action.setChecked(bookmarked)
        self.bookmark_action.setText("★ Bookmarked" if bookmarked else "☆ Bookmark")
