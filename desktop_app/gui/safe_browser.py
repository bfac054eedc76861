"""A QTextBrowser that never fetches anything: only kept assets, local files and inline data."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QImage,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QTextEdit, QWidget

from desktop_app.core import MarkedWords
from desktop_app.gui import styles
from desktop_app.gui.signals import emit

log = logging.getLogger(__name__)

EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
ASSET_SCHEME = "asset"
"""``asset:<sha256>.<ext>``: an image the importer kept from the saved page."""
ARTICLE_SCHEME = "article"
"""``article:<id>``: a link to another article of the library, opened in the reader."""

AssetLoader = Callable[[str], Path | None]
"""The file behind an ``asset:`` reference, or ``None`` if the library does not keep it."""
_MAX_HIGHLIGHTS = 1000
"""Enough for any real reading; keeps a one-letter query on a long article cheap."""
_OBJECT_CHARACTER = "\ufffc"
"""What an image (or any inline object) is in a block's plain text."""
_SINGLE_HEIGHT = QTextBlockFormat.LineHeightTypes.SingleHeight.value


def article_link(article_id: int) -> str:
    """The ``article:`` address of an article, for links inside the reader."""
    return f"{ARTICLE_SCHEME}:{article_id}"


def linked_article(url: QUrl) -> int | None:
    """The id an ``article:<id>`` link points to; ``None`` for any other link."""
    number = url.path()
    if url.scheme() != ARTICLE_SCHEME or not (number.isascii() and number.isdigit()):
        return None
    return int(number)


def is_local_file(url: QUrl) -> bool:
    """Whether ``url`` names an existing file on this machine."""
    return url.isLocalFile() and Path(url.toLocalFile()).is_file()


def _holds_image(block: QTextBlock) -> bool:
    fragments = block.begin()
    while not fragments.atEnd():
        if fragments.fragment().charFormat().isImageFormat():
            return True
        fragments += 1
    return False


