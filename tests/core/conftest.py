"""A real library on disk, in a temporary folder, for every core test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core import Library
from tests.pages import write_page


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """An empty library in ``tmp_path / "library"``."""
    with Library(tmp_path / "library") as lib:
        yield lib


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A folder of three article pages on distinct subjects."""
    folder = tmp_path / "pages"
    write_page(folder, "lighthouse.html", "Lighthouse lenses", "The lighthouse lens bends light.",
               site="Coast Review", author="Eleanor Marsh", published="2023-06-12")  # fmt: skip
    write_page(folder, "sourdough.html", "Sourdough starters", "Wild yeast feeds the sourdough.",
               site="Crumb", published="2024-02-03")  # fmt: skip
    write_page(folder, "marees.html", "Les marées de Bretagne", "Le marnage capturé en Bretagne.",
               lang="fr", site="Littoral")  # fmt: skip
    return folder
