"""The query language: read into a tree, and searched in a real library of real pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core import Library, MarkedWords, SearchResults
from desktop_app.core.search.query import (
    And,
    DateRange,
    Not,
    Or,
    Phrase,
    Word,
    date_range,
    parse,
)
from tests.core.search_pages import write_pages
from tests.pages import write_page


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The multilingual pages, imported once, with tags and a note."""
    folder = tmp_path_factory.mktemp("query")
    with Library(folder / "library", workers=1) as lib:
        lib.import_paths([write_pages(folder / "pages")])
        by_title = {a.title: a.id for a in lib.articles()}
        lib.set_tags(by_title["Harbour seals return"], ["coast", "wildlife"])
        lib.set_tags(by_title["Lighthouse keepers of Brittany"], ["coast"])
        lib.set_note(by_title["Sourdough starters"], "Try the rye starter from the bakery course")
        yield lib


def titles(results: SearchResults) -> set[str]:
    return {hit.title for hit in results.hits}


LIGHTHOUSE, SOURDOUGH, SEALS = (
    "Lighthouse keepers of Brittany",
    "Sourdough starters",
    "Harbour seals return",
)
MAREES, HAEUSER = "Les marées de Bretagne", "Häuser am Meer"
LEONOV = "Книга о космосе"  # noqa: RUF001 — Cyrillic on purpose.
KSIAZKI = "Nowe książki w bibliotece"
POLEIS = "Οι πόλεις του Αιγαίου"  # noqa: RUF001 — Greek on purpose.


# Reading queries


def test_words_are_anded_and_operators_group() -> None:
    assert parse("a b").node == And((Word("a"), Word("b")))
    assert parse("a OR b c").node == Or((Word("a"), And((Word("b"), Word("c")))))
    assert parse("a AND (b OR c)").node == And((Word("a"), Or((Word("b"), Word("c")))))
    assert parse("a NOT b").node == And((Word("a"), Not(Word("b"))))
    assert parse("a -b").node == And((Word("a"), Not(Word("b"))))
    assert parse("a and or not").node == And((Word("a"), Word("and"), Word("or"), Word("not")))


def test_phrases_fields_prefixes_and_fuzzy_words() -> None:
    assert parse('"le monde"').node == Phrase("le monde")
    assert parse('"le monde"~2').node == Phrase("le monde", slop=3)
    assert parse('title:"le monde"').node == Phrase("le monde", "title")
    assert parse("Author:marsh").node == Word("marsh", "author")
    assert parse("title: seals").node == Word("seals", "title")
    assert parse("title:(a OR b)").node == Or((Word("a", "title"), Word("b", "title")))
    assert parse("capt*").node == Word("capt", prefix=True)
    assert parse("colour~").node == Word("colour", fuzzy=-1)
    assert parse("colour~2").node == Word("colour", fuzzy=2)
    assert parse("http://x.example/a").node == Word("http://x.example/a")
    assert parse("covid-19").node == Word("covid-19")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021", DateRange(2021_00_00, 2021_12_99)),
        ("2021-08", DateRange(2021_08_00, 2021_08_99)),
        ("2021-08-03", DateRange(2021_08_03, 2021_08_03)),
        ("2020..2021", DateRange(2020_00_00, 2021_12_99)),
        ("2020-05..2021-02-10", DateRange(2020_05_00, 2021_02_10)),
        ("..2019", DateRange(0, 2019_12_99)),
        ("2019..", DateRange(2019_00_00, 9999_12_99)),
    ],
)
def test_dates_and_ranges(text: str, expected: DateRange) -> None:
    assert date_range(text) == expected
    assert parse(f"published:{text}").node == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('sourdough AND OR ( "', "sourdough"),
        ('"lighthouse keepers', "lighthouse keepers"),
        ("(lighthouse keepers", "lighthouse keepers"),
        ("lighthouse AND", "lighthouse"),
        ("OR lighthouse", "lighthouse"),
        ("lighthouse published:someday", "lighthouse someday"),
        ("lighthouse title:", "lighthouse"),
    ],
)
def test_malformed_queries_become_their_words(text: str, words: str) -> None:
    parsed = parse(text)
    assert parsed.notice == f"Searched for the words: {words}"
    assert parsed.node == And(tuple(Word(w) for w in words.split()))


