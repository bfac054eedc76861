"""The search index: languages, the index following the database, rebuilds and repairs."""

from __future__ import annotations

import itertools
import sqlite3
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import NO_MERGE, OPTIMIZE

from desktop_app.core import Library, Progress
from desktop_app.core.records import Article
from desktop_app.core.search import pairs
from desktop_app.core.search import searchindex as search_index_module
from desktop_app.core.search.analysis import (
    _NOT_PLAIN_WORDS,
    FAMILY,
    STEMMED,
    families_of_script,
    family_for,
    fold,
)
from desktop_app.core.search.schema import SCHEMA, document_for
from desktop_app.core.search.searchindex import VERSION_FILE, SearchIndex
from desktop_app.core.search.view import _pairs
from desktop_app.core.search.writing import FastWriter, FlatPool
from tests.archive_import.builders_warc import PNG
from tests.core.search_pages import PAGES, write_pages
from tests.pages import article_page, long_paragraphs, write_page


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """Every multilingual page, imported once, for tests that only read."""
    folder = tmp_path_factory.mktemp("index")
    with Library(folder / "library", workers=1) as lib:
        lib.import_paths([write_pages(folder / "pages")])
        yield lib


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """A library of its own, with the English, French and German pages."""
    with Library(tmp_path / "library", workers=1) as lib:
        lib.import_paths([write_pages(tmp_path / "pages", ["lighthouse", "seals", "marees"])])
        yield lib


def only(library: Library, query: str) -> str:
    """The title of the one article a query finds."""
    results = library.search(query)
    assert results.total == 1, [h.title for h in results.hits]
    return results.hits[0].title


# Each article in its own language


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("capturer", "marees"),  # stemmed: capturé
        ("sovietique", "marees"),  # accents folded: soviétique
        ("SOVIÉTIQUE", "marees"),
        ("Леонов", "leonov"),  # Леонова
        ("космонавты", "leonov"),  # космонавт
        ("Haus", "haeuser"),  # Häuser
        ("HAEUSER", "haeuser"),  # German's stemmer reads "ae" as the umlaut a keyboard lacks
        ("Леон", None),  # a stem, not a prefix: Леонов is another word
        ("książka", "ksiazki"),  # Polish: książki, książkami
        ("KSIĄŻKI", "ksiazki"),
        ("ksiazkami", "ksiazki"),  # typed without its letters' marks
        ("πόλη", "poleis"),  # Greek: πόλεις, πόλης
        ("ΠΟΛΗ", "poleis"),
        ("北京", "beijing"),  # a bigram inside 北京大学图书馆
        ("图书馆", "beijing"),
        ("東京", "tokyo"),
        ("天気", "tokyo"),
        ("서울", "seoul"),  # inside 서울에서
        ("keeper", "lighthouse"),  # keepers
        ("polishing", "lighthouse"),  # polished
    ],
)
def test_each_article_is_analysed_in_its_language(
    shared: Library, query: str, page: str | None
) -> None:
    results = shared.search(query)
    if page is None:
        assert results.total == 0
        return
    assert [h.title for h in results.hits] == [PAGES[page][0]]


def test_a_phrase_matches_its_words_in_order(shared: Library) -> None:
    assert only(shared, '"marées montent"') == PAGES["marees"][0]
    assert shared.search('"montent marées"').total == 0
    assert only(shared, '"MAREE montent"') == PAGES["marees"][0]  # analysed like the text
    assert only(shared, '"东京" OR "北京大学"') == PAGES["beijing"][0]
    assert shared.search('"学大"').total == 0


def test_snippets_mark_the_forms_the_text_uses(shared: Library) -> None:
    [hit] = shared.search("capturer sovietique").hits
    assert "<mark>capturé</mark>" in hit.snippet
    assert "<mark>soviétique</mark>" in hit.snippet
    [hit] = shared.search("서울").hits
    assert "<mark>서울</mark>에서" in hit.snippet
    [hit] = shared.search("published:2022").hits
    assert "<mark>" not in hit.snippet
    assert hit.snippet.startswith("Harbour seals have returned")


