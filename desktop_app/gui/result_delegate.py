"""Paints one search hit: bold title, a grey line of facts, the snippet with matches marked."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop_app.core import SearchHit
from desktop_app.gui import styles
from desktop_app.gui.formatting import format_date, format_language, host_of, join_parts
from desktop_app.gui.results_model import HitRole

log = logging.getLogger(__name__)

_PADDING_X = 12
_PADDING_Y = 9
_MIN_TEXT_WIDTH = 120
_SNIPPET_CHARS = 260
"""Snippets are cut here so one long hit cannot fill the list."""

_Index = QModelIndex | QPersistentModelIndex


def meta_line(hit: SearchHit) -> str:
    """``site · date · language`` for one hit, leaving out what is unknown."""
    site = hit.site_name or host_of(hit.url)
    return join_parts([site, format_date(hit.published), format_language(hit.language)])


def hit_html(hit: SearchHit, muted_colour: str) -> str:
    """The rich text of one row."""
    star = " ★" if hit.bookmarked else ""
    parts = [
        f'<div style="font-weight: 600; font-size: 10.5pt;">{html.escape(hit.title)}{star}</div>',
    ]
    meta = meta_line(hit)
    if meta:
        parts.append(
            f'<div style="color: {muted_colour}; font-size: 8.5pt;">{html.escape(meta)}</div>'
        )
    if hit.snippet:
        parts.append(
            f'<div style="margin-top: 3px;">{styles.marks_to_spans(_shorten(hit.snippet))}</div>'
        )
    return "".join(parts)


def _shorten(snippet_html: str) -> str:
    # Cut only outside tags and entities so the HTML stays well formed.
    if len(snippet_html) <= _SNIPPET_CHARS:
        return snippet_html
    cut = snippet_html.rfind(" ", 0, _SNIPPET_CHARS)
    head = snippet_html[: cut if cut > 0 else _SNIPPET_CHARS]
    if head.count("<span") + head.count("<mark>") > head.count("</span>") + head.count("</mark>"):
        return snippet_html
    if head.rfind("&") > head.rfind(";"):
        head = head[: head.rfind("&")]
    return head.rstrip() + " …"


class ResultDelegate(QStyledItemDelegate):
    """Renders a ``SearchHit`` with ``QTextDocument`` and sizes the row to fit it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hit = index.data(HitRole)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        # The same width as sizeHint, or a row's text may need one line more than its height.
        document = self._document(hit, option, self._available_width(option), selected=selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + _PADDING_X, option.rect.top() + _PADDING_Y)
        painter.setClipRect(0, 0, option.rect.width() - _PADDING_X, option.rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()
        if not selected:
            self._draw_separator(painter, option)

    def _draw_separator(self, painter: QPainter, option: QStyleOptionViewItem) -> None:
        painter.save()
        painter.setPen(QColor(styles.ROW_SEPARATOR))
        bottom = option.rect.bottom()
        painter.drawLine(
            option.rect.left() + _PADDING_X, bottom, option.rect.right() - _PADDING_X, bottom
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hit = index.data(HitRole)
        if not isinstance(hit, SearchHit):
            return super().sizeHint(option, index)
        width = self._available_width(option)
        document = self._document(hit, option, width)
        return QSize(width, int(document.size().height()) + 2 * _PADDING_Y)

    def _available_width(self, option: QStyleOptionViewItem) -> int:
        # The option's rect is not the row's during sizeHint; the viewport's width is. Room for
        # the scroll bar is always kept: the view does not re-measure rows when it appears.
        widget = option.widget
        if not isinstance(widget, QAbstractItemView):
            return max(option.rect.width(), _MIN_TEXT_WIDTH)
        width = widget.viewport().width()
        if not widget.verticalScrollBar().isVisible():
            width -= widget.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return max(width, _MIN_TEXT_WIDTH)

    def _document(
        self, hit: SearchHit, option: QStyleOptionViewItem, width: int, *, selected: bool = False
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        # Grey on the selection colour is unreadable, so the facts line follows the text there.
        muted = (
            option.palette.color(QPalette.ColorRole.HighlightedText).name() if selected else None
        )
        document.setHtml(hit_html(hit, muted or styles.MUTED_TEXT))
        document.setTextWidth(max(width - 2 * _PADDING_X, _MIN_TEXT_WIDTH))
        return document