class SafeTextBrowser(QTextBrowser):
    """Shows article HTML offline, in a centred column of readable width.

    Links are not followed inside the widget: web links go to the user's own browser (their
    explicit choice), in-page anchors scroll, ``article:`` links are reported through
    ``article_requested``, anything else is ignored.
    """

    article_requested = Signal(int)
    """An ``article:<id>`` link was clicked."""

    def __init__(
        self,
        parent: QWidget | None = None,
        open_external: Callable[[QUrl], Any] = QDesktopServices.openUrl,
        load_asset: AssetLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_external = open_external
        self._load_asset = load_asset
        self.blocked_urls: list[str] = []
        """Resources refused since the last ``setHtml``, newest last, for the log and tests."""
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A scroll bar that came and went with each article would narrow the column after the
        # text is laid out, and Qt would lay a long article out a second time (a 250,000-
        # character table: 1.5-1.7 s to show, not 0.6 s; make bench-reader); kept, the column
        # has one width.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.anchorClicked.connect(self._follow_link)
        self._apply_look()

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        asked = QUrl(name)
        if asked.scheme() == "data":
            # Declining is enough: QTextDocument decodes inline data itself, fetching nothing.
            return None
        url = self._local_url(asked)
        if url is not None:
            loaded = super().loadResource(type, url)
            if type == QTextDocument.ResourceType.ImageResource and loaded:
                return self._fit_to_column(loaded)
            return loaded
        self.blocked_urls.append(asked.toString())
        log.debug("refused to load %s", asked.toString())
        return None

    def _fit_to_column(self, data: Any) -> Any:
        # Rich text shows images at their natural size; a wide photo would overflow the column.
        image = data if isinstance(data, QImage) else QImage.fromData(data)
        # The scroll bar is always there (see __init__), so the viewport is the column's width.
        column = max(self.viewport().width() - 2 * styles.READER_DOCUMENT_MARGIN, 200)
        if image.isNull() or image.width() <= column:
            return data
        return image.scaledToWidth(column, Qt.TransformationMode.SmoothTransformation)

    def can_load(self, source: str) -> bool:
        """Whether an ``<img src>`` would show: inline data, a kept asset or a local file."""
        url = QUrl(source)
        return url.scheme() == "data" or self._local_url(url) is not None

    def _local_url(self, asked: QUrl) -> QUrl | None:
        # The local file behind a URL, if there is one; never anything off this machine.
        if asked.scheme() == ASSET_SCHEME:
            path = self._load_asset(asked.toString()) if self._load_asset else None
            return QUrl.fromLocalFile(str(path)) if path is not None else None
        url = asked if not asked.isRelative() else self.document().baseUrl().resolved(asked)
        return url if is_local_file(url) else None

    def show_html(self, body_html: str) -> None:
        """Replace the content and scroll to the top."""
        self.blocked_urls.clear()
        self.setHtml(body_html)
        self._space_image_lines()
        self.verticalScrollBar().setValue(0)

    def _space_image_lines(self) -> None:
        # The stylesheet's 150% line height would also stretch a line holding a tall image,
        # leaving half an image of blank space below it.
        document = self.document()
        cursor = QTextCursor(document)
        # One edit block: Qt lays the document out again once, not after every line changed
        # (a saved page of 44 image lines and 4,900 table rows: 0.71 s of layouts).
        cursor.beginEditBlock()
        try:
            block = document.begin()
            while block.isValid():
                if _OBJECT_CHARACTER in block.text() and _holds_image(block):
                    block_format = block.blockFormat()
                    block_format.setLineHeight(100, _SINGLE_HEIGHT)
                    # Qt ignores margins on inline images: the space around one goes on its line.
                    block_format.setTopMargin(max(block_format.topMargin(), 6))
                    block_format.setBottomMargin(max(block_format.bottomMargin(), 18))
                    cursor.setPosition(block.position())
                    cursor.setBlockFormat(block_format)
                block = block.next()
        finally:
            cursor.endEditBlock()

    def highlight(self, marked: MarkedWords) -> int:
        """Mark the words (whole) and character pairs (anywhere) of ``marked``, case aside;
        returns how many were marked."""
        marked_format = QTextCharFormat()
        marked_format.setBackground(QColor(styles.HIGHLIGHT_BACKGROUND))
        patterns = [rf"(?<!\w){QRegularExpression.escape(w)}(?!\w)" for w in marked.words]
        patterns += [QRegularExpression.escape(pair) for pair in marked.pairs]
        selections: list[QTextEdit.ExtraSelection] = []
        for pattern in patterns:
            for cursor in self._matches(pattern, _MAX_HIGHLIGHTS - len(selections)):
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = marked_format
                selections.append(selection)
        self.setExtraSelections(selections)
        return len(selections)

    def _matches(self, pattern: str, limit: int) -> list[QTextCursor]:
        options = (
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.UseUnicodePropertiesOption
        )
        expression = QRegularExpression(pattern, options)
        found: list[QTextCursor] = []
        cursor = self.document().find(expression, 0)
        while not cursor.isNull() and len(found) < limit:
            found.append(cursor)
            cursor = self.document().find(expression, cursor)
        return found

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Wide windows get wide margins rather than lines too long to read. From the widget's
        # own width: Qt reports the viewport's resizes here too, and the viewport narrows as
        # the margins grow; margins taken from it went back and forth without end (a reader
        # wider than some 780 pixels crashed the window).
        side = max(styles.READER_MIN_MARGIN, (self.width() - styles.READER_MAX_WIDTH) // 2)
        margins = self.viewportMargins()
        # Setting margins lays the view out again, which can resize it again: only on a change.
        if (margins.left(), margins.right()) != (side, side):
            self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)

    def _follow_link(self, url: QUrl) -> None:
        article_id = linked_article(url)
        if article_id is not None:
            emit(self.article_requested, article_id)
        elif url.scheme() in EXTERNAL_SCHEMES:
            log.info("opening %s in the system browser", url.toString())
            self._open_external(url)
        elif url.hasFragment() and (url.isRelative() or not url.scheme()):
            self.scrollToAnchor(url.fragment())
        else:
            log.info("ignored a link to %s", url.toString())

    def _apply_look(self) -> None:
        font = QFont()
        font.setFamilies(styles.READER_FONT_FAMILIES)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(styles.READER_FONT_POINTS)
        self.document().setDefaultFont(font)
        self.document().setDefaultStyleSheet(styles.READER_CSS)
        self.document().setDocumentMargin(styles.READER_DOCUMENT_MARGIN)
        palette = self.palette()
        background = QColor(styles.READER_BACKGROUND)
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
            palette.setColor(role, background)
        palette.setColor(QPalette.ColorRole.Text, QColor(styles.READER_TEXT))
        palette.setColor(QPalette.ColorRole.Link, QColor(styles.LINK_COLOUR))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
