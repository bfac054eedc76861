"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.pages import SHARED_FIXTURES

# Set before any test module imports Qt, so every Qt test runs without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def shared_fixtures() -> Path:
    """The shared folder of real saved pages; tests using it skip politely when it is absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED_FIXTURES}")
    return SHARED_FIXTURES
