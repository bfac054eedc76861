"""From a query tree to Whoosh queries: each word analysed once per family in the index.

A word searches the title and body fields of every language family the index holds,
analysed by that family (stemmed and folded), plus the folded word as typed (so a form
a stemmer cuts differently, like Russian ``Леонов``/``Леонова``, still meets). Terms the
index does not hold are left out before Whoosh sees the query; prefixes and fuzzy words
expand to a bounded number of the index's most frequent matching terms.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from whoosh import query as wq
from whoosh.codec.base import Automata
from whoosh.support.levenshtein import distance

from desktop_app.core.language_names import language_code
from desktop_app.core.search import query as q
from desktop_app.core.search.analysis import FAMILIES, FAMILY, PLAIN, families_of_script, fold
from desktop_app.core.search.schema import text_field, title_field

log = logging.getLogger(__name__)

# The fields a word without a field name searches besides titles and bodies.
_PLAIN_FIELDS = ("authors", "site_words", "tags", "note")
_FIELD_OF = {"author": "authors", "url": "url", "note": "note"}
# The fields whose matched terms are marked where the article's words are shown.
_MARKED_FIELDS = ("text_", "title_")
# Bounds on expansion: prefixes and fuzzy words become at most this many terms per field,
# the most frequent first, chosen among at most SCAN_LIMIT candidates.
EXPANSION_LIMIT = 24
SCAN_LIMIT = 400
_SHORTEST_STEM = 4
_SAME_START_FROM = 6
_SAMPLE_SEGMENTS = 2
_SMALL_SEGMENT = 2000


class Lexicon:
    """What the index holds, as one searcher sees it: families present, terms, frequencies."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.families = [
            f
            for f in FAMILIES
            if self.reader.field_length(text_field(f)) or self.reader.field_length(title_field(f))
        ]
        self._frequencies: dict[tuple[str, str], int] = {}
        self._automata: dict[tuple[str, int], Any] = {}
        self._sample = _sampled_segments(searcher)
        self._every = [leaf.reader() for leaf, _ in searcher.leaf_searchers()]

    def frequency(self, fieldname: str, term: str) -> int:
        """How many documents hold ``term`` in ``fieldname``."""
        key = (fieldname, term)
        found = self._frequencies.get(key)
        if found is None:
            found = self._frequencies[key] = int(self.reader.doc_frequency(fieldname, term))
        return found

    def expand_prefix(self, fieldname: str, prefix: str) -> list[str]:
        """The most frequent terms of ``fieldname`` starting with ``prefix``.

        Candidates come from the largest segments (see ``_largest_segments``), at most
        SCAN_LIMIT from each; the query then finds them in every segment.
        """
        found: dict[bytes, int] = {}
        for reader in self._readers(fieldname):
            for scanned, (term, info) in enumerate(reader.iter_prefix(fieldname, prefix)):
                if scanned >= SCAN_LIMIT:
                    break
                found[term] = found.get(term, 0) + info.doc_frequency()
        return _most_frequent(found)

    def _readers(self, fieldname: str) -> list[Any]:
        """The segments whose terms a prefix or misspelling is looked for in: for the big
        title and body fields a sample (see ``_sampled_segments``), for the others all."""
        return self._sample if fieldname.startswith(("text_", "title_")) else self._every

    def stems_of(self, fieldname: str, word: str) -> list[str]:
        """Terms of ``fieldname`` that are the folded ``word`` less an ending of 1 to 4 letters.

        A misspelt ending hides a word from its stemmer (``sovietqiue`` is not cut to
        ``soviet``); its beginning still names the stem.
        """
        folded = fold(word)
        cuts = range(max(_SHORTEST_STEM, len(folded) - 4), len(folded))
        return [folded[:cut] for cut in cuts if self.frequency(fieldname, folded[:cut])]

    def within(self, fieldname: str, term: str, maxdist: int) -> list[str]:
        """The most frequent terms of ``fieldname`` within ``maxdist`` edits of ``term``.

        The first letter (two, in a long word) must match: misspellings seldom start a
        word, and it bounds the walk through the terms. The Levenshtein automaton is
        built once per word, not once per field; the walk runs through the largest
        segments only (see ``_largest_segments``).
        """
        dfa = self._automata.get((term, maxdist))
        if dfa is None:
            prefix = 1 if len(term) < _SAME_START_FROM else 2
            dfa = Automata.levenshtein_dfa(term, maxdist, prefix)
            self._automata[(term, maxdist)] = dfa
        found: dict[bytes, int] = {}
        for reader in self._readers(fieldname):
            if not reader.field_length(fieldname):
                continue
            for word in Automata.find_matches(dfa, reader.cursor(fieldname)):
                tbytes = word.encode("utf-8") if isinstance(word, str) else word
                found[tbytes] = found.get(tbytes, 0) + reader.doc_frequency(fieldname, tbytes)
        return _most_frequent(found)


