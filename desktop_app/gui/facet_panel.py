"""The sidebar's "Refine" tree: how the results spread over sites, languages, years, tags and
bookmarks, each value a filter to click on and off."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.core import FacetValue
from desktop_app.gui import styles
from desktop_app.gui.formatting import format_language
from desktop_app.gui.signals import emit

log = logging.getLogger(__name__)

FACET_TITLES = {
    "site": "Site",
    "language": "Language",
    "year": "Year",
    "tag": "Tag",
    "bookmarked": "Bookmark",
}
# A facet shows its most frequent values; a long tail would bury the rest of the sidebar.
SHOWN_VALUES = 8
_FACET_ROLE = Qt.ItemDataRole.UserRole
_VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


def value_label(facet: str, value: str) -> str:
    """How a facet value reads in the sidebar."""
    if facet == "language":
        return format_language(value)
    if facet == "bookmarked":
        return "Bookmarked" if value == "yes" else "Not bookmarked"
    return value


class FacetPanel(QTreeWidget):
    """Facet values with their counts; clicking one filters by it, clicking again lets go."""

    filters_changed = Signal(object)
    """The filters now chosen, as a ``dict`` of facet name to one value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facets")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(10)
        self.setStyleSheet(styles.FACETS_CSS)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.filters: dict[str, str] = {}
        self.itemClicked.connect(self._on_clicked)

    def show_facets(self, facets: Mapping[str, tuple[FacetValue, ...]]) -> None:
        """Show the facets of the latest results; chosen filters stay listed and marked."""
        self.clear()
        for facet, title in FACET_TITLES.items():
            chosen = self.filters.get(facet)
            values = [v for v in facets.get(facet, ()) if v.count][:SHOWN_VALUES]
            if chosen is not None and all(v.value != chosen for v in values):
                values.insert(0, FacetValue(chosen, 0))
            if not values:
                continue
            heading = QTreeWidgetItem(self, [title])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setForeground(0, self.palette().placeholderText())
            for facet_value in values:
                self._add_value(heading, facet, facet_value, chosen == facet_value.value)
            heading.setExpanded(True)

    def clear_filters(self) -> None:
        """Let go of every filter (reported only if there were any)."""
        if self.filters:
            self.filters = {}
            emit(self.filters_changed, dict(self.filters))

    def _add_value(
        self, heading: QTreeWidgetItem, facet: str, facet_value: FacetValue, chosen: bool
    ) -> None:
        label = value_label(facet, facet_value.value)
        count = f"  {facet_value.count:,}" if facet_value.count else ""
        item = QTreeWidgetItem(heading, [f"{'✓ ' if chosen else ''}{label}{count}"])
        item.setData(0, _FACET_ROLE, facet)
        item.setData(0, _VALUE_ROLE, facet_value.value)
        item.setToolTip(0, f"Show all, not only {label}" if chosen else f"Show only {label}")
        if chosen:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        facet, value = item.data(0, _FACET_ROLE), item.data(0, _VALUE_ROLE)
        if facet is None:
            return
        if self.filters.get(facet) == value:
            del self.filters[facet]
        else:
            self.filters[facet] = value
        log.debug("filters: %s", self.filters)
        emit(self.filters_changed, dict(self.filters))
