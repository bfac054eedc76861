"""The marks saving tools leave in a page: Chrome's "saved from" comment and SingleFile's."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{4}\)\s*(\S+?)\s*-->", re.I)
_HEAD_CHARS = 20_000
_SINGLEFILE = re.compile(
    r"<!--\s*(?:Page saved with SingleFile|Archive processed by SingleFile)\s*"
    r"(?:url:\s*(?P<url>\S+))?\s*(?:saved date:\s*(?P<date>[^\n(]+?)\s*(?:\([^)]*\))?)?\s*-->",
    re.I,
)
_JS_DATE = re.compile(
    r"\w{3} (?P<mon>\w{3}) (?P<day>\d{1,2}) (?P<year>\d{4}) (?P<time>\d{2}:\d{2}:\d{2})"
    r"(?: GMT(?P<sign>[+-])(?P<hh>\d{2})(?P<mm>\d{2}))?"
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def singlefile_mark(page: str) -> tuple[str | None, str | None] | None:
    """(url, saved date as ISO 8601) from a SingleFile page's comment, or None if not one."""
    match = _SINGLEFILE.search(page[:_HEAD_CHARS])
    if not match:
        return None
    url = match.group("url")
    return (url if url and url.startswith(("http://", "https://")) else None), _js_date(
        match.group("date")
    )


def _js_date(text: str | None) -> str | None:
    """ISO 8601 from a date as JavaScript prints it: ``Tue Nov 24 2026 10:00:00 GMT+0100``."""
    match = _JS_DATE.search(text or "")
    if not match or match.group("mon").lower() not in _MONTHS:
        return None
    month = _MONTHS.index(match.group("mon").lower()) + 1
    hour, minute, second = (int(x) for x in match.group("time").split(":"))
    offset = timedelta(hours=int(match.group("hh") or 0), minutes=int(match.group("mm") or 0))
    zone = timezone(-offset if match.group("sign") == "-" else offset)
    moment = datetime(
        int(match.group("year")), month, int(match.group("day")), hour, minute, second
    )
    return moment.replace(tzinfo=zone).isoformat()


def saved_from_url(page: str) -> str | None:
    """The URL in the ``<!-- saved from url=(NNNN)… -->`` mark browsers write, if any."""
    match = _SAVED_FROM.search(page[:_HEAD_CHARS])
    if not match:
        return None
    url = match.group(1)
    return url if url.startswith(("http://", "https://")) else None
