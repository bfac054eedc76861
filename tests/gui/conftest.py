"""Fixtures for the window tests: Qt offscreen and a real library built from small saved pages."""

from __future__ import annotations

import os

# Must be set before the QApplication that pytest-qt creates.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core import Library
from desktop_app.gui.main_window import MainWindow
from tests.pages import article_page

_FILLER = (
    "Readers who keep a private archive of the pages they care about often return to them "
    "months later, when the original site has changed its layout, moved behind a paywall or "
    "simply vanished, and they are glad that a quiet copy remained on their own disk where "
    "nobody could edit it, track it or take it away from them without asking first."
)

# name: (language, title, author, published, paragraphs)
PAGES = {
    "lighthouse.html": (
        "en",
        "The Lighthouse Keepers of Ushant",
        "Maren Keller",
        "2021-03-14",
        [
            "The lighthouse at Créac'h guards one of the most dangerous straits in Europe, and "
            "for a century its keepers climbed the spiral stair every evening at dusk to light "
            "the lamp, wind the clockwork and polish the great lens until it shone.",
            "Each lighthouse keeper kept a logbook of storms, passing ships and broken panes, "
            "and those logbooks now tell historians how the sea around the island behaved "
            "before satellites watched it and automatic lamps replaced the families.",
        ],
    ),
    "sourdough.html": (
        "en",
        "What Lives in a Sourdough Starter",
        "Tomas Ruiz",
        "2022-07-02",
        [
            "A sourdough starter is a small ecosystem of wild yeasts and lactic acid bacteria "
            "that feed on flour and water, and every baker's jar holds a slightly different "
            "community shaped by the kitchen, the flour and the rhythm of feeding.",
            "Bakers who share their sourdough with friends are passing on living cultures, and "
            "microbiologists have started to sample starters from around the world to learn "
            "which microbes give each loaf its sour taste and its open, glossy crumb.",
        ],
    ),
    "glacier.html": (
        "fr",
        "Le recul du glacier d'Argentière",
        "Claire Dumas",
        "2023-09-21",
        [
            "Le glacier d'Argentière a perdu plusieurs centaines de mètres depuis le début du "
            "siècle, et les guides de Chamonix racontent que les échelles posées pour rejoindre "
            "la glace doivent être rallongées presque chaque été pour suivre sa fonte.",
            "Les glaciologues mesurent l'épaisseur du glacier avec des radars et des balises, "
            "et leurs relevés montrent une accélération nette de la perte de masse au cours "
            "des vingt dernières années, surtout pendant les étés les plus chauds du massif.",
        ],
    ),
}


def write_page(folder: Path, name: str) -> Path:
    """Write one of ``PAGES`` as a saved HTML page and return its path."""
    lang, title, author, date, paragraphs = PAGES[name]
    filler = f" {_FILLER}" if lang == "en" else ""
    page = article_page(
        title,
        [text + filler for text in paragraphs],
        lang=lang,
        author=author,
        published=date,
        site="Field Notes",
        url=f"https://fieldnotes.example/{name.removesuffix('.html')}",
    )
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


@pytest.fixture
def page_files(tmp_path: Path) -> list[Path]:
    """The three sample pages, written into ``tmp_path/pages``."""
    folder = tmp_path / "pages"
    folder.mkdir()
    return [write_page(folder, name) for name in PAGES]


@pytest.fixture
def library(tmp_path: Path, page_files: list[Path]) -> Iterator[Library]:
    """A real library holding the three sample pages."""
    lib = Library(tmp_path / "lib")
    report = lib.import_paths(page_files)
    assert len(report.imported_ids) == len(page_files), report
    yield lib
    lib.close()


@pytest.fixture
def empty_library(tmp_path: Path) -> Iterator[Library]:
    """A real library with nothing in it."""
    lib = Library(tmp_path / "empty-lib")
    yield lib
    lib.close()


@pytest.fixture
def window(qtbot: Any, library: Library) -> MainWindow:
    """The main window on ``library``, shown (offscreen) and exposed."""
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
