"""Room for comparing: the results list gives way while the reader shows the original beside
the article, and gets its width back after."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter

from desktop_app.gui import styles


class ComparisonRoom:
    """Keeps ``splitter``'s first pane (the list) narrow enough, while comparing, that each of
    the reader's two panes can be ``styles.COMPARE_PANE_WIDTH`` wide, down to
    ``styles.LIST_MIN_WIDTH``; gives the list its width back when the comparison ends.

    On a window of 1,024 pixels the two panes were 215 pixels each, which broke words in two.
    """

    def __init__(self, splitter: QSplitter) -> None:
        self._splitter = splitter
        self._list_before: int | None = None

    def set_comparing(self, comparing: bool) -> None:
        """Make room as the original page is shown (``comparing``), give it back as it goes."""
        sizes = self._splitter.sizes()
        if len(sizes) != 2:
            return
        total = sum(sizes)
        if comparing:
            wanted = 2 * styles.COMPARE_PANE_WIDTH + self._splitter.handleWidth()
            list_width = max(styles.LIST_MIN_WIDTH, total - wanted)
            if self._list_before is None and list_width < sizes[0]:
                self._list_before = sizes[0]
                self._splitter.setSizes([list_width, total - list_width])
        elif self._list_before is not None:
            before, self._list_before = self._list_before, None
            self._splitter.setSizes([before, total - before])