def _sampled_segments(searcher: Any) -> list[Any]:
    """The segments a prefix or misspelling is expanded in: the largest (holding half the
    documents, at most _SAMPLE_SEGMENTS of them) and every small one (recent changes).

    Walking a segment's terms costs about as much for a small segment as for a large one.
    Words worth offering for a prefix or a misspelling are frequent, so they are in the
    largest segments too; recent imports and edits are in the small ones. The query then
    finds the chosen terms in every segment. A rare word only in a middle-sized segment
    can be missed: the price of a bound on the walk.
    """
    readers = sorted(
        (leaf.reader() for leaf, _ in searcher.leaf_searchers()),
        key=lambda reader: -reader.doc_count_all(),
    )
    total = sum(reader.doc_count_all() for reader in readers)
    sample: list[Any] = []
    covered = 0
    for reader in readers:
        count = reader.doc_count_all()
        if count < _SMALL_SEGMENT or (len(sample) < _SAMPLE_SEGMENTS and 2 * covered < total):
            sample.append(reader)
            covered += count
    return sample


def _most_frequent(found: dict[bytes, int]) -> list[str]:
    ranked = sorted(found.items(), key=lambda item: -item[1])[:EXPANSION_LIMIT]
    return [term.decode("utf-8") for term, _ in ranked]


