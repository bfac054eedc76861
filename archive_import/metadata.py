"""Small readers of page metadata that the article extractor does not give us."""

from __future__ import annotations

import re

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{4}\)\s*(\S+?)\s*-->", re.I)
_HTML_LANG = re.compile(r"<html\b[^>]*?\s(?:xml:)?lang\s*=\s*[\"']?\s*([A-Za-z]{2,3})\b", re.I)
_META_LANG = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)"
    r"[^>]*?content\s*=\s*[\"']?\s*([A-Za-z]{2,3})\b",
    re.I,
)
_HEAD_CHARS = 20_000


def saved_from_url(page: str) -> str | None:
    """The URL in the ``<!-- saved from url=(NNNN)… -->`` mark browsers write, if any."""
    match = _SAVED_FROM.search(page[:_HEAD_CHARS])
    if not match:
        return None
    url = match.group(1)
    return url if url.startswith(("http://", "https://")) else None


def declared_language(page: str) -> str | None:
    """The ISO 639-1 code the page declares in ``<html lang>`` or a meta tag, lower case."""
    head = page[:_HEAD_CHARS]
    for pattern in (_HTML_LANG, _META_LANG):
        match = pattern.search(head)
        if match:
            code = match.group(1).lower()
            if len(code) == 2:
                return code
    return None


def split_authors(raw: str | None) -> tuple[str, ...]:
    """Authors as a list: the extractor joins several names with ``;``."""
    if not raw:
        return ()
    names = (name.strip() for name in re.split(r"\s*;\s*", raw))
    return tuple(dict.fromkeys(name for name in names if name))


def iso_date(raw: str | None) -> str | None:
    """An ISO 8601 date string, or None when the value is not one."""
    if raw and re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        return raw
    return None
