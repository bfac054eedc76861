"""Turn record fields into the short words the window shows: dates, languages, counts."""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable

from PySide6.QtCore import QLocale

log = logging.getLogger(__name__)

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def format_date(value: str | None) -> str:
    """``2023-05-01T10:00`` → ``1 May 2023``; anything unparseable is shown as it came."""
    if not value:
        return ""
    text = value.strip()
    if match := _ISO_DATE.match(text):
        try:
            day = datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return text
        return f"{day.day} {day:%b %Y}"
    if match := _ISO_MONTH.match(text):
        year, month = (int(part) for part in match.groups())
        if 1 <= month <= 12:
            return f"{datetime.date(year, month, 1):%b %Y}"
    return text


def format_language(code: str | None) -> str:
    """``fr`` → ``French``; an unknown code is shown as it came."""
    if not code:
        return ""
    locale = QLocale(code.replace("-", "_"))
    if locale.language() == QLocale.Language.C:
        return code
    return QLocale.languageToString(locale.language())


def join_parts(parts: Iterable[str | None], separator: str = " · ") -> str:
    """The non-empty parts, joined with a middle dot."""
    return separator.join(part for part in parts if part)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 article``, ``3 articles``."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"


def host_of(url: str | None) -> str:
    """The host of a URL without ``www.``, as a stand-in for a missing site name."""
    if not url:
        return ""
    match = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#:]+)", url, re.IGNORECASE)
    if not match:
        return ""
    host = match.group(1).lower()
    return host.removeprefix("www.")
