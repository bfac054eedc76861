"""Where Archive Browser keeps its files on each system; the only module that knows."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Archive Browser"
LIBRARY_ENV = "ARCHIVE_BROWSER_LIBRARY"


def default_library() -> Path:
    """``$ARCHIVE_BROWSER_LIBRARY``, else ``Library`` in the user's data folder.

    Linux: ``~/.local/share/Archive Browser/Library``; macOS:
    ``~/Library/Application Support/Archive Browser/Library``; Windows:
    ``%LOCALAPPDATA%\\Archive Browser\\Library``.
    """
    configured = os.environ.get(LIBRARY_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "Library"


def log_folder() -> Path:
    """The folder of the log file a user can send with a bug report."""
    return platformdirs.user_log_path(APP_NAME, appauthor=False)
