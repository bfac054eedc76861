"""Small text helpers shared by the page metadata readers: tidy values, compare names loosely."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

log = logging.getLogger(__name__)

_TAG = re.compile(r"<[^>]{0,200}>")
_NOT_WORD = re.compile(r"[\W_]+")
_TLD_SUFFIX = re.compile(r"\.(?:com|net|org|info|co\.uk|co|de|fr|in|ca|io|news|tv|us|uk)$", re.I)
# Second-level labels under a country code: the name is the label before them.
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go"})
_HOST_PREFIXES = frozenset({"www", "m", "amp", "mobile"})
# A name that starts with the site's name and adds at most this many words is still the
# site's name: "BBC News" on bbc.co.uk, "PolitiFact West Virginia", "CNN Business".
_EXTRA_SITE_WORDS = 2


def tidy(value: object) -> str:
    """A metadata value as plain text: entities decoded (twice-escaped ones too), tags and
    runs of white space removed. Anything that is not a string gives ``""``."""
    if not isinstance(value, str):
        return ""
    text = html.unescape(html.unescape(value)) if "&" in value else value
    if "<" in text:
        text = _TAG.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def loose_key(name: str) -> str:
    """A name reduced for comparison: ``The Verge``, ``verge`` and ``Verge.com`` agree."""
    key = name.strip().casefold()
    key = key.removeprefix("the ").removeprefix("@")
    key = _TLD_SUFFIX.sub("", key)
    return _NOT_WORD.sub("", key)


def names_site(part: str, sites: frozenset[str]) -> bool:
    """Whether ``part`` is one of the ``sites`` (loose keys), or starts with one and adds at
    most two words."""
    words = part.split()
    if not words:
        return True
    for count in range(1, min(len(words), 8) + 1):
        if loose_key(" ".join(words[:count])) in sites:
            return len(words) - count <= _EXTRA_SITE_WORDS
    return False


def host_names(urls: Iterable[str | None]) -> list[str]:
    """Names a site goes by in its URLs: ``news.bbc.co.uk`` gives ``news.bbc.co.uk`` and ``bbc``."""
    names: list[str] = []
    for url in urls:
        labels = [label for label in host_of(url).split(".") if label]
        while labels and labels[0] in _HOST_PREFIXES:
            labels.pop(0)
        if len(labels) < 2:
            continue
        names.append(".".join(labels))
        labels.pop()
        if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels.pop()
        names.append(labels[-1])
    return names


def host_of(url: str | None) -> str:
    """The host name in ``url``, lower case; ``""`` for none or a malformed URL."""
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # "http://[not-ipv6" and the like
        return ""


def web_url(value: str | None, base: str | None = None) -> str | None:
    """``value`` as an absolute http(s) URL, resolved against ``base``; None if it is not one."""
    value = (value or "").strip()
    if not value or value.startswith(("data:", "asset:", "javascript:")):
        return None
    try:
        if base and not value.startswith(("http://", "https://")):
            value = urljoin(base, value)
        elif value.startswith("//"):
            value = "https:" + value
        host = urlsplit(value).hostname
    except ValueError:  # a malformed address in either
        return None
    return (
        value if host and value.startswith(("http://", "https://")) and " " not in value else None
    )
