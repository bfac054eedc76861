"""When two extracted articles are the same article: by URL, and by how alike their text is."""

from __future__ import annotations

import functools
import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Texts of one page extracted from two formats differ a little (a caption, a byline);
# two captures of a page that was edited differ more.
SAME_ARTICLE_SIMILARITY = 0.85
_SHINGLE_WORDS = 4
_WORD = re.compile(r"\w+")
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$)")


def url_key(url: str | None) -> str | None:
    """A URL normalised for comparison: no fragment, tracking parameters or trailing slash."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    return urlunsplit(("https", host, parts.path.rstrip("/") or "/", query, ""))


@functools.lru_cache(maxsize=8)
def text_key(text: str) -> str:
    """A digest of the text's words, blind to case, spacing and punctuation.

    Writing an article asks for its key twice (is it known? then to store it); the second
    time comes from the cache, which finds the same string at once by its cached hash.
    """
    words = " ".join(_WORD.findall(text.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def similarity(first: str, second: str) -> float:
    """How alike two texts are: Jaccard similarity of their four-word shingles, 0 to 1."""
    a, b = _shingles(first), _shingles(second)
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / len(a | b)


def _shingles(text: str) -> set[int]:
    words = _WORD.findall(text.casefold())
    if len(words) < _SHINGLE_WORDS:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i : i + _SHINGLE_WORDS])) for i in range(len(words) - 3)}
