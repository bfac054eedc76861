"""The one place logging is configured: a rotating log file the user can find, and stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desktop_app.core.paths import log_folder

LOG_FILE_NAME = "archive-browser.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(verbose: bool = False) -> Path | None:
    """Log INFO and up to the log file, warnings (or everything with ``verbose``) to stderr.

    Returns the log file's path, or None when its folder cannot be written.
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root.addHandler(console)
    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "readability"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    return _add_file_handler(root)


def _add_file_handler(root: logging.Logger) -> Path | None:
    path = log_folder() / LOG_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path