def test_analysis_families() -> None:
    assert family_for("fr") == "fr"
    assert family_for("pt-BR") == "pt"
    assert family_for("nb") == "no"
    assert family_for("zh") == "plain"
    assert family_for("pl") == "pl"
    assert family_for("hr-HR") == "sr"  # Serbian's stemmer reads Croatian
    assert family_for("in") == "id"  # Indonesian's code before 1989
    assert family_for("sk") == "cs"  # Czech's stemmer reads Slovak
    assert family_for("uk") == "plain"  # Snowball has no Ukrainian stemmer
    # Each family's stemmer is one PyStemmer has (it raises on a name it does not know).
    assert all(FAMILY[family].terms("Word") == [FAMILY[family].term("word")] for family in STEMMED)
    assert family_for(None) == "plain"
    assert fold("Soviétique Straße Œuvre") == "sovietique strasse oeuvre"
    assert FAMILY["de"].terms("Die Häuser") == ["die", "haus"]
    assert FAMILY["plain"].terms("東京都に") == ["東京", "京都", "都に"]
    # Thai is cut into pairs of characters, its vowel marks kept with their consonants.
    assert FAMILY["plain"].terms("ภาษาไทย")[:2] == ["ภา", "าษ"]
    assert FAMILY["en"].terms("Korean 서울에서") == ["korean", "서울", "울에", "에서"]
    assert FAMILY["en"].terms("e\u0301te\u0301 café") == FAMILY["en"].terms("été café")


def test_stems_are_snowball_stems() -> None:
    # Whoosh's own English port cut "added" to "ad", so a search for ads found additions.
    assert FAMILY["en"].terms("added adding ads") == ["add", "add", "ad"]
    # Russian rules leave a Latin word alone.
    assert FAMILY["ru"].terms("космонавты wsjtheme") == ["космонавт", "wsjtheme"]


@pytest.mark.parametrize(
    ("family", "forms"),
    [
        ("pl", "książka książki książkami"),
        ("cs", "kniha knihy knihách"),  # folded after stemming: "knihach" is no form it knows
        ("cs", "mesto mesta meste mestách mestami"),  # Slovak, read by Czech's stemmer
        ("cs", "vláda vlády vláde vládou"),
        ("tr", "kitap kitapları KİTAPLAR"),  # noqa: RUF001 — Turkish dotless i.
        ("el", "πόλη πόλεις πόλεων"),
        ("ca", "ciutat ciutats"),
        ("id", "makan makanan dimakan"),
        ("sr", "књига књиге knjigama"),  # Cyrillic and Latin letters alike
        ("lt", "knyga knygos knygomis"),
    ],
)
def test_the_forms_of_a_word_meet_in_one_stem(family: str, forms: str) -> None:
    assert len(set(FAMILY[family].terms(forms))) == 1, FAMILY[family].terms(forms)


def test_a_word_is_analysed_by_the_families_of_its_script() -> None:
    assert families_of_script("πόλη") == {"el", "plain"}
    assert families_of_script("књига") == {"ru", "sr", "plain"}
    assert "sr" in families_of_script("knjiga")
    assert families_of_script("کتاب") == {"ar", "fa", "plain"}
    assert "el" not in families_of_script("kniha")


@pytest.mark.parametrize("family", ["fr", "ru", "plain"])
def test_text_of_words_only_is_cut_as_mixed_script_text_is(family: str) -> None:
    # Text without spaceless script or combining marks takes a shorter path; one CJK
    # character sends the same text down the general one.
    text = "Les marées CAPTURÉES à Saint-Malo_Nord, 2023: x² Леонова Straße ½"
    assert _NOT_PLAIN_WORDS.search(text.lower()) is None
    words, count = FAMILY[family].positions(text)
    mixed, mixed_count = FAMILY[family].positions(text + " 東")
    assert mixed_count == count + 1
    assert {term: at for term, at in mixed.items() if term != "東"} == words
    assert FAMILY[family].terms(text + " 東") == [*FAMILY[family].terms(text), "東"]
    assert count == 12


# The index follows the database


