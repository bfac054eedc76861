"""The query language, read into a small tree; anything unreadable becomes its plain words.

    words              every word must match (AND is implied)
    "a phrase"         these words in this order ("a phrase"~3: within three positions)
    a OR b, a AND b    either, both; NOT a, -a: without; parentheses group
    title: author: site: url: lang: tag: note:   one field (site: takes a name or a domain)
    published:2021-08  published:2020..2021  published:..2019-06   dates and ranges
    capt*              words starting with "capt"
    colour~ colour~2   words within one (two) letters' difference

Operators are upper case; ``and``, ``or`` and ``not`` in lower case are words. This module
knows nothing of the index: ``compile`` turns the tree into index queries.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

# The field names a query may use, and the field each one means.
FIELDS = {
    "title": "title", "author": "author", "authors": "author", "by": "author", "site": "site",
    "url": "url", "lang": "lang", "language": "lang", "tag": "tag", "tags": "tag",
    "note": "note", "notes": "note", "published": "published", "date": "published",
}  # fmt: skip
OPERATORS = frozenset({"AND", "OR", "NOT"})
_LATEST = 9999_12_99


@dataclass(frozen=True)
class Word:
    """One word, maybe a prefix (``capt*``) or fuzzy (``colour~``), maybe in one field."""

    text: str
    field: str | None = None
    prefix: bool = False
    fuzzy: int = 0


@dataclass(frozen=True)
class Phrase:
    """Words in this order, at most ``slop`` positions apart."""

    text: str
    field: str | None = None
    slop: int = 1


@dataclass(frozen=True)
class DateRange:
    """Publication dates from ``start`` to ``end`` inclusive, as yyyymmdd numbers."""

    start: int
    end: int


@dataclass(frozen=True)
class And:
    """Every item matches."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one item matches."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The item does not match."""

    item: Node


Node = Word | Phrase | DateRange | And | Or | Not


@dataclass(frozen=True)
class ParsedQuery:
    """A query's tree; ``notice`` says when the text could not be read as written."""

    node: Node | None
    notice: str | None = None


class QuerySyntaxError(ValueError):
    """The query cannot be read as written (an unbalanced parenthesis, a dangling operator)."""


