"""Dates as pages state them, turned into ISO 8601 and checked for being possible."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

log = logging.getLogger(__name__)

# Nothing on the web predates 1990; older values are placeholders such as 0001-01-01.
_EARLIEST = date(1990, 1, 1)
# How far into the future a date may lie: a page saved just after midnight somewhere east
# of us carries tomorrow's date; anything later is a typo or an embargo placeholder.
_SLACK = timedelta(days=1)

_NUMERIC = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
    r"(?:[T ]\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?![\d:]))?",
)
_COMPACT = re.compile(
    r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?"
)
_DAY_FIRST = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)")
_RFC_2822 = re.compile(r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
# "14 March 2021", "14. März 2021", "1er mars 2021", "14 de marzo de 2021".
_WORD_DMY = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?"
    r"([^\W\d_]{3,10})\.?,?\s+(?:de\s+)?(\d{4})(?!\d)"
)
# "March 14, 2021", "Nov. 3 2021".
_WORD_MDY = re.compile(r"([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/_-]|\.html?|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?=/)")
_EPOCH = re.compile(r"\d{10}(?:\d{3})?")

# Month names in the languages whose pages we see most, January first.
_MONTH_NAMES = (
    "january jan januar jänner janvier enero gennaio janeiro januari",
    "february feb februar février fevrier febrero febbraio fevereiro februari",
    "march mar märz mär mars maart marzo março marts",
    "april apr avril abril aprile",
    "may mai mayo maggio maio mei maj",
    "june jun juni juin junio giugno junho",
    "july jul juli juillet julio luglio julho",
    "august aug août aout agosto augustus augusti",
    "september sep sept septembre septiembre setiembre settembre setembro",
    "october oct oktober octobre octubre ottobre outubro okt",
    "november nov novembre noviembre novembro",
    "december dec dezember décembre decembre diciembre dicembre dezembro dez",
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
# How far into the article text a date line is looked for: bylines sit at the top.
_TEXT_HEAD = 600


def is_month_name(word: str) -> bool:
    """Whether ``word`` names a month ("März", "nov", "décembre") in a language we know."""
    return word.casefold() in _MONTHS


def parse_date(raw: str | None) -> str | None:
    """ISO 8601 for a date as a page states it, with time and offset when it gives them.

    None when the value is no date or an impossible one (before 1990, after tomorrow).
    """
    value = " ".join((raw or "").split())
    if not value:
        return None
    if _EPOCH.fullmatch(value):
        return _from_epoch(int(value[:10]))
    if _RFC_2822.match(value):
        return _from_rfc_2822(value)
    return _numeric(value) or _compact(value) or _worded(value) or _day_first(value)


def date_in_url(url: str | None) -> str | None:
    """The date in a URL path like ``/2021/03/14/`` or ``/20210314/``, as ``YYYY-MM-DD``."""
    path = (url or "").split("?", 1)[0]
    for pattern in (_URL_DATE, _URL_COMPACT):
        for match in pattern.finditer(path):
            found = _day(*(int(group) for group in match.groups()))
            if found:
                return found
    return None


def date_in_text(text: str) -> str | None:
    """A date stated near the start of an article's text (``14 March 2021``, ``2021-03-14``)."""
    head = text[:_TEXT_HEAD]
    return _numeric(head) or _worded(head) or _day_first(head)


def _numeric(value: str) -> str | None:
    for match in _NUMERIC.finditer(value):
        found = _from_parts(match)
        if found:
            return found
    return None


def _compact(value: str) -> str | None:
    match = _COMPACT.fullmatch(value)
    return _from_parts(match) if match else None


def _from_parts(match: re.Match[str]) -> str | None:
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if match["H"] is None:
        return _day(year, month, day)
    zone = _zone(match.groupdict().get("tz"))
    try:
        moment = datetime(
            year, month, day, int(match["H"]), int(match["M"]), int(match["S"] or 0), tzinfo=zone
        )
    except ValueError:
        return None
    return moment.isoformat() if _possible(moment.date()) else None


def _zone(raw: str | None) -> timezone | None:
    if not raw:
        return None
    if raw in ("Z", "UTC", "GMT"):
        return timezone.utc
    digits = raw[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    if minutes >= 24 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if raw[0] == "-" else minutes))


def _worded(value: str) -> str | None:
    for match in _WORD_DMY.finditer(value):
        found = _named_month(match[3], match[2], match[1])
        if found:
            return found
    for match in _WORD_MDY.finditer(value):
        found = _named_month(match[3], match[1], match[2])
        if found:
            return found
    return None


def _named_month(year: str, month: str, day: str) -> str | None:
    number = _MONTHS.get(month.casefold())
    return _day(int(year), number, int(day)) if number else None


def _day_first(value: str) -> str | None:
    """``14.03.2021`` (dots always mean day first) or a slashed date that only reads one way."""
    for match in _DAY_FIRST.finditer(value):
        first, sep, second, year = match.groups()
        day, month = int(first), int(second)
        if sep == "/" and day <= 12:
            # 03/04/2021 is March or April depending on the country: no guess.
            if month <= 12:
                continue
            day, month = month, day
        found = _day(int(year), month, day)
        if found:
            return found
    return None


def _from_rfc_2822(value: str) -> str | None:
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment.isoformat() if _possible(moment.date()) else None


def _from_epoch(seconds: int) -> str | None:
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return moment.isoformat() if _possible(moment.date()) else None


def _day(year: int, month: int, day: int) -> str | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found.isoformat() if _possible(found) else None


def _possible(day: date) -> bool:
    return _EARLIEST <= day <= datetime.now(timezone.utc).date() + _SLACK
