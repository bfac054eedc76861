"""Citations: each form carries what the library knows of an article, and nothing invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core import Library
from desktop_app.core.citations import FORMATS, citations, saved_on
from desktop_app.core.records import Article, SourceRecord
from tests.pages import write_page

TIDES = Article(
    id=7,
    title="Tides & Currents: 100% of the Bay_Area?",
    text="…",
    html="",
    authors=("Ana Ruiz", "Jo Brand"),
    published="2023-06-12T08:30:00+02:00",
    site_name="Coast {Review}",
    url="https://coast.example/tides?a={b}",
    language="en-GB",
    description="Why the bay\nfloods twice a day.",
    added_at="2026-12-04T10:00:00+00:00",
    sources=(
        SourceRecord("a.warc", "warc", "0" * 64, captured="2024-01-05T10:00:00Z"),
        SourceRecord("b.html", "html", "1" * 64, captured="2025-03-09T10:00:00Z"),
        SourceRecord("c.html", "html", "2" * 64),
    ),
    keywords=("tides", "bays"),
)
BARE = Article(id=8, title="Field notes", text="…", html="", added_at="2026-12-04T10:00:00Z")


def test_the_day_saved_is_the_latest_capture_else_the_import() -> None:
    assert saved_on(TIDES) == "2025-03-09"
    assert saved_on(BARE) == "2026-12-04"


def test_a_reference_line_gives_names_as_written_and_what_the_page_gave() -> None:
    assert citations([TIDES, BARE], "text") == (
        "Ana Ruiz and Jo Brand. \u201cTides & Currents: 100% of the Bay_Area?\u201d "
        "Coast {Review}, 12 June 2023. https://coast.example/tides?a={b}. Saved 9 March 2025.\n"
        "\u201cField notes.\u201d Saved 4 December 2026.\n"
    )


def test_bibtex_escapes_what_bibtex_would_read_and_keeps_keys_apart() -> None:
    second = Article(
        id=9, title="Tides again", text="", html="", authors=("Ana Ruiz",), published="2023-01"
    )
    entries = citations([TIDES, second, BARE], "bibtex")
    assert entries.startswith("@online{ruiz2023tides,\n  author = {Ana Ruiz and Jo Brand},\n")
    assert r"  title = {{Tides \& Currents: 100\% of the Bay\_Area?}}," in entries
    assert r"  organization = {Coast \{Review\}}," in entries
    assert "  url = {https://coast.example/tides?a=%7Bb%7D}," in entries
    assert "  date = {2023-06-12},\n  year = {2023}," in entries
    assert (
        "  urldate = {2025-03-09},\n  langid = {english},\n  keywords = {tides, bays}," in entries
    )
    # The same author, year and first word: a letter sets the second key apart.
    assert "@online{ruiz2023tidesa,\n" in entries
    assert "  date = {2023-01},\n" in entries
    assert "@online{field,\n  title = {{Field notes}},\n  urldate = {2026-12-04},\n}\n" in entries
    unescaped = entries.replace(r"\{", "").replace(r"\}", "")
    assert unescaped.count("{") == unescaped.count("}")  # every group closed


def test_ris_has_a_line_per_author_and_keyword_and_ends_each_record() -> None:
    records = citations([TIDES, BARE], "ris").split("ER  - \n\n")
    assert records[0].splitlines() == [
        "TY  - ELEC",
        "AU  - Ana Ruiz",
        "AU  - Jo Brand",
        "TI  - Tides & Currents: 100% of the Bay_Area?",
        "T2  - Coast {Review}",
        "PY  - 2023",
        "DA  - 2023/06/12",
        "UR  - https://coast.example/tides?a={b}",
        "Y2  - 2025/03/09",
        "LA  - en-GB",
        "AB  - Why the bay floods twice a day.",
        "KW  - tides",
        "KW  - bays",
        "ID  - archive-browser-7",
    ]
    assert records[1].splitlines() == [
        "TY  - ELEC",
        "TI  - Field notes",
        "Y2  - 2026/12/04",
        "ID  - archive-browser-8",
    ]
    assert records[2] == ""


def test_csl_json_is_json_with_only_the_fields_known() -> None:
    tides, bare = json.loads(citations([TIDES, BARE], "csl-json"))
    assert tides == {
        "id": "archive-browser-7",
        "type": "webpage",
        "title": "Tides & Currents: 100% of the Bay_Area?",
        "author": [{"literal": "Ana Ruiz"}, {"literal": "Jo Brand"}],
        "container-title": "Coast {Review}",
        "issued": {"date-parts": [[2023, 6, 12]]},
        "accessed": {"date-parts": [[2025, 3, 9]]},
        "URL": "https://coast.example/tides?a={b}",
        "language": "en-GB",
        "abstract": "Why the bay\nfloods twice a day.",
        "keyword": "tides, bays",
    }
    assert bare == {
        "id": "archive-browser-8",
        "type": "webpage",
        "title": "Field notes",
        "accessed": {"date-parts": [[2026, 12, 4]]},
    }


@pytest.mark.parametrize(
    ("published", "line", "csl"),
    [
        ("2021-03", "Site, March 2021.", [[2021, 3]]),
        ("2021", "Site, 2021.", [[2021]]),
        ("2021-13-40", "Site, 2021.", [[2021]]),  # a month that is none is left out
        ("next week", "Site.", None),
    ],
)
def test_partial_and_unreadable_dates_give_what_they_hold(
    published: str, line: str, csl: list[list[int]] | None
) -> None:
    article = Article(id=1, title="T", text="", html="", site_name="Site", published=published)
    assert f"\u201cT.\u201d {line}" in citations([article], "text")
    item = json.loads(citations([article], "csl-json"))[0]
    assert item.get("issued") == ({"date-parts": csl} if csl else None)


def test_an_unknown_form_is_refused() -> None:
    with pytest.raises(ValueError, match="form must be one of"):
        citations([BARE], "mla")
    assert set(FORMATS) == {"text", "bibtex", "ris", "csl-json"}


def test_bookmarked_articles_are_cited_from_a_real_library(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    write_page(folder, "a.html", "Glaciers in retreat", "The glacier shrinks each year.",
               author="Ana Ruiz", site="Ice Weekly", url="https://ice.example/g",
               published="2022-05-03")  # fmt: skip
    write_page(folder, "b.html", "Tides of Brittany", "Les marées montent vite.", lang="fr")
    with Library(tmp_path / "lib", workers=1) as library:
        library.import_paths([folder])
        glacier = next(a for a in library.articles() if a.title == "Glaciers in retreat")
        library.set_bookmarked(glacier.id, True)
        [cited] = library.bookmarked_articles()
    assert citations([cited], "text").startswith(
        "Ana Ruiz. \u201cGlaciers in retreat.\u201d Ice Weekly, 3 May 2022. https://ice.example/g."
    )
