"""The command-line contract, through the real entry point in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.pages import write_page

ARTICLE_KEYS = {
    "id", "title", "authors", "published", "site_name", "url", "language", "description",
    "text", "html", "sources", "bookmarked", "tags",
}  # fmt: skip
HIT_KEYS = {"id", "title", "url", "site_name", "published", "language", "score", "snippet"}


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m desktop_app ARGS``: the same code as the ``archive-browser`` command."""
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def run_json(*args: str | Path) -> Any:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    write_page(folder, "glacier.html", "Glaciers in retreat", "The glacier shrinks each year.",
               author="Ana Ruiz", site="Ice Weekly", url="https://ice.example/g",
               published="2022-05-03")  # fmt: skip
    write_page(folder, "nested/tides.html", "Tides of Brittany", "Les marées montent vite.",
               lang="fr")  # fmt: skip
    (folder / "scrape.txt").write_text("Field notes\n\nThe glacier was quiet today.", "utf-8")
    return folder


def test_import_json_then_list_show_search(pages: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    report = run_json("import", pages, "--library", lib, "--json")
    assert len(report["imported"]) == 3
    assert report["duplicates"] == []
    assert report["skipped"] == []
    assert report["failed"] == []
    listed = run_json("list", "--library", lib, "--json")
    assert [a["id"] for a in listed] == report["imported"]
    assert all(set(a) >= ARTICLE_KEYS for a in listed)
    glacier = next(a for a in listed if a["title"] == "Glaciers in retreat")
    shown = run_json("show", str(glacier["id"]), "--library", lib, "--json")
    assert shown["authors"] == ["Ana Ruiz"]
    assert shown["published"] == "2022-05-03"
    assert shown["url"] == "https://ice.example/g"
    assert shown["language"] == "en"
    assert shown["sources"][0]["path"] == str(pages / "glacier.html")
    assert shown["sources"][0]["format"] == "html"
    assert len(shown["sources"][0]["sha256"]) == 64
    assert shown["bookmarked"] is False
    assert shown["tags"] == []
    found = run_json("search", "glacier", "--library", lib, "--limit", "1", "--json")
    assert found["total"] == 2
    [hit] = found["hits"]
    assert set(hit) == HIT_KEYS
    assert "<mark>" in hit["snippet"]


def test_reimport_reports_duplicates(pages: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    first = run_json("import", pages, "--library", lib, "--json")
    again = run_json("import", pages, "--library", lib, "--json")
    assert again["imported"] == []
    assert sorted(i for d in again["duplicates"] for i in d["ids"]) == sorted(first["imported"])


def test_failed_input_is_named_and_others_are_imported(pages: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = run("import", missing, pages, "--library", tmp_path / "lib", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["failed"] == [{"path": str(missing), "error": "no such file or folder"}]
    assert len(report["imported"]) == 3


def test_a_batch_for_worker_processes_accounts_for_every_file(tmp_path: Path) -> None:
    # Enough files for worker processes, which the command line forks from itself on Linux.
    folder = tmp_path / "many"
    for n in range(12):
        write_page(folder, f"note{n:02}.html", f"Harbour note {n}", f"Tide table number {n}.")
    (folder / "broken.webarchive").write_bytes(b"bplist00 cut short")
    result = run("import", folder, "--library", tmp_path / "lib", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert len(report["imported"]) == 12
    [failed] = report["failed"]
    assert failed["path"] == str(folder / "broken.webarchive")
    assert failed["error"]
    titles = {a["title"] for a in run_json("list", "--library", tmp_path / "lib", "--json")}
    assert titles == {f"Harbour note {n}" for n in range(12)}


def test_human_import_output_names_failures_on_stderr(pages: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = run("import", missing, pages / "glacier.html", "--library", tmp_path / "lib")
    assert result.returncode == 1
    assert f"{missing}: no such file or folder" in result.stderr
    assert "imported" in result.stdout
    assert "1 imported" in result.stdout


def test_extract_prints_one_json_object_per_article(pages: Path) -> None:
    result = run("extract", pages / "glacier.html", pages / "scrape.txt", "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["title"] for a in lines] == ["Glaciers in retreat", "Field notes"]
    assert all(set(a) >= ARTICLE_KEYS | {"source"} for a in lines)
    assert lines[1]["source"] == str(pages / "scrape.txt")
    assert lines[1]["sources"][0]["format"] == "text"


def test_extract_names_a_missing_file_and_goes_on(pages: Path, tmp_path: Path) -> None:
    result = run("extract", tmp_path / "nope.html", pages / "glacier.html", "--json")
    assert result.returncode == 1
    assert "nope.html: no such file or folder" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_library_defaults_to_the_environment_variable(pages: Path, tmp_path: Path) -> None:
    lib = tmp_path / "from-env"
    result = run("import", pages, "--json", env={"ARCHIVE_BROWSER_LIBRARY": str(lib)})
    assert result.returncode == 0, result.stderr
    assert (lib / "library.sqlite3").is_file()


def test_show_unknown_id_fails_with_a_message(tmp_path: Path) -> None:
    result = run("show", "7", "--library", tmp_path / "lib", "--json")
    assert result.returncode == 1
    assert "no article with id 7" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["show", "not-a-number"],
        ["search"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--sort", "colour"],
        ["search", "x", "--filter", "colour=red"],
        ["reindex", "extra"],
        ["cite"],
        ["cite", "1", "--bookmarked"],
        ["cite", "1", "--format", "mla"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).returncode == 2


def test_installed_command_is_the_same_entry_point(pages: Path, tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("archive-browser")
    if not command.exists():
        pytest.skip("the archive-browser script is not installed next to this Python")
    result = subprocess.run(
        [str(command), "import", str(pages), "--library", str(tmp_path / "lib"), "--json"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["imported"]) == 3


def test_reextract_rebuilds_articles_and_reports_each(pages: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    ids = run_json("import", pages, "--library", lib, "--json")["imported"]
    outcomes = run_json("reextract", str(ids[0]), "--library", lib, "--json")
    assert outcomes == [{"id": ids[0], "updated": True, "reason": ""}]
    everything = run_json("reextract", "--all", "--library", lib, "--json")
    assert sorted(o["id"] for o in everything) == sorted(ids)
    assert run("reextract", "--library", lib).returncode == 2
    missing = run("reextract", "999", "--library", lib)
    assert missing.returncode == 1
    assert "no article with id 999" in missing.stderr


def test_search_json_has_facets_suggestion_and_takes_a_sort(pages: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    run_json("import", pages, "--library", lib, "--json")
    found = run_json("search", "glacier", "--library", lib, "--json", "--sort", "date")
    assert set(found) == {"total", "hits", "facets", "suggestion", "notice"}
    assert [h["title"] for h in found["hits"]] == ["Glaciers in retreat", "Field notes"]
    assert found["facets"]["year"] == [{"value": "2022", "count": 1}]
    assert found["facets"]["language"] == [{"value": "en", "count": 1}]
    assert set(found["facets"]) == {"site", "language", "year", "tag", "bookmarked"}
    assert found["suggestion"] is None
    assert found["notice"] is None
    misspelt = run_json("search", "glaicer", "--library", lib, "--json")
    assert misspelt["total"] == 0
    assert misspelt["suggestion"] == "glacier"
    filtered = run_json("search", "glacier", "--library", lib, "--json", "--filter", "year=2022")
    assert [h["title"] for h in filtered["hits"]] == ["Glaciers in retreat"]
    malformed = run_json("search", "glacier AND (", "--library", lib, "--json")
    assert malformed["total"] == 2
    assert malformed["notice"] == "Searched for the words: glacier"


def test_human_search_output_shows_notice_suggestion_and_facets(
    pages: Path, tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    run_json("import", pages, "--library", lib, "--json")
    result = run("search", "glaicer", "--library", lib)
    assert result.returncode == 0, result.stderr
    assert "0 found" in result.stdout
    assert "Did you mean: glacier" in result.stdout
    result = run("search", "glacier (", "--library", lib)
    assert "Searched for the words: glacier" in result.stdout
    assert "language: en (1)" in result.stdout


def test_reindex_rebuilds_the_index_and_search_goes_on(pages: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    run_json("import", pages, "--library", lib, "--json")
    result = run("reindex", "--library", lib)
    assert result.returncode == 0, result.stderr
    assert "rebuilt the search index of 3 articles" in result.stdout
    assert not (lib / "index.new").exists()
    assert run_json("search", "marées", "--library", lib, "--json")["total"] == 1


def test_cite_prints_citations_of_articles_or_bookmarks(pages: Path, tmp_path: Path) -> None:
    from desktop_app.core import Library

    lib = tmp_path / "lib"
    run("import", pages, "--library", lib, "--quiet")
    [glacier] = [a for a in run_json("list", "--library", lib, "--json") if a["authors"]]
    ris = run("cite", str(glacier["id"]), "--format", "ris", "--library", lib)
    assert ris.returncode == 0, ris.stderr
    assert "TI  - Glaciers in retreat\n" in ris.stdout
    assert "AU  - Ana Ruiz\n" in ris.stdout
    assert ris.stdout.endswith("ER  - \n\n")
    none = run("cite", "--bookmarked", "--library", lib)
    assert (none.returncode, none.stdout) == (0, "")
    with Library(lib, workers=1) as library:
        library.set_bookmarked(glacier["id"], True)
    [item] = run_json("cite", "--bookmarked", "--format", "csl-json", "--library", lib)
    assert item["title"] == "Glaciers in retreat"
    assert item["issued"] == {"date-parts": [[2022, 5, 3]]}
    missing = run("cite", "999", "--library", lib)
    assert missing.returncode == 1
    assert "no article with id 999" in missing.stderr


def test_open_takes_any_number_of_paths() -> None:
    from desktop_app.cli import build_parser

    assert build_parser().parse_args(["open"]).paths == []
    assert build_parser().parse_args(["open", "a.html", "b.warc"]).paths == ["a.html", "b.warc"]
