"""Saved web pages in, clean articles out. Pure: no storage, no Qt."""

from archive_import.discovery import Found, Passed, discover
from archive_import.document import Asset, ExtractedArticle, Source, extension_for
from archive_import.errors import ArchiveImportError, InputError, NotAnArticle
from archive_import.pipeline import (
    CURRENT_EXTRACTORS,
    SPLITTABLE_FORMATS,
    LoadedFile,
    Part,
    extract_file,
    extract_loaded,
    file_sha256,
    load,
    original_page,
    original_page_in,
)

__all__ = [
    "CURRENT_EXTRACTORS",
    "SPLITTABLE_FORMATS",
    "ArchiveImportError",
    "Asset",
    "ExtractedArticle",
    "Found",
    "InputError",
    "LoadedFile",
    "NotAnArticle",
    "Part",
    "Passed",
    "Source",
    "discover",
    "extension_for",
    "extract_file",
    "extract_loaded",
    "file_sha256",
    "load",
    "original_page",
    "original_page_in",
]
