"""Text analysis per language family: words, CJK bigrams, stemming, case and accent folding.

Every article is analysed in its own language's *family*: one family per stemmed language,
and ``plain`` (folded, unstemmed) for the rest. Whatever the family, runs of Chinese,
Japanese, Korean and Thai script become overlapping character bigrams, so a language
written without spaces is searchable in any article that quotes it.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import Stemmer
from whoosh.analysis import Token, Tokenizer
from whoosh.support.charset import accent_map

from desktop_app.core.language_names import LANGUAGE_NAMES

log = logging.getLogger(__name__)

PLAIN = "plain"
# Stemmed with the Snowball project's own stemmers (PyStemmer, compiled C), which it names by
# the language's English name. Whoosh's pure-Python ports were the costliest step of indexing
# an article, and cut some words wrongly ("added" to "ad", Latin words in a Russian text).
_SNOWBALL = {
    code: LANGUAGE_NAMES[code].lower()
    for code in (
        "ar", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fr",
        "ga", "hi", "hu", "hy", "id", "it", "lt", "ne", "nl", "no", "pl", "pt", "ro", "ru",
        "sr", "sv", "ta", "tr", "yi",
    )
}  # fmt: skip
STEMMED = tuple(_SNOWBALL)
FAMILIES = (*STEMMED, PLAIN)
# Where accents are marks on a letter a writer may leave off (``marée``, ``maree``),
# words are folded before stemming, so both spellings reach one stem. Where they make
# other letters of the alphabet (Czech, Danish, Esperanto, Estonian, Finnish, Hungarian,
# Irish, Lithuanian, Norwegian, Polish, Romanian, Serbian, Swedish, Turkish; Yiddish's
# pointed letters), the stemmer needs them: words are folded after. Czech shows why:
# ``knihách`` folded first is no longer a form its stemmer knows, ``knihy`` still is.
_STEM_UNFOLDED = frozenset({
    "cs", "da", "eo", "et", "fi", "ga", "hu", "lt", "no", "pl", "ro", "sr", "sv", "tr", "yi",
})  # fmt: skip
# Other codes of the same languages: Norwegian's two written standards; Indonesian's and
# Yiddish's codes before 1989; Croatian, Bosnian and Montenegrin, which Serbian's stemmer
# reads (one grammar, the same Latin letters; it reads Cyrillic into them too); Slovak, which
# Czech's reads (the same cases and nearly the same endings: "mesto, mesta, meste, mestách"
# meet in one stem; a few Slovak endings, "-om" for "-em", are left on).
_ALIASES = {
    "nb": "no", "nn": "no", "in": "id", "ji": "yi", "hr": "sr", "bs": "sr", "cnr": "sr",
    "sh": "sr", "sk": "cs",
}  # fmt: skip

# Scripts written without spaces between words (Han, kana, Hangul, Thai, Lao, Khmer,
# Myanmar): their runs are cut into bigrams. Hangul has spaces, but its words carry their
# particles, so bigrams find 서울 inside 서울에서 as they do for the others.
_SPACELESS = (
    "\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u2e80-\u2fdf\u3040-\u30ff"
    "\u3100-\u312f\u3130-\u318f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)


def _mark_ranges() -> str:
    """Combining marks (Unicode category M) as a regex class body: they belong to words."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in ranges)


_MARKS = _mark_ranges()
# A token is a run of spaceless script, or a run of letters and digits of any other script
# with their combining marks. Underscores and punctuation separate words.
_TOKEN = re.compile(f"([{_SPACELESS}{_MARKS}]+)|((?:[^\\W_{_SPACELESS}]|[{_MARKS}])+)")


def _fold_table() -> dict[int, str | None]:
    """Accents off Latin, Greek and Cyrillic letters; ligatures spelled out; marks dropped."""
    table: dict[int, str | None] = {
        code: (chr(value) if isinstance(value, int) else value)
        for code, value in accent_map.items()
    }
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00), *range(0x370, 0x400)]:
        base = "".join(
            c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
        )
        if base and base != chr(code) and code not in table:
            table[code] = base.lower()
    table.update({ord(k): v for k, v in _SPELLED_OUT.items()})
    # Combining accents (Latin, Cyrillic), Hebrew points and Arabic harakat carry no
    # meaning a searcher types; marks of other scripts (Thai vowels, Devanagari) do.
    for first, last in _DROPPED_MARKS:
        for code in range(first, last + 1):
            table[code] = None
    return table