@pytest.mark.parametrize("text", ["*", "AND", "(", '"', "title:"])
def test_a_query_without_words_asks_for_nothing(text: str) -> None:
    assert parse(text).node is None


# Searching


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lighthouse keepers", {LIGHTHOUSE}),
        ("lighthouse sourdough", set()),
        ('"quick brown"', {LIGHTHOUSE}),
        ('"brown quick"', {SOURDOUGH}),
        ("lighthouse OR sourdough", {LIGHTHOUSE, SOURDOUGH}),
        ("coast -seals", {LIGHTHOUSE}),
        ("coast NOT seals", {LIGHTHOUSE}),
        ("(lighthouse OR seals) AND estuary", {SEALS}),
        ("title:seals", {SEALS}),
        ("title:estuary", set()),
        ("author:marsh", {LIGHTHOUSE, SEALS}),
        ("site:crumb", {SOURDOUGH}),
        ('site:"coast review"', {LIGHTHOUSE, SEALS}),
        ("site:littoral.fr", {MAREES}),
        ("site:www.coast.example", {LIGHTHOUSE, SEALS}),
        ("url:bread", {SOURDOUGH}),
        ("lang:fr", {MAREES}),
        ("lang:german", {HAEUSER}),
        ("lang:Polish ksiazka", {KSIAZKI}),
        ("lang:el", {POLEIS}),
        ("tag:coast", {LIGHTHOUSE, SEALS}),
        ("tag:wildlife", {SEALS}),
        ("tag:wild*", {SEALS}),
        ("note:bakery", {SOURDOUGH}),
        ("bakery", {SOURDOUGH}),
        ("wildlife", {SEALS}),
        ("published:2021-08", {LIGHTHOUSE}),
        ("published:2020..2021", {SOURDOUGH, HAEUSER, LIGHTHOUSE, LEONOV}),
        ("published:..2019", {MAREES}),
        ("coast published:2022", {SEALS}),
        ("lightho*", {LIGHTHOUSE}),
        ("sourd*", {SOURDOUGH}),
        ("lighthuose~", {LIGHTHOUSE}),
        ("sourdogh~", {SOURDOUGH}),
        ("sovietqiue~", {MAREES}),
    ],
)
def test_every_construct_finds_its_articles(
    library: Library, query: str, expected: set[str]
) -> None:
    results = library.search(query)
    assert titles(results) == expected
    assert results.total == len(expected)
    assert results.notice is None


def test_a_malformed_query_finds_its_words_and_says_so(library: Library) -> None:
    results = library.search('lighthouse AND OR ( "')
    assert titles(results) == {LIGHTHOUSE}
    assert results.notice == "Searched for the words: lighthouse"


def test_sorted_by_relevance_date_or_title(library: Library) -> None:
    assert [h.title for h in library.search("lighthouse").hits] == [LIGHTHOUSE]
    assert library.search("lighthouse").hits[0].score > 0
    by_date = library.search("coast OR sourdough", sort="date")
    assert [h.title for h in by_date.hits] == [SEALS, LIGHTHOUSE, SOURDOUGH]
    by_title = library.search("coast OR sourdough", sort="title")
    assert [h.title for h in by_title.hits] == [SEALS, LIGHTHOUSE, SOURDOUGH]
    everything = library.search("", sort="date")
    assert everything.total == 11
    assert [h.title for h in everything.hits[:2]] == [SEALS, LIGHTHOUSE]
    with pytest.raises(ValueError, match="sort must be one of"):
        library.search("coast", sort="colour")


def test_titles_weigh_more_than_bodies(library: Library) -> None:
    # "seals" is in the title of one article and nowhere else; "keepers" in a title and body.
    ranked = library.search("lighthouse OR seals OR sourdough")
    assert ranked.total == 3
    assert all(hit.score > 0 for hit in ranked.hits)