class Compiler:
    """Turns query trees into Whoosh queries for one searcher.

    ``compile`` returns None for a node that asks nothing (a word that is only
    punctuation), ``NullQuery`` for one that can match nothing (a word the index does
    not hold), and ``Every`` for a negation of nothing.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.highlight: dict[str, set[str]] = {}
        """Per family: the title and body terms a snippet or the reader should mark."""
        self._expansions: dict[tuple[str, q.Word], list[str]] = {}

    def compile(self, node: q.Node | None) -> Any:  # noqa: PLR0911 — one return per kind of node.
        """The Whoosh query for a tree (see the class for None, NullQuery and Every)."""
        if node is None:
            return None
        if isinstance(node, q.And):
            return _all([self.compile(item) for item in node.items])
        if isinstance(node, q.Or):
            return _any([self.compile(item) for item in node.items])
        if isinstance(node, q.Not):
            inner = self.compile(node.item)
            if inner is None:
                return None
            return wq.Every() if inner is wq.NullQuery else wq.Not(inner)
        if isinstance(node, q.DateRange):
            return wq.NumericRange("published", node.start, node.end)
        if node.field in {"lang", "tag"}:
            return self._exact(node)
        return self._text(node)

    def _exact(self, node: q.Word | q.Phrase) -> Any:
        value = " ".join(node.text.lower().split())
        if node.field == "lang":
            value = language_code(value)
            return wq.Term("lang", value) if self.lexicon.frequency("lang", value) else wq.NullQuery
        if isinstance(node, q.Word) and node.prefix:
            terms = self.lexicon.expand_prefix("tag", value)
            return _any([wq.Term("tag", t) for t in terms]) if terms else wq.NullQuery
        return wq.Term("tag", value) if self.lexicon.frequency("tag", value) else wq.NullQuery

    def _text(self, node: q.Word | q.Phrase) -> Any:
        targets = self.targets(node.field)
        parts = [self._in_field(node, fieldname, family) for fieldname, family in targets]
        if node.field == "site" and "." in node.text:
            domain = node.text.lower().removeprefix("www.").strip("/")
            if self.lexicon.frequency("domain", domain):
                parts.append(wq.Term("domain", domain))
        if all(part is None for part in parts):
            return None
        found = _any(parts)
        if isinstance(node, q.Word) and (node.prefix or node.fuzzy) and isinstance(found, wq.Or):
            return Expansion(list(_terms_in(found)))
        return found

    def targets(self, field: str | None) -> list[tuple[str, str]]:
        """(field name, analysis family) pairs a word in ``field`` searches."""
        families = self.lexicon.families
        if field is None:
            titles = [(title_field(f), f) for f in families]
            return (
                titles
                + [(text_field(f), f) for f in families]
                + [(name, PLAIN) for name in _PLAIN_FIELDS]
            )
        if field == "title":
            return [(title_field(f), f) for f in families]
        if field == "site":
            return [("site_words", PLAIN)]
        return [(_FIELD_OF[field], PLAIN)]

    def _in_field(self, node: q.Word | q.Phrase, fieldname: str, family: str) -> Any:
        terms = FAMILY[family].terms(node.text)
        if not terms:
            return None
        if isinstance(node, q.Phrase) or len(terms) > 1:
            slop = node.slop if isinstance(node, q.Phrase) else 1
            return self._phrase(fieldname, family, terms, slop)
        if node.prefix or node.fuzzy:
            return self._expanded(fieldname, family, self._expansion(fieldname, node, terms[0]))
        alternatives = dict.fromkeys([terms[0], *_surface(node.text)])
        return self._expanded(fieldname, family, list(alternatives))

    def _expanded(self, fieldname: str, family: str, terms: Iterable[str]) -> Any:
        present = [t for t in terms if self.lexicon.frequency(fieldname, t)]
        if not present:
            return wq.NullQuery
        if fieldname.startswith(_MARKED_FIELDS):
            self.highlight.setdefault(family, set()).update(present)
        return _any([wq.Term(fieldname, t) for t in present])

    def _phrase(self, fieldname: str, family: str, terms: Sequence[str], slop: int) -> Any:
        if not all(self.lexicon.frequency(fieldname, t) for t in terms):
            return wq.NullQuery
        if fieldname.startswith(_MARKED_FIELDS):
            self.highlight.setdefault(family, set()).update(terms)
        return wq.Phrase(fieldname, list(terms), slop=slop)

    def _expansion(self, fieldname: str, node: q.Word, term: str) -> list[str]:
        """The terms a prefix or fuzzy word stands for in a field.

        A family's titles use the words of its bodies, so the body field's expansion
        serves both; and a word is only expanded in the families of its script.
        """
        family = fieldname.partition("_")[2]
        if fieldname.startswith(("text_", "title_")):
            if family not in families_of_script(node.text):
                return []
            key = (family, node)
            found = self._expansions.get(key)
            if found is None:
                found = self._expansions[key] = self._expand(text_field(family), node, term)
            return found
        return self._expand(fieldname, node, term)

    def _expand(self, fieldname: str, node: q.Word, term: str) -> list[str]:
        if node.prefix:
            return self._prefixed(fieldname, node.text, term)
        return [term, *close_terms(self.lexicon, fieldname, node.text, term, node.fuzzy)]

    def _prefixed(self, fieldname: str, text: str, term: str) -> list[str]:
        found: dict[str, None] = {}
        for prefix in dict.fromkeys([fold(text), term]):
            found.update(dict.fromkeys(self.lexicon.expand_prefix(fieldname, prefix)))
        return list(found)


class Expansion(wq.Or):  # type: ignore[misc]  # Whoosh is untyped here.
    """The terms a prefix or a fuzzy word stands for, in every field, matched as one.

    Whoosh joins many terms as a deep tree of unions, each asking its children for
    their best possible score again at every step; for dozens of terms that costs more
    than reading all their postings once, which is what this matcher does.
    """

    matcher_type = wq.Or.ARRAY_MATCHER


def _terms_in(qry: Any) -> Iterable[Any]:
    if isinstance(qry, wq.Or):
        for sub in qry.subqueries:
            yield from _terms_in(sub)
    else:
        yield qry


def _surface(text: str) -> list[str]:
    """The folded word as typed, when it is one word: a second chance beside its stem."""
    folded = fold(text)
    return [folded] if folded.isalnum() else []


def _all(parts: list[Any]) -> Any:
    kept = [p for p in parts if p is not None]
    if any(p is wq.NullQuery for p in kept):
        return wq.NullQuery
    positive = [p for p in kept if not isinstance(p, wq.Every)]
    if not kept:
        return None
    if not positive:
        return wq.Every()
    return positive[0] if len(positive) == 1 else wq.And(positive)


def _any(parts: list[Any]) -> Any:
    kept = [p for p in parts if p is not None and p is not wq.NullQuery]
    if not kept:
        return None if all(p is None for p in parts) else wq.NullQuery
    if any(isinstance(p, wq.Every) for p in kept):
        return wq.Every()
    return kept[0] if len(kept) == 1 else wq.Or(kept)


def close_terms(lexicon: Lexicon, fieldname: str, word: str, term: str, maxdist: int) -> list[str]:
    """Terms of ``fieldname`` spelt like ``word`` (whose term is ``term``), most frequent first.

    Within ``maxdist`` edits (0: one for short words, two for longer) of its term, or its
    stem with a misspelt ending (see ``Lexicon.stems_of``).
    """
    if len(term) < 3:
        return []
    maxdist = maxdist if maxdist > 0 else (1 if len(term) <= 5 else 2)
    found = dict.fromkeys(lexicon.within(fieldname, term, maxdist))
    if fold(word) != term:
        found.update(dict.fromkeys(lexicon.stems_of(fieldname, word)))
    found.pop(term, None)
    return sorted(found, key=lambda t: -lexicon.frequency(fieldname, t))[:EXPANSION_LIMIT]


def suggestion_terms(lexicon: Lexicon, word: str) -> list[tuple[str, str, int]]:
    """(field, term, documents) of close spellings of ``word`` the index holds, best first."""
    found: list[tuple[int, int, str, str]] = []
    for family in families_of_script(word) & set(lexicon.families):
        terms = FAMILY[family].terms(word)
        if len(terms) != 1:
            continue
        folded = fold(word)
        for fieldname in (text_field(family),):
            for candidate in close_terms(lexicon, fieldname, word, terms[0], 2):
                edits = distance(candidate, terms[0])
                # A misspelling may stem differently from the word meant, so the word's
                # own opening is compared too; but only for a candidate as long as the
                # query's stem, or every word the query begins with is 0 edits away.
                if len(candidate) >= len(terms[0]):
                    edits = min(edits, distance(candidate, folded[: len(candidate)]))
                found.append(
                    (edits, -lexicon.frequency(fieldname, candidate), fieldname, candidate)
                )
    found.sort()
    return [(fieldname, term, -negative) for _, negative, fieldname, term in found]
