"""A list model over one page of search hits, for the result list."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.core import SearchHit, SearchResults

log = logging.getLogger(__name__)

HitRole = Qt.ItemDataRole.UserRole + 1
"""The role whose data is the row's ``SearchHit``."""
ArticleIdRole = Qt.ItemDataRole.UserRole + 2
"""The role whose data is the row's article id."""

_Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    """Rows are the hits of the latest search or browse, in the core's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[SearchHit, ...] = ()
        self._total = 0

    @property
    def total(self) -> int:
        """How many articles matched in all, which may be more than the rows shown."""
        return self._total

    def set_results(self, results: SearchResults) -> None:
        """Replace every row with ``results``."""
        self.beginResetModel()
        self._hits = results.hits
        self._total = results.total
        self.endResetModel()
        log.debug("showing %s of %s hits", len(self._hits), self._total)

    def hit_at(self, row: int) -> SearchHit | None:
        """The hit in ``row``, or ``None`` past the end."""
        if 0 <= row < len(self._hits):
            return self._hits[row]
        return None

    def row_of(self, article_id: int) -> int | None:
        """The row showing ``article_id``, if any."""
        for row, hit in enumerate(self._hits):
            if hit.id == article_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default.
        # A list model's rows hang only off the invisible root.
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.url
        if role == HitRole:
            return hit
        if role == ArticleIdRole:
            return hit.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names[HitRole] = QByteArray(b"hit")
        names[ArticleIdRole] = QByteArray(b"articleId")
        return names