def test_figure_captions_are_searched_with_the_text(tmp_path: Path) -> None:
    page = article_page("Birds of the estuary", long_paragraphs("Birds feed at low tide."))
    figure = (
        '<figure><img src="bird.png" alt="">'
        "<figcaption>A <em>cormorant</em> dries its wings on the groyne.</figcaption></figure>"
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "birds.html").write_text(page.replace("</h1>", "</h1>" + figure, 1))
    (tmp_path / "pages" / "bird.png").write_bytes(PNG)
    with Library(tmp_path / "library", workers=1) as library:
        library.import_paths([tmp_path / "pages" / "birds.html"])
        [article] = library.articles()
        assert "cormorant" in article.html
        assert "cormorant" not in article.text  # captions are not the article's prose
        assert library.search("cormorant").total == 1
        assert library.search("groyne").total == 1
        assert library.marked_words(article, "cormorants").words == ("cormorant",)
        # A rebuild reads the captions from the database as an import does.
        library.rebuild_index()
        assert library.search("cormorant").total == 1


def test_bookmarks_tags_and_notes_reach_the_index(library: Library) -> None:
    seals = next(a for a in library.articles() if a.title == PAGES["seals"][0])
    assert library.search("puffins").total == 0
    library.set_tags(seals.id, ["Wildlife", "puffins"])
    library.set_note(seals.id, "Ask the volunteers about the colony census")
    library.set_bookmarked(seals.id, True)
    assert only(library, "tag:puffins") == seals.title
    assert only(library, "puffins") == seals.title
    assert only(library, "note:census") == seals.title
    assert only(library, "colony") == seals.title
    facets = library.search("").facets
    assert [(f.value, f.count) for f in facets["tag"]] == [("puffins", 1), ("wildlife", 1)]
    assert [(f.value, f.count) for f in facets["bookmarked"]] == [("yes", 1), ("no", 2)]
    assert library.search("coast", bookmarked_only=True).total == 1
    library.set_bookmarked(seals.id, False)
    library.set_tags(seals.id, [])
    library.set_note(seals.id, "")
    assert library.search("puffins OR census").total == 0
    assert library.search("coast", bookmarked_only=True).total == 0
    assert library.search("").facets["tag"] == ()


def test_more_like_this(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "keepers.html").write_text(
        (tmp_path / "pages" / "lighthouse.html")
        .read_text("utf-8")
        .replace("Lighthouse keepers of Brittany", "Life in a lighthouse")
        .replace("until it shone", "until it gleamed")
        .replace("https://www.coast.example/2021/lighthouses", "https://lights.example/a"),
        "utf-8",
    )
    library.import_paths([folder])
    lighthouse = next(a for a in library.articles() if a.title == PAGES["lighthouse"][0])
    similar = library.more_like_this(lighthouse.id, limit=5)
    assert similar.hits[0].title == "Life in a lighthouse"
    assert lighthouse.id not in {h.id for h in similar.hits}
    assert "<mark>" in similar.hits[0].snippet


def test_reindex_swaps_in_a_new_index_and_search_goes_on(library: Library) -> None:
    seen: list[Progress] = []
    before = {h.title for h in library.search("coast OR marées").hits}
    old_files = set((library.folder / "index").iterdir())
    library.rebuild_index(progress=seen.append)
    assert {h.title for h in library.search("coast OR marées").hits} == before
    assert not (library.folder / "index.new").exists()
    assert not (library.folder / "index.old").exists()
    assert set((library.folder / "index").iterdir()) != old_files
    assert library.search("capturer").total == 1


def test_an_index_of_another_version_is_rebuilt_and_says_how_it_goes(library: Library) -> None:
    folder = library.folder
    count = library.count()
    library.close()
    (folder / "index" / VERSION_FILE).write_text("0", "utf-8")
    heard: list[Progress] = []
    with Library(folder, workers=1, progress=heard.append) as reopened:
        assert reopened.search("capturer").total == 1
    assert (folder / "index" / VERSION_FILE).read_text("utf-8") != "0"
    # From the start, so a window can say at once why opening takes a while.
    assert heard == [Progress(0, count, "index")]
    heard.clear()
    with Library(folder, workers=1, progress=heard.append):
        pass
    assert heard == []  # an index in order is opened as it is


