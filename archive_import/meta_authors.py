"""Author names as a clean list: no "By", no job titles, no site names, no addresses."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from archive_import.meta_text import names_site

log = logging.getLogger(__name__)

_BY = re.compile(
    r"^(?:(?:written|posted|reported|published|story|words|text|photos?)\s+)?"
    r"(?:by|von|par|por|door|przez|av|af)\b\s*:?\s*"
    r"|^(?:authors?|autor(?:in|es)?|auteurs?|autore|texte?|tekst|bylines?)\s*:\s*",
    re.I,
)
_DASHES = "-\u2013\u2014"
# Between the segments of a byline: "Jane Doe, AP Science Writer | Nov. 3".
_SEGMENTS = re.compile(rf"\s*(?:[,;|/•·\n]|\s[{_DASHES}]\s)\s*")
# Between names in one segment: "and" in the languages we read (in any case for all-caps
# bylines; the one-letter ones only in lower case, so initials survive).
_AND = re.compile(r"\s*(?:[&+]|\b(?i:and)\b|\b(?:und|et|y|e|og|och|en|i|és|ve)\b)\s*")
_ADDRESS = re.compile(r"://|^www\.|\S@\S", re.I)
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]")
# Digits, addresses and file or host names ("humans.txt", "example.com") are no names.
_NOT_A_NAME = re.compile(r"\d|@|://|^www\.|[a-z]\.[a-z]{2,4}\b", re.I)
# Job titles, dropped from either end of a name ("Jane Doe Staff Writer" is Jane Doe), and
# weekdays, which a byline's date runs into the name ("Malcolm Owen Monday, November 18").
_ROLES = frozenset({
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
    "editor", "editors", "editorial", "contributor", "contributors", "contributing", "senior",
    "chief", "columnist", "admin", "administrator", "guest", "author", "authors", "journalist",
    "journalists", "photographer", "freelance", "special",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip
# A part ending in one of these names a group of people, not a person ("Politics Desk").
_GROUPS = frozenset({
    "staff", "desk", "team", "newsroom", "bureau", "board", "reports", "redaktion", "rédaction",
    "redacción", "redaccion", "redazione", "redactie",
})  # fmt: skip
# Letters after a name: "Ilana Muhlstein, MS, RDN".
_CREDENTIALS = frozenset({
    "md", "phd", "ms", "msc", "ma", "mba", "mph", "rn", "rd", "rdn", "dds", "esq", "cpt", "cscs",
    "jr", "sr",
})  # fmt: skip
# A part starting with one of these is the rest of a byline line, not a name.
_NOT_NAME_START = frozenset({
    "updated", "published", "posted", "last", "modified", "photo", "photos", "illustration",
    "follow", "email", "view", "read", "more", "contact", "share", "comments", "minutes", "min",
})  # fmt: skip
_MAX_WORDS = 6
_MAX_AUTHORS = 20


def clean_authors(
    raw: Iterable[str], *, sites: frozenset[str] = frozenset(), one_per_value: bool = False
) -> tuple[str, ...]:
    """The person (or agency) names in ``raw`` bylines, each once, in order.

    ``sites`` are ``site_keys`` of the site's names, which are never an author. With
    ``one_per_value`` each value is one name (``citation_author``), and "Doe, Jane" is
    turned around rather than split.
    """
    names: dict[str, str] = {}
    for value in raw:
        for part in _parts(value, one_per_value):
            name = _name(part)
            if name and not names_site(name, sites):
                names.setdefault(name.casefold(), name)
    return tuple(names.values())[:_MAX_AUTHORS]


def _parts(value: str, one_per_value: bool) -> list[str]:
    """The candidate names in one byline value."""
    if _ADDRESS.search(value):
        # A profile page's URL or an email address (article:author often is one).
        return []
    value = _PARENTHESES.sub("", _BY.sub("", value.strip()))
    if one_per_value:
        last, comma, first = value.partition(",")
        return [f"{first.strip()} {last.strip()}" if comma and first.strip() else value]
    segments = _SEGMENTS.split(value)
    # After the first, a segment ending in a job title describes the name before it
    # ("Tom Krisher, AP Auto Writer"); it is no one's name.
    kept = segments[:1] + [s for s in segments[1:] if not _describes_someone(s)]
    return [part for segment in kept for part in _AND.split(segment)]


def _describes_someone(segment: str) -> bool:
    words = segment.casefold().replace(".", "").split()
    return not words or words[-1] in _ROLES or words[-1] in _CREDENTIALS


def _name(part: str) -> str:
    """One name from one part of a byline, or ``""`` if the part is no name."""
    part = _BY.sub("", part.strip(f" .:'\"{_DASHES}")).strip()
    if not part or _NOT_A_NAME.search(part):
        return ""
    words = part.split()
    if words[0].casefold() in _NOT_NAME_START or words[-1].casefold() in _GROUPS:
        return ""
    while words and words[-1].casefold().strip(".,:") in _ROLES:
        words.pop()
    while words and words[0].casefold().strip(".,:") in _ROLES:
        words.pop(0)
    if not words or len(words) > _MAX_WORDS:
        return ""
    name = " ".join(words)
    # An all-capitals byline ("JANE DOE") reads better as a name ("Jane Doe").
    return name.title() if name.isupper() and len(name) > 3 else name
