"""Errors raised by the importer: the world's fault (bad input) apart from ours (bugs)."""

from __future__ import annotations

from pathlib import Path


class ArchiveImportError(Exception):
    """Base class of every error the importer raises on purpose."""


class InputError(ArchiveImportError):
    """The input cannot become an article; the message names the file and says why.

    Anything else that escapes the importer is a bug in Archive Browser, not in the input.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NotAnArticle(InputError):
    """The file is readable but holds no article (an image, a redirect, an empty page).

    Reported as "skipped", not "failed": nothing is wrong with the file.
    """