def test_a_mismatch_of_ids_with_the_same_count_is_repaired_at_open(library: Library) -> None:
    folder = library.folder
    seals = next(a for a in library.articles() if a.title == PAGES["seals"][0])
    library.close()
    index = SearchIndex(folder / "index")
    index.delete([seals.id])
    ghost = Article(id=999, title="Ghost ship", text="A ship nobody saved.", html="")
    index.add([ghost])
    assert index.doc_count() == 3
    index.close()
    with Library(folder, workers=1) as reopened:
        assert reopened.search("ghost").total == 0
        assert only(reopened, "estuary") == seals.title
        assert reopened.count() == 3


def test_an_article_deleted_from_the_database_leaves_the_index(library: Library) -> None:
    folder = library.folder
    library.close()
    db = sqlite3.connect(folder / "library.sqlite3")
    db.execute("DELETE FROM articles WHERE title = ?", (PAGES["seals"][0],))
    db.commit()
    db.close()
    with Library(folder, workers=1) as reopened:
        assert reopened.search("estuary").total == 0
        assert reopened.search("coast").total == 1


def test_an_unreadable_index_is_rebuilt(library: Library) -> None:
    folder = library.folder
    library.close()
    for path in (folder / "index").iterdir():
        if path.name.endswith(".toc"):
            path.write_bytes(b"not a table of contents")
    with Library(folder, workers=1) as reopened:
        assert reopened.search("capturer").total == 1


# The fast writer writes what Whoosh's own writer writes


def _postings(folder: Path) -> dict[tuple[str, bytes], list[tuple[int, float, Any]]]:
    ix = whoosh_index.open_dir(str(folder))
    out = {}
    with ix.reader() as reader:
        for fieldname, tbytes in reader.all_terms():
            fmt = reader.schema[fieldname].format
            matcher = reader.postings(fieldname, tbytes)
            rows = []
            while matcher.is_active():
                # Empty values read back as None from a block, as "" from the term table.
                value = matcher.value() or None
                has_positions = value and fmt.supports("positions")
                positions = fmt.decode_positions(value) if has_positions else value
                rows.append((matcher.id(), round(matcher.weight(), 4), positions))
                matcher.next()
            info = reader.term_info(fieldname, tbytes)
            stats = (
                round(info.weight(), 3),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                round(info.max_weight(), 4),
                info.min_id(),
                info.max_id(),
            )
            out[(fieldname, tbytes)] = [stats, *rows]
        lengths = {
            (name, d): reader.doc_field_length(d, name)
            for name in reader.indexed_field_names()
            for d in range(reader.doc_count_all())
        }
        stored = list(reader.all_stored_fields())
    ix.close()
    return {**out, ("_lengths", b""): sorted(lengths.items()), ("_stored", b""): stored}


def test_the_fast_writer_writes_what_whoosh_writes(shared: Library, tmp_path: Path) -> None:
    articles = [a for a in shared.articles() for _ in range(80)]  # Long posting lists too.
    articles = [Article(**{**a.__dict__, "id": n + 1}) for n, a in enumerate(articles)]
    written = {}
    for name, make in (("fast", FastWriter), ("whoosh", None)):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), SCHEMA)
        writer = make(ix) if make else ix.writer()
        for article in articles:
            writer.add_document(**document_for(article))
        writer.commit()
        ix.close()
        written[name] = _postings(folder)
    assert written["fast"] == written["whoosh"]