def test_facets_count_the_matching_articles(library: Library) -> None:
    facets = library.search("coast").facets
    assert [(f.value, f.count) for f in facets["site"]] == [("Coast Review", 2)]
    assert [(f.value, f.count) for f in facets["language"]] == [("en", 2)]
    assert [(f.value, f.count) for f in facets["year"]] == [("2022", 1), ("2021", 1)]
    assert [(f.value, f.count) for f in facets["tag"]] == [("coast", 2), ("wildlife", 1)]
    assert [(f.value, f.count) for f in facets["bookmarked"]] == [("yes", 0), ("no", 2)]
    everything = library.search("", sort="title").facets
    assert sum(f.count for f in everything["language"]) == 11
    languages = {f.value for f in everything["language"]}
    assert languages == {"en", "fr", "de", "pl", "el", "ru", "zh", "ja", "ko"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"year": "2022"}, {SEALS}),
        ({"tag": "wildlife"}, {SEALS}),
        ({"site": "Coast Review"}, {LIGHTHOUSE, SEALS}),
        ({"language": "en", "year": "2021"}, {LIGHTHOUSE}),
        ({"bookmarked": "no"}, {LIGHTHOUSE, SEALS}),
        ({"bookmarked": "yes"}, set()),
    ],
)
def test_facet_values_filter(library: Library, filters: dict[str, str], expected: set[str]) -> None:
    results = library.search("coast", filters=filters)
    assert titles(results) == expected
    assert results.total == len(expected)


def test_a_filter_alone_browses_what_it_lets_through(library: Library) -> None:
    results = library.search("", filters={"site": "Le Littoral"})
    assert titles(results) == {MAREES}
    with pytest.raises(ValueError, match="no facet named"):
        library.search("", filters={"colour": "red"})


def test_did_you_mean_when_a_query_finds_nothing(library: Library) -> None:
    results = library.search("lighthuose keepers")
    assert results.total == 0
    assert results.suggestion == "lighthouse keepers"
    assert library.search(results.suggestion).total == 1
    assert library.search("sovietqiue").suggestion == "soviétique"
    assert library.suggest("sourdogh") == "sourdough"
    assert library.search("lighthouse").suggestion is None
    assert library.search("zzzxqv").suggestion is None


def test_saved_searches_still_run(library: Library, tmp_path: Path) -> None:
    library.save_search("Coast", "coast -seals")
    [(name, query)] = [s for s in library.saved_searches() if s[0] == "Coast"]
    assert titles(library.search(query)) == {LIGHTHOUSE}
    assert library.delete_saved_search(name)


def test_did_you_mean_prefers_the_close_word_to_a_word_the_query_begins_with(
    tmp_path: Path,
) -> None:
    pages = tmp_path / "pages"
    for n in range(4):
        write_page(pages, f"light{n}.html", f"Morning light {n}", "The light over the bay.")
    write_page(pages, "keepers.html", "Keepers", "The lighthouse keepers of the bay.")
    with Library(tmp_path / "library", workers=1) as library:
        library.import_paths([pages])
        assert library.suggest("lighthose") == "lighthouse"
        assert library.search("lighthose").suggestion == "lighthouse"


@pytest.mark.parametrize(
    ("query", "title", "marked"),
    [
        ("capturer", MAREES, MarkedWords(("capturé",))),
        ("MEER", HAEUSER, MarkedWords(("Meer",))),  # in the title and the text
        ("bretagne", MAREES, MarkedWords(("Bretagne",))),  # in the title alone
        ("πόλη", POLEIS, MarkedWords(("πόλεις", "πόλης"))),
        ("ksiazka OR nothingness", KSIAZKI, MarkedWords(("książki", "książkami"))),
        ('"marées montent"', MAREES, MarkedWords(("marées", "montent"))),
        ("서울", "서울 여행", MarkedWords(pairs=("서울",))),
        ("lang:fr", MAREES, MarkedWords()),
        ("", MAREES, MarkedWords()),
    ],
)
def test_the_words_to_mark_are_the_forms_the_text_uses(
    library: Library, query: str, title: str, marked: MarkedWords
) -> None:
    [article] = [a for a in library.articles() if a.title == title]
    assert library.marked_words(library.article(article.id), query) == marked
