"""The reader's own words on an article: a comma-separated tag field and a short note."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.gui import styles
from desktop_app.gui.signals import emit

log = logging.getLogger(__name__)

NOTE_IDLE_MS = 1500
"""A note is saved after this long without typing, or at once when it loses focus."""
NOTE_LINES = 2


def split_tags(text: str) -> list[str]:
    """The tags typed in a comma-separated field, blanks left out."""
    return [tag.strip() for tag in text.split(",") if tag.strip()]


def join_tags(tags: Sequence[str]) -> str:
    """Tags as the field shows them."""
    return ", ".join(tags)


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        chosen = super().pathFromIndex(index)
        field = self.widget()
        before = field.text().rpartition(",")[0] if isinstance(field, QLineEdit) else ""
        return f"{before}, {chosen}" if before.strip() else chosen

    def splitPath(self, path: str) -> list[str]:
        return [path.rpartition(",")[2].strip()]


class AnnotationBar(QWidget):
    """Tags and a note for the article shown; edits are reported, never saved here."""

    tags_edited = Signal(object)
    """The user committed the tag field; carries the list of tags typed."""
    note_edited = Signal(str)
    """The user's note changed and is due to be saved (after a pause or on leaving it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved_tags = ""
        self._saved_note = ""
        self._tag_model = QStringListModel(self)
        self.tag_field = self._make_tag_field()
        self.note_box = self._make_note_box()
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_IDLE_MS)
        self._note_timer.timeout.connect(self.commit_note)
        self.note_box.textChanged.connect(self._on_note_typed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 2, 12, 6)
        layout.setSpacing(4)
        layout.addWidget(self.tag_field)
        layout.addWidget(self.note_box)

    def show_annotations(self, tags: Sequence[str], note: str) -> None:
        """Show an article's saved tags and note, dropping any unsaved edit."""
        self._note_timer.stop()
        self._saved_tags = join_tags(tags)
        self._saved_note = note
        self.tag_field.setText(self._saved_tags)
        self.note_box.blockSignals(True)
        self.note_box.setPlainText(note)
        self.note_box.blockSignals(False)

    def show_tags(self, tags: Sequence[str]) -> None:
        """Show the tags as the library kept them (cleaned) after a commit."""
        self._saved_tags = join_tags(tags)
        if not self.tag_field.hasFocus() or self.tag_field.text() != self._saved_tags:
            self.tag_field.setText(self._saved_tags)

    def set_known_tags(self, tags: Sequence[str]) -> None:
        """The tags the completer offers, most used first."""
        self._tag_model.setStringList(list(tags))

    def commit_tags(self) -> None:
        """Report the tag field if it differs from what was saved."""
        if self.tag_field.text().strip() != self._saved_tags:
            self._saved_tags = self.tag_field.text().strip()
            emit(self.tags_edited, split_tags(self._saved_tags))

    def commit_note(self) -> None:
        """Report the note now if it differs from what was saved."""
        self._note_timer.stop()
        note = self.note_box.toPlainText()
        if note != self._saved_note:
            self._saved_note = note
            emit(self.note_edited, note)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_box and event.type() == QEvent.Type.FocusOut:
            self.commit_note()
        return super().eventFilter(watched, event)

    def _make_tag_field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setPlaceholderText("Tags, separated by commas")
        field.setToolTip("Tags for this article; press Enter to keep them")
        field.setFrame(False)
        field.setStyleSheet(styles.ANNOTATION_CSS)
        completer = _TagCompleter(self._tag_model, field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        field.setCompleter(completer)
        field.editingFinished.connect(self.commit_tags)
        return field

    def _make_note_box(self) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setPlaceholderText("Note")
        box.setToolTip("Your note on this article; it is kept as you type")
        box.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        box.setStyleSheet(styles.ANNOTATION_CSS)
        box.setTabChangesFocus(True)
        lines = QFontMetrics(box.font()).lineSpacing() * NOTE_LINES
        box.setFixedHeight(lines + 2 * int(box.document().documentMargin()) + 8)
        box.installEventFilter(self)
        return box

    def _on_note_typed(self) -> None:
        self._note_timer.start()