def test_segments_merged_by_the_fast_writer_hold_what_whoosh_writes(
    shared: Library, tmp_path: Path
) -> None:
    articles = [a for a in shared.articles() for _ in range(20)]
    articles = [Article(**{**a.__dict__, "id": n + 1}) for n, a in enumerate(articles)]
    gone = {5, 77, 150}
    merged = tmp_path / "merged"
    merged.mkdir()
    ix = whoosh_index.create_in(str(merged), SCHEMA)
    for first in range(0, len(articles), 50):  # Several segments...
        writer = FastWriter(ix)
        for article in articles[first : first + 50]:
            writer.add_document(**document_for(article))
        writer.commit(mergetype=NO_MERGE)
    writer = ix.writer()
    for article_id in gone:  # ...with deleted documents...
        writer.delete_by_term("id", article_id)
    writer.commit(mergetype=NO_MERGE)
    FastWriter(ix).commit(mergetype=OPTIMIZE)  # ...merged into one.
    ix.close()
    plain = _whoosh_index(tmp_path / "plain", [a for a in articles if a.id not in gone])
    assert _postings(merged) == _postings(plain)


def test_two_word_phrases_are_checked_position_by_position() -> None:
    def positions(*where: int) -> bytes:
        return array("I", where).tobytes()

    first = {1: positions(4), 2: positions(3, 9, 20), 3: positions(5, 30), 4: positions(7)}
    second = {1: positions(5), 2: positions(10, 40), 3: positions(2), 4: positions(1, 9)}
    # 1: one position each, adjacent; 2: many, adjacent at 9-10; 3: second word comes
    # before the first; 4: the first word once, the second never right after it.
    assert _pairs(first, second, [1, 2, 3, 4]) == [1, 2]
    assert _pairs(second, first, [1, 2, 3, 4]) == []


def test_a_phrase_of_two_common_words_is_answered_from_their_indexed_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bodies = {
        "p1": "Zorp quib marlin.",
        "p2": "Quib zorp marlin.",
        "p3": "Zorp marlin quib.",
        "p4": "Marlin zorp quib zorp.",
    }
    for name, body in bodies.items():
        write_page(tmp_path / "pages", f"{name}.html", f"Page {name}", body, lang="en")
    with Library(tmp_path / "lib", workers=1) as library:
        library.import_paths([tmp_path / "pages"])

        def found(query: str) -> set[str]:
            return {hit.title for hit in library.search(query, limit=10).hits}

        by_positions = {q: found(q) for q in ('"zorp quib"', '"quib zorp"', '"marlin quib"')}
        assert by_positions == {
            '"zorp quib"': {"Page p1", "Page p4"},
            '"quib zorp"': {"Page p2", "Page p4"},
            '"marlin quib"': {"Page p3"},
        }
        # Learned at a rebuild: words in half the articles of a family are common here.
        monkeypatch.setattr(pairs, "MIN_FAMILY_ARTICLES", 2)
        monkeypatch.setattr(pairs, "COMMON_SHARE", 0.5)
        library.rebuild_index()
        common = pairs.load(tmp_path / "lib" / "index")["en"]
        assert {"zorp", "quib", "marlin"} <= common
        assert {q: found(q) for q in by_positions} == by_positions
        # Articles imported after the rebuild get their pairs from the same words.
        write_page(tmp_path / "more", "p5.html", "Page p5", "Quib quib zorp quib.", lang="en")
        library.import_paths([tmp_path / "more"])
        assert found('"zorp quib"') == {"Page p1", "Page p4", "Page p5"}
        assert found('"quib zorp"') == {"Page p2", "Page p4", "Page p5"}


def test_pairs_are_the_common_words_side_by_side() -> None:
    positions = {"zorp": [0, 3], "quib": [1], "marlin": [2], "rare": [4]}
    common = frozenset({"zorp", "quib", "marlin"})
    assert pairs.pairs_of(positions, common) == sorted(
        pairs.pair_term(a, b) for a, b in [("zorp", "quib"), ("quib", "marlin"), ("marlin", "zorp")]
    )


