"""How long the reader takes to show an article, by the article's length.

    python -m benchmarks.bench_reader [--runs N]

Writes generated article pages of 2,000 to 250,000 characters (prose, a table, prose with
figures) into a temporary library,
opens the real window (on Qt's offscreen platform unless a display is chosen), and prints for
each, best of N runs and each after a short article, the wall time from asking the reader to
show it until the window has handled its events (what the reader first sees), and then the
time to jump to its end (which makes Qt lay the whole article out: it lays out long plain
text a piece at a time in the background, and structured text at once).
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from benchmarks.gauge import gauge_line
from desktop_app.core import Library
from desktop_app.gui.main_window import MainWindow

# (kind, characters): running prose in sections; one long table (a registry, a listing),
# which Qt lays out whole before it shows anything; prose with a figure every few paragraphs
# (each image's line is spaced apart once the article is in the reader); and both, figures
# above a long table (a saved catalogue page, as the original pane shows it).
ARTICLES = (
    ("prose", 2_000), ("prose", 10_000), ("prose", 50_000), ("prose", 250_000),
    ("table", 10_000), ("table", 50_000), ("table", 250_000),
    ("figures", 50_000), ("figures", 250_000), ("figures+table", 250_000),
)  # fmt: skip
_WORDS = (
    "survey", "boat", "sounded", "channel", "dawn", "depth", "tide", "state", "stone", "winter",
    "storm", "loosened", "sea", "wall", "harbour", "quay", "pilot", "beacon", "chart", "current",
    "shoal", "buoy", "keeper", "lamp", "lens", "fog", "signal", "crew", "ledger", "mooring",
    "breakwater", "dredger", "estuary", "sandbank", "ferry", "cargo", "crane", "warehouse",
)  # fmt: skip
_PARAGRAPH_WORDS = 60
_SECTION_EVERY = 8
_CELL_WORDS = 4
_FIGURE_EVERY = 4
# A 4x3 PNG, inline: the importer keeps it as the article's image, as it keeps a saved page's.
_IMAGE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGNomLAA"
    "jhhwcgCJlhRBlbH/hgAAAABJRU5ErkJggg=="
)
_SHORT = (("prose", 500),)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # Qt reads the platform when the application object is made.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        pages = [_write_page(Path(folder), kind, length) for kind, length in _SHORT + ARTICLES]
        with Library(Path(folder) / "library", workers=1) as library:
            ids = library.import_paths(pages).imported_ids
            window = MainWindow(library)
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            short, *measured = ids
            print(f"machine: {platform.machine()}, Python {platform.python_version()}, "
                  f"Qt platform {QApplication.platformName()}")  # fmt: skip
            print(gauge_line())
            print(f"best of {args.runs} runs{'':17}{'shown':>12}{'end reached':>14}")
            for (kind, length), article_id in zip(ARTICLES, measured, strict=True):
                times = [_show_times(app, window, short, article_id) for _ in range(args.runs)]
                shown = min(t[0] for t in times)
                end = min(t[1] for t in times)
                label = f"{kind}, {length:,} characters"
                print(f"{label:<34}{shown * 1000:>9.0f} ms{end * 1000:>11.0f} ms")
            window.close()
    return 0


def _show_times(
    app: QApplication, window: MainWindow, before: int, article_id: int
) -> tuple[float, float]:
    """Seconds to show ``article_id`` after ``before``, and then to jump to its end."""
    window.reader.show_article(window.library.article(before))
    app.processEvents()
    browser = window.reader.browser
    started = time.perf_counter()
    window.reader.show_article(window.library.article(article_id))
    app.processEvents()
    shown = time.perf_counter() - started
    started = time.perf_counter()
    browser.moveCursor(QTextCursor.MoveOperation.End)
    browser.ensureCursorVisible()
    app.processEvents()
    return shown, time.perf_counter() - started


def _write_page(folder: Path, kind: str, length: int) -> Path:
    """A saved article page of about ``length`` characters of text.

    Its words are drawn at random (seeded by kind and length), so that no two pages are the
    same article to the importer."""
    words = random.Random(f"{kind} {length}")
    title = f"A {kind} of {length:,} characters"
    if kind == "figures+table":
        body = _prose(words, length // 5, figures=True) + _table(words, length - length // 5)
    elif kind == "table":
        body = _table(words, length)
    else:
        body = _prose(words, length, figures=kind == "figures")
    path = folder / f"{kind}-{length}.html"
    path.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><article><h1>{title}</h1><p>{_sentence(words, _PARAGRAPH_WORDS)}</p>"
        f"{body}</article></body></html>",
        encoding="utf-8",
    )
    return path


def _prose(words: random.Random, length: int, figures: bool = False) -> str:
    parts: list[str] = []
    size = 0
    while size < length:
        if parts and len(parts) % _SECTION_EVERY == 0:
            parts.append(f"<h2>Section {len(parts) // _SECTION_EVERY}</h2>")
        if figures and parts and len(parts) % _FIGURE_EVERY == 0:
            caption = _sentence(words, _CELL_WORDS)
            parts.append(f'<figure><img src="{_IMAGE}" alt=""><figcaption>{caption}</figcaption>'
                         "</figure>")  # fmt: skip
        paragraph = _sentence(words, _PARAGRAPH_WORDS)
        parts.append(f"<p>{paragraph}</p>")
        size += len(paragraph)
    return "".join(parts)


def _table(words: random.Random, length: int) -> str:
    rows: list[str] = []
    size = 0
    while size < length:
        cells = [_sentence(words, _CELL_WORDS) for _ in range(3)]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        size += sum(map(len, cells))
    return f"<table>{''.join(rows)}</table>"


def _sentence(words: random.Random, count: int) -> str:
    return html.escape(" ".join(words.choice(_WORDS) for _ in range(count)).capitalize())


if __name__ == "__main__":
    raise SystemExit(main())
