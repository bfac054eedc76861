"""Adjacent pairs of a language's commonest words, indexed as terms of their own.

A phrase of two common words ("of the", or two of a library's most frequent words) is the
slowest query there is: both words are in most articles, and every one of those articles'
positions must be compared. So, for each language family, the words found in at least
``COMMON_SHARE`` of the articles are learned when the index is rebuilt, kept beside it, and
every time two of them stand side by side in a body, the pair is indexed as one term of the
family's ``pairs_`` field. A phrase of two common words is then one posting list, exactly.

The common words are fixed for the life of an index (every document written into it, by a
rebuild or an import, gets its pairs from the same set), so the pairs are complete in every
segment and survive merges; ``archive-browser reindex`` learns them again.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)

COMMON_WORDS_FILE = "archive-browser-common-words.json"
# The articles a rebuild learns the common words from (the first ones it indexes).
SAMPLE_ARTICLES = 2_000
# A word in at least this share of a family's sampled articles is common...
COMMON_SHARE = 0.3
# ...provided the family had at least this many of them (fewer say little).
MIN_FAMILY_ARTICLES = 100
_SEPARATOR = "\x1f"

CommonWords = Mapping[str, frozenset[str]]
"""Per analysis family, its common words (as index terms)."""


def pair_field(family: str) -> str:
    """The field holding a family's pairs of common words."""
    return f"pairs_{family}"


def pair_term(first: str, second: str) -> str:
    """The term of two words side by side, in this order."""
    return f"{first}{_SEPARATOR}{second}"


def pairs_of(positions: Mapping[str, list[int]], common: frozenset[str]) -> list[str]:
    """The pairs of common words standing side by side in a text, given its terms' positions."""
    at: dict[int, str] = {}
    for term, where in positions.items():
        if term in common:
            for position in where:
                at[position] = term
    found = {pair_term(term, at[p + 1]) for p, term in at.items() if p + 1 in at}
    return sorted(found)


class Learner:
    """Counts in how many sampled articles of each family each term appears."""

    def __init__(self) -> None:
        self.articles: Counter[str] = Counter()
        self.terms: dict[str, Counter[str]] = {}

    def add(self, family: str, terms: Iterable[str]) -> None:
        """One article's distinct terms."""
        self.articles[family] += 1
        self.terms.setdefault(family, Counter()).update(terms)

    def common(self) -> dict[str, frozenset[str]]:
        """Per family with enough articles, the terms in at least ``COMMON_SHARE`` of them."""
        found = {}
        for family, count in self.articles.items():
            if count < MIN_FAMILY_ARTICLES:
                continue
            least = COMMON_SHARE * count
            found[family] = frozenset(t for t, n in self.terms[family].items() if n >= least)
        log.info("common words: %s", {f: len(words) for f, words in found.items()})
        return found


def save(folder: Path, common: CommonWords) -> None:
    """Keep the common words beside the index they were used for."""
    data = {family: sorted(words) for family, words in common.items()}
    (folder / COMMON_WORDS_FILE).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def load(folder: Path) -> dict[str, frozenset[str]]:
    """The common words an index was written with (none for an index without the file)."""
    try:
        data = json.loads((folder / COMMON_WORDS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(family): frozenset(map(str, words)) for family, words in data.items()}