_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<phrase>"[^"]*"(?:~(?P<slop>\d+))?)
    |(?P<open_quote>")
    |(?P<lparen>\()
    |(?P<rparen>\))
    |(?P<field>(?i:FIELD_NAMES)):\s*
    |(?P<minus>-)(?=[^\s\-)])
    |(?P<word>[^\s()"]+)""",
    re.VERBOSE,
)
_TOKEN = re.compile(_TOKEN.pattern.replace("FIELD_NAMES", "|".join(FIELDS)), re.VERBOSE)
_FUZZY = re.compile(r"^(?P<word>.+?)~(?P<distance>[12]?)$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FALLBACK_WORD = re.compile(r"[^\W_]+")
_FIELD_PREFIX = re.compile(r"\b(?:" + "|".join(FIELDS) + r"):", re.IGNORECASE)


def parse(text: str) -> ParsedQuery:
    """The tree of a query; a query that cannot be read is searched as its plain words."""
    try:
        tokens = _tokens(text)
        if not tokens:
            return ParsedQuery(None)
        return ParsedQuery(_Parser(tokens).parse())
    except QuerySyntaxError as exc:
        log.info("query %r cannot be read (%s); searching its words", text, exc)
        return as_words(text)


def as_words(text: str) -> ParsedQuery:
    """A query searched as its plain words, with the notice that says so."""
    words = plain_words(text)
    if not words:
        return ParsedQuery(None)
    notice = f"Searched for the words: {' '.join(words)}"
    return ParsedQuery(And(tuple(Word(w) for w in words)), notice)


def plain_words(text: str) -> list[str]:
    """The words of a query without operators, field names or punctuation."""
    words = _FALLBACK_WORD.findall(_FIELD_PREFIX.sub(" ", text))
    return [w for w in words if w not in OPERATORS]


def _tokens(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, text, phrase slop) tokens; an unmatched quote is a syntax error."""
    tokens: list[tuple[str, str, str | None]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or ""
        if kind == "slop":
            kind = "phrase"
        value = match.group(kind)
        if kind == "space":
            continue
        if kind == "open_quote":
            raise QuerySyntaxError("a quote is not closed")
        if kind == "phrase":
            value = value[1 : value.rindex('"')]
        if kind == "word" and value in OPERATORS:
            kind = value
        tokens.append((kind, value, match.group("slop")))
    return tokens


class _Parser:
    """Recursive descent over the tokens: OR binds loosest, then AND, then NOT and fields."""

    def __init__(self, tokens: list[tuple[str, str, str | None]]) -> None:
        self._tokens = tokens
        self._at = 0

    def parse(self) -> Node:
        node = self._or(None)
        if self._at < len(self._tokens):
            raise QuerySyntaxError(f"unexpected {self._tokens[self._at][1]!r}")
        return node

    def _peek(self) -> str | None:
        return self._tokens[self._at][0] if self._at < len(self._tokens) else None

    def _take(self) -> tuple[str, str, str | None]:
        if self._at >= len(self._tokens):
            raise QuerySyntaxError("the query ends too early")
        token = self._tokens[self._at]
        self._at += 1
        return token

    def _or(self, field: str | None) -> Node:
        items = [self._and(field)]
        while self._peek() == "OR":
            self._take()
            items.append(self._and(field))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def _and(self, field: str | None) -> Node:
        items = [self._unary(field)]
        while True:
            kind = self._peek()
            if kind == "AND":
                self._take()
                items.append(self._unary(field))
            elif kind in {"word", "phrase", "lparen", "field", "minus", "NOT"}:
                items.append(self._unary(field))
            else:
                break
        return items[0] if len(items) == 1 else And(tuple(items))

    def _unary(self, field: str | None) -> Node:
        if self._peek() in {"NOT", "minus"}:
            self._take()
            return Not(self._unary(field))
        return self._primary(field)

    def _primary(self, field: str | None) -> Node:
        kind, value, slop = self._take()
        if kind == "lparen":
            node = self._or(field)
            if self._peek() != "rparen":
                raise QuerySyntaxError("a parenthesis is not closed")
            self._take()
            return node
        if kind == "field":
            return self._field(FIELDS[value.lower()])
        if kind == "phrase":
            return Phrase(value, field, int(slop) + 1 if slop else 1)
        if kind == "word":
            return _word(value, field)
        raise QuerySyntaxError(f"unexpected {value!r}")

    def _field(self, field: str) -> Node:
        if field == "published":
            kind, value, _ = self._take()
            if kind != "word":
                raise QuerySyntaxError("published: takes a date or a range of dates")
            return date_range(value)
        if self._peek() not in {"lparen", "phrase", "word"}:
            raise QuerySyntaxError(f"{field}: has nothing after it")
        return self._primary(field)


def _word(value: str, field: str | None) -> Word:
    if value.endswith("*"):
        stem = value.rstrip("*")
        if not stem or "*" in stem:
            raise QuerySyntaxError(f"{value!r} is not a word followed by *")
        return Word(stem, field, prefix=True)
    fuzzy = _FUZZY.match(value)
    if fuzzy:
        distance = int(fuzzy.group("distance") or 0)
        return Word(fuzzy.group("word"), field, fuzzy=distance or -1)
    return Word(value, field)


def date_range(value: str) -> DateRange:
    """``2021``, ``2021-08``, ``2021-08-03``, ``2020..2021``, ``..2019``, ``2020..`` as a range."""
    first, dots, last = value.partition("..")
    if not dots:
        return DateRange(_date_bound(first, start=True), _date_bound(first, start=False))
    start = _date_bound(first, start=True) if first else 0
    end = _date_bound(last, start=False) if last else _LATEST
    if start > end:
        raise QuerySyntaxError(f"the range {value!r} ends before it starts")
    return DateRange(start, end)


def _date_bound(value: str, start: bool) -> int:
    match = _DATE.match(value)
    if match is None:
        raise QuerySyntaxError(f"{value!r} is not a date (2021, 2021-08 or 2021-08-03)")
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise QuerySyntaxError(f"{value!r} has no such month")
    if day is not None and not 1 <= int(day) <= 31:
        raise QuerySyntaxError(f"{value!r} has no such day")
    number = int(year) * 10_000
    if month is None:
        return number if start else number + 1299
    number += int(month) * 100
    if day is None:
        return number if start else number + 99
    return number + int(day)
