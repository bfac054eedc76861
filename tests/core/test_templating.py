"""A site's repeated blocks are learned across its pages and taken out of every one of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core import Library, OutcomeKind, templating
from desktop_app.core.identity import text_key
from desktop_app.core.store import Store
from tests.pages import FILLER, article_page

PROMO = "Subscribe to the Harbour Gazette newsletter for the week's best stories every Friday."
SUBJECTS = ["ferries", "lighthouses", "fishing quotas", "sea walls", "tide gauges", "gulls"]
WORDS = [
    "harbour",
    "quay",
    "pier",
    "crane",
    "tug",
    "hull",
    "mast",
    "sail",
    "rope",
    "anchor",
    "buoy",
    "beacon",
    "dredger",
    "slipway",
    "breakwater",
    "lock",
    "basin",
    "wharf",
    "cargo",
    "ferry",
    "trawler",
    "net",
    "catch",
    "auction",
    "market",
    "stall",
    "chandler",
    "boatyard",
    "mooring",
    "tide",
    "current",
    "swell",
    "gale",
    "storm",
    "fog",
    "horn",
    "keeper",
    "lamp",
    "lens",
    "tower",
    "cliff",
    "dune",
]


def _prose(seed: int, sentences: int) -> str:
    """Sentences that differ from page to page, as real articles do."""
    out = []
    for n in range(sentences):
        picked = [WORDS[(seed * 7 + n * 13 + k * 5) % len(WORDS)] for k in range(9)]
        crowd = " and ".join(picked[2:5])
        out.append(
            f"The {picked[0]} near the {picked[1]} met the {crowd} while the {picked[5]} "
            f"watched the {picked[6]}, {picked[7]} and {picked[8]}."
        )
    return " ".join(out)


def _site_page(folder: Path, number: int, promo: str = PROMO) -> Path:
    subject = SUBJECTS[number]
    paragraphs = [
        f"The council met again about {subject} this week. {_prose(number, 6)}",
        f"Residents said {subject} matter to the whole town. {_prose(number + 50, 6)}",
        promo,
    ]
    page = article_page(
        f"News about {subject}", paragraphs, url=f"https://harbourgazette.example/news/{number}"
    )
    path = folder / f"page{number}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, "utf-8")
    return path


def test_repeated_blocks_of_a_site_are_taken_out(library: Library, tmp_path: Path) -> None:
    paths = [_site_page(tmp_path / "site", n) for n in range(4)]
    ids = library.import_paths(paths).imported_ids
    for article_id in ids:
        article = library.article(article_id)
        assert PROMO not in article.text
        assert PROMO not in article.html
        assert "The council met again" in article.text
    assert library.search("newsletter").total == 0


def test_older_pages_are_cleaned_when_new_ones_arrive(library: Library, tmp_path: Path) -> None:
    first = [_site_page(tmp_path / "site", n) for n in range(2)]
    early_ids = library.import_paths(first).imported_ids
    # Two pages are too few to tell the site's template from its articles.
    assert all(PROMO in library.article(i).text for i in early_ids)
    later = [_site_page(tmp_path / "site", n) for n in range(2, 5)]
    library.import_paths(later)
    assert all(PROMO not in library.article(i).text for i in early_ids)
    # ...and indexed again: the promotion's words no longer find them.
    assert library.search("newsletter").total == 0


def test_reextracting_keeps_the_template_out(library: Library, tmp_path: Path) -> None:
    ids = library.import_paths([_site_page(tmp_path / "site", n) for n in range(4)]).imported_ids
    [outcome] = library.reextract([ids[0]])
    assert outcome.updated
    assert PROMO not in library.article(ids[0]).text


def test_pages_of_other_sites_are_left_alone(library: Library, tmp_path: Path) -> None:
    ids = library.import_paths([_site_page(tmp_path / "site", n) for n in range(4)]).imported_ids
    other = article_page(
        "A lone page", [f"Elsewhere entirely. {FILLER}", PROMO], url="https://other.example/a"
    )
    (tmp_path / "other.html").write_text(other, "utf-8")
    [other_id] = library.import_paths([tmp_path / "other.html"]).imported_ids
    assert PROMO in library.article(other_id).text
    assert PROMO not in library.article(ids[0]).text


def test_a_big_sites_template_is_learned_from_its_newest_pages(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three newest pages stand for the site here, as four hundred do in a real library.
    monkeypatch.setattr(templating, "LEARNING_WINDOW", 3)
    first = library.import_paths([_site_page(tmp_path / "site", n) for n in range(2)])
    later = library.import_paths([_site_page(tmp_path / "site", n) for n in range(2, 6)])
    # The four new pages are learned from together and cleaned...
    assert all(PROMO not in library.article(i).text for i in later.imported_ids)
    # ...while pages older than the newest three are left as they were.
    assert all(PROMO in library.article(i).text for i in first.imported_ids)
    # An old page extracted again joins the newest ones and is cleaned with them.
    library.reextract([first.imported_ids[0]])
    assert PROMO not in library.article(first.imported_ids[0]).text


def test_more_articles_than_a_statement_takes_at_once_are_looked_up(
    library: Library, tmp_path: Path
) -> None:
    ids = library.import_paths([_site_page(tmp_path / "site", n) for n in range(3)]).imported_ids
    many = [*ids, *range(10_000, 310_000)]  # SQLite refuses statements of 250,000 values.
    store = Store(library.folder / "library.sqlite3")
    try:
        assert store.site_keys(many) == {"harbourgazette.example"}
        assert sorted(store.texts(many)) == sorted(ids)
        assert [page[0] for page in store.site_pages("harbourgazette.example", 2, many)] == ids
    finally:
        store.close()


def test_a_big_import_is_learned_from_all_its_sections(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Learned from at most four pages here: they are spread over the import, so the first
    # section's own promo is learned although the import ends with another section.
    monkeypatch.setattr(templating, "LEARNING_WINDOW", 4)
    other = "Weather charts appear on page nine each weekday, with marine forecasts."
    paths = [_site_page(tmp_path / "site", n) for n in range(4)]
    paths += [_site_page(tmp_path / "site", n, promo=other) for n in range(4, 6)]
    ids = library.import_paths(paths).imported_ids
    assert all(PROMO not in library.article(i).text for i in ids[:4])


def _gazette_page(folder: Path, number: int, extra: str = "") -> Path:
    """A page of the site without a URL: a copy of it is known only by its text."""
    subject = SUBJECTS[number]
    paragraphs = [f"The council met again about {subject}. {_prose(number, 6)}", PROMO]
    html = article_page(f"News about {subject}", paragraphs, site="Harbour Gazette")
    path = folder / f"page{number}{extra and '-again'}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html.replace("</body>", f"{extra}</body>"), "utf-8")
    return path


def test_a_copy_of_a_cleaned_page_without_a_url_is_known_by_its_text(
    library: Library, tmp_path: Path
) -> None:
    ids = library.import_paths([_gazette_page(tmp_path, n) for n in range(4)]).imported_ids
    assert PROMO not in library.article(ids[0]).text
    copy = _gazette_page(tmp_path, 0, extra="<!-- saved again -->")
    [outcome] = library.import_paths([copy]).outcomes
    assert outcome.kind is OutcomeKind.DUPLICATE
    assert outcome.article_ids == (ids[0],)


def test_a_format_2_library_keys_its_cleaned_pages_by_their_extracted_text(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        ids = library.import_paths([_gazette_page(tmp_path, n) for n in range(4)]).imported_ids
    # As format 2 left them: cleaned pages keyed by their cleaned text.
    db = sqlite3.connect(folder / "library.sqlite3")
    for article_id, text in db.execute("SELECT id, text FROM articles").fetchall():
        db.execute("UPDATE articles SET text_key = ? WHERE id = ?", (text_key(text), article_id))
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Library(folder) as library:
        copy = _gazette_page(tmp_path, 0, extra="<!-- saved again -->")
        [outcome] = library.import_paths([copy]).outcomes
    assert outcome.kind is OutcomeKind.DUPLICATE
    assert outcome.article_ids == (ids[0],)


def test_a_new_capture_of_a_short_cleaned_page_is_the_same_article(
    library: Library, tmp_path: Path
) -> None:
    # The template is most of a brief page: the capture is compared with the page as
    # extracted, not with what the template left of it.
    def brief(number: int, extra: str = "") -> Path:
        sailing = f"The ferry to {SUBJECTS[number]} sails at {number + 6} tomorrow morning"
        lines = [
            f"{sailing}, weather allowing, from the north quay beside the old fish market.",
            PROMO,
        ]
        url = f"https://harbourgazette.example/briefs/{number}"
        html = article_page(f"Brief {number}", lines, url=url).replace("</body>", f"{extra}</body>")
        path = tmp_path / f"brief{number}{extra and '-again'}.html"
        path.write_text(html, "utf-8")
        return path

    ids = library.import_paths([brief(n) for n in range(4)]).imported_ids
    assert PROMO not in library.article(ids[0]).text
    [outcome] = library.import_paths([brief(0, extra="<!-- saved again -->")]).outcomes
    assert outcome.kind is OutcomeKind.DUPLICATE
    assert outcome.article_ids == (ids[0],)
