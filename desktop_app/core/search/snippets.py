"""Snippets: the passage of an article's text where the query's words are densest, marked.

Only the hits shown get a snippet, cut from the database's copy of the text (the index
stores no body). The text is analysed as it was indexed, so ``captures`` in the text is
marked for a search for ``capturer``.
"""

from __future__ import annotations

import html
import logging
from collections import Counter

from desktop_app.core.records import MarkedWords
from desktop_app.core.search.analysis import FAMILY, is_spaceless

log = logging.getLogger(__name__)

SNIPPET_CHARS = 240
_LEAD = 60
_MAX_MATCHES = 2000


def opening_snippet(text: str) -> str:
    """The escaped opening of a text, cut at a word boundary: the snippet when nothing matched."""
    text = " ".join(text[: SNIPPET_CHARS * 4].split())
    if len(text) <= SNIPPET_CHARS:
        return html.escape(text, quote=False)
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return html.escape(cut, quote=False) + " …"


def snippet(text: str, family: str, terms: set[str]) -> str:
    """HTML: the best passage of ``text`` with every match of ``terms`` in ``<mark>``."""
    if not terms or not text:
        return opening_snippet(text)
    matches = FAMILY[family].find(text, terms)[:_MAX_MATCHES]
    if not matches:
        return opening_snippet(text)
    first, last = _best_window(matches)
    start = _word_start(text, max(0, matches[first][0] - _LEAD))
    end = _word_end(text, min(len(text), start + SNIPPET_CHARS))
    shown = [m for m in matches[first:] if m[1] <= end]
    return _marked(text, start, end, shown or matches[first : last + 1])


def marked_words(text: str, family: str, terms: set[str]) -> MarkedWords:
    """The forms of ``terms`` that ``text`` uses, each once (case aside), in text order."""
    words: dict[str, str] = {}
    pairs: dict[str, str] = {}
    for start, end, term in FAMILY[family].find(text, terms) if terms else []:
        found = text[start:end]
        (pairs if is_spaceless(term) else words).setdefault(found.lower(), found)
    return MarkedWords(tuple(words.values()), tuple(pairs.values()))


def _best_window(matches: list[tuple[int, int, str]]) -> tuple[int, int]:
    """The run of matches fitting in one snippet with the most distinct terms, then most matches."""
    best = (0, 0, 0, 0)
    counts: Counter[str] = Counter()
    right = 0
    for left, (start, _, _) in enumerate(matches):
        while right < len(matches) and matches[right][1] - start <= SNIPPET_CHARS - _LEAD:
            counts[matches[right][2]] += 1
            right += 1
        score = (len(counts), right - left)
        if score > best[:2]:
            best = (*score, left, right - 1)
        counts[matches[left][2]] -= 1
        if not counts[matches[left][2]]:
            del counts[matches[left][2]]
    return best[2], max(best[3], best[2])


def _word_start(text: str, at: int) -> int:
    if at == 0:
        return 0
    space = text.find(" ", at)
    return space + 1 if 0 <= space < at + 20 else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", at - 20, at)
    return space if space > 0 else at


def _marked(text: str, start: int, end: int, matches: list[tuple[int, int, str]]) -> str:
    parts = ["… " if start > 0 else ""]
    at = start
    for match_start, match_end, _ in matches:
        if match_start < at or match_end > end:
            continue
        parts.append(html.escape(text[at:match_start], quote=False))
        parts.append(f"<mark>{html.escape(text[match_start:match_end], quote=False)}</mark>")
        at = match_end
    parts.append(html.escape(text[at:end], quote=False))
    if end < len(text):
        parts.append(" …")
    # Line breaks inside a passage mean nothing in a one-paragraph snippet.
    return " ".join("".join(parts).split())