_DROPPED_MARKS = (
    (0x300, 0x36F), (0x483, 0x489), (0x591, 0x5C7), (0x610, 0x61A), (0x640, 0x640),
    (0x64B, 0x65F), (0x670, 0x670), (0x6D6, 0x6ED),
)  # fmt: skip
# Letters no decomposition takes apart: dotless i, Cyrillic yo, long s are folded on purpose.
_SPELLED_OUT = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th",
    "\u0131": "i", "\u0451": "\u0435", "\u017f": "s", "\u03c2": "\u03c3",
}  # fmt: skip
_FOLD = _fold_table()
# The same folding, one character for one, so offsets found in a folded text hold in the
# original: used only to find where words begin.
_LOCATE = {
    code: (value[0] if value else chr(code)) for code, value in _FOLD.items() if value != chr(code)
}
_FIND_PREFIX = 4
_SPACELESS_CHAR = re.compile(f"[{_SPACELESS}]")
# Most texts hold no spaceless script and no combining mark: their words are runs of word
# characters, which a simpler pattern finds as plain strings, in half the time.
_NOT_PLAIN_WORDS = re.compile(f"[{_SPACELESS}{_MARKS}]")
_PLAIN_WORD = re.compile(r"[^\W_]+")
# Stemming is the costly step; its results are kept per family. Real text repeats a few
# thousand words, so the caches stay small; they are emptied if they ever grow large.
_CACHE_LIMIT = 200_000


