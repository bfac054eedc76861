"""What an article's body field holds: its text, then its figure captions."""

from __future__ import annotations

import html
import re

# Figure captions as the article's clean HTML writes them (cleanup's own output, so a
# pattern reads it reliably): out of the plain text, which is the article's prose, but
# their words are searched with it.
_FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def with_captions(text: str, article_html: str) -> str:
    """The text the body field indexes: the article's text, then its figure captions."""
    if "<figcaption>" not in article_html:
        return text
    captions = [
        " ".join(html.unescape(_TAG.sub(" ", caption)).split())
        for caption in _FIGCAPTION.findall(article_html)
    ]
    return "\n\n".join([text, *filter(None, captions)])
