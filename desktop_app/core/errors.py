"""Errors of the library on disk: one base class, user-facing problems apart from bugs."""

from __future__ import annotations


class CoreError(Exception):
    """Base class of every error the core raises on purpose."""


class LibraryError(CoreError):
    """The library folder cannot be used (unwritable, not a library, newer format)."""


class ArticleNotFound(CoreError):
    """No article has the id that was asked for."""

    def __init__(self, article_id: int) -> None:
        self.article_id = article_id
        super().__init__(f"no article with id {article_id} in this library")