def family_for(language: str | None) -> str:
    """The analysis family of an ISO 639-1 language code (``plain`` when none fits)."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    code = _ALIASES.get(code, code)
    return code if code in STEMMED else PLAIN


# The scripts each stemmed family is written in (Latin when not listed); ``plain`` takes any.
_SCRIPTS = {
    "ar": {"ARABIC"}, "el": {"GREEK"}, "fa": {"ARABIC"}, "hi": {"DEVANAGARI"},
    "hy": {"ARMENIAN"}, "ne": {"DEVANAGARI"}, "ru": {"CYRILLIC"}, "sr": {"CYRILLIC", "LATIN"},
    "ta": {"TAMIL"}, "yi": {"HEBREW"},
}  # fmt: skip


def families_of_script(word: str) -> set[str]:
    """The families a word could belong to by its script (its first letter's)."""
    letter = next((c for c in word if c.isalpha()), "")
    try:
        script = unicodedata.name(letter).split(" ")[0] if letter else ""
    except ValueError:
        script = ""
    return {f for f in FAMILIES if f == PLAIN or script in _SCRIPTS.get(f, {"LATIN"})}


def is_spaceless(term: str) -> bool:
    """Whether a term is a character pair (or a lone character) of a script written without
    spaces: it stands inside longer runs of text, not as a word of its own."""
    return _SPACELESS_CHAR.match(term) is not None


def fold(word: str) -> str:
    """Lower case without accents: ``Soviétique`` becomes ``sovietique``."""
    return word.lower().translate(_FOLD)


def _bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


class _Stemmers(threading.local):
    """One Snowball stemmer per thread, made on first use: PyStemmer's stemmers keep state
    while they work and are documented as not to be shared between threads."""

    def __init__(self, algorithm: str) -> None:
        self._algorithm = algorithm
        self._stem: Callable[[str], str] | None = None

    def stem(self, word: str) -> str:
        if self._stem is None:
            # No cache of its own: Family keeps the one cache of stems.
            self._stem = Stemmer.Stemmer(self._algorithm, 0).stemWord
        return self._stem(word)


class Family:
    """How one language family turns text into index terms."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._stem: Callable[[str], str] | None = (
            _Stemmers(_SNOWBALL[name]).stem if name in _SNOWBALL else None
        )
        self._cache: dict[str, str] = {}
        self._fold_first = name not in _STEM_UNFOLDED

    def term(self, word: str) -> str:
        """The index term of one lower-cased word: folded and stemmed (see _STEM_UNFOLDED)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        folded = word.translate(_FOLD) if self._fold_first else word
        stemmed = self._stem(folded) if self._stem is not None else folded
        result = stemmed.translate(_FOLD) or word
        # The word itself when unchanged: one string in memory instead of two.
        result = self._cache[word] = word if result == word else result
        return result

    def terms(self, text: str) -> list[str]:
        """The terms of a text in order, one per position (the indexing fast path)."""
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        lowered = text.lower()
        if _NOT_PLAIN_WORDS.search(lowered) is None:
            return self._plain_terms(lowered)
        cache = self._cache
        out: list[str] = []
        append, extend = out.append, out.extend
        for spaceless, word in _TOKEN.findall(lowered):
            if word:
                cached = cache.get(word)
                append(cached if cached is not None else self.term(word))
            else:
                extend(_bigrams(spaceless))
        return out

    def _plain_terms(self, lowered: str) -> list[str]:
        """The terms of a lower-cased text without spaceless script or combining marks."""
        cached, term = self._cache.get, self.term
        # A term is never empty (see ``term``), so ``or`` only calls it for uncached words.
        return [cached(word) or term(word) for word in _PLAIN_WORD.findall(lowered)]

    def positions(self, text: str) -> tuple[dict[str, list[int]], int]:
        """Each distinct term of a text with its positions, and the number of positions."""
        terms = self.terms(text)
        grouped: defaultdict[str, list[int]] = defaultdict(list)
        for at, term in enumerate(terms):
            grouped[term].append(at)
        return dict(grouped), len(terms)

    def spans(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(term, start, end) for every term of ``text``, with offsets into ``text`` itself."""
        lowered = text.lower()
        # A few letters lengthen in lower case (İ), and decomposed accents need composing:
        # then each word is lowered and composed on its own, keeping offsets into ``text``.
        per_word = len(lowered) != len(text) or not unicodedata.is_normalized("NFC", text)
        if per_word:
            lowered = text
        cache = self._cache
        for match in _TOKEN.finditer(lowered):
            spaceless, word = match.groups()
            start = match.start()
            if word:
                if per_word:
                    word = unicodedata.normalize("NFC", word.lower())
                cached = cache.get(word)
                yield (cached if cached is not None else self.term(word)), start, match.end()
            elif len(spaceless) < 2:
                yield spaceless, start, match.end()
            else:
                for i in range(len(spaceless) - 1):
                    yield spaceless[i : i + 2], start + i, start + i + 2

    def find(self, text: str, terms: set[str]) -> list[tuple[int, int, str]]:
        """(start, end, term) of the words of ``text`` whose term is in ``terms``.

        Faster than ``spans`` on a long text: a regular expression finds the words that
        begin like one of the terms (stems keep a word's first letters), and only those
        are analysed.
        """
        lowered = text.lower()
        if len(lowered) != len(text) or not unicodedata.is_normalized("NFC", text):
            return [(s, e, t) for t, s, e in self.spans(text) if t in terms]
        pattern = _finder(tuple(sorted(terms)))
        found = []
        for match in pattern.finditer(lowered.translate(_LOCATE)):
            start, end = match.span()
            piece = lowered[start:end]
            term = piece if match.lastgroup == "spaceless" else self.term(piece)
            if term in terms:
                found.append((start, end, term))
        return found


@functools.lru_cache(maxsize=256)
def _finder(terms: tuple[str, ...]) -> re.Pattern[str]:
    spaceless = [t for t in terms if _SPACELESS_CHAR.match(t)]
    starts = sorted({t[:_FIND_PREFIX] for t in terms if not _SPACELESS_CHAR.match(t)})
    parts = []
    if starts:
        words = "|".join(map(re.escape, starts))
        parts.append(f"(?P<word>(?<![^\\W_])(?:{words})(?:[^\\W_]|[{_MARKS}])*)")
    if spaceless:
        parts.append(f"(?P<spaceless>{'|'.join(map(re.escape, spaceless))})")
    return re.compile("|".join(parts) or "(?!)")


FAMILY = {name: Family(name) for name in FAMILIES}


class FamilyAnalyzer(Tokenizer):  # type: ignore[misc]  # Whoosh is untyped here (see mypy config).
    """A Whoosh analyzer for one family; pickled into the index's schema by name only."""

    def __init__(self, family: str) -> None:
        self.family = family

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FamilyAnalyzer) and other.family == self.family

    def __hash__(self) -> int:
        return hash(self.family)

    def terms(self, text: str) -> list[str]:
        """See ``Family.terms``."""
        return FAMILY[self.family].terms(text)

    def __call__(
        self,
        value: str,
        *,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        """Whoosh's token stream (used for highlighting, which needs character offsets)."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (term, start, end) in enumerate(FAMILY[self.family].spans(value)):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token
