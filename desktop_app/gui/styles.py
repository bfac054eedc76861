"""Colours, fonts and the reader's stylesheet, kept together so the look is decided once."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

HIGHLIGHT_BACKGROUND = "#fdf0a6"
"""A soft yellow behind matched words."""
HIGHLIGHT_TEXT = "#1f1f1f"
MUTED_TEXT = "#6b6f76"
READER_BACKGROUND = "#fdfdfc"
READER_TEXT = "#222426"
LINK_COLOUR = "#1f5f99"
EMPTY_STATE_TEXT = "#8a8e95"
BOOKMARK_STAR = "#d9a21b"
ROW_SEPARATOR = "#ececec"
TABLE_RULE = "#e2e2de"

READER_MAX_WIDTH = 720
"""Pixels: about 70 characters of body text, the width people read most comfortably."""
READER_MIN_MARGIN = 28
READER_DOCUMENT_MARGIN = 12
COMPARE_PANE_WIDTH = 460
"""Pixels each of the article and its original page get, when the window has them, side by
side: some 50 characters a line."""
LIST_MIN_WIDTH = 260
"""Pixels the results list keeps while it gives way to a comparison."""

READER_FONT_FAMILIES = ["Charter", "Georgia", "Source Serif Pro", "DejaVu Serif", "Noto Serif"]
READER_FONT_POINTS = 12.5

# Qt's rich text understands a subset of CSS 2.1: no max-width, no rem, no selectors beyond
# element and class; line-height only as a percentage.
READER_CSS = f"""
body {{ color: {READER_TEXT}; }}
p {{ margin-top: 0; margin-bottom: 14px; line-height: 150%; }}
li {{ margin-bottom: 6px; line-height: 150%; }}
h1 {{ font-size: 20pt; font-weight: 600; margin-top: 8px; margin-bottom: 10px; }}
h2 {{ font-size: 16pt; font-weight: 600; margin-top: 22px; margin-bottom: 8px; }}
h3, h4, h5, h6 {{ font-size: 13.5pt; font-weight: 600; margin-top: 18px; margin-bottom: 6px; }}
a {{ color: {LINK_COLOUR}; text-decoration: none; }}
blockquote {{ color: #45484d; margin-left: 18px; margin-right: 18px; font-style: italic; }}
pre, code {{ font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: 10.5pt; }}
pre {{ background-color: #f3f3f1; }}
table {{ margin-top: 6px; margin-bottom: 18px; border-collapse: collapse; border: none; }}
td, th {{ padding: 5px 10px 5px 0; border-bottom: 1px solid {TABLE_RULE}; font-size: 11pt; }}
.caption {{ font-size: 10.5pt; font-weight: 600; margin-bottom: 4px; }}
th {{ text-align: left; border-bottom: 1px solid {MUTED_TEXT}; }}
.article-title {{ font-size: 20pt; font-weight: 600; line-height: 125%;
                  margin-top: 18px; margin-bottom: 8px; }}
.header-end {{ font-size: 4pt; margin-bottom: 14px; }}
.article-byline {{ color: {MUTED_TEXT}; font-size: 10.5pt; margin-bottom: 2px; }}
.article-url {{ color: {MUTED_TEXT}; font-size: 9pt; }}
.article-url a {{ color: {MUTED_TEXT}; }}
.about-heading {{ color: {MUTED_TEXT}; font-size: 10pt; font-weight: 600;
                  margin-top: 10px; margin-bottom: 10px; }}
.about-version {{ font-size: 10pt; margin-bottom: 8px; }}
.about-source {{ font-size: 10pt; line-height: 135%; margin-bottom: 12px; }}
.about-detail {{ color: {MUTED_TEXT}; font-size: 8.5pt; }}
.about-end {{ font-size: 16pt; }}
"""

MARK_OPEN = f'<span style="background-color: {HIGHLIGHT_BACKGROUND}; color: {HIGHLIGHT_TEXT};">'
"""Qt's rich text ignores ``<mark>``, so matched words get this span instead."""
MARK_CLOSE = "</span>"

SIDEBAR_CSS = """
QListWidget#sidebar { border: none; background: transparent; outline: none; }
QListWidget#sidebar::item { padding: 7px 10px; border-radius: 6px; margin: 1px 8px;
                            color: palette(window-text); }
QListWidget#sidebar::item:hover { background: rgba(0, 0, 0, 0.04); }
QListWidget#sidebar::item:selected { background: rgba(40, 100, 180, 0.14);
                                     color: palette(window-text); }
QListWidget#savedSearches { border: none; background: transparent; outline: none; }
QListWidget#savedSearches::item { padding: 4px 10px; border-radius: 6px; margin: 0px 8px;
                                  color: palette(window-text); }
QListWidget#savedSearches::item:hover { background: rgba(0, 0, 0, 0.04); }
"""

SIDEBAR_HEADING_CSS = (
    "QLabel { color: palette(placeholder-text); font-size: 8.5pt; font-weight: 600;"
    " padding: 10px 18px 2px 18px; }"
)

FACETS_CSS = """
QTreeWidget#facets { border: none; background: transparent; outline: none; font-size: 9.5pt; }
QTreeWidget#facets::item { padding: 2px 4px; }
QTreeWidget#facets::item:hover { background: rgba(0, 0, 0, 0.04); }
QTreeWidget#facets::item:selected { background: transparent; color: palette(window-text); }
"""


EMPTY_STATE_CSS = f"QLabel#emptyState {{ color: {EMPTY_STATE_TEXT}; font-size: 13pt; }}"


def marks_to_spans(snippet_html: str) -> str:
    """Swap the core's ``<mark>`` tags for spans Qt can paint."""
    return snippet_html.replace("<mark>", MARK_OPEN).replace("</mark>", MARK_CLOSE)


WARNING_TEXT = "#8a5a12"
"""A calm amber for "this may not have been extracted well"."""
ANNOTATION_BACKGROUND = "#f4f4f1"

ANNOTATION_CSS = f"""
QLineEdit, QPlainTextEdit {{ background: {ANNOTATION_BACKGROUND}; border-radius: 4px;
                             padding: 3px 6px; color: {READER_TEXT}; }}
"""

WARNING_CSS = f"QLabel#extractionWarning {{ color: {WARNING_TEXT}; font-size: 9.5pt; }}"
"""A warning line in the reader header: noticeable, not alarming."""

HINT_CSS = f"QLabel#resultsHint {{ color: {WARNING_TEXT}; padding: 0px 12px 6px 12px; }}"
"""The line under the results caption: a notice about the query, or "did you mean"."""
