"""Saved-page cases with their expected result beside them, run by one parametrised test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archive_import import extract_file

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(p for p in CASES.iterdir() if p.suffix in {".html", ".txt"})


def _expected(page: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))
    return data


def test_every_case_has_an_expectation() -> None:
    assert len(CASE_FILES) >= 8
    for page in CASE_FILES:
        assert page.with_suffix(".expected.json").is_file(), page.name


@pytest.mark.parametrize("page", CASE_FILES, ids=lambda p: p.name)
def test_case(page: Path) -> None:
    expected = _expected(page)
    [article] = extract_file(page)
    for key in ("title", "site_name", "url", "language", "description"):
        if key in expected:
            assert getattr(article, key) == expected[key], key
    if "authors" in expected:
        assert list(article.authors) == expected["authors"]
    if "published" in expected:
        assert (article.published or "")[:10] == expected["published"]
    text = " ".join(article.text.split())
    for fragment in expected.get("text_contains", []):
        assert fragment in text
    for boilerplate in expected.get("text_excludes", []):
        assert boilerplate not in text
    assert article.source.sha256
    assert article.source.path == str(page)