def test_commits_merge_their_small_segments_and_leave_a_rebuilds_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index_module, "SMALL_SEGMENT", 5)
    monkeypatch.setattr(search_index_module, "SMALL_SEGMENTS_MERGED_AT", 3)
    for n in range(6):
        write_page(tmp_path / "first", f"p{n}.html", f"First {n}", f"Harbour note {n}.")
    with Library(tmp_path / "lib", workers=1) as library:
        library.import_paths([tmp_path / "first"])
        library.rebuild_index()

        def sizes() -> list[int]:
            ix = whoosh_index.open_dir(str(tmp_path / "lib" / "index"))
            try:
                return sorted(s.doc_count_all() for s in ix._segments())
            finally:
                ix.close()

        assert sizes() == [6]
        seen = []
        for n in range(4):
            write_page(tmp_path / f"more{n}", "p.html", f"More {n}", f"Tide note {n}.")
            library.import_paths([tmp_path / f"more{n}"])
            seen.append(sizes())
        # The commit that finds three small segments writes them and its own as one; the
        # rebuild's segment stays whole.
        assert seen == [[1, 6], [1, 1, 6], [1, 1, 1, 6], [4, 6]]
        assert library.search("tide").total == 4
        assert library.search("harbour").total == 6


def test_a_rebuild_cuts_a_segment_when_its_postings_fill_their_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Imported in name order: six short articles, then six ten times as long.
    for n in range(6):
        write_page(tmp_path / "pages", f"a{n}.html", f"Short {n}", f"Harbour note {n}.")
    survey = " ".join(f"Tide table line {line} of the survey." for line in range(200))
    for n in range(6):
        write_page(tmp_path / "pages", f"b{n}.html", f"Long {n}", f"Survey {n}. {survey}")

    def segment_sizes() -> list[int]:
        ix = whoosh_index.open_dir(str(tmp_path / "lib" / "index"))
        try:
            return [s.doc_count_all() for s in ix._segments()]
        finally:
            ix.close()

    with Library(tmp_path / "lib", workers=1) as library:
        library.import_paths([tmp_path / "pages"])
        footprints: list[int] = []
        measure = FlatPool.footprint

        def footprint(pool: FlatPool) -> int:
            footprints.append(measure(pool))
            return footprints[-1]

        monkeypatch.setattr(FlatPool, "footprint", footprint)
        library.rebuild_index()
        assert segment_sizes() == [12]  # far under the real budget: one segment
        growth = [b - a for a, b in itertools.pairwise([0, *footprints])]
        assert min(growth[6:]) > 3 * max(growth[1:6])  # a long article's postings weigh more

        # A budget of three long articles: the short ones share a segment with some long
        # ones, then the long ones go three at a time.
        monkeypatch.setattr(search_index_module, "SEGMENT_POOL_BYTES", 3 * min(growth[6:]))
        library.rebuild_index()
        sizes = segment_sizes()
        assert sum(sizes) == 12
        assert len(sizes) >= 3
        assert sizes[0] > 6
        assert max(sizes[1:]) <= 3
        assert library.search("harbour").total == 6
        assert library.search("survey").total == 6


def test_a_reader_over_several_segments_is_added_as_whoosh_adds_it(
    shared: Library, tmp_path: Path
) -> None:
    articles = [a for a in shared.articles() for _ in range(10)]
    articles = [Article(**{**a.__dict__, "id": n + 1}) for n, a in enumerate(articles)]
    source = tmp_path / "source"
    source.mkdir()
    ix = whoosh_index.create_in(str(source), SCHEMA)
    for first in range(0, len(articles), 30):
        writer = FastWriter(ix)
        for article in articles[first : first + 30]:
            writer.add_document(**document_for(article))
        writer.commit(mergetype=NO_MERGE)
    added = tmp_path / "added"
    added.mkdir()
    target = whoosh_index.create_in(str(added), SCHEMA)
    with ix.reader() as reader:
        # A reader of several segments has no column of lengths to read them from at once.
        assert not reader.is_atomic()
        writer = FastWriter(target)
        writer.add_reader(reader)
        writer.commit()
    ix.close()
    target.close()
    assert _postings(added) == _postings(_whoosh_index(tmp_path / "plain", articles))


def _whoosh_index(folder: Path, articles: list[Article]) -> Path:
    """An index of ``articles`` written by Whoosh's own writer, to compare ours with."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), SCHEMA)
    writer = ix.writer()
    for article in articles:
        writer.add_document(**document_for(article))
    writer.commit()
    ix.close()
    return folder
